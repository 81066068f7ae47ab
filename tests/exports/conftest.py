"""Fixtures of the export tests: the seed project, and the seeds plus fictional hostile units."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import Settings, load_catalogue, load_qualifications
from generator.content.catalogue import Catalogue
from generator.content.qualifications import Qualifications
from generator.exports.site_exports import ExportSettings, SiteExports, build_exports

from ..conftest import ROOT
from ..hostile import HOSTILE_UNIT

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
NAMESPACE = "6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90"
SITE_URL = "https://handbook.example.invalid/"
SITE_NAME = "Qualification handbook (sample)"  # as in the project's mkdocs.yml
WHEN = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Project:
    catalogue: Catalogue
    qualifications: Qualifications

    def export(self, **options: object) -> SiteExports:
        settings = ExportSettings(**{"namespace": NAMESPACE, "site_url": SITE_URL, "site_name": SITE_NAME, **options})
        return build_exports(self.catalogue, self.qualifications, settings, when=WHEN)


def load_project(root: Path) -> Project:
    settings = Settings(
        root=root, units_dir=root / "content" / "units", qualifications_dir=root / "content" / "qualifications"
    )
    catalogue = load_catalogue(settings)
    return Project(catalogue, load_qualifications(settings, catalogue))


@pytest.fixture(scope="session")
def seeds() -> Project:
    """The project's own content: three OCR units and the sample qualification."""
    return load_project(ROOT)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The seeds, the hostile unit, a unit of formula-like texts and a fictional qualification of all five."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(HOSTILE_UNIT, root / "content" / "units" / HOSTILE_UNIT.name)
    shutil.copy(FIXTURES / "fict-formulas.yml", root / "content" / "units" / "fict-formulas.yml")
    shutil.copy(FIXTURES / "fict-exports.yml", root / "content" / "qualifications" / "fict-exports.yml")
    return load_project(root)


@pytest.fixture(scope="session")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fictional unit of every shape (tests/fixtures/units) in one fictional qualification."""
    root = tmp_path_factory.mktemp("shapes")
    shutil.copytree(ROOT / "tests" / "fixtures" / "units", root / "content" / "units")
    (root / "content" / "qualifications").mkdir()
    shutil.copy(FIXTURES / "fict-shapes.yml", root / "content" / "qualifications" / "fict-shapes.yml")
    return load_project(root)


def files_by_path(exports: SiteExports) -> dict[str, bytes]:
    return {item.site_path: item.read() for item in exports.files}
