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
import math
import textwrap
from collections.abc import Sequence

import PIL.Image
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from ..content.model import Unit
from .branding import NO_CENTRE, Centre
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
#: The workbook-level name of the method list: every non-empty cell below the heading on
#: the methods sheet, however many there are, so a method added there joins the drop-down.
METHODS_NAME = "AssessmentMethods"
METHODS_RANGE = f"=OFFSET('{METHODS_SHEET}'!$A$2,0,0,MAX(1,COUNTA('{METHODS_SHEET}'!$A:$A)-1),1)"
#: Height in points of one line of 10 pt Arial, and the cell's padding.
LINE_HEIGHT = 12.75
ROW_PADDING = 2.25
CHARACTERS_PER_WIDTH = 1.1
#: The logo's height in the printed page header, in pixels (about 10 mm at 96 dpi).
LOGO_HEIGHT_PX = 38

Formats = dict[str, Format]


def render_tracker_xlsx(
    unit: Unit, *, default_methods: Sequence[str], centre: Centre = NO_CENTRE, when: dt.datetime | None = None
) -> bytes:
    """The tracker as XLSX bytes, identical for identical input (fixed properties and zip).

    ``centre`` is the author and company, fills in the Centre cell, and heads the printed
    pages (logo and name).
    """
    when = when or document_datetime()
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties(
        {
            "title": f"Evidence tracker: {unit_heading(unit)}",
            "subject": unit.title,
            "author": centre.name,
            "company": centre.name,
            "keywords": "evidence tracker",
            "created": when.astimezone(dt.UTC).replace(tzinfo=None),
        }
    )
    methods = assessment_methods(unit, default_methods)
    formats = _formats(book)
    tracker = book.add_worksheet(TRACKER_SHEET)
    book.define_name(METHODS_NAME, METHODS_RANGE)
    _write_tracker(tracker, unit, formats, centre_name=centre.name)
    _brand_sheet(tracker, centre)
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


def _write_tracker(sheet: Worksheet, unit: Unit, formats: Formats, *, centre_name: str = "") -> None:
    criteria = unit.criteria
    first_ac = len(IDENTIFYING_COLUMNS)
    last_col = first_ac + len(criteria) - 1
    last_row = FIRST_EVIDENCE_ROW + EVIDENCE_ROWS - 1

    sheet.write(0, 0, f"Evidence tracker: {unit_heading(unit)}", formats["title"])
    for row, pairs, value in (
        (2, ("Candidate name", "Candidate number"), ""),
        (3, ("Centre", "Assessor"), centre_name),
    ):
        sheet.write(row, 0, pairs[0], formats["label"])
        if value:
            sheet.write_string(row, 1, value, formats["entry"])
        else:
            sheet.write_blank(row, 1, None, formats["entry"])
        sheet.write(row, 2, pairs[1], formats["label"])
        sheet.merge_range(row, 3, row, min(last_col, 3 + 5), None, formats["entry"])

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
            "source": f"={METHODS_NAME}",
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


def _brand_sheet(sheet: Worksheet, centre: Centre) -> None:
    """The centre's logo and name in the printed page header of ``sheet``."""
    logo = _header_logo(centre)
    name = f"&R&9&B{_escape_header(centre.name)}" if centre.name else ""
    if logo is not None:
        sheet.set_header(f"&L&G{name}", {"image_left": "logo.png", "image_data_left": io.BytesIO(logo)})
        sheet.set_margins(left=0.4, right=0.4, top=0.85, bottom=0.6)
    elif name:
        sheet.set_header(name)


def _header_logo(centre: Centre) -> bytes | None:
    """The logo as a PNG :data:`LOGO_HEIGHT_PX` high: Excel prints a header image at its pixel size."""
    logo = centre.raster_logo()
    if logo is None:
        return None
    with PIL.Image.open(io.BytesIO(logo)) as image:
        width = max(1, round(image.width * LOGO_HEIGHT_PX / image.height))
        small = image.convert("RGBA").resize((width, LOGO_HEIGHT_PX), PIL.Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=False)
    return out.getvalue()


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
    widths = (45, 10, 80)
    row = 1
    for outcome in unit.learning_outcomes:
        for criterion in outcome.criteria:
            texts = (f"LO{outcome.number} {outcome.text}", criterion.number, criterion.text)
            for col, text in enumerate(texts):
                sheet.write_string(row, col, text, formats["text"])
            sheet.set_row(row, wrapped_height(texts, widths))
            row += 1
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, row - 1, 2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def wrapped_height(texts: Sequence[str], widths: Sequence[float]) -> float:
    """The height in points of a row whose wrapped ``texts`` sit in columns of ``widths`` characters.

    Neither XlsxWriter nor LibreOffice's import sizes a row to wrapped text (Excel does so
    only when it edits the cell), so the row height is written. A column's width counts
    digit widths of the default font (7 px); 10 pt Arial letters average about 5.5 px,
    so a column holds some 1.2 times its width in characters. Wrapping at 1.1 times
    leaves room for wide letters without leaving a spare line under most rows.
    """
    lines = max(
        len(textwrap.wrap(text, width=max(1, math.floor(width * CHARACTERS_PER_WIDTH)))) or 1
        for text, width in zip(texts, widths, strict=True)
    )
    return lines * LINE_HEIGHT + ROW_PADDING
