"""`handbook build` runs the real MkDocs build and publishes atomically.

A failed, late-failing or interrupted build must leave the previously published site
byte-identical and no temporary folder behind. Late failures and a slow build are made
with real MkDocs hooks (``hooks:`` in mkdocs.yml) in a temporary copy of the project.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish import TEMP_PREFIX

from .conftest import EPOCH, ROOT
from .helpers import make_project, run_handbook, run_mkdocs

pytestmark = pytest.mark.slow

# Every build here is dated like the session's shared sites, so its downloads come from the shared cache.

HANDBOOK = str(Path(sys.executable).parent / "handbook")
BAD_UNITS = ROOT / "tests" / "bad_units"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(TEMP_PREFIX))


def add_hook(project: Path, source: str) -> None:
    (project / "hooks.py").write_text(source, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - hooks.py\n")


@pytest.fixture(scope="module")
def published_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a site published by `handbook build`, built once for this module."""
    project = make_project(tmp_path_factory.mktemp("published") / "project")
    result = run_handbook(project, "build", env=EPOCH)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def published(published_once: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A copy of that published project for one test to change, and its site's bytes."""
    project = tmp_path / "project"
    shutil.copytree(published_once, project, symlinks=True)
    return project, snapshot(project / "site")


def test_build_publishes_the_site_with_progress(published) -> None:
    project, files = published
    assert "units/r-503-0865/index.html" in files
    assert "search/search_index.json" in files
    assert leftovers(project) == []
    assert oct((project / "site").stat().st_mode & 0o777) == "0o755"


def test_build_into_chosen_output_folder_reports_stages(site_project) -> None:
    project = site_project()
    result = run_handbook(project, "build", "--output", "public", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert (project / "public" / "units" / "index.html").is_file()
    assert not (project / "site").exists()
    lines = result.stderr.splitlines()
    stages = [line for line in lines if line.endswith("...")]
    assert stages[:3] == ["checking content (3)...", "printables...", "exports..."]
    assert stages[3].startswith("building pages (")
    assert stages[4:] == ["publishing..."]
    assert lines[-1] == f"site published to {project / 'public'}"


def test_failed_build_leaves_previous_site_byte_identical(published) -> None:
    project, before = published
    (project / "content" / "units" / "broken.yml").write_text(
        "# Fictional unit\nid: fict-broken\ntitel: Fictional\nlevel: 2\n", encoding="utf-8"
    )
    result = run_handbook(project, "build", env=EPOCH)
    assert result.returncode == 1
    assert "content/units/broken.yml:3:1: titel: unknown key; did you mean 'title'?" in result.stderr.splitlines()
    assert "the previous site (if any) is unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_late_failure_after_pages_were_written_leaves_previous_site(published) -> None:
    project, before = published
    # Every page changes (the site name is on each), while the downloads stay cached.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Changed ", 1), "utf-8")
    add_hook(
        project,
        "from mkdocs.exceptions import PluginError\n\n\n"
        "def on_post_build(config):\n"
        "    raise PluginError('downloads could not be written (simulated by a test hook)')\n",
    )
    result = run_handbook(project, "build", env=EPOCH)
    assert result.returncode == 1
    assert "downloads could not be written (simulated by a test hook)" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def _as_foreground_job() -> None:
    """Give the build Ctrl-C as a terminal's foreground job has it.

    A suite started in the background of a script (``bash .ci/test &``) inherits SIGINT
    ignored, as POSIX shells do for background jobs, and passes that on to every child.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_build_leaves_previous_site(published, signum: int) -> None:
    project, before = published
    ready = project / "ready"
    add_hook(
        project,
        "import pathlib, time\n\n\n"
        "def on_post_build(config):\n"
        f"    pathlib.Path({str(ready)!r}).touch()\n"
        "    time.sleep(60)\n",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **EPOCH}
    process = subprocess.Popen(
        [HANDBOOK, "build"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_as_foreground_job,
    )
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "build never reached on_post_build"
            time.sleep(0.05)
        assert leftovers(project), "the build should be writing into a temporary folder"
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()  # closes the pipes
    assert process.returncode == 130
    assert "build interrupted; the previous site (if any) is unchanged." in stderr
    assert "Traceback" not in stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_build_refuses_to_replace_the_project_folder(site_project) -> None:
    project = site_project()
    result = run_handbook(project, "build", "--output", ".")
    assert result.returncode == 1
    assert "choose a separate output folder" in result.stderr
    assert (project / "mkdocs.yml").is_file()


@pytest.mark.parametrize(
    "case", ["syntax-error", "python-tag", "alias-bomb", "deep-nesting", "duplicate-id-case", "path-escape"]
)
def test_real_mkdocs_build_fails_on_bad_case_and_writes_no_site(site_project, case: str) -> None:
    project = site_project(seed_units=False)
    units = project / "content" / "units"
    source = BAD_UNITS / case
    sources = sorted(source.iterdir()) if source.is_dir() else [source.with_suffix(".yml")]
    for path in sources:
        (units / path.name).write_bytes(path.read_bytes())
    expected = (BAD_UNITS / f"{case}.expected").read_text(encoding="utf-8")
    prefix = f"tests/bad_units/{case}/" if source.is_dir() else "tests/bad_units/"
    expected = expected.replace(prefix, "content/units/")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode != 0
    for line in expected.splitlines():
        assert line in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
