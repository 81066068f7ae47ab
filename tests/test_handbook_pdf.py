"""The whole-qualification handbook PDF, reopened with pypdf: bookmarks, contents, every unit's ACs."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pikepdf
import pypdf
import pytest

from generator.content.catalogue import Catalogue, build_catalogue
from generator.content.qualifications import Qualifications, SourcedQualification, build_qualifications
from generator.printables.handbook_pdf import render_handbook_pdf, unit_anchor
from generator.printables.pipeline import KINDS, PrintablesSettings, build_printables
from generator.site.render import make_environment

from .conftest import ROOT, UNITS_DIR
from .pdf_checks import pdf_problems

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


def internal_links(reader: pypdf.PdfReader) -> list[tuple[int, str | None, int]]:
    """(1-based page of the link, destination name, 1-based target page) of every internal link.

    A link to a heading has a named destination (the heading's id); a link to any other
    place (a criterion number) points at the page and position itself: its name is None.
    """
    destinations = reader.named_destinations
    page_numbers = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages, start=1)}
    links = []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                continue
            name = annotation.get("/Dest") if action is None else action.get("/D")
            if isinstance(name, str):
                assert name in destinations, f"page {number}: link to #{name}, which the PDF does not define"
                links.append((number, name, reader.get_destination_page_number(destinations[name]) + 1))
            else:
                target = name.get_object()[0]
                assert target.idnum in page_numbers, f"page {number}: link to a page the PDF does not have"
                links.append((number, None, page_numbers[target.idnum]))
    return links


def unit_pages(reader: pypdf.PdfReader, catalogue: Catalogue, entry: SourcedQualification) -> dict[str, range]:
    """The pages of each unit's section (by unit anchor), from the bookmarks: start to the next unit."""
    starts = {title: page for depth, title, page in outline(reader) if depth == 0}
    units = [catalogue.get(unit_id) for unit_id in entry.rules.units]
    ordered = sorted((starts[unit.title], unit_anchor(unit)) for unit in units if unit)
    ends = [start for start, _ in ordered[1:]] + [len(reader.pages) + 1]
    return {anchor: range(start, end) for (start, anchor), end in zip(ordered, ends, strict=True)}


def assert_links_land_in_their_unit(reader: pypdf.PdfReader, catalogue: Catalogue, entry: SourcedQualification) -> int:
    """Follow every internal link; a link inside a unit, or to a unit's anchor, must land in that unit."""
    sections = unit_pages(reader, catalogue, entry)

    def unit_of_page(page: int) -> str | None:
        return next((anchor for anchor, pages in sections.items() if page in pages), None)

    links = internal_links(reader)
    for source, name, target in links:
        named = None if name is None else next((a for a in sections if name == a or name.startswith(a + "-")), None)
        if named is not None:
            assert target in sections[named], f"page {source}: #{name} lands on page {target}, outside {named}"
            if name == named:
                assert target == sections[named].start, f"page {source}: #{name} lands mid-unit on page {target}"
        home = unit_of_page(source)
        if home is not None:
            assert unit_of_page(target) == home, f"page {source} ({home}): #{name} jumps to page {target}"
    for name, destination in reader.named_destinations.items():
        named = next((a for a in sections if name == a or name.startswith(a + "-")), None)
        if named is not None:
            page = reader.get_destination_page_number(destination) + 1
            assert page in sections[named], f"#{name} is on page {page}, outside {named}"
    return len(links)


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


def test_every_internal_link_lands_in_the_right_unit(sample) -> None:
    catalogue, entry, reader = sample
    units = [catalogue.get(unit_id) for unit_id in entry.rules.units]
    shared = {c.anchor for c in units[0].criteria} & {c.anchor for c in units[1].criteria}
    assert shared, "the sample's units share criterion numbers, which is what this test is about"
    followed = assert_links_land_in_their_unit(reader, catalogue, entry)
    criteria = sum(len(unit.criteria) for unit in units if unit)
    assert followed >= criteria + 2 * len(units), "every criterion number and every contents line is a link"


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
    # WeasyPrint named the font "Open-Sans", Typst names it "OpenSans".
    assert fonts and all(re.match("Open-?Sans", name) for name in fonts), fonts


def test_fictional_handbook_has_pathways_and_barred_units() -> None:
    catalogue, qualifications = load(FIXTURES / "units", FIXTURES / "good")
    entry = next(e for e in qualifications if e.qualification.id == "fict-visitor-services")
    reader = pypdf.PdfReader(io.BytesIO(render_handbook_pdf(make_environment(), entry, catalogue, BUILD_DATE)))
    nested = [title for depth, title, _ in outline(reader) if depth == 1]
    assert "Pathway: Leisure" in nested and "Pathway: Retail" in nested
    assert "Barred combinations" in nested
    assert len([1 for depth, _, _ in outline(reader) if depth == 0]) == 4 + 10
    assert assert_links_land_in_their_unit(reader, catalogue, entry) > 0


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


def test_handbook_is_pdf_ua_with_tagged_headings_tables_and_lists(sample, tmp_path: Path) -> None:
    _, _, reader = sample
    path = tmp_path / "handbook.pdf"
    path.write_bytes(reader.stream.getvalue())
    assert pdf_problems(path) == []
    with pikepdf.open(path) as pdf:
        assert b"pdfuaid:part" in pdf.Root.Metadata.read_bytes()
        tags = {str(obj.get("/S")) for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and "/S" in obj}
    assert {"/H1", "/H2", "/Table", "/Caption", "/TH", "/TD", "/L", "/LI", "/Link"} <= tags


def test_hostile_unit_text_prints_literally(tmp_path: Path) -> None:
    """The FICTIONAL hostile unit: markup and Typst syntax in every field come out as the text typed."""
    units = tmp_path / "units"
    units.mkdir()
    (units / "fict-hostile.yml").write_bytes((ROOT / "tests" / "fixtures" / "fict-hostile.yml").read_bytes())
    folder = tmp_path / "qualifications"
    folder.mkdir()
    (folder / "fict-hostile-q.yml").write_text(
        "# FICTIONAL qualification for a test.\nid: fict-hostile-q\ntitle: 'Fictional #set $x$ ] \\ handbook'\n"
        "rules:\n  groups:\n    - name: '#import \"x\": * ] ['\n      kind: mandatory\n      units: [fict-hostile]\n",
        encoding="utf-8",
    )
    catalogue, qualifications = load(units, folder)
    entry = next(iter(qualifications))
    data = render_handbook_pdf(make_environment(), entry, catalogue, BUILD_DATE)
    # Compared without white space: long words may wrap anywhere.
    text = "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    unit = catalogue.get("fict-hostile")
    for expected in (entry.qualification.title, '#import "x": * ] [', unit.title, unit.awarding_body):
        assert "".join(expected.split()) in text, expected
