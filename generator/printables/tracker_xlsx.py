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
import re
import textwrap
from collections.abc import Sequence

import PIL.Image
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from ..content.model import Unit
from .branding import NO_CENTRE, Centre
from .determinism import document_datetime, normalise_zip
from .layout import (
    GridGroup,
    assessment_methods,
    descriptor_views,
    footer_text,
    grade_choices,
    grid_groups,
    header_codes,
    item_wording,
    unit_heading,
    unit_notice,
)

TICK = "✓"
#: Blank evidence rows offered.
EVIDENCE_ROWS = 40
IDENTIFYING_COLUMNS = ("Evidence reference", "Evidence title", "Assessment method")
#: Width (characters) of column B: evidence titles, and outcome and component wording below the grid.
OUTCOME_TEXT_WIDTH = 36
#: Row (0-based) of the outcome header; the criteria header is the row below.
HEADER_ROW = 5
FIRST_EVIDENCE_ROW = HEADER_ROW + 2
TRACKER_SHEET = "Evidence tracker"
#: The tracker sheet's part in the package (it is the first sheet).
TRACKER_PART = "xl/worksheets/sheet1.xml"
#: XlsxWriter gives the rows of each block of this many a ``spans`` hint of their own.
ROW_BLOCK = 16
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

#: Grades in ascending order, as grid columns name them.
GRADE_ORDER = ("Pass", "Merit", "Distinction")
NOT_YET = "Not yet achieved"

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
    return normalise_zip(out.getvalue(), when, edits={TRACKER_PART: _copy_blank_rows})


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
        "codes": book.add_format({**base, "font_size": 9}),
        "notice": book.add_format({**base, "bold": True, "font_color": "#8A4B00"}),
    }


def _write_tracker(sheet: Worksheet, unit: Unit, formats: Formats, *, centre_name: str = "") -> None:
    groups = grid_groups(unit)
    first_ac = len(IDENTIFYING_COLUMNS)
    last_col = first_ac + sum(len(group.columns) for group in groups) - 1
    last_row = FIRST_EVIDENCE_ROW + EVIDENCE_ROWS - 1

    sheet.write(0, 0, f"Evidence tracker: {unit_heading(unit)}", formats["title"])
    sheet.write_string(1, 0, codes_line(unit), formats["codes"])
    notice = unit_notice(unit)
    if notice:
        sheet.write_string(HEADER_ROW - 1, 0, notice, formats["notice"])
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
        sheet.merge_range(row, 3, row, 3 + 5, None, formats["entry"])

    for col, name in enumerate(IDENTIFYING_COLUMNS):
        sheet.merge_range(HEADER_ROW, col, HEADER_ROW + 1, col, name, formats["header"])
    col = first_ac
    for group in groups:
        width = len(group.columns)
        if width == 1:
            sheet.write(HEADER_ROW, col, group.label, formats["outcome"])
        else:
            sheet.merge_range(HEADER_ROW, col, HEADER_ROW, col + width - 1, group.label, formats["outcome"])
        for offset, column in enumerate(group.columns):
            sheet.write_string(HEADER_ROW + 1, col + offset, column.label, formats["criterion"])
        col += width

    for row in _written_grid_rows(last_row):
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

    end_row = _write_grade_row(sheet, groups, formats, total_row, first_ac, last_col)
    end_row = _write_results(sheet, unit, formats, end_row + 2)
    end_row = _write_descriptors(sheet, unit, formats, end_row + 2)

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
    if last_col >= first_ac:
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
    sheet.set_column(1, 1, OUTCOME_TEXT_WIDTH)
    sheet.set_column(2, 2, 22)
    if last_col >= first_ac:
        sheet.set_column(first_ac, last_col, 6.5)
    sheet.set_row(HEADER_ROW, 18)
    sheet.freeze_panes(FIRST_EVIDENCE_ROW, first_ac)

    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW, HEADER_ROW + 1)
    sheet.print_area(0, 0, end_row, max(last_col, first_ac))
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.set_footer(f"&L&8{_escape_header(footer_text(unit))}&R&8Page &P of &N")


def _written_grid_rows(last_row: int) -> list[int]:
    """The blank evidence rows XlsxWriter writes: the first of the grid in each block of
    :data:`ROW_BLOCK` rows; :func:`_copy_blank_rows` copies each to the rest of its block."""
    rows = range(FIRST_EVIDENCE_ROW, last_row + 1)
    return [row for row in rows if row == FIRST_EVIDENCE_ROW or row % ROW_BLOCK == 0]


_ROW = re.compile(rb'<row r="(\d+)"[^>]*?(?:/>|>.*?</row>)', re.DOTALL)


def _copy_blank_rows(sheet_xml: bytes) -> bytes:
    """The tracker sheet's XML with every blank evidence row that XlsxWriter did not write
    copied from the one it wrote in the same block of rows: the very XML XlsxWriter writes
    for such a row (the test compares them).

    Speed: a thousand formatted blank cells (40 rows of a median unit's 24 criteria) took
    XlsxWriter about 5 ms, more than a third of the tracker; the copies take a tenth of that.
    """
    start, end = sheet_xml.index(b"<sheetData>") + len(b"<sheetData>"), sheet_xml.index(b"</sheetData>")
    rows = {int(match[1]): match[0] for match in _ROW.finditer(sheet_xml, start, end)}
    last = FIRST_EVIDENCE_ROW + EVIDENCE_ROWS  # 1-based numbers from here on
    written = {row + 1 for row in _written_grid_rows(last - 1)}
    # Each written row as a pattern, ``{n}`` for its number (no blank cell's XML holds a brace).
    patterns = {row: re.sub(rb'(r="[A-Z]*)%d"' % row, rb'\1{n}"', rows[row]) for row in written}
    for number in range(FIRST_EVIDENCE_ROW + 1, last + 1):
        if number not in written:
            model = max(row for row in written if row <= number)
            rows[number] = patterns[model].replace(b"{n}", b"%d" % number)
    return sheet_xml[:start] + b"".join(rows[number] for number in sorted(rows)) + sheet_xml[end:]


def _write_grade_row(
    sheet: Worksheet, groups: Sequence[GridGroup], formats: Formats, total_row: int, first_ac: int, last_col: int
) -> int:
    """For graded criteria, the grade the evidenced criteria reach (a live formula); returns the last row used."""
    grades = [column.grade for group in groups for column in group.columns]
    if not any(grades):
        return total_row
    row = total_row + 1
    sheet.write(row, first_ac - 1, "Grade reached", formats["total_label"])
    if last_col > first_ac:
        sheet.merge_range(row, first_ac, row, min(last_col, first_ac + 3), None, formats["total"])
    sheet.write_formula(row, first_ac, grade_formula(grades, total_row, first_ac), formats["total"], NOT_YET)
    return row


def codes_line(unit: Unit) -> str:
    """The tracker's second line: the unit's codes, level and credits, as the record sheet's header."""
    return "   ".join(f"{label}: {value}" for label, value in header_codes(unit))


def _wrapped_height(text: str, width_chars: int) -> float:
    """A row height (points) that shows ``text`` wrapped in a column ``width_chars`` wide:
    XlsxWriter cannot measure text, and spreadsheets do not grow rows written by a program."""
    lines = max(1, -(-len(text) // max(1, width_chars - 4)))
    return 15.0 * lines


def _write_results(sheet: Worksheet, unit: Unit, formats: Formats, row: int) -> int:
    """A result row per outcome assessed by exam, test or assignment; returns the last row used."""
    outcomes = unit.result_outcomes()
    if not outcomes:
        return row - 2
    sheet.merge_range(row, 0, row, 1, "Learning outcome", formats["header"])
    sheet.write(row, 2, "Assessed by", formats["header"])
    sheet.merge_range(row, 3, row, 5, "Result", formats["header"])
    sheet.merge_range(row, 6, row, 7, "Date", formats["header"])
    for offset, outcome in enumerate(outcomes, start=1):
        sheet.write_string(row + offset, 0, f"LO{outcome.number}", formats["cell"])
        sheet.write_string(row + offset, 1, outcome.text, formats["cell"])
        sheet.write_string(row + offset, 2, outcome.assessed_by_label, formats["cell"])
        sheet.merge_range(row + offset, 3, row + offset, 5, None, formats["cell"])
        sheet.merge_range(row + offset, 6, row + offset, 7, None, formats["tick"])
        sheet.set_row(row + offset, _wrapped_height(outcome.text, OUTCOME_TEXT_WIDTH))
    return row + len(outcomes)


def _write_descriptors(sheet: Worksheet, unit: Unit, formats: Formats, row: int) -> int:
    """A row per grade descriptor component with a grade drop-down, and the grade all components
    reach; returns the last row used."""
    descriptors = descriptor_views(unit)
    if not descriptors:
        return row - 2
    sheet.write(row, 0, "Component", formats["header"])
    sheet.write(row, 1, "Grade descriptor", formats["header"])
    sheet.write(row, 2, "Grade reached", formats["header"])
    first = row + 1
    components = [(d, c) for d in descriptors for c in d.components]
    for offset, (descriptor, component) in enumerate(components):
        sheet.write_string(first + offset, 0, component.label, formats["cell"])
        wording = f"{descriptor.title}: {component.text}"
        sheet.write_string(first + offset, 1, wording, formats["cell"])
        sheet.write_blank(first + offset, 2, None, formats["cell"])
        sheet.set_row(first + offset, _wrapped_height(wording, OUTCOME_TEXT_WIDTH))
    last = first + len(components) - 1
    choices = [label for _, label in grade_choices(unit)]
    sheet.data_validation(
        first,
        2,
        last,
        2,
        {
            "validate": "list",
            "source": choices,
            "input_title": "Grade reached",
            "input_message": "Choose the grade this component reaches.",
            "error_type": "warning",
            "error_title": "Grade reached",
            "error_message": "Choose " + ", ".join(choices) + ".",
        },
    )
    sheet.write(last + 1, 1, "Grade every component reaches", formats["total_label"])
    sheet.write_formula(last + 1, 2, lowest_grade_formula(first, last, 2), formats["total"], NOT_YET)
    return last + 1


def lowest_grade_formula(first_row: int, last_row: int, col: int) -> str:
    """The grade every component in the column reaches: the lowest grade recorded, or not yet
    achieved while any is blank or not achieved (all Pass or above -> Pass, and so on)."""
    cells = f"{xl_rowcol_to_cell(first_row, col)}:{xl_rowcol_to_cell(last_row, col)}"
    formula = f'"{GRADE_ORDER[-1]}"'
    for grade in reversed(GRADE_ORDER[:-1]):
        formula = f'IF(COUNTIF({cells},"{grade}")>0,"{grade}",{formula})'
    return f'=IF(COUNTBLANK({cells})+COUNTIF({cells},"{NOT_YET}")>0,"{NOT_YET}",{formula})'


def grade_formula(grades: Sequence[str | None], row: int, first_col: int) -> str:
    """The formula naming the grade the evidenced criteria reach, from the counts in ``row``.

    ``grades`` is each grid column's grade (None for an ungraded column), left to right
    from ``first_col``. A grade is reached when every column of it and of every grade
    below it has been evidenced at least once: all Pass -> Pass; all Pass and Merit ->
    Merit; all three -> Distinction. The test per grade is ``COUNTIF(range, 0) = 0`` over
    its runs of adjacent columns, which stays short however many criteria there are.
    """
    present = [grade for grade in GRADE_ORDER if grade in grades]
    if not present:
        raise ValueError("no graded columns")

    def all_evidenced(grade: str) -> str:
        runs: list[list[int]] = []
        for offset, column_grade in enumerate(grades):
            if column_grade != grade:
                continue
            if runs and runs[-1][-1] == offset - 1:
                runs[-1].append(offset)
            else:
                runs.append([offset])
        counts = "+".join(
            f"COUNTIF({xl_rowcol_to_cell(row, first_col + run[0])}:{xl_rowcol_to_cell(row, first_col + run[-1])},0)"
            for run in runs
        )
        return f"{counts}=0"

    formula = f'"{present[-1]}"'
    for index in reversed(range(len(present))):
        below = f'"{present[index - 1]}"' if index else f'"{NOT_YET}"'
        formula = f"IF({all_evidenced(present[index])},{formula},{below})"
    return "=" + formula


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
    for item in unit.assessable_items():
        outcome = item.outcome
        assessed = "" if outcome.portfolio else f" ({outcome.assessed_by_label.lower()})"
        texts = (f"LO{outcome.number} {outcome.text}{assessed}", item.label, item_wording(item))
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
