"""Shared fixtures: the repository paths, a file-tree helper and the goldens switch.

The suite runs in parallel under pytest-xdist (``.ci/test`` passes ``-n``): fixtures that
build something every worker reads (the printables cache, the seed and hostile sites) live
in the folder all workers of the run share, and only the first worker to ask builds them
(see :func:`built_once`).
"""

from __future__ import annotations

import os
import shutil
import textwrap
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from hypothesis import settings

from generator.adapter.collector import BUILD_COLLECTOR
from generator.caches import clear_caches

from .helpers import build_in_process, make_project, share_printables_cache

ROOT = Path(__file__).resolve().parent.parent

# The notices Material (NO_...) and ProperDocs (DISABLE_..., asked for by our plugin when
# properdocs is installed) print under `mkdocs`: kept out of every command the tests run.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
UNITS_DIR = ROOT / "content" / "units"
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
HOSTILE_UNIT = ROOT / "tests" / "fixtures" / "fict-hostile.yml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from current output")


def _tree_cpu_seconds() -> float:
    """CPU seconds used so far by this process and every live process under it (Chromium among
    them), plus what finished children left in their parents' counts (Linux ``/proc``)."""
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # gone since the listing
            continue
        parents[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    tree, found = {os.getpid()}, True
    while found:
        found = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                found = True
    return sum(used[pid] for pid in tree) / os.sysconf("SC_CLK_TCK")


def _machine_cpu_seconds() -> float:
    """CPU seconds the whole machine has used (``/proc/stat``: user, nice, system, irq, softirq)."""
    with open("/proc/stat", encoding="ascii") as stat:
        user, nice, system, _idle, _iowait, irq, softirq = (int(value) for value in stat.readline().split()[1:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    """With ``SUITE_TIMELINE=<file>``, append ``end-time worker wall-seconds tree-cpu machine-cpu test``
    as each test ends (setup and teardown included): how the xdist workers share the run, and what
    each test costs. Tree CPU is this process's and its live descendants'; Chromium's renderers that
    end are reaped outside the tree, so run with ``-n 0`` and read the machine's CPU to count them."""
    timeline = os.environ.get("SUITE_TIMELINE")
    if not timeline or not Path("/proc/self/stat").exists():
        yield
        return
    started, tree, machine = time.time(), _tree_cpu_seconds(), _machine_cpu_seconds()
    yield
    tree, machine = _tree_cpu_seconds() - tree, _machine_cpu_seconds() - machine
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(timeline, "a", encoding="utf-8") as log:
        log.write(f"{time.time():.2f} {worker} {time.time() - started:.2f} {tree:.2f} {machine:.2f} {item.nodeid}\n")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[[Mapping[str, str]], Path]:
    """Write ``{relative path: text}`` under a fresh folder (text is dedented) and return it."""

    def make(files: Mapping[str, str]) -> Path:
        for relative, text in files.items():
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture
def site_project(tmp_path: Path) -> Callable[..., Path]:
    """A copy of this project's site sources in a temp folder (see :func:`tests.helpers.make_project`)."""

    def make(units: Mapping[str, str] | None = None, *, seed_units: bool = True, **options: Any) -> Path:
        return make_project(tmp_path / "project", unit_files=units, seed_units=seed_units, **options)

    return make


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """The temporary folder every xdist worker of this run shares, or None when not under xdist.

    xdist gives each worker its own base folder inside the controller's one (pytest's
    documented recipe for sharing a fixture between workers).
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return None
    return tmp_path_factory.getbasetemp().parent


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]) -> Path:
    """``build(folder)``'s result, made once per run: under xdist the first worker builds, the others wait.

    What is built this way is shared by every worker, so tests must only read it. A build
    that failed is tried again by the next worker that asks (and fails there too).
    """
    shared = run_folder(tmp_path_factory)
    if shared is None:
        return build(tmp_path_factory.mktemp(name))
    folder = shared / name
    done = shared / f"{name}.done"
    with FileLock(shared / f"{name}.lock"):
        if done.is_file():
            return Path(done.read_text(encoding="utf-8"))
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        result = build(folder)
        done.write_text(str(result), encoding="utf-8")
        return result


@pytest.fixture(scope="session", autouse=True)
def shared_printables_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One printables cache for the run: only the first build that needs a file renders it.

    Under xdist the workers share it: the cache writes atomically and pins what each
    process reads, so concurrent builds may use one folder (generator/printables/cache.py).
    """
    shared = run_folder(tmp_path_factory)
    if shared is None:
        folder = tmp_path_factory.mktemp("printables-cache")
    else:
        folder = shared / "printables-cache"
        folder.mkdir(exist_ok=True)
    share_printables_cache(folder)
    yield folder
    share_printables_cache(None)


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> Iterator[None]:
    """Each test starts with empty in-memory caches (parsed units, pages, templates, digests), and
    the garbage collector as no build touched it (tests that run only part of a build leave it open)."""
    yield
    clear_caches()
    BUILD_COLLECTOR.end()


#: The date every shared site is built on, so its downloads can be compared byte for byte.
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}  # 1 January 2026


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This project's own site with every download, built once per run (read it, never change it)."""
    return built_once(
        tmp_path_factory, "seed-site", lambda folder: build_in_process(make_project(folder / "project"), env=EPOCH)
    )


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project plus the fictional hostile unit, built once per run with every download."""

    def build(folder: Path) -> Path:
        project = make_project(folder / "project")
        shutil.copy(HOSTILE_UNIT, project / "content" / "units" / HOSTILE_UNIT.name)
        return build_in_process(project, env=EPOCH)

    return built_once(tmp_path_factory, "hostile", build)


# Hypothesis: modest example counts keep the suite fast; HYPOTHESIS_PROFILE=thorough for a long run.
# No deadline: the machine is shared, and timing is measured by benchmarks, not tests.
settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
