"""The candidate workbook as a fillable PDF (A4 portrait).

Rendered from ``site_templates/print/workbook.html.j2`` through the template search path,
so a centre can restyle it by overriding the template or ``print/workbook.css``.
"""

from __future__ import annotations

import jinja2

from ..content.model import Unit
from .branding import NO_CENTRE, Centre
from .engine import date_meta, font_face_css, render_pdf
from .layout import (
    ASSESSOR_SIGNATURE_FIELDS,
    CANDIDATE_SIGNATURE_FIELDS,
    IQA_FIELDS,
    cover_fields,
    criterion_fields,
    unit_facts,
    unit_heading,
    workbook_fields,
)
from .wording import ASSESSOR_DECLARATION, CANDIDATE_DECLARATION, HOW_TO_USE

#: The templates this output reads; their sources are part of its cache key.
TEMPLATES = (
    "print/workbook.html.j2",
    "print/fields.html.j2",
    "print/centre.html.j2",
    "print/base.css",
    "print/workbook.css",
)


def render_workbook_html(env: jinja2.Environment, unit: Unit, centre: Centre = NO_CENTRE) -> str:
    """The workbook's HTML, ready for the PDF engine; the cover names ``centre`` and fills in its name."""
    return env.get_template("print/workbook.html.j2").render(
        unit=unit,
        heading=unit_heading(unit),
        facts=unit_facts(unit),
        cover_fields=cover_fields(centre.name),
        outcomes=[(outcome, [criterion_fields(c) for c in outcome.criteria]) for outcome in unit.learning_outcomes],
        candidate_fields=CANDIDATE_SIGNATURE_FIELDS,
        assessor_fields=ASSESSOR_SIGNATURE_FIELDS,
        iqa_fields=IQA_FIELDS,
        how_to_use=HOW_TO_USE,
        candidate_declaration=CANDIDATE_DECLARATION,
        assessor_declaration=ASSESSOR_DECLARATION,
        centre=centre,
        font_css=font_face_css(),
        date_meta=date_meta(),
    )


def render_workbook_pdf(env: jinja2.Environment, unit: Unit, *, centre: Centre = NO_CENTRE) -> bytes:
    """The fillable workbook PDF: one uniquely named field per box, each with its label as ``/TU``."""
    labels = {f.name: f.label for f in workbook_fields(unit)}
    return render_pdf(render_workbook_html(env, unit, centre), forms=True, field_labels=labels)
