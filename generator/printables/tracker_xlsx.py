"""The evidence tracker as an Excel workbook (XLSX), the record sheet's grid as a spreadsheet.

One row per piece of evidence: reference, title, assessment method (a drop-down of the
unit's evidence methods, or the project's default list), then one column per assessment
criterion under its learning outcome, where the assessor ticks or dates the criteria the
evidence covers. Header rows and identifying columns stay frozen; it prints landscape,
fitted to the page width.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from ..content.model import Unit
from .determinism import document_datetime, normalise_zip
from .layout import assessment_methods, unit_heading

TICK = "✓"
#: Blank evidence rows offered.
EVIDENCE_ROWS = 40
IDENTIFYING_COLUMNS = ("Evidence reference", "Evidence title", "Assessment method")
#: Row (0-based) of the outcome header; the criteria header is the row below.
HEADER_ROW = 5
FIRST_EVIDENCE_ROW = HEADER_ROW + 2
TRACKER_SHEET = "Evidence tracker"
METHODS_SHEET = "Assessment methods"
CRITERIA_SHEET = "Criteria"

Formats = dict[str, Format]


def render_tracker_xlsx(unit: Unit, *, default_methods: Sequence[str], when: dt.datetime | None = None) -> bytes:
    """The tracker as XLSX bytes, identical for identical input (fixed properties and zip)."""
    when = when or document_datetime()
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties(
        {
            "title": f"Evidence tracker: {unit_heading(unit)}",
            "subject": unit.title,
            "author": "",
            "company": "",
            "keywords": "evidence tracker",
            "created": when.astimezone(dt.UTC).replace(tzinfo=None),
        }
    )
    methods = assessment_methods(unit, default_methods)
    formats = _formats(book)
    tracker = book.add_worksheet(TRACKER_SHEET)
    _write_tracker(tracker, unit, formats, method_count=len(methods))
    _write_methods(book.add_worksheet(METHODS_SHEET), methods, formats)
    _write_criteria(book.add_worksheet(CRITERIA_SHEET), unit, formats)
    tracker.activate()
    book.close()
    return normalise_zip(out.getvalue(), when)


def _formats(book: xlsxwriter.Workbook) -> Formats:
    base = {"font_name": "Arial", "font_size": 10, "valign": "top"}
    header = {**base, "bold": True, "bg_color": "#EEF1F4", "border": 1, "text_wrap": True}
    return {
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "label": book.add_format({**base, "bold": True, "align": "right"}),
        "entry": book.add_format({**base, "bottom": 1}),
        "header": book.add_format(header),
        "outcome": book.add_format({**header, "align": "center"}),
        "criterion": book.add_format({**header, "align": "center"}),
        "cell": book.add_format({**base, "border": 1, "text_wrap": True}),
        "tick": book.add_format({**base, "border": 1, "align": "center", "num_format": "dd/mm/yyyy"}),
        "covered": book.add_format({**base, "bg_color": "#D9EAD3"}),
        "total_label": book.add_format({**base, "bold": True, "border": 1, "align": "right"}),
        "total": book.add_format({**base, "bold": True, "border": 1, "align": "center"}),
        "text": book.add_format({**base, "text_wrap": True}),
    }


def _write_tracker(sheet: Worksheet, unit: Unit, formats: Formats, *, method_count: int) -> None:
    criteria = unit.criteria
    first_ac = len(IDENTIFYING_COLUMNS)
    last_col = first_ac + len(criteria) - 1
    last_row = FIRST_EVIDENCE_ROW + EVIDENCE_ROWS - 1

    sheet.write(0, 0, f"Evidence tracker: {unit_heading(unit)}", formats["title"])
    for row, pairs in ((2, ("Candidate name", "Candidate number")), (3, ("Centre", "Assessor"))):
        sheet.write(row, 0, pairs[0], formats["label"])
        sheet.write_blank(row, 1, None, formats["entry"])
        sheet.write(row, 2, pairs[1], formats["label"])
        end = min(last_col, 3 + 5)
        if end > 3:
            sheet.merge_range(row, 3, row, end, None, formats["entry"])
        else:  # one criterion: one entry cell (XlsxWriter warns on a one-cell merge)
            sheet.write_blank(row, 3, None, formats["entry"])

    for col, name in enumerate(IDENTIFYING_COLUMNS):
        sheet.merge_range(HEADER_ROW, col, HEADER_ROW + 1, col, name, formats["header"])
    col = first_ac
    for outcome in unit.learning_outcomes:
        width = len(outcome.criteria)
        label = f"LO{outcome.number}"
        if width == 1:
            sheet.write(HEADER_ROW, col, label, formats["outcome"])
        else:
            sheet.merge_range(HEADER_ROW, col, HEADER_ROW, col + width - 1, label, formats["outcome"])
        for offset, criterion in enumerate(outcome.criteria):
            sheet.write_string(HEADER_ROW + 1, col + offset, criterion.number, formats["criterion"])
        col += width

    for row in range(FIRST_EVIDENCE_ROW, last_row + 1):
        for column in range(first_ac):
            sheet.write_blank(row, column, None, formats["cell"])
        for column in range(first_ac, last_col + 1):
            sheet.write_blank(row, column, None, formats["tick"])

    total_row = last_row + 1
    sheet.write(total_row, first_ac - 1, "Times evidenced", formats["total_label"])
    for column in range(first_ac, last_col + 1):
        letter = xl_col_to_name(column)
        sheet.write_formula(
            total_row, column, f"=COUNTA({letter}{FIRST_EVIDENCE_ROW + 1}:{letter}{last_row + 1})", formats["total"], 0
        )

    sheet.data_validation(
        FIRST_EVIDENCE_ROW,
        first_ac - 1,
        last_row,
        first_ac - 1,
        {
            "validate": "list",
            "source": f"='{METHODS_SHEET}'!$A$2:$A${method_count + 1}",
            "input_title": "Assessment method",
            "input_message": "Choose how this evidence was assessed.",
            "error_type": "warning",
            "error_title": "Assessment method",
            "error_message": "Choose a method from the list (edit the list on the Assessment methods sheet).",
        },
    )
    sheet.data_validation(
        FIRST_EVIDENCE_ROW,
        first_ac,
        last_row,
        last_col,
        {
            "validate": "list",
            "source": [TICK],
            "input_title": "Criterion covered",
            "input_message": f"Choose {TICK}, or type the date the criterion was met.",
            "error_type": "warning",
            "error_title": "Criterion covered",
            "error_message": f"Enter {TICK} or a date.",
        },
    )
    sheet.conditional_format(
        FIRST_EVIDENCE_ROW, first_ac, last_row, last_col, {"type": "no_blanks", "format": formats["covered"]}
    )

    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 36)
    sheet.set_column(2, 2, 22)
    sheet.set_column(first_ac, last_col, 6.5)
    sheet.set_row(HEADER_ROW, 18)
    sheet.freeze_panes(FIRST_EVIDENCE_ROW, first_ac)

    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW, HEADER_ROW + 1)
    sheet.print_area(0, 0, total_row, last_col)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.set_footer(f"&L&8{_escape_header(unit_heading(unit))}&R&8Page &P of &N")


def _escape_header(text: str) -> str:
    """Text for an Excel header or footer, where '&' starts a control code."""
    return text.replace("&", "&&")


def _write_methods(sheet: Worksheet, methods: Sequence[str], formats: Formats) -> None:
    sheet.write(0, 0, "Assessment method", formats["header"])
    for row, method in enumerate(methods, start=1):
        sheet.write_string(row, 0, method, formats["cell"])
    sheet.set_column(0, 0, 40)


def _write_criteria(sheet: Worksheet, unit: Unit, formats: Formats) -> None:
    for col, name in enumerate(("Learning outcome", "Criterion", "Assessment criterion")):
        sheet.write(0, col, name, formats["header"])
    row = 1
    for outcome in unit.learning_outcomes:
        for criterion in outcome.criteria:
            sheet.write_string(row, 0, f"LO{outcome.number} {outcome.text}", formats["text"])
            sheet.write_string(row, 1, criterion.number, formats["text"])
            sheet.write_string(row, 2, criterion.text, formats["text"])
            row += 1
    sheet.set_column(0, 0, 45)
    sheet.set_column(1, 1, 10)
    sheet.set_column(2, 2, 80)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, row - 1, 2)
