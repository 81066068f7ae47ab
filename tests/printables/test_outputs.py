"""Every printable, rendered for real and reopened: pypdf, python-docx and openpyxl read them back."""

from __future__ import annotations

import io
import zipfile

import jinja2
import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from generator.content.model import Unit
from generator.printables import tracker_xlsx
from generator.printables.layout import workbook_fields
from generator.printables.pipeline import render_printable
from generator.printables.tracker_xlsx import (
    CRITERIA_SHEET,
    FIRST_EVIDENCE_ROW,
    HEADER_ROW,
    LINE_HEIGHT,
    METHODS_NAME,
    METHODS_SHEET,
    TRACKER_SHEET,
)

from ..conftest import EPOCH
from ..helpers import environment
from .conftest import ALL_UNITS, grid_columns, pdf_text, placed_text, squash

pytestmark = pytest.mark.slow

A4_SHORT, A4_LONG = 595.28, 841.89
METHODS = ("Fictional method one", "Fictional method two")


@pytest.fixture(scope="module")
def rendered(env: jinja2.Environment) -> dict[tuple[str, str], bytes]:
    """Every kind of printable for every test unit, rendered once for this module (dated :data:`EPOCH`)."""
    with environment(EPOCH):
        return {
            (unit.id, kind): render_printable(kind, unit, env, default_methods=METHODS)
            for unit in ALL_UNITS
            for kind in ("workbook-pdf", "workbook-docx", "record-sheet-pdf", "tracker-xlsx")
        }


def pdf(rendered: dict, unit: Unit, kind: str) -> PdfReader:
    return PdfReader(io.BytesIO(rendered[(unit.id, kind)]))


def assert_page_size(reader: PdfReader, *, landscape: bool) -> None:
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        expected = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
        assert (width, height) == pytest.approx(expected, abs=1)


def assert_accessible_basics(reader: PdfReader, title_start: str) -> None:
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root
    assert reader.metadata.title.startswith(title_start)
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for name in fonts:
            font = fonts[name].get_object()
            assert "OpenSans" in str(font["/BaseFont"]), font["/BaseFont"]
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor


@pytest.mark.parametrize("unit", ALL_UNITS, ids=lambda u: u.id)
def test_workbook_pdf_is_a4_portrait_with_every_field_and_criterion(rendered: dict, unit: Unit) -> None:
    reader = pdf(rendered, unit, "workbook-pdf")
    assert_page_size(reader, landscape=False)
    assert_accessible_basics(reader, "Candidate workbook: ")
    fields = reader.get_fields()
    expected = {f.name: f.label for f in workbook_fields(unit)}
    assert {name: field.get("/TU") for name, field in fields.items()} == expected
    decision = fields[f"ac_{unit.criteria[0].number.replace('.', '_')}_decision"]
    assert decision["/FT"] == "/Btn" and len(decision["/Kids"]) == 2
    text = pdf_text(reader)
    for criterion in unit.criteria:
        assert squash(f"{criterion.number} {criterion.text}") in text
    for outcome in unit.learning_outcomes:
        assert squash(outcome.text) in text
    assert "Declaration of authenticity" in text and "Internal quality assurance sampling" in text


def test_workbook_pdf_text_fields_wrap_and_one_line_boxes_fit_their_text(rendered: dict) -> None:
    unit = ALL_UNITS[0]
    widgets = [
        annotation.get_object()
        for page in pdf(rendered, unit, "workbook-pdf").pages
        for annotation in page.get("/Annots") or []
    ]
    text_fields = {str(w["/T"]): w for w in widgets if w.get("/FT") == "/Tx"}
    multiline = {f.name for f in workbook_fields(unit) if f.multiline}
    assert multiline and len(text_fields) > len(multiline)
    for name, widget in text_fields.items():
        assert int(widget["/Ff"]) & (1 << 12), f"{name} is one line: long text would be clipped"
        size = float(str(widget["/DA"]).split(" Tf")[0].split()[-1])
        assert size == (10 if name in multiline else 0), (name, widget["/DA"])


@pytest.mark.parametrize("unit", ALL_UNITS, ids=lambda u: u.id)
def test_workbook_pdf_footer_names_unit_and_page_n_of_m(rendered: dict, unit: Unit) -> None:
    reader = pdf(rendered, unit, "workbook-pdf")
    total = len(reader.pages)
    heading = f"Unit {unit.unit_number} {unit.title}"
    for number, page in enumerate(reader.pages, start=1):
        text = squash(page.extract_text())
        assert text.endswith(f"Page {number} of {total}"), text[-80:]
        assert heading in text


def test_workbook_pdf_shows_the_third_column(rendered: dict) -> None:
    unit = next(u for u in ALL_UNITS if u.id == "ocr-unit-38")
    text = pdf_text(pdf(rendered, unit, "workbook-pdf"))
    assert text.count("Exemplification") == len(unit.learning_outcomes)
    assert "Best practice in own sector using research techniques" in text


@pytest.mark.parametrize("unit", ALL_UNITS, ids=lambda u: u.id)
def test_record_sheet_columns_are_the_units_criteria_in_order(rendered: dict, unit: Unit) -> None:
    reader = pdf(rendered, unit, "record-sheet-pdf")
    assert_page_size(reader, landscape=True)
    assert_accessible_basics(reader, "Evidence record sheet: ")
    assert reader.get_fields() is None
    assert b"pdfuaid:part" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert grid_columns(reader) == [c.number for c in unit.criteria]
    text = pdf_text(reader)
    for phrase in (
        "I confirm that the evidence provided is a result of my own work.",
        "Signature of candidate:",
        "Evidence reference",
        "Evidence title",
        "Assessment method",
        "I confirm that the candidate has demonstrated competence by satisfying all of the criteria for this unit.",
        "Signature of assessor:",
        "Name (in block capitals):",
        "Countersignature of qualified assessor (if required) and date:",
        "IV initials (if sampled) and date:",
        "Countersignature of qualified IV (if required) and date:",
    ):
        assert phrase in text, phrase


@pytest.mark.parametrize("unit", ALL_UNITS, ids=lambda u: u.id)
def test_record_sheet_text_is_never_below_7pt(rendered: dict, unit: Unit) -> None:
    reader = pdf(rendered, unit, "record-sheet-pdf")
    sizes = [size for page in reader.pages for _, _, _, size in placed_text(page)]
    assert min(sizes) >= 7


def test_many_criteria_split_across_pages_repeating_identifying_columns(rendered: dict) -> None:
    unit = next(u for u in ALL_UNITS if u.id == "fictional-many-criteria")
    reader = pdf(rendered, unit, "record-sheet-pdf")
    assert len(reader.pages) == 3
    for page in reader.pages:
        text = squash(page.extract_text())
        for heading in ("Evidence reference", "Evidence title", "Assessment method"):
            assert heading in text
    assert "part 1 of 3: criteria 1.1 to 1.18" in pdf_text(reader)


def test_record_sheet_names_the_units_own_methods(rendered: dict) -> None:
    unit = next(u for u in ALL_UNITS if u.id == "r-503-0865")
    text = pdf_text(pdf(rendered, unit, "record-sheet-pdf"))
    assert "Assessment methods: Observation, Testimony of others, Products of work, Reflective account." in text


@pytest.mark.parametrize("unit", ALL_UNITS, ids=lambda u: u.id)
def test_workbook_docx_has_headings_every_criterion_and_a_control_per_field(rendered: dict, unit: Unit) -> None:
    doc = Document(io.BytesIO(rendered[(unit.id, "workbook-docx")]))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", unit.title) in headings
    for outcome in unit.learning_outcomes:
        assert ("Heading 1", f"Learning outcome {outcome.number}: {outcome.text}") in headings
    for criterion in unit.criteria:
        assert ("Heading 2", f"{criterion.number} {criterion.text}") in headings
    body = doc.element.body
    tags = [el.get(qn("w:val")) for el in body.iter(qn("w:tag"))]
    aliases = [el.get(qn("w:val")) for el in body.iter(qn("w:alias"))]
    fields = workbook_fields(unit)
    assert tags == [f.name for f in fields]
    assert aliases == [f.label for f in fields]
    for table in doc.tables:
        first_row = table.rows[0]._tr
        assert first_row.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None
    assert doc.core_properties.title.startswith("Candidate workbook: ")
    assert doc.core_properties.language == "en-GB"
    section = doc.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)


def test_workbook_docx_controls_carry_their_label_in_a_grey_prompt(rendered: dict) -> None:
    doc = Document(io.BytesIO(rendered[(ALL_UNITS[0].id, "workbook-docx")]))
    controls = list(doc.element.body.iter(qn("w:sdt")))
    assert controls
    for control in controls:
        properties = control.find(qn("w:sdtPr"))
        assert properties.find(qn("w:text")) is None, (
            "plain text controls become unlabelled input fields in LibreOffice"
        )
        alias = properties.find(qn("w:alias")).get(qn("w:val"))
        runs = list(control.find(qn("w:sdtContent")).iter(qn("w:r")))
        assert "".join(t.text for t in control.iter(qn("w:t"))).startswith(f"{alias}: ")
        assert [r.find(qn("w:rPr")).find(qn("w:rStyle")).get(qn("w:val")) for r in runs] == ["PlaceholderText"]
        assert properties.find(qn("w:showingPlcHdr")) is not None


def test_workbook_docx_criterion_tables_do_not_break(rendered: dict) -> None:
    unit = ALL_UNITS[0]
    doc = Document(io.BytesIO(rendered[(unit.id, "workbook-docx")]))
    tables = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Criterion ")]
    assert len(tables) == len(unit.criteria)
    for table in tables:
        for index, row in enumerate(table.rows):
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            last = index == len(table.rows) - 1
            keeps = {bool(p.paragraph_format.keep_with_next) for cell in row.cells for p in cell.paragraphs}
            assert keeps == {not last}, (table.rows[0].cells[0].text, index)
    titles = {f"{c.number} {c.text}" for c in unit.criteria}
    headings = [p for p in doc.paragraphs if p.text in titles]
    assert len(headings) == len(titles) and all(p.paragraph_format.keep_with_next for p in headings)


def test_workbook_docx_decision_is_a_drop_down(rendered: dict) -> None:
    unit = ALL_UNITS[0]
    doc = Document(io.BytesIO(rendered[(unit.id, "workbook-docx")]))
    lists = list(doc.element.body.iter(qn("w:dropDownList")))
    assert len(lists) == len(unit.criteria)
    assert [item.get(qn("w:displayText")) for item in lists[0]] == ["Met", "Not yet met"]


@pytest.mark.parametrize("unit", ALL_UNITS, ids=lambda u: u.id)
def test_tracker_xlsx_grid_validation_freeze_and_print_setup(rendered: dict, unit: Unit) -> None:
    book = openpyxl.load_workbook(io.BytesIO(rendered[(unit.id, "tracker-xlsx")]))
    sheet = book[TRACKER_SHEET]
    header = [cell.value for cell in sheet[HEADER_ROW + 1]]
    numbers = [cell.value for cell in sheet[HEADER_ROW + 2]]
    assert header[:3] == ["Evidence reference", "Evidence title", "Assessment method"]
    assert numbers[3:] == [c.number for c in unit.criteria]
    outcome_labels = [value for value in header[3:] if value]
    assert outcome_labels == [f"LO{o.number}" for o in unit.learning_outcomes]
    assert sheet.freeze_panes == f"D{FIRST_EVIDENCE_ROW + 1}"
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    method = validations[f"C{FIRST_EVIDENCE_ROW + 1}:C{FIRST_EVIDENCE_ROW + 40}"]
    assert method.type == "list"
    assert method.formula1 == METHODS_NAME, "the drop-down follows the list, however long"
    assert book.defined_names[METHODS_NAME].attr_text.startswith(f"OFFSET('{METHODS_SHEET}'!$A$2,")
    methods = [row[0] for row in book[METHODS_SHEET].iter_rows(min_row=2, values_only=True)]
    own = [m.method for m in unit.evidence.methods] if unit.evidence and unit.evidence.methods else None
    assert [m.lower() for m in methods] == [m.lower() for m in (own or METHODS)]
    tick = next(v for v in validations.values() if v.type == "list" and v.formula1 == '"✓"')
    assert str(tick.sqref).startswith(f"D{FIRST_EVIDENCE_ROW + 1}:")
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (1, None) and sheet.page_setup.fitToHeight == 0
    criteria_sheet = [row for row in book["Criteria"].iter_rows(min_row=2, values_only=True)]
    assert [(row[1], row[2]) for row in criteria_sheet] == [(c.number, c.text) for c in unit.criteria]


@pytest.mark.parametrize("unit", ALL_UNITS, ids=lambda u: u.id)
def test_tracker_blank_rows_copied_into_the_xml_are_those_xlsxwriter_writes(
    env: jinja2.Environment, rendered: dict, unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tracker copies its blank evidence rows into the sheet's XML: byte for byte what
    XlsxWriter writes when it writes every one of them itself."""
    monkeypatch.setattr(
        tracker_xlsx, "_written_grid_rows", lambda last_row: list(range(FIRST_EVIDENCE_ROW, last_row + 1))
    )
    with environment(EPOCH):
        every_row_by_xlsxwriter = render_printable("tracker-xlsx", unit, env, default_methods=METHODS)
    assert rendered[(unit.id, "tracker-xlsx")] == every_row_by_xlsxwriter


def test_tracker_criteria_rows_are_as_tall_as_their_wrapped_text(rendered: dict) -> None:
    unit = next(u for u in ALL_UNITS if u.id == "r-503-0865")
    sheet = openpyxl.load_workbook(io.BytesIO(rendered[(unit.id, "tracker-xlsx")]))[CRITERIA_SHEET]
    heights = {}
    for row in range(2, len(unit.criteria) + 2):
        dimension = sheet.row_dimensions[row]
        assert dimension.customHeight and dimension.height >= LINE_HEIGHT, row
        longest = max(
            len(str(sheet.cell(row, col).value)) / sheet.column_dimensions[letter].width
            for col, letter in ((1, "A"), (3, "C"))
        )
        heights[row] = (longest, dimension.height)
    by_length = sorted(heights.values())
    assert by_length[-1][1] >= 2 * LINE_HEIGHT, "the longest text wraps onto more lines"
    assert [h for _, h in by_length] == sorted(h for _, h in by_length), "longer text, taller row"


@pytest.mark.parametrize("kind", ["workbook-pdf", "workbook-docx", "record-sheet-pdf", "tracker-xlsx"])
def test_rendering_twice_gives_identical_bytes(
    env: jinja2.Environment, rendered: dict, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    unit = ALL_UNITS[0]
    assert render_printable(kind, unit, env, default_methods=METHODS) == rendered[(unit.id, kind)]


def test_source_date_epoch_sets_document_dates(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    unit = ALL_UNITS[0]
    reader = PdfReader(io.BytesIO(render_printable("record-sheet-pdf", unit, env)))
    assert reader.metadata["/CreationDate"] == "D:20260101000000Z"
    data = render_printable("workbook-docx", unit, env)
    assert Document(io.BytesIO(data)).core_properties.created.year == 2026
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"


def test_without_source_date_pdfs_carry_no_date(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    reader = PdfReader(io.BytesIO(render_printable("record-sheet-pdf", ALL_UNITS[0], env)))
    assert "/CreationDate" not in reader.metadata
