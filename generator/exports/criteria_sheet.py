"""A qualification's criteria as a spreadsheet, CSV and XLSX: one row per criterion.

For e-portfolio imports and for people: qualification, unit id, unit code, unit title,
level, outcome number and text, criterion label and text, grade. A row is one thing an
assessor signs off (:meth:`~generator.content.model.Unit.assessable_items`): a criterion, each
sub-criterion of a criterion that has them (``1.2 a)``), and each grading criterion (``P1``,
grade ``Pass``); criteria of ungraded units have no grade. A bulleted range follows its
text as ``- item`` lines. Both files hold the
same rows. CSV cells are neutralised for spreadsheets (see :mod:`.writing`); XLSX cells
are written as text cells, never as formulas, so they are inert as they are.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from ..content.model import GRADE_LABELS, Unit
from ..content.qualification_model import Qualification
from ..printables.determinism import document_datetime, normalise_zip
from .case import with_bullets
from .unit_facts import unit_code
from .writing import csv_bytes

CRITERIA_DIR = "exports/criteria"
COLUMNS = (
    ("Qualification", 30),
    ("Unit ID", 16),
    ("Unit code", 14),
    ("Unit title", 40),
    ("Level", 7),
    ("Outcome", 9),
    ("Learning outcome", 50),
    ("Criterion", 10),
    ("Criterion text", 70),
    ("Grade", 10),
)
SHEET = "Criteria"


def criteria_path(qualification: Qualification, suffix: str) -> str:
    """``exports/criteria/<slug>.csv`` or ``.xlsx``."""
    return f"{CRITERIA_DIR}/{qualification.slug}{suffix}"


def criteria_rows(qualification: Qualification, units: Sequence[Unit]) -> list[list[str | int]]:
    """The rows, without the header, in the qualification's unit order."""
    rows: list[list[str | int]] = []
    for unit in units:
        for item in unit.assessable_items():
            text = item.text
            if item.sub_criterion is not None and item.criterion is not None:
                text = f"{item.criterion.text} {text}"
            rows.append(
                [
                    qualification.title,
                    unit.id,
                    unit_code(unit) or "",
                    unit.title,
                    unit.level.value_label,
                    item.outcome.number,
                    item.outcome.text,
                    item.label,
                    with_bullets(text, item.bullets),
                    GRADE_LABELS[item.grade] if item.grade else "",
                ]
            )
    return rows


def criteria_csv(qualification: Qualification, units: Sequence[Unit]) -> bytes:
    """The criteria as CSV bytes."""
    return csv_bytes([[name for name, _ in COLUMNS], *criteria_rows(qualification, units)])


def criteria_xlsx(qualification: Qualification, units: Sequence[Unit], *, when: dt.datetime | None = None) -> bytes:
    """The criteria as XLSX bytes: one sheet, header frozen and filterable; identical for identical input."""
    import xlsxwriter  # here: a site without qualifications, or with a warm cache, never needs it

    when = when or document_datetime()
    out = io.BytesIO()
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(out, options)
    book.set_properties(
        {
            "title": f"Criteria: {qualification.title}",
            "author": "",
            "company": "",
            "created": when.astimezone(dt.UTC).replace(tzinfo=None),
        }
    )
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(SHEET)
    rows = criteria_rows(qualification, units)
    for column, (name, width) in enumerate(COLUMNS):
        sheet.set_column(column, column, width, wrap)
        sheet.write_string(0, column, name, header)
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, int):
                sheet.write_number(row_number, column, value, wrap)
            else:
                sheet.write_string(row_number, column, value, wrap)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
    book.close()
    return normalise_zip(out.getvalue(), when)
