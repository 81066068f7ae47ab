"""The whole-qualification handbook PDF, reopened with pypdf: bookmarks, contents, every unit's ACs."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pypdf
import pytest

from generator.content.catalogue import Catalogue, build_catalogue
from generator.content.qualifications import Qualifications, SourcedQualification, build_qualifications
from generator.printables.handbook_pdf import render_handbook_pdf
from generator.printables.pipeline import KINDS, PrintablesSettings, build_printables
from generator.site.render import make_environment

from .conftest import ROOT, UNITS_DIR

pytestmark = pytest.mark.slow

FIXTURES = ROOT / "tests" / "qualifications"
BUILD_DATE = dt.date(2026, 1, 1)


def load(units: Path, qualifications: Path) -> tuple[Catalogue, Qualifications]:
    catalogue = build_catalogue(units, root=ROOT)
    return catalogue, build_qualifications(qualifications, catalogue, root=ROOT)


@pytest.fixture(scope="module")
def sample() -> tuple[Catalogue, SourcedQualification, pypdf.PdfReader]:
    catalogue, qualifications = load(UNITS_DIR, ROOT / "content" / "qualifications")
    entry = next(iter(qualifications))
    data = render_handbook_pdf(make_environment(), entry, catalogue, BUILD_DATE)
    return catalogue, entry, pypdf.PdfReader(io.BytesIO(data))


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 1-based page) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def page_text(reader: pypdf.PdfReader, number: int) -> str:
    return " ".join(reader.pages[number - 1].extract_text().split())


def test_bookmarks_give_the_parts_and_every_unit(sample) -> None:
    catalogue, entry, reader = sample
    top = [(title, page) for depth, title, page in outline(reader) if depth == 0]
    titles = [title for title, _ in top]
    units = [catalogue.get(u) for u in entry.rules.units]
    assert titles == [
        entry.qualification.title,
        "Contents",
        "Structure and rules of combination",
        "Assessment summary",
        *(unit.title for unit in units if unit),
    ]
    pages = [page for _, page in top]
    assert pages == sorted(pages) and len(set(pages)) == len(pages), "each part starts on its own page"
    nested = [title for depth, title, _ in outline(reader) if depth == 1]
    assert nested.count("Learning outcomes and assessment criteria") == len(units)


def test_each_unit_starts_on_a_new_page_with_its_title(sample) -> None:
    catalogue, entry, reader = sample
    starts = {title: page for depth, title, page in outline(reader) if depth == 0}
    for unit_id in entry.rules.units:
        unit = catalogue.get(unit_id)
        text = page_text(reader, starts[unit.title])
        assert text.startswith(f"UNIT {unit.unit_number} {unit.title}"), text[:120]


def test_contents_page_numbers_match_the_pages(sample) -> None:
    _, entry, reader = sample
    starts = {title: page for depth, title, page in outline(reader) if depth == 0}
    contents = page_text(reader, starts["Contents"])
    for title, page in starts.items():
        if title in (entry.qualification.title, "Contents"):
            continue
        assert re.search(re.escape(title) + r" ?\.+ ?" + str(page) + r"\b", contents), (title, page, contents)


def test_every_unit_has_all_its_criteria(sample) -> None:
    catalogue, entry, reader = sample
    text = " ".join(page_text(reader, n) for n in range(1, len(reader.pages) + 1))
    for unit_id in entry.rules.units:
        unit = catalogue.get(unit_id)
        for criterion in unit.criteria:
            assert f"{criterion.number} {criterion.text}" in text, (unit.id, criterion.number)


def test_page_numbers_and_sample_notice(sample) -> None:
    _, _, reader = sample
    total = len(reader.pages)
    for number in range(1, total + 1):
        assert f"Page {number} of {total}" in page_text(reader, number)
    assert "Sample, not a real qualification." in page_text(reader, 1)


def test_only_bundled_fonts_are_embedded(sample) -> None:
    _, _, reader = sample
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert fonts and all(name.startswith("Open-Sans") for name in fonts), fonts


def test_fictional_handbook_has_pathways_and_barred_units() -> None:
    catalogue, qualifications = load(FIXTURES / "units", FIXTURES / "good")
    entry = next(e for e in qualifications if e.qualification.id == "fict-visitor-services")
    reader = pypdf.PdfReader(io.BytesIO(render_handbook_pdf(make_environment(), entry, catalogue, BUILD_DATE)))
    nested = [title for depth, title, _ in outline(reader) if depth == 1]
    assert "Pathway: Leisure" in nested and "Pathway: Retail" in nested
    assert "Barred combinations" in nested
    assert len([1 for depth, _, _ in outline(reader) if depth == 0]) == 4 + 10


def test_handbooks_go_through_the_printables_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One cache folder, one prune: a rebuild reuses the handbook; a fresh render gives the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    catalogue, qualifications = load(UNITS_DIR, ROOT / "content" / "qualifications")

    def run(cache: str):
        settings = PrintablesSettings(cache_dir=tmp_path / cache, templates_dirs=(ROOT / "site_templates",), workers=1)
        return build_printables(catalogue, settings, qualifications=qualifications, build_date=BUILD_DATE)

    first, again = run("a"), run("a")
    site_path = "downloads/qualifications/sample-customer-service-handbook.pdf"
    assert site_path in first.rendered and site_path in again.reused and again.rendered == []
    assert len(first.files) == len(catalogue) * len(KINDS) + 1
    handbook = next(item for item in first.files if item.site_path == site_path)
    assert handbook.path.parent.parent == tmp_path / "a", "the unit printables' cache folder, no folder of its own"
    entry = next(iter(qualifications))
    env = make_environment((ROOT / "site_templates",))
    assert handbook.path.read_bytes() == render_handbook_pdf(env, entry, catalogue, BUILD_DATE), "same bytes"
    downloads = first.downloads()
    assert downloads["qualification:sample-customer-service"][0].size == handbook.size
    assert downloads["qualification:sample-customer-service"][0].label == "Qualification handbook"
    reader = pypdf.PdfReader(handbook.path)
    assert reader.metadata["/CreationDate"].startswith("D:20260101")
