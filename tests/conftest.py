"""Shared fixtures: the repository paths, a file-tree helper and the goldens switch."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# The notices Material (NO_...) and ProperDocs (DISABLE_..., asked for by our plugin when
# properdocs is installed) print under `mkdocs`: kept out of every command the tests run.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
UNITS_DIR = ROOT / "content" / "units"
SEEDS_DIR = ROOT.parent / "shared" / "seeds"


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
    """A copy of this project's site sources (mkdocs.yml, content, overrides) in a temp folder."""

    def make(units: Mapping[str, str] | None = None, *, seed_units: bool = True) -> Path:
        project = tmp_path / "project"
        project.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(ROOT / "overrides", project / "overrides")
        shutil.copytree(ROOT / "site_templates", project / "site_templates")
        shutil.copytree(ROOT / "content", project / "content")
        if not seed_units:
            for path in (project / "content" / "units").glob("*.yml"):
                path.unlink()
        for name, text in (units or {}).items():
            (project / "content" / "units" / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return project

    return make


# Hypothesis: modest example counts keep the suite fast; HYPOTHESIS_PROFILE=thorough for a long run.
# No deadline: the machine is shared, and timing is measured by benchmarks, not tests.
settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
