"""The whole-qualification handbook as one PDF: cover, contents with page numbers, structure
and rules, assessment summary, then every unit's full guidance, each unit on a new page.

:func:`handbook_data` gathers what the qualification page and the unit pages say (the same
facts, rule sentences, notices and wording; prose fields as Markdown trees from
:mod:`generator.printables.markdown_tree`, through the site's own Markdown filter) and
``site_templates/print/handbook.typ`` lays it out with Typst
(:mod:`generator.printables.typst_engine`): tagged PDF/UA-1, bookmarks from the headings,
the contents' page numbers and links worked out by Typst. The fonts, cache and source date
are the shared printables ones, so a handbook is byte-identical for the same inputs and is
rendered again only when one of them changes.

```python
pdf = render_handbook_pdf(env, entry, catalogue, build_date)
```

The handbook PDF is one output kind of the printables pipeline
(:data:`generator.printables.pipeline.QUALIFICATION_KINDS`): it shares the pipeline's cache
folder, code digest, prune and worker pool.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jinja2

from ..content.catalogue import Catalogue
from ..content.model import GRADE_LABELS, Criterion, LearningOutcome, Unit
from ..content.qualifications import SourcedQualification
from ..rules.text import group_sentence
from ..site.qualification_pages import first_sentence, qualification_context
from ..site.unit_view import unit_status
from ..site.view import format_date, format_fact, unit_facts
from .branding import NO_CENTRE, Centre
from .markdown_tree import markdown_tree
from .typst_engine import compile_pdf, search_path

TEMPLATE = "print/handbook.typ"
#: The templates this output reads; their sources are part of its cache key.
TEMPLATES = (TEMPLATE, "print/common.typ")
SUFFIX = "-handbook.pdf"
LABEL = "Qualification handbook"
DESCRIPTION = "PDF, every unit"
SAMPLE_NOTICE = (
    "This handbook is a sample made to show how the handbook works. It is not offered by any awarding "
    "body, and its rules of combination are illustrative: do not use it to plan a learner's programme."
)


def unit_anchor(unit: Unit) -> str:
    """The id of a unit's section in the handbook."""
    return f"unit-{unit.slug}"


def handbook_site_path(entry: SourcedQualification, downloads_dir: str = "downloads") -> str:
    """Where the PDF is offered: ``downloads/qualifications/<slug>-handbook.pdf``."""
    return f"{downloads_dir}/qualifications/{entry.qualification.slug}{SUFFIX}"


def _qualification_facts(entry: SourcedQualification) -> list[list[str]]:
    """The cover's facts, as the qualification page's facts table gives them."""
    q, rules = entry.qualification, entry.rules
    rows: list[tuple[str, object]] = [
        ("Awarding body", q.awarding_body),
        ("Qualification number", q.qualification_number),
        ("Level", q.level.value_label if q.level is not None else None),
        ("Credit value", q.credit_value),
        ("Guided learning hours", q.guided_learning_hours),
        ("Total qualification time", f"{q.total_qualification_time} hours" if q.total_qualification_time else None),
        ("Operational start date", format_date(q.operational_start_date) or None),
        ("Operational end date", format_date(q.operational_end_date) or None),
        ("Certification end date", format_date(q.certification_end_date) or None),
        ("Units", len(rules.units)),
        ("Pathways", ", ".join(p.name for p in rules.pathways) or None),
    ]
    return [[label, str(value)] for label, value in rows if value is not None and value != ""]


def _group(rules: Any, group: Any, catalogue: Catalogue, today: dt.date) -> dict[str, Any]:
    units = []
    for unit_id in group.units:
        unit = catalogue.get(unit_id)
        units.append(
            {
                "title": unit.title,
                "anchor": unit_anchor(unit),
                "expired": unit.is_expired(today),
                "cells": [
                    unit.unit_number or "Not stated",
                    unit.level.value_label,
                    unit.credit_text or "Not stated",
                    format_fact(unit.guided_learning_hours) if unit.guided_learning_hours is not None else "Not stated",
                ],
            }
        )
    return {"caption": group_sentence(rules, group), "units": units, "note": markdown_tree(group.note)}


def _summary_row(unit: Unit) -> list[str]:
    evidence = unit.evidence
    if evidence and evidence.methods:
        lead = f"At least {evidence.minimum_methods} of: " if evidence.minimum_methods else ""
        methods = lead + ", ".join(m.method for m in evidence.methods)
    else:
        methods = "Not stated"
    if evidence and evidence.simulation_allowed is not None:
        simulation = "Allowed" if evidence.simulation_allowed else "Not allowed"
    else:
        simulation = "Not stated"
    return [unit.title, first_sentence(unit.assessment) or "Not stated", methods, simulation]


def _notices(unit: Unit, today: dt.date) -> list[dict[str, str]]:
    """The unit page's warnings: withdrawn, expired, expiring, incomplete."""
    status = unit_status(unit, today).status
    check = "Check with the awarding body before registering candidates."
    notices = []
    if status == "withdrawn":
        notices.append(("This unit has been withdrawn", f"The awarding body has withdrawn it. {check}"))
    elif unit.is_expired(today):
        notices.append(
            ("This unit has expired", f"Its expiry date, {format_date(unit.expiry_date)}, has passed. {check}")
        )
    elif status == "expired":
        notices.append(
            ("This unit has expired", f"Its operational end date, {format_date(unit.end_date())}, has passed. {check}")
        )
    elif status == "expiring":
        notices.append(
            (
                "This unit is expiring",
                f"Its last date is {format_date(unit.end_date())}. "
                "Check with the awarding body before registering new candidates.",
            )
        )
    if unit.incomplete:
        detail = (
            unit.incomplete
            if isinstance(unit.incomplete, str)
            else "Parts of the awarding body's unit are missing from this page."
        )
        notices.append(
            ("This unit is incomplete", f"{detail} Check the awarding body's own document before relying on it.")
        )
    return [{"title": title, "text": text} for title, text in notices]


def _criterion(criterion: Criterion, prefix: str) -> dict[str, Any]:
    return {
        "number": criterion.number,
        "anchor": prefix + criterion.anchor,
        "text": criterion.text,
        "bullets": list(criterion.bullets or ()),
        "subs": [
            {
                "letter": sub.letter,
                "anchor": prefix + criterion.sub_anchor(sub),
                "text": sub.text,
                "bullets": list(sub.bullets or ()),
            }
            for sub in criterion.sub_criteria or ()
        ],
        "content": markdown_tree(criterion.content),
    }


def _outcome(unit: Unit, outcome: LearningOutcome, prefix: str) -> dict[str, Any]:
    return {
        "number": outcome.number,
        "text": outcome.text,
        "assessed_by": None if outcome.portfolio else f"Assessed by {outcome.assessed_by_label.lower()}",
        "criteria": [_criterion(criterion, prefix) for criterion in outcome.criteria],
        "graded": [{"number": g.number, "anchor": prefix + g.anchor} for g in unit.grading_criteria_of(outcome)],
        "third": markdown_tree(outcome.third_column),
    }


def _spans(outcomes: tuple[int, ...]) -> str:
    """``(learning outcomes 1, 2)`` for a grading criterion of several outcomes, else nothing."""
    return f"(learning outcomes {', '.join(map(str, outcomes))})" if len(outcomes) > 1 else ""


def _grading(unit: Unit, prefix: str) -> dict[str, Any]:
    grading = unit.grading
    assert grading is not None
    grades = grading.grades
    labels = [GRADE_LABELS[grade] for grade in grades]
    leads = [
        "the learner can:",
        f"in addition to the {labels[0].lower()} criteria, the learner can:",
        f"in addition to the {labels[0].lower()} and {labels[min(1, len(labels) - 1)].lower()} criteria, "
        "the learner can:",
    ]
    caption = "Grading criteria by learning outcome: " + (
        labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    )
    rows = [
        {
            "outcome": f"{outcome.number} {outcome.text}",
            "cells": [
                [
                    {
                        "number": g.number,
                        "anchor": prefix + g.anchor,
                        "text": g.text,
                        "spans": f"(learning outcomes {', '.join(map(str, g.outcomes))})"
                        if len(g.outcomes) > 1
                        else "",
                        "bullets": list(g.bullets or ()),
                    }
                    for g in cells[grade]
                ]
                for grade in grades
            ],
        }
        for outcome, cells in unit.grading_grid()
    ]
    return {
        "kind": "grading",
        "caption": caption,
        "grades": [{"label": label, "lead": leads[min(i, 2)]} for i, label in enumerate(labels)],
        "rows": rows,
    }


def _descriptors(unit: Unit, prefix: str) -> dict[str, Any]:
    assert unit.grading is not None
    return {
        "kind": "descriptors",
        "rows": [
            {
                "number": d.number,
                "anchor": prefix + d.anchor,
                "title": d.title,
                "components": [
                    {"letter": c.letter, "anchor": f"{prefix}{d.anchor}-{c.letter}", "text": c.text}
                    for c in d.components
                ],
            }
            for d in unit.grading.descriptors
        ],
    }


def _prose(heading: str, text: str | None) -> dict[str, Any]:
    return {"heading": heading, "kind": "prose", "body": markdown_tree(text)}


def _sections(unit: Unit, prefix: str) -> list[dict[str, Any]]:
    """A unit's sections after its facts, in the unit page's order, each under its heading."""
    sections = []
    if unit.purpose:
        sections.append(_prose("Unit purpose and aim", unit.purpose))
    content_heading, third_heading = unit.criterion_content_heading, unit.third_column_heading
    caption = "Learning outcomes and assessment criteria: the learner will (outcome); the learner can (criteria)"
    caption += "".join(f"; {h}" for h in (content_heading, third_heading) if h)
    sections.append(
        {
            "heading": "Learning outcomes and assessment criteria",
            "kind": "lo_ac",
            "caption": caption,
            "content_heading": content_heading,
            "third_heading": third_heading,
            "outcomes": [_outcome(unit, outcome, prefix) for outcome in unit.learning_outcomes],
        }
    )
    grading = unit.grading
    if grading and grading.criteria:
        sections.append({"heading": "Grading criteria", **_grading(unit, prefix)})
    elif grading and grading.descriptors:
        sections.append({"heading": "Grade descriptors", **_descriptors(unit, prefix)})
    if grading and grading.note:
        sections.append(_prose("" if grading.graded else "Grading", grading.note))
    if unit.assessment:
        sections.append(_prose("Assessment", unit.assessment))
    if unit.evidence:
        evidence = unit.evidence
        lead = (
            f"Evidence may be gathered through a combination of at least {evidence.minimum_methods} of these methods:"
            if evidence.minimum_methods
            else "Evidence methods:"
        )
        sections.append(
            {
                "heading": "Evidence requirements",
                "kind": "evidence",
                "requirements": markdown_tree(evidence.requirements),
                "lead": lead,
                "methods": [
                    m.method + (f" (for example, {m.examples})" if m.examples else "") for m in evidence.methods or ()
                ],
                "note": markdown_tree(evidence.note),
                "simulation": None
                if evidence.simulation_allowed is None
                else ("allowed" if evidence.simulation_allowed else "not allowed"),
            }
        )
    if unit.guidance:
        sections.append(_prose("Guidance on assessment and evidence requirements", unit.guidance))
    if unit.nos:
        nos = unit.nos
        sections.append(
            {
                "heading": "National Occupational Standards (NOS) mapping",
                "kind": "nos",
                "statement": markdown_tree(nos.statement),
                "rows": [
                    [m.suite, m.code or "Not stated", m.title or "Not stated", m.relationship or "Not stated"]
                    for m in nos.mappings
                ],
                "note": markdown_tree(nos.note),
            }
        )
    if unit.functional_skills:
        sections.append(
            {
                "heading": "Functional skills signposting",
                "kind": "fs",
                "subjects": [
                    {"subject": subject, "rows": [[label, "Yes" if yes else "No"] for label, yes in components]}
                    for subject, components in unit.functional_skills.grid()
                ],
            }
        )
    if unit.resources:
        sections.append(_prose("Resources", unit.resources))
    reading = unit.reading_list
    if reading and (reading.books or reading.links):
        sections.append({"heading": "Reading list", "kind": "reading", **_reading(reading)})
    if unit.additional_information:
        sections.append(_prose("Additional information", unit.additional_information))
    return sections


def _reading(reading: Any) -> dict[str, Any]:
    books = []
    for book in reading.books or ():
        before = book.authors + (f" ({book.year})" if book.year else "") + " "
        after = (
            (f", {book.edition} edition" if book.edition else "")
            + "."
            + (f" ISBN {book.isbn}." if book.isbn else "")
            + (f" {book.note}." if book.note else "")
        )
        books.append({"before": before, "title": book.title, "url": book.url, "after": after})
    links = [
        {"title": item.title or item.url, "url": item.url, "after": f" ({item.year})" if item.year else ""}
        for item in reading.links or ()
    ]
    return {"books": books, "links": links}


def _unit(unit: Unit, today: dt.date) -> dict[str, Any]:
    anchor = unit_anchor(unit)
    facts = []
    for fact in unit_facts(unit, today):
        text = fact.text + fact.suffix
        if fact.expiry and unit.is_expired(today):
            text += " (Expired)"
        facts.append({"label": fact.label, "text": text, "href": fact.href, "strong": bool(fact.badge)})
    return {
        "anchor": anchor,
        "kicker": f"Unit {unit.unit_number}" if unit.unit_number else "Unit",
        "title": unit.title,
        "facts": facts,
        "notices": _notices(unit, today),
        # Every id inside a unit starts with the unit's own anchor: the units share criterion numbers.
        "sections": _sections(unit, anchor + "-"),
    }


def handbook_data(
    entry: SourcedQualification, catalogue: Catalogue, build_date: dt.date, centre: Centre = NO_CENTRE
) -> dict[str, Any]:
    """Everything the handbook prints, as plain data for ``print/handbook.typ``."""
    context = qualification_context(entry, catalogue)
    q, rules = entry.qualification, entry.rules
    units: list[Unit] = context["units"]  # type: ignore[assignment]
    return {
        "title": f"{q.title}: handbook",
        "description": f"Handbook for {q.title}: structure, rules of combination and every unit's guidance",
        "qualification": q.title,
        "sample": SAMPLE_NOTICE if q.sample else None,
        "centre": centre.print_data(),
        "facts": _qualification_facts(entry),
        "withdrawn": q.is_withdrawn(build_date),
        "description_text": markdown_tree(q.description),
        "sentences": context["sentences"],
        "rules_note": markdown_tree(q.rules.note),
        "groups": [{"name": g.name, **_group(rules, g, catalogue, build_date)} for g in rules.groups],
        "pathways": [
            {
                "name": pathway.name,
                "description": markdown_tree(pathway.description),
                "groups": [_group(rules, g, catalogue, build_date) for g in pathway.groups],
            }
            for pathway in rules.pathways
        ],
        "barred": [
            " and ".join(
                [", ".join(u.title for u in b.units[:-1]), b.units[-1].title]
                if len(b.units) > 1
                else [b.units[0].title]
            )
            + ": take no more than one."
            + (f" {b.note}" if b.note else "")
            for b in context["barred"]  # type: ignore[attr-defined]
        ],
        "assessment": markdown_tree(q.assessment),
        "summary": [_summary_row(unit) for unit in units],
        "units": [_unit(unit, build_date) for unit in units],
    }


def render_handbook_pdf(
    env: jinja2.Environment,
    entry: SourcedQualification,
    catalogue: Catalogue,
    build_date: dt.date,
    centre: Centre = NO_CENTRE,
) -> bytes:
    """The handbook PDF (tagged PDF/UA-1, bookmarks from the headings), its cover naming ``centre``."""
    data = handbook_data(entry, catalogue, build_date, centre)
    return compile_pdf(TEMPLATE, data, templates_dirs=search_path(env))
