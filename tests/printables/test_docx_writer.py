"""The workbook DOCX written as text (``docx_writer``) on parts prepared once (``docx_package``).

The goldens in ``tests/goldens/workbook_docx/`` are outlines (``docx_outline``) of what each
workbook holds for its reader: properties, page, styles, header and footer, then every
paragraph, run, table row and content control in order. They were first written from the
python-docx renderer this one replaced, so a passing test says the new files mean the same
as the old ones; after a deliberate change, run ``pytest --update-goldens`` and review the diff.
The units are the seeds, every fictional fixture, and a fictional unit of hard text
(``fict-word-text.yml``), also with a fictional centre's name, address, logo and colour.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import PIL.Image
import pytest
from docx import Document

from generator.content.loader import load_model
from generator.content.model import Unit
from generator.printables.branding import NO_CENTRE, Centre
from generator.printables.determinism import ZIP_EPOCH
from generator.printables.docx_writer import attribute, text
from generator.printables.layout import footer_text, unit_heading
from generator.printables.workbook_docx import render_workbook_docx

from ..conftest import HOSTILE_UNIT, ROOT
from .conftest import ALL_UNITS, HERE
from .docx_outline import docx_outline
from .libreoffice import SOFFICE, convert

GOLDENS = ROOT / "tests" / "goldens" / "workbook_docx"
WORD_TEXT = HERE / "fict-word-text.yml"
FIXTURE_FILES = [*sorted((ROOT / "tests" / "fixtures" / "units").glob("*.yml")), HOSTILE_UNIT, WORD_TEXT]
UNITS = {unit.id: unit for unit in [*ALL_UNITS, *(load_model(path, Unit, root=ROOT)[0] for path in FIXTURE_FILES)]}


def fictional_centre(folder: Path) -> Centre:
    """A fictional centre whose name and address hold text XML must escape."""
    logo = folder / "logo.png"
    PIL.Image.new("RGB", (240, 120), "#1F6F8B").save(logo)
    return Centre(
        name='Riverside & "Quay" <College> (fictional)',
        logo=logo,
        address="1 Quay Street\n  Riverside\tRV1 1AA",
        contact="assessment@riverside.example",
        accent="#1F6F8B",
    )


def check_golden(name: str, outline: str, update: bool) -> None:
    golden = GOLDENS / f"{name}.txt"
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(outline, encoding="utf-8")
    assert outline == golden.read_text(encoding="utf-8"), f"{golden.name}: run pytest --update-goldens, review the diff"


@pytest.mark.parametrize("unit_id", sorted(UNITS))
def test_workbook_docx_means_what_its_golden_says(unit_id: str, update_goldens: bool) -> None:
    data = render_workbook_docx(UNITS[unit_id], when=ZIP_EPOCH)
    check_golden(unit_id, docx_outline(data), update_goldens)


@pytest.mark.parametrize("unit_id", ["fict-word-text"])
def test_branded_workbook_docx_means_what_its_golden_says(unit_id: str, tmp_path: Path, update_goldens: bool) -> None:
    data = render_workbook_docx(UNITS[unit_id], centre=fictional_centre(tmp_path), when=ZIP_EPOCH)
    check_golden(f"{unit_id}-centre", docx_outline(data), update_goldens)


def test_hard_text_reads_back_unchanged_in_python_docx(tmp_path: Path) -> None:
    unit = UNITS["fict-word-text"]
    centre = fictional_centre(tmp_path)
    doc = Document(io.BytesIO(render_workbook_docx(unit, centre=centre)))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    outcome, (first, second) = unit.learning_outcomes[0], unit.learning_outcomes[0].criteria
    assert ("Title", unit.title) in paragraphs
    assert ("Normal", "\n".join([centre.name, *centre.details])) in paragraphs  # w:br read back as "\n"
    assert ("Heading 1", f"Learning outcome 1: {outcome.text}") in paragraphs
    assert ("Heading 2", f"1.1 {first.text}") in paragraphs
    assert [text for style, text in paragraphs if style == "List Bullet"] == first.bullets
    assert ("Heading 2", f"1.2 {second.text}") in paragraphs
    assert ("Heading 3", f"1.2 a) {second.sub_criteria[0].text}") in paragraphs
    headers = [(t.rows[0].cells[0].text, t.rows[0].cells[1].text) for t in doc.tables]
    assert ("Criterion 1.1", first.text) in headers
    assert ("Criterion 1.2 a)", second.sub_criteria[0].text) in headers
    assert doc.core_properties.title == f"Candidate workbook: {unit_heading(unit)}"
    assert doc.core_properties.subject == unit.title
    assert doc.core_properties.author == centre.name
    assert centre.name in doc.sections[0].header.paragraphs[0].text
    assert doc.sections[0].footer.paragraphs[0].text.startswith(f"{footer_text(unit)}\tPage ")
    facts = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert facts["Awarding body"] == unit.awarding_body


def test_characters_xml_cannot_hold_are_refused_not_written() -> None:
    """``handbook check`` refuses them in content; the writer still never writes a broken file."""
    unit = UNITS["r-503-0865"].model_copy(update={"title": "Fictional \x01 title"})
    with pytest.raises(ValueError, match="U\\+0001"):
        render_workbook_docx(unit)


@pytest.mark.parametrize(
    ("value", "as_text", "as_attribute"),
    [
        ("a & b < c > d", "a &amp; b &lt; c &gt; d", "a &amp; b &lt; c &gt; d"),
        ("\"quoted\" 'apostrophe'", "\"quoted\" 'apostrophe'", "&quot;quoted&quot; 'apostrophe'"),
        ("tab\tline\nreturn\r", "tab\tline\nreturn\r", "tab&#9;line&#10;return&#13;"),
        ("&amp; ]]>", "&amp;amp; ]]&gt;", "&amp;amp; ]]&gt;"),
    ],
)
def test_escaping_for_text_and_attributes(value: str, as_text: str, as_attribute: str) -> None:
    assert text(value) == as_text
    assert attribute(value) == as_attribute


def test_a_new_logo_in_the_same_file_is_used_at_once(tmp_path: Path) -> None:
    """The prepared parts are kept per process; a changed logo (``mkdocs serve``) makes new ones."""
    centre = fictional_centre(tmp_path)
    unit = UNITS["r-503-0865"]

    def header_image(data: bytes) -> bytes:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            (name,) = [n for n in archive.namelist() if n.startswith("word/media/")]
            return archive.read(name)

    before = header_image(render_workbook_docx(unit, centre=centre))
    PIL.Image.new("RGB", (240, 120), "#8B1F1F").save(centre.logo)
    after = header_image(render_workbook_docx(unit, centre=centre))
    assert before != after
    assert after == centre.logo.read_bytes()


def test_the_source_date_reaches_properties_and_zip_entries() -> None:
    when = dt.datetime(2026, 1, 1, 12, 30, tzinfo=dt.UTC)
    data = render_workbook_docx(UNITS["r-503-0865"], centre=NO_CENTRE, when=when)
    assert Document(io.BytesIO(data)).core_properties.created == when
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 1, 1, 12, 30, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: run .ci/setup")
def test_hard_text_survives_libreoffice(tmp_path: Path) -> None:
    unit = UNITS["fict-word-text"]
    source = tmp_path / "workbook.docx"
    source.write_bytes(render_workbook_docx(unit, centre=fictional_centre(tmp_path)))
    convert(source, "txt:Text (encoded):UTF8", tmp_path, profile=tmp_path / "profile")
    shown = " ".join((tmp_path / "workbook.txt").read_text(encoding="utf-8-sig").split())
    outcome = unit.learning_outcomes[0]
    for expected in (
        unit.title,
        outcome.text,
        *(criterion.text for criterion in outcome.criteria),
        *outcome.criteria[0].bullets,
        outcome.criteria[1].sub_criteria[0].text,
        'Riverside & "Quay" <College> (fictional)',
    ):
        assert " ".join(expected.split()) in shown, f"{expected[:60]!r} is not in LibreOffice's text"
