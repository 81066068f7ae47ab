"""The candidate workbook as a fillable PDF (A4 portrait), typeset by Typst.

``site_templates/print/workbook.typ`` lays out the data of :func:`workbook_data` (found
through the template search path, so a centre can override it); Typst gives a tagged
PDF/UA-1 document in which each field's box is a marker link, and
:func:`.pdf_forms.add_form_fields` makes those the AcroForm fields, tagged as ``Form``.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any

import jinja2

from ..content.model import Unit
from .branding import NO_CENTRE, Centre
from .layout import (
    CANDIDATE_SIGNATURE_FIELDS,
    IQA_FIELDS,
    FormField,
    ItemView,
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
from .markdown_tree import markdown_tree
from .pdf_forms import add_form_fields
from .typst_engine import COMMON, compile_pdf, search_path
from .wording import CANDIDATE_DECLARATION, DESCRIPTORS_INTRO, GRADING_INTRO, result_note

TEMPLATE = "print/workbook.typ"
#: The templates this output reads; their sources are part of its cache key.
TEMPLATES = (TEMPLATE, COMMON)
#: Characters of text beyond which a box's text and fields might not fit on one page, so the box
#: may break across pages (a box that fits stays whole). Far below the 14 cm of text an A4 page
#: holds beside a criterion's boxes, so a box that could overflow always may break.
LONG_TEXT = 1200
GRADING_CAPTION = (
    "Grading criteria by learning outcome: to achieve each grade the evidence must show that the learner is able to"
)


def _field(f: FormField) -> dict[str, Any]:
    return {"name": f.name, "label": f.label, "rows": f.rows, "choices": f.choices, "kind": f.kind}


def _long(*texts: str | None) -> bool:
    return sum(len(text or "") for text in texts) > LONG_TEXT


def _item(item: ItemView) -> dict[str, Any]:
    return {
        "long": _long(item.text, *item.bullets),
        "label": item.label,
        "text": item.text,
        "bullets": item.bullets,
        "kicker": item.kicker,
        # The names only: ``asdict`` would deep-copy every field first (a millisecond a workbook).
        "fields": {key.name: _field(getattr(item.fields, key.name)) for key in dataclass_fields(item.fields)},
    }


def workbook_data(unit: Unit, centre: Centre = NO_CENTRE) -> dict[str, Any]:
    """Everything ``print/workbook.typ`` prints, as plain data (built in :mod:`.layout`)."""
    heading = unit_heading(unit)
    grading = unit.grading
    return {
        "title": f"Candidate workbook: {heading}",
        "description": f"Candidate workbook for {heading}",
        "footer": footer_text(unit),
        "unit_title": unit.title,
        "notice": unit_notice(unit),
        "facts": unit_facts(unit),
        "source": source_line(unit),
        "centre": centre.print_data(),
        "cover_fields": [_field(f) for f in cover_fields(centre.name)],
        "how_to_use": how_to_use(unit),
        "grade_headings": grade_headings(unit),
        "grading_caption": GRADING_CAPTION,
        "grading_grid": [
            (label, [[{"label": i.label, "text": i.text} for i in cell] for cell in cells])
            for label, cells in grading_grid(unit)
        ],
        "descriptors_intro": DESCRIPTORS_INTRO,
        "descriptors": [
            {
                "long": _long(*(c.text for c in d.components)),
                "number": d.number,
                "title": d.title,
                "components": [{"label": c.label, "text": c.text, "grade": _field(c.grade)} for c in d.components],
            }
            for d in descriptor_views(unit)
        ],
        "grading_note": markdown_tree(grading.note) if grading is not None else [],
        "grading_intro": GRADING_INTRO,
        "third_column_heading": unit.third_column_heading,
        "criterion_content_heading": unit.criterion_content_heading,
        "outcomes": [
            {
                "number": str(view.outcome.number),
                "text": view.outcome.text,
                "third_column": markdown_tree(view.outcome.third_column),
                "portfolio": view.portfolio,
                "assessed_by": view.outcome.assessed_by_label.lower() if not view.portfolio else "",
                "result_note": result_note(view.outcome.assessed_by_label.lower()) if not view.portfolio else "",
                "result": [_field(f) for f in view.result],
                "long": _long(*(t for c in view.criteria for t in (c.text, *c.bullets))),
                "criteria": [
                    {
                        "long": _long(c.text, *c.bullets, c.content),
                        "number": c.number,
                        "text": c.text,
                        "bullets": c.bullets,
                        "content": markdown_tree(c.content),
                        "has_parts": c.has_parts,
                        "items": [_item(i) for i in c.items],
                    }
                    for c in view.criteria
                ],
                "grading": [_item(i) for i in view.grading],
            }
            for view in workbook_outcomes(unit)
        ],
        "candidate_declaration": CANDIDATE_DECLARATION,
        "candidate_fields": [_field(f) for f in CANDIDATE_SIGNATURE_FIELDS],
        "assessor_declaration": assessor_declaration(unit),
        "assessor_fields": [_field(f) for f in assessor_fields(unit)],
        "iqa_fields": [_field(f) for f in IQA_FIELDS],
    }


def render_workbook_pdf(env: jinja2.Environment, unit: Unit, *, centre: Centre = NO_CENTRE) -> bytes:
    """The fillable workbook PDF, PDF/UA-1: one uniquely named field per box, its label as ``/TU``.

    ``env``'s template search path is searched for ``print/workbook.typ`` first.
    """
    filled = {f.name: f for f in cover_fields(centre.name)}
    fields = [filled.get(f.name, f) for f in workbook_fields(unit)]
    pdf = compile_pdf(TEMPLATE, workbook_data(unit, centre), templates_dirs=search_path(env))
    return add_form_fields(pdf, fields)
