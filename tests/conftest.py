"""Shared fixtures: the repository paths, a file-tree helper and the goldens switch."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
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


@pytest.fixture(scope="session", autouse=True)
def shared_printables_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One printables cache for the session: only the first build that needs a file renders it."""
    folder = tmp_path_factory.mktemp("printables-cache")
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
    """This project's own site with every download, built once per session (read it, never change it)."""
    project = make_project(tmp_path_factory.mktemp("seed-site") / "project")
    return build_in_process(project, env=EPOCH)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project plus the fictional hostile unit, built once per session with every download."""
    project = make_project(tmp_path_factory.mktemp("hostile") / "project")
    shutil.copy(HOSTILE_UNIT, project / "content" / "units" / HOSTILE_UNIT.name)
    return build_in_process(project, env=EPOCH)


# Hypothesis: modest example counts keep the suite fast; HYPOTHESIS_PROFILE=thorough for a long run.
# No deadline: the machine is shared, and timing is measured by benchmarks, not tests.
settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
