"""The blank evidence record sheet as a tagged PDF (A4 landscape), after OCR's own sheet.

The grid has the identifying columns (evidence reference, title, assessment method) and
one narrow column per assessment criterion under its learning outcome. Criteria that do
not fit across one page at a legible size go onto further pages, each repeating the
identifying columns, rather than shrinking the text.
"""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from ..content.model import Unit
from .branding import NO_CENTRE, Centre
from .engine import date_meta, font_face_css, render_pdf
from .layout import (
    assessment_methods,
    assessor_declaration,
    descriptor_views,
    footer_text,
    grade_choices,
    grid_columns,
    header_codes,
    record_sheet_heading,
    split_grid,
    unit_heading,
    unit_notice,
)
from .wording import CANDIDATE_DECLARATION

TEMPLATES = ("print/record_sheet.html.j2", "print/centre.html.j2", "print/base.css", "print/record_sheet.css")

#: Width (mm) left for criteria columns on a landscape page: 277 mm of table less the
#: 120 mm of identifying columns (see ``print/record_sheet.css``).
CRITERIA_WIDTH_MM = 157.0
#: Blank evidence rows on each part of the grid.
BLANK_ROWS = 10


def max_criteria_columns(unit: Unit) -> int:
    """How many criteria columns fit across one page with their numbers at 8 pt.

    A column is as wide as its longest number needs: about 7 mm for "1.1", 8.5 mm for
    "1.10", 10 mm for "10.10".
    """
    widest = max((len(c.label) for c in grid_columns(unit)), default=3)
    return max(1, int(CRITERIA_WIDTH_MM // (2.5 + 1.5 * widest)))


def render_record_sheet_html(
    env: jinja2.Environment,
    unit: Unit,
    *,
    default_methods: Sequence[str] = (),
    max_columns: int | None = None,
    centre: Centre = NO_CENTRE,
) -> str:
    """The record sheet's HTML, ready for the PDF engine."""
    max_columns = max_columns or max_criteria_columns(unit)
    return env.get_template("print/record_sheet.html.j2").render(
        unit=unit,
        heading=unit_heading(unit),
        footer=footer_text(unit),
        unit_line=record_sheet_heading(unit),
        codes=header_codes(unit),
        notice=unit_notice(unit),
        parts=split_grid(unit, max_columns),
        rows=BLANK_ROWS,
        results=unit.result_outcomes(),
        descriptors=descriptor_views(unit),
        grades=[label for _, label in grade_choices(unit)[:-1]] if unit.graded else [],
        methods=assessment_methods(unit, default_methods) if unit.evidence and unit.evidence.methods else [],
        candidate_declaration=CANDIDATE_DECLARATION,
        assessor_declaration=assessor_declaration(unit),
        centre=centre,
        font_css=font_face_css(),
        date_meta=date_meta(),
    )


def render_record_sheet_pdf(
    env: jinja2.Environment, unit: Unit, *, default_methods: Sequence[str] = (), centre: Centre = NO_CENTRE
) -> bytes:
    """The blank evidence record sheet, PDF/UA-1, its header naming ``centre``."""
    return render_pdf(render_record_sheet_html(env, unit, default_methods=default_methods, centre=centre))
