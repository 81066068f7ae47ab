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
    CANDIDATE_SIGNATURE_FIELDS,
    IQA_FIELDS,
    assessor_declaration,
    assessor_fields,
    cover_fields,
    descriptor_views,
    footer_text,
    grade_headings,
    grading_grid,
    how_to_use,
    source_line,
    unit_facts,
    unit_heading,
    unit_notice,
    workbook_fields,
    workbook_outcomes,
)
from .wording import CANDIDATE_DECLARATION, DESCRIPTORS_INTRO, GRADING_INTRO, result_note

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
        footer=footer_text(unit),
        facts=unit_facts(unit),
        notice=unit_notice(unit),
        source=source_line(unit),
        cover_fields=cover_fields(centre.name),
        outcomes=workbook_outcomes(unit),
        grade_headings=grade_headings(unit),
        grading_grid=grading_grid(unit),
        descriptors=descriptor_views(unit),
        descriptors_intro=DESCRIPTORS_INTRO,
        grading_intro=GRADING_INTRO,
        result_note=result_note,
        candidate_fields=CANDIDATE_SIGNATURE_FIELDS,
        assessor_fields=assessor_fields(unit),
        iqa_fields=IQA_FIELDS,
        how_to_use=how_to_use(unit),
        candidate_declaration=CANDIDATE_DECLARATION,
        assessor_declaration=assessor_declaration(unit),
        centre=centre,
        font_css=font_face_css(),
        date_meta=date_meta(),
    )


def render_workbook_pdf(env: jinja2.Environment, unit: Unit, *, centre: Centre = NO_CENTRE) -> bytes:
    """The fillable workbook PDF: one uniquely named field per box, each with its label as ``/TU``."""
    labels = {f.name: f.label for f in workbook_fields(unit)}
    return render_pdf(render_workbook_html(env, unit, centre), forms=True, field_labels=labels)
