"""Unit history on the site: the Changes section, earlier versions' pages and downloads, What's new.

The project is a FICTIONAL unit (tests/fixtures/versions/) committed in three versions to a
git repository made in the test; see tests/test_versions.py for the versions themselves.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.build import prepare_site
from generator.caches import clear_caches
from generator.settings import load_settings
from tests.helpers import make_project, run_mkdocs
from tests.test_versions import VERSIONS, make_history

GOLDENS = Path(__file__).parent / "goldens" / "versions"
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01


def _project(tmp_path: Path, *, printables: bool) -> Path:
    empty = tmp_path / "empty"
    empty.mkdir()
    project = make_project(tmp_path / "project", units=empty, qualifications=empty, printables=printables)
    make_history(project)
    return project


@pytest.fixture
def history_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    project = _project(tmp_path, printables=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    clear_caches()
    return prepare_site(load_settings(project / "mkdocs.yml")).pages


@pytest.mark.parametrize("page", ["units/fict-ver-001.md", "units/fict-ver-001/v/2.md", "whats-new.md"])
def test_history_pages_match_goldens(history_pages: dict[str, str], page: str, update_goldens: bool) -> None:
    golden = GOLDENS / (page.replace("/", "__"))
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(history_pages[page], encoding="utf-8")
    assert history_pages[page] == golden.read_text(encoding="utf-8"), "run pytest --update-goldens and review"


def test_changes_section_newest_first_criterion_by_criterion(history_pages: dict[str, str]) -> None:
    page = history_pages["units/fict-ver-001.md"]
    changes = page[page.index("## Changes") :]
    assert changes.index("Version 3") < changes.index("Version 2") < changes.index("Version 1")
    assert "Current version" in changes
    assert "<strong>1.3 → 1.2</strong> renumbered" in changes
    assert '<ins><span class="qh-visually-hidden">added: </span>day&#39;s</ins>' in changes
    assert "<strong>2.4</strong> added" in changes
    assert "Credit value</strong>: 4 → 5" in changes
    assert 'href="v/2/"' in changes and 'href="v/1/"' in changes


def test_earlier_version_page_is_the_unit_as_it_was(history_pages: dict[str, str]) -> None:
    page = history_pages["units/fict-ver-001/v/1.md"]
    assert "This is version 1 (1 September 2024) of this unit" in page
    assert "Describe the sign-in procedure for visitors" in page  # removed in version 3
    assert "Sign visitors out when they leave" not in page  # added in version 2
    assert 'href="../../"' in page  # the current version


def test_units_without_versions_build_as_before(tmp_path: Path) -> None:
    clear_caches()
    pages = prepare_site(load_settings(make_project(tmp_path / "p", printables=False) / "mkdocs.yml")).pages
    assert "whats-new.md" not in pages
    assert not any("/v/" in path for path in pages)


def test_history_can_be_switched_off(tmp_path: Path) -> None:
    project = _project(tmp_path, printables=False)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - handbook:\n", "  - handbook:\n      history: false\n"))
    clear_caches()
    pages = prepare_site(load_settings(config)).pages
    assert "whats-new.md" not in pages
    assert "## Changes" not in pages["units/fict-ver-001.md"]


@pytest.mark.slow
def test_built_site_keeps_each_versions_downloads(tmp_path: Path) -> None:
    project = _project(tmp_path, printables=True)
    result = run_mkdocs(project, "build", "--strict", env=EPOCH)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert "Changes" in (site / "units/fict-ver-001/index.html").read_text()
    listing = (site / "downloads/index.html").read_text()
    assert "Version 2 (1 March 2025), for candidates registered on it:" in listing
    assert "fict-ver-001/v/1/fict-ver-001-workbook.pdf" in listing
    old_page = (site / "units/fict-ver-001/v/2/index.html").read_text()
    assert 'href="../../../../downloads/fict-ver-001/v/2/fict-ver-001-workbook.pdf"' in old_page
    assert (
        "What&#39;s new" in (site / "whats-new/index.html").read_text()
        or "What's new" in (site / "whats-new/index.html").read_text()
    )
    for version, present, absent in (
        ("2", "visible badge at all times", "day's visitor list"),
        ("1", "Explain why visitors must wear a badge", "Sign visitors out"),
    ):
        folder = site / "downloads/fict-ver-001/v" / version
        assert sorted(p.name for p in folder.iterdir()) == [
            "fict-ver-001-record-sheet.pdf",
            "fict-ver-001-tracker.xlsx",
            "fict-ver-001-workbook.docx",
            "fict-ver-001-workbook.pdf",
        ]
        text = " ".join((page.extract_text() or "") for page in PdfReader(folder / "fict-ver-001-workbook.pdf").pages)
        text = " ".join(text.split())
        assert present in text and absent not in text
    # The same history gives byte-identical pages.
    first = {p: p.read_bytes() for p in sorted((site / "units").rglob("*.html"))}
    shutil.rmtree(site)
    again = run_mkdocs(project, "build", "--strict", env={**EPOCH, **dict(os.environ)} | EPOCH)
    assert again.returncode == 0, again.stderr
    assert {p: p.read_bytes() for p in sorted((site / "units").rglob("*.html"))} == first


def test_fixture_versions_are_valid_and_fictional() -> None:
    for path in sorted(VERSIONS.glob("*.yml")):
        assert "FICTIONAL" in path.read_text(encoding="utf-8").splitlines()[0]


def test_every_printable_says_which_version_it_records() -> None:
    import io

    from docx import Document
    from openpyxl import load_workbook

    from generator.printables.pipeline import render_printable
    from generator.site.render import make_environment
    from tests.test_versions import _version

    env = make_environment()
    unit = _version(2)
    expected = "Version 2, March 2025"
    for kind in ("workbook-pdf", "record-sheet-pdf"):
        pages = PdfReader(io.BytesIO(render_printable(kind, unit, env))).pages
        assert all(expected in " ".join((page.extract_text() or "").split()) for page in pages), kind
    docx = Document(io.BytesIO(render_printable("workbook-docx", unit, env)))
    assert expected in docx.sections[0].footer.paragraphs[0].text
    tracker = load_workbook(io.BytesIO(render_printable("tracker-xlsx", unit, env)))
    assert expected in tracker.worksheets[0].oddFooter.left.text
    # The workbook's facts table names the version and its date too.
    first = " ".join(
        (PdfReader(io.BytesIO(render_printable("workbook-pdf", unit, env))).pages[0].extract_text()).split()
    )
    assert "Version 2 (1 March 2025)" in first
