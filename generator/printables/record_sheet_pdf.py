"""The blank evidence record sheet as a tagged PDF (A4 landscape), after OCR's own sheet.

The grid has the identifying columns (evidence reference, title, assessment method) and
one narrow column per assessment criterion under its learning outcome. Criteria that do
not fit across one page at a legible size go onto further pages, each repeating the
identifying columns, rather than shrinking the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import jinja2

from ..content.model import Unit
from .branding import NO_CENTRE, Centre
from .layout import (
    GridPart,
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
from .typst_engine import compile_pdf, search_path
from .wording import CANDIDATE_DECLARATION

TEMPLATE = "print/record_sheet.typ"
TEMPLATES = (TEMPLATE, "print/common.typ")

#: Width (mm) left for criteria columns on a landscape page: 277 mm of table less the
#: 120 mm of identifying columns (see ``print/record_sheet.typ``).
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


def _part_data(part: GridPart, number: int, total: int) -> dict[str, Any]:
    """One part of the grid: its caption (which criteria, when the grid is split) and column groups."""
    caption = "Evidence record"
    if total > 1:
        caption += f", part {number} of {total}: criteria {part.columns[0].label} to {part.columns[-1].label}"
    return {
        "caption": caption,
        "groups": [{"label": group.label, "columns": [c.label for c in group.columns]} for group in part.groups],
    }


def record_sheet_data(
    unit: Unit,
    *,
    default_methods: Sequence[str] = (),
    max_columns: int | None = None,
    centre: Centre = NO_CENTRE,
) -> dict[str, Any]:
    """Everything the record sheet prints, as plain data for ``print/record_sheet.typ``."""
    heading = unit_heading(unit)
    parts = split_grid(unit, max_columns or max_criteria_columns(unit))
    methods = assessment_methods(unit, default_methods) if unit.evidence and unit.evidence.methods else []
    return {
        "title": f"Evidence record sheet: {heading}",
        "description": f"Blank evidence record sheet for {heading}",
        "footer": footer_text(unit),
        "awarding_body": unit.awarding_body or "",
        "unit_line": record_sheet_heading(unit),
        "codes": header_codes(unit),
        "notice": unit_notice(unit),
        "candidate_declaration": CANDIDATE_DECLARATION,
        "parts": [_part_data(part, number, len(parts)) for number, part in enumerate(parts, start=1)],
        "rows": BLANK_ROWS,
        "results": [
            {"outcome": f"LO{outcome.number} {outcome.text}", "assessed_by": outcome.assessed_by_label}
            for outcome in unit.result_outcomes()
        ],
        "descriptors": [
            f"{component.label} {descriptor.title}: {component.text}"
            for descriptor in descriptor_views(unit)
            for component in descriptor.components
        ],
        "grades": [label for _, label in grade_choices(unit)[:-1]] if unit.graded else [],
        "methods": methods,
        "assessor_declaration": assessor_declaration(unit),
        "centre": centre.print_data(),
    }


def render_record_sheet_pdf(
    env: jinja2.Environment, unit: Unit, *, default_methods: Sequence[str] = (), centre: Centre = NO_CENTRE
) -> bytes:
    """The blank evidence record sheet, PDF/UA-1, its header naming ``centre``.

    ``env`` gives the template search path (a project's own ``print/record_sheet.typ`` first).
    """
    data = record_sheet_data(unit, default_methods=default_methods, centre=centre)
    return compile_pdf(TEMPLATE, data, templates_dirs=search_path(env))
