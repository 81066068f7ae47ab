"""Every unit shape of issue 10 through every printable, reopened as a reader would.

The units are the FICTIONAL fixtures in ``tests/fixtures/units/`` (one per shape: graded
P/M/D, Access to HE grade descriptors, SCQF, Entry 3 with sub-criteria and ranges,
per-criterion content, exam-assessed outcomes, an incomplete unit). Each is rendered for
real into a workbook PDF (pypdf, pikepdf), a workbook DOCX (python-docx), a record sheet
PDF and a tracker XLSX (openpyxl; its grade formulas recalculated by LibreOffice).
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
import unicodedata
from collections import Counter
from pathlib import Path

import jinja2
import openpyxl
import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from generator.content.catalogue import build_catalogue
from generator.content.loader import load_model
from generator.content.model import Unit
from generator.content.qualifications import build_qualifications
from generator.printables.handbook_pdf import render_handbook_pdf
from generator.printables.layout import grid_columns, workbook_fields
from generator.printables.pipeline import render_printable
from generator.printables.tracker_xlsx import FIRST_EVIDENCE_ROW, HEADER_ROW, TRACKER_SHEET
from generator.site.view import format_date

from ..conftest import ROOT
from ..pdf_checks import pdf_problems
from .conftest import pdf_text, placed_text, squash
from .libreoffice import recalculated_books

pytestmark = pytest.mark.slow

FIXTURES = ROOT / "tests" / "fixtures" / "units"
IDENTIFYING_COLUMNS_END_PT = 130 / 25.4 * 72
KINDS = ("workbook-pdf", "workbook-docx", "record-sheet-pdf", "tracker-xlsx")


def fixture_units() -> dict[str, Unit]:
    units = {}
    for path in sorted(FIXTURES.glob("*.yml")):
        unit, _ = load_model(path, Unit, root=ROOT)
        units[unit.id] = unit
    return units


UNITS = fixture_units()


@pytest.fixture(scope="module")
def rendered(env: jinja2.Environment) -> dict[tuple[str, str], bytes]:
    return {(unit_id, kind): render_printable(kind, unit, env) for unit_id, unit in UNITS.items() for kind in KINDS}


def reader(rendered: dict, unit_id: str, kind: str) -> PdfReader:
    return PdfReader(io.BytesIO(rendered[(unit_id, kind)]))


def text_of(rendered: dict, unit_id: str, kind: str) -> str:
    return pdf_text(reader(rendered, unit_id, kind))


def docx_of(rendered: dict, unit_id: str):
    return Document(io.BytesIO(rendered[(unit_id, "workbook-docx")]))


def tracker_of(rendered: dict, unit_id: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(rendered[(unit_id, "tracker-xlsx")]))


def structure_tags(data: bytes) -> Counter[str]:
    """How many of each structure element (``/L``, ``/LI``, ``/Table`` ...) the tagged PDF has."""
    counts: Counter[str] = Counter()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                counts[str(node.S)] += 1
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                stack.extend(kid for kid in kids if isinstance(kid, pikepdf.Dictionary))
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)
    return counts


def header_labels(data: bytes) -> list[str]:
    """The record sheet's grid column labels, page by page: the text runs of the row under
    the outcome headers (``LO1`` ...), left to right, joined where one label is two runs."""
    labels: list[str] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        runs = placed_text(page)
        outcome_rows = [y for text, _, y, _ in runs if text.startswith("LO") and text[2:].isdigit()]
        if not outcome_rows:
            continue
        top = max(outcome_rows)
        # Criteria columns start right of the identifying columns (10 mm margin + 120 mm).
        grid = [(text, x, y) for text, x, y, _ in runs if x > IDENTIFYING_COLUMNS_END_PT]
        row_y = max(y for _, _, y in grid if y < top - 2)
        cells = sorted((x, text) for text, x, y in grid if abs(y - row_y) < 1)
        merged: list[tuple[float, str]] = []
        for x, text in cells:
            if merged and (text.endswith(")") and len(text) <= 2):
                merged[-1] = (merged[-1][0], f"{merged[-1][1]} {text}")
            else:
                merged.append((x, text))
        labels.extend(text for _, text in merged)
    return labels


# --- every fixture, every output -------------------------------------------------------------


@pytest.mark.parametrize("unit_id", sorted(UNITS))
def test_workbook_pdf_has_a_labelled_field_per_item_and_passes_pdf_checks(
    rendered: dict, unit_id: str, tmp_path: Path
) -> None:
    unit = UNITS[unit_id]
    data = rendered[(unit_id, "workbook-pdf")]
    fields = PdfReader(io.BytesIO(data)).get_fields()
    expected = {f.name: f.label for f in workbook_fields(unit)}
    assert len(expected) == len(workbook_fields(unit)), "field names must be unique"
    assert {name: field.get("/TU") for name, field in fields.items()} == expected
    path = tmp_path / "workbook.pdf"
    path.write_bytes(data)
    assert pdf_problems(path) == []
    text = text_of(rendered, unit_id, "workbook-pdf")
    for outcome in unit.learning_outcomes:
        assert squash(outcome.text) in text
    for item in unit.assessable_items():
        assert squash(item.text) in text


@pytest.mark.parametrize("unit_id", sorted(UNITS))
def test_workbook_docx_has_a_control_per_field_in_document_order(rendered: dict, unit_id: str) -> None:
    doc = docx_of(rendered, unit_id)
    body = doc.element.body
    tags = [el.get(qn("w:val")) for el in body.iter(qn("w:tag"))]
    aliases = [el.get(qn("w:val")) for el in body.iter(qn("w:alias"))]
    fields = workbook_fields(UNITS[unit_id])
    assert tags == [f.name for f in fields]
    assert aliases == [f.label for f in fields]
    for table in doc.tables:
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None


@pytest.mark.parametrize("unit_id", sorted(UNITS))
def test_record_sheet_columns_are_the_portfolio_items_and_it_is_pdf_ua(
    rendered: dict, unit_id: str, tmp_path: Path
) -> None:
    data = rendered[(unit_id, "record-sheet-pdf")]
    assert header_labels(data) == [c.label for c in grid_columns(UNITS[unit_id])]
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    assert pdf_problems(path) == []
    assert b"pdfuaid:part" in PdfReader(io.BytesIO(data)).trailer["/Root"]["/Metadata"].get_object().get_data()
    sizes = [size for page in PdfReader(io.BytesIO(data)).pages for _, _, _, size in placed_text(page)]
    assert min(sizes) >= 7
    tags = structure_tags(data)
    # One heading; every table (the grid, results, grade descriptors) captioned, with header cells.
    assert tags["/H1"] == 1
    assert tags["/Caption"] == tags["/Table"] >= 1
    assert tags["/TH"] >= 4


@pytest.mark.parametrize("unit_id", sorted(UNITS))
def test_tracker_columns_and_criteria_sheet_are_the_items(rendered: dict, unit_id: str) -> None:
    unit = UNITS[unit_id]
    sheet = tracker_of(rendered, unit_id)[TRACKER_SHEET]
    labels = [cell.value for cell in sheet[HEADER_ROW + 2]][3:]
    assert [label for label in labels if label] == [c.label for c in grid_columns(unit)]
    criteria = [row[1] for row in tracker_of(rendered, unit_id)["Criteria"].iter_rows(min_row=2, values_only=True)]
    assert criteria == [item.label for item in unit.assessable_items()]


# --- codes, levels, credits ------------------------------------------------------------------

CODES = {
    "fict-graded-pmd": ["Unit number: 7", "Unit code: FA/EV/07", "Unit reference number (URN): T/999/0007"],
    "fict-entry3-sub": ["Unit code: FA032183", "Unit reference number (URN): K/999/1234"],
    "fict-criterion-content": ["Unit reference number (URN): D/999/0042"],
    "fict-scqf-first-aid": ["Fictional unit code: FAS 0601"],
    "fict-access-he": ["Unit code: FAV-CB3"],
}
LEVELS = {
    "fict-entry3-sub": "Level: Entry Level 3",
    "fict-scqf-first-aid": "Level: SCQF level 6",
    "fict-access-he": "Level: Access to HE level 3",
    "fict-graded-pmd": "Level: 3",
    "fict-incomplete": "Level: Not stated",
}


@pytest.mark.parametrize("unit_id", sorted(CODES))
def test_codes_on_workbook_cover_record_sheet_header_and_tracker(rendered: dict, unit_id: str) -> None:
    cover = squash(reader(rendered, unit_id, "workbook-pdf").pages[0].extract_text())
    header = squash(reader(rendered, unit_id, "record-sheet-pdf").pages[0].extract_text())
    tracker_line = tracker_of(rendered, unit_id)[TRACKER_SHEET]["A2"].value
    # The cover's facts table is the unit page's (one list of facts), where the URN's label has no "(URN)".
    for code in CODES[unit_id]:
        label, value = code.split(": ")
        assert f"{label.removesuffix(' (URN)')} {value}" in cover, code
        assert code in header, code
        assert code in tracker_line, code
    facts = [(r.cells[0].text, r.cells[1].text) for r in docx_of(rendered, unit_id).tables[0].rows]
    for code in CODES[unit_id]:
        label, value = code.split(": ")
        assert (label.removesuffix(" (URN)"), value) in facts


@pytest.mark.parametrize("unit_id", sorted(LEVELS))
def test_level_is_named_in_its_framework_everywhere(rendered: dict, unit_id: str) -> None:
    level = LEVELS[unit_id]
    assert level in squash(reader(rendered, unit_id, "record-sheet-pdf").pages[0].extract_text())
    assert level in tracker_of(rendered, unit_id)[TRACKER_SHEET]["A2"].value
    assert level.replace(":", "") in squash(reader(rendered, unit_id, "workbook-pdf").pages[0].extract_text())


def test_scqf_unit_shows_credit_points_not_rqf_credits(rendered: dict) -> None:
    header = text_of(rendered, "fict-scqf-first-aid", "record-sheet-pdf")
    assert "SCQF credit points: 1" in header and "Credit value" not in header
    assert "Guided learning hours: 6" in header
    cover = text_of(rendered, "fict-scqf-first-aid", "workbook-pdf")
    assert "SCQF credit points 1" in cover and "Review date 31 January 2028" in cover


def test_not_stated_is_printed_as_such(rendered: dict) -> None:
    cover = text_of(rendered, "fict-incomplete", "workbook-pdf")
    assert "Credit value Not available" in cover and "Guided learning hours Not stated" in cover
    assert "Guided learning hours: Not stated" in text_of(rendered, "fict-entry3-sub", "record-sheet-pdf")


# --- ranges and sub-criteria -----------------------------------------------------------------


def test_bulleted_ranges_are_real_lists_in_the_workbooks(rendered: dict) -> None:
    pdf_tags = structure_tags(rendered[("fict-entry3-sub", "workbook-pdf")])
    # "How to use" is one list; the 1.1 range and the 1.2 b) range are two more.
    assert pdf_tags["/L"] >= 3 and pdf_tags["/LI"] >= 6 + 3 + 2
    doc = docx_of(rendered, "fict-entry3-sub")
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["microbes", "chemicals", "sharp knives", "hot water", "detergent"]
    wording = [row[2] for row in tracker_of(rendered, "fict-entry3-sub")["Criteria"].iter_rows(values_only=True)]
    assert "Identify hazards in a kitchen, including: microbes; chemicals; sharp knives" in wording


def test_each_sub_criterion_has_its_own_box_column_and_tracker_column(rendered: dict) -> None:
    names = {f.name for f in workbook_fields(UNITS["fict-entry3-sub"])}
    for stem in ("ac_1_1", "ac_1_2_a", "ac_1_2_b"):
        assert {f"{stem}_response", f"{stem}_evidence_reference", f"{stem}_decision"} <= names
    assert "ac_1_2_response" not in names
    fields = reader(rendered, "fict-entry3-sub", "workbook-pdf").get_fields()
    assert fields["ac_1_2_b_response"]["/TU"] == "1.2 b) Your response"
    assert header_labels(rendered[("fict-entry3-sub", "record-sheet-pdf")]) == ["1.1", "1.2 a)", "1.2 b)"]
    headings = [(p.style.name, p.text) for p in docx_of(rendered, "fict-entry3-sub").paragraphs]
    assert ("Heading 2", "1.2 Describe how to:") in headings
    assert ("Heading 3", "1.2 a) store food safely") in headings
    assert ("Heading 3", "1.2 b) clean surfaces, using:") in headings


# --- graded units ----------------------------------------------------------------------------


def test_graded_workbook_has_grid_grading_criteria_grade_awarded_and_graded_declaration(rendered: dict) -> None:
    text = text_of(rendered, "fict-graded-pmd", "workbook-pdf")
    assert "Grading criteria" in text
    for kicker in ("PASS CRITERION", "MERIT CRITERION", "DISTINCTION CRITERION, LEARNING OUTCOMES 2 AND 3"):
        assert kicker in text.upper()
    assert "reaches the grade recorded here" in text
    assert "demonstrated competence" not in text
    fields = reader(rendered, "fict-graded-pmd", "workbook-pdf").get_fields()
    assert fields["unit_grade"]["/TU"] == "Grade awarded" and len(fields["unit_grade"]["/Kids"]) == 4
    assert fields["d1_response"]["/TU"] == "D1 Your response"
    doc = docx_of(rendered, "fict-graded-pmd")
    grid = next(t for t in doc.tables if t.rows[0].cells[0].text == "Learning outcome")
    assert [c.text for c in grid.rows[0].cells] == ["Learning outcome", "Pass", "Merit", "Distinction"]
    assert grid.rows[2].cells[3].text.startswith("D1 Evaluate the plan")
    grades = next(
        el for el in doc.element.body.iter(qn("w:sdtPr")) if el.find(qn("w:tag")).get(qn("w:val")) == "unit_grade"
    )
    items = [i.get(qn("w:displayText")) for i in grades.iter(qn("w:listItem"))]
    assert items == ["Pass", "Merit", "Distinction", "Not yet achieved"]


def test_graded_record_sheet_has_a_column_per_grading_criterion_and_the_grade_awarded(rendered: dict) -> None:
    data = rendered[("fict-graded-pmd", "record-sheet-pdf")]
    assert header_labels(data) == ["P1", "M1", "P2", "M2", "D1", "P3"]
    text = text_of(rendered, "fict-graded-pmd", "record-sheet-pdf")
    assert "Grade awarded (Pass, Merit, Distinction):" in text
    assert "reaches the grade recorded here" in text


def filled(data: bytes, values: dict[str, str]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[TRACKER_SHEET]
    for cell, value in values.items():
        sheet[cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def find_row(sheet, label: str) -> int:
    """The 1-based row whose cells include ``label``."""
    return next(row[0].row for row in sheet.iter_rows() if any(cell.value == label for cell in row))


GRADED_CASES = [
    ((), "Not yet achieved"),
    (("P1", "P2"), "Not yet achieved"),
    (("P1", "P2", "P3"), "Pass"),
    (("P1", "P2", "P3", "M1", "D1"), "Pass"),
    (("P1", "P2", "P3", "M1", "M2"), "Merit"),
    (("P1", "P2", "P3", "M1", "M2", "D1"), "Distinction"),
]
ACCESS_CASES = [
    ((), "Not yet achieved"),
    (("Merit", "Distinction", "Merit"), "Not yet achieved"),
    (("Merit", "Distinction", "Merit", "Pass"), "Pass"),
    (("Merit", "Distinction", "Merit", "Merit"), "Merit"),
    (("Distinction",) * 4, "Distinction"),
    (("Distinction", "Distinction", "Not yet achieved", "Distinction"), "Not yet achieved"),
]


def graded_book(data: bytes, ticked: tuple[str, ...]) -> bytes:
    """The P/M/D tracker with ``ticked`` criteria ticked by two pieces of evidence."""
    sheet = openpyxl.load_workbook(io.BytesIO(data))[TRACKER_SHEET]
    columns = {cell.value: cell.column_letter for cell in sheet[HEADER_ROW + 2] if cell.value}
    # Two pieces of evidence: each criterion ticked once, P1 twice (counts still >= 1).
    values = {f"{columns[label]}{FIRST_EVIDENCE_ROW + 1}": "✓" for label in ticked}
    if "P1" in ticked:
        values[f"{columns['P1']}{FIRST_EVIDENCE_ROW + 2}"] = "✓"
    return filled(data, values)


def access_book(data: bytes, given: tuple[str, ...]) -> bytes:
    """The Access to HE tracker with ``given`` grades for its four components."""
    sheet = openpyxl.load_workbook(io.BytesIO(data))[TRACKER_SHEET]
    first = find_row(sheet, "GD1 a)")
    return filled(data, {f"C{first + i}": value for i, value in enumerate(given)})


def case_name(prefix: str, values: tuple[str, ...]) -> str:
    return prefix + "-".join(values or ("none",)).replace(" ", "_")


@pytest.fixture(scope="module")
def recalculated(rendered: dict, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[str]]]:
    """Every filled tracker of the two tests below, recalculated by LibreOffice in one run."""
    graded = rendered[("fict-graded-pmd", "tracker-xlsx")]
    access = rendered[("fict-access-he", "tracker-xlsx")]
    books = {case_name("pmd-", ticked): graded_book(graded, ticked) for ticked, _grade in GRADED_CASES}
    books |= {case_name("gd-", given): access_book(access, given) for given, _grade in ACCESS_CASES}
    return recalculated_books(books, TRACKER_SHEET, tmp_path_factory.mktemp("libreoffice"))


@pytest.mark.parametrize(("ticked", "grade"), GRADED_CASES)
def test_tracker_grade_formula_recalculated_by_libreoffice(
    rendered: dict, recalculated: dict, ticked: tuple[str, ...], grade: str
) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(rendered[("fict-graded-pmd", "tracker-xlsx")]))[TRACKER_SHEET]
    grade_row = find_row(sheet, "Grade reached")
    assert sheet[f"D{grade_row}"].value.startswith("=IF(")
    rows = recalculated[case_name("pmd-", ticked)]
    assert rows[grade_row - 1][3] == grade


@pytest.mark.parametrize(("given", "grade"), ACCESS_CASES)
def test_access_to_he_components_graded_in_tracker_with_live_formula(
    rendered: dict, recalculated: dict, given: tuple[str, ...], grade: str
) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(rendered[("fict-access-he", "tracker-xlsx")]))[TRACKER_SHEET]
    first = find_row(sheet, "GD1 a)")
    assert [sheet[f"A{first + i}"].value for i in range(4)] == ["GD1 a)", "GD1 c)", "GD3 b)", "GD5 a)"]
    validation = next(v for v in sheet.data_validations.dataValidation if str(v.sqref) == f"C{first}:C{first + 3}")
    assert validation.formula1 == '"Pass,Merit,Distinction,Not yet achieved"'
    rows = recalculated[case_name("gd-", given)]
    assert rows[first + 4 - 1][2] == grade


def test_access_to_he_components_in_workbook_and_record_sheet(rendered: dict) -> None:
    fields = reader(rendered, "fict-access-he", "workbook-pdf").get_fields()
    for name in ("gd1_a_grade", "gd1_c_grade", "gd3_b_grade", "gd5_a_grade"):
        assert fields[name]["/FT"] == "/Btn" and len(fields[name]["/Kids"]) == 4
    assert fields["gd3_b_grade"]["/TU"] == "GD3 b) Grade"
    text = text_of(rendered, "fict-access-he", "record-sheet-pdf")
    assert "GD3 b) Application of skills: Fictional component on the use of practical skills" in text
    assert "Grade awarded (Pass, Merit, Distinction):" in text
    assert "All learning outcomes and assessment criteria must be met before a grade is given." in text_of(
        rendered, "fict-access-he", "workbook-pdf"
    )


# --- per-criterion content, exam results, status and provenance ------------------------------


def test_per_criterion_content_sits_under_its_criterion(rendered: dict) -> None:
    text = text_of(rendered, "fict-criterion-content", "workbook-pdf")
    first = text.index("1.1 Greet customers politely")
    assert text.index("Range Customers: new, regular, with particular needs") > first
    assert text.index("1.1 Your response") > text.index("Range Customers")
    headings = [(p.style.name, p.text) for p in docx_of(rendered, "fict-criterion-content").paragraphs]
    at = headings.index(("Heading 2", "1.2 Find out what customers need"))
    assert headings[at + 1] == ("Heading 3", "Range")
    assert headings[at + 2 : at + 4] == [("List Bullet", "asking questions"), ("List Bullet", "listening")]


def test_exam_assessed_outcomes_get_a_result_row_not_evidence_boxes(rendered: dict) -> None:
    names = {f.name for f in workbook_fields(UNITS["fict-exam-assessed"])}
    assert {"lo_1_result", "lo_1_result_date", "lo_2_result", "lo_2_result_date"} <= names
    assert not {"ac_1_1_response", "ac_2_1_response"} & names and "ac_3_1_response" in names
    text = text_of(rendered, "fict-exam-assessed", "workbook-pdf")
    assert "This learning outcome is assessed by examination" in text and "assessed by test" in text
    assert header_labels(rendered[("fict-exam-assessed", "record-sheet-pdf")]) == ["3.1"]
    sheet_text = text_of(rendered, "fict-exam-assessed", "record-sheet-pdf")
    assert "LO1 Know what spreadsheets are for Examination" in sheet_text
    assert "LO2 Be able to enter data Test" in sheet_text
    tracker = tracker_of(rendered, "fict-exam-assessed")[TRACKER_SHEET]
    row = find_row(tracker, "Result")
    assert [tracker.cell(row, c).value for c in (1, 3, 4, 7)] == ["Learning outcome", "Assessed by", "Result", "Date"]
    results = [[tracker.cell(row + offset, c).value for c in (1, 2, 3)] for offset in (1, 2)]
    assert results == [
        ["LO1", "Know what spreadsheets are for", "Examination"],
        ["LO2", "Be able to enter data", "Test"],
    ]
    assert tracker.print_area.endswith(f"${row + 2}")


def test_incomplete_and_withdrawn_unit_says_so_on_every_printable(rendered: dict) -> None:
    notice = (
        "The awarding body has withdrawn this unit. This unit is known to be incomplete: The copy transcribed "
        "has no page for learning outcome 2's criteria. Check the awarding body's own document before relying on it."
    )
    assert notice in squash(reader(rendered, "fict-incomplete", "workbook-pdf").pages[0].extract_text())
    assert notice in squash(reader(rendered, "fict-incomplete", "record-sheet-pdf").pages[0].extract_text())
    assert docx_of(rendered, "fict-incomplete").paragraphs[2].text == notice
    assert tracker_of(rendered, "fict-incomplete")[TRACKER_SHEET][f"A{HEADER_ROW}"].value == notice
    for unit_id in set(UNITS) - {"fict-incomplete"}:
        assert "This unit is known to be incomplete" not in text_of(rendered, unit_id, "workbook-pdf")
    cover = text_of(rendered, "fict-incomplete", "workbook-pdf")
    # The long address wraps after a slash, and the font sets "fi" as a ligature.
    assert (
        "Transcribed from: Fictional Awards Level 2 unit pack, stock control, version 1.2, September 2019, "
        "https://example.org/fictional/stock-control.pdf" in unicodedata.normalize("NFKC", cover).replace("/ ", "/")
    )
    assert "Status Withdrawn" in cover and "Expiry date 31 July 2023" in cover


def test_dates_on_the_workbook_cover(rendered: dict) -> None:
    unit = UNITS["fict-graded-pmd"]
    cover = text_of(rendered, "fict-graded-pmd", "workbook-pdf")
    assert f"Operational start date {format_date(unit.operational_start)}" in cover
    assert f"Operational end date {format_date(unit.operational_end)}" in cover


# --- the handbook PDF ------------------------------------------------------------------------

QUALIFICATION = """\
# FICTIONAL qualification for tests: groups the fictional unit fixtures of every shape.
id: fict-every-shape
title: Fictional handbook of every unit shape
sample: true
rules:
  groups:
    - name: Fictional group
      kind: optional
      units: [{units}]
      min_units: 1
"""


@pytest.fixture(scope="module")
def handbook_text(env: jinja2.Environment, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("qualifications")
    (folder / "fict-every-shape.yml").write_text(
        textwrap.dedent(QUALIFICATION.format(units=", ".join(sorted(UNITS)))), encoding="utf-8"
    )
    catalogue = build_catalogue(FIXTURES, root=ROOT)
    entry = next(iter(build_qualifications(folder, catalogue, root=ROOT)))
    data = render_handbook_pdf(env, entry, catalogue, dt.date(2026, 1, 1))
    return pdf_text(PdfReader(io.BytesIO(data)))


def test_handbook_pdf_carries_every_shape(handbook_text: str) -> None:
    for unit in UNITS.values():
        assert squash(unit.title) in handbook_text
        for item in unit.assessable_items():
            assert squash(item.text) in handbook_text, item.label
    for phrase in ("Entry Level 3", "SCQF level 6", "Access to HE level 3", "FA/EV/07", "K/999/1234"):
        assert phrase in handbook_text


@pytest.mark.parametrize("unit_id", sorted(UNITS))
def test_every_pdf_page_ends_with_page_n_of_m(rendered: dict, unit_id: str) -> None:
    for kind in ("workbook-pdf", "record-sheet-pdf"):
        pages = reader(rendered, unit_id, kind).pages
        for number, page in enumerate(pages, start=1):
            assert squash(page.extract_text()).endswith(f"Page {number} of {len(pages)}"), (kind, number)


@pytest.mark.parametrize("unit_id", ["fict-graded-pmd", "fict-access-he"])
def test_rebuilding_gives_identical_bytes(rendered: dict, env: jinja2.Environment, unit_id: str) -> None:
    for kind in KINDS:
        assert render_printable(kind, UNITS[unit_id], env) == rendered[(unit_id, kind)], kind
