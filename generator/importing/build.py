"""From a read document to a draft unit: facts, outcomes, prose, identity and what is missing."""

from __future__ import annotations

import re
from pathlib import PurePath

from ..content.model import Unit
from .assessment_methods import read_assessed_by, read_descriptors
from .document import Para, SourceDocument
from .draft import Draft
from .facts import read_facts
from .layout import Layout, split_sections
from .outcomes import UNTANGLED, CriterionDraft, OutcomeDraft, OutcomesTable, read_outcomes
from .sections import markdown, read_sections
from .sources import ImportProblem
from .writing import in_model_order

#: Facts reported as "not stated" when the document does not give them.
REPORTED_FACTS = ("title", "level", "awarding_body", "unit_number", "urn", "credit_value", "guided_learning_hours")


def build_draft(document: SourceDocument) -> Draft:
    """The best reading of ``document`` as one unit, with every guess marked."""
    draft = Draft(source=document.path)
    layout = split_sections(document.blocks)
    table = read_outcomes(layout.named("outcomes") + layout.named("grading"))
    if not _has_criteria(table):
        table = read_outcomes(layout.named("record"))  # a recording sheet: criteria without outcomes
    extra = read_facts(layout, document.blocks, draft, table.trailing)
    if not _has_criteria(table):
        raise ImportProblem(
            document.path, "no assessment criteria found (numbered like '1.1'); is this a unit specification?"
        )
    _place_level(extra, draft)
    _place_outcomes(table, draft)
    read_sections(layout, draft)
    read_assessed_by(layout.named("assessment"), draft)
    read_descriptors(layout.named("descriptors"), draft)
    _place_id(draft)
    _place_source(document, draft)
    draft.layout = name_layout(document, layout, extra, table)
    _report_missing(draft)
    return _ordered(draft)


def _has_criteria(table: OutcomesTable) -> bool:
    return any(outcome.criteria for outcome in table.outcomes) or bool(table.grading)


def _place_level(extra: dict[str, object], draft: Draft) -> None:
    level = extra.get("level")
    if level is not None:
        draft.put(("level",), level)
    points = draft.get(("scqf_credit_points",))
    if points is not None and not str(level or "").startswith("SCQF"):
        # credit points printed for a unit that is not on the SCQF: they are its credit value
        del draft.data["scqf_credit_points"]
        if draft.get(("credit_value",)) is None:
            draft.put(("credit_value",), points, "printed as credit points; check they are not SCQF credit points")


def _criterion_entry(criterion: CriterionDraft, content: str | None) -> dict[str, object]:
    entry: dict[str, object] = {"number": criterion.number, "text": criterion.text}
    if criterion.bullets:
        entry["bullets"] = list(criterion.bullets)
    if criterion.sub_criteria:
        entry["sub_criteria"] = [dict(sub) for sub in criterion.sub_criteria]
    if content:
        entry["content"] = content
    return entry


def _place_outcomes(table: OutcomesTable, draft: Draft) -> None:
    outcomes: list[dict[str, object]] = []
    graded = bool(table.grading)
    for index, outcome in enumerate(table.outcomes):
        entry: dict[str, object] = {"number": outcome.number}
        if outcome.text:
            entry["text"] = outcome.text
        contents: dict[int, list[Para]] = {}
        for para, row in zip(outcome.third, outcome.third_rows, strict=True):
            contents.setdefault(row, []).append(para)
        if outcome.criteria:
            entry["criteria"] = [
                _criterion_entry(c, markdown(contents.get(c.row, [])) if table.per_criterion else None)
                for c in outcome.criteria
            ]
        third = markdown(outcome.third) if table.third_heading and not table.per_criterion else None
        if third:
            entry["third_column"] = third
        outcomes.append(entry)
        _mark_outcome(outcome, index, draft, graded)
    draft.put(("learning_outcomes",), outcomes)
    if table.third_heading and any("third_column" in o for o in outcomes):
        draft.put(("third_column_heading",), table.third_heading)
    if table.per_criterion and table.third_heading:
        draft.put(("criterion_content_heading",), table.third_heading)
    _place_grading(table, draft)


def _place_grading(table: OutcomesTable, draft: Draft) -> None:
    if not table.grading:
        return
    criteria: list[dict[str, object]] = []
    for position, grading in enumerate(table.grading):
        entry: dict[str, object] = {"number": grading.number}
        if grading.outcome is not None:
            entry["outcome"] = grading.outcome
        else:
            draft.mark(
                ("grading", "criteria", position, "outcome"),
                "the grid does not tie this criterion to an outcome; give the outcome it assesses",
            )
        entry["text"] = grading.text
        if grading.bullets:
            entry["bullets"] = list(grading.bullets)
        criteria.append(entry)
    draft.put(("grading",), {"criteria": criteria})


def _mark_outcome(outcome: OutcomeDraft, index: int, draft: Draft, graded: bool) -> None:
    base = ("learning_outcomes", index)
    if not outcome.text:
        draft.mark((*base, "text"), "the document prints no text for this outcome; copy it from the specification")
    elif outcome.untangled:
        draft.mark((*base, "text"), UNTANGLED)
    if outcome.number != index + 1:
        draft.mark((*base, "number"), f"outcomes are numbered 1, 2, 3 ...; the document has {outcome.number} here")
    if not outcome.criteria and not graded:
        draft.mark((*base, "criteria"), "no criteria found under this outcome")
    for position, criterion in enumerate(outcome.criteria):
        path = (*base, "criteria", position)
        if criterion.number != f"{outcome.number}.{position + 1}":
            draft.mark((*path, "number"), "number out of sequence in the document; check for a lost or extra criterion")
        if criterion.untangled:
            draft.mark((*path, "text"), UNTANGLED)
        elif not re.search(r"[.?!:;)a-z0-9]$", criterion.text, re.IGNORECASE):
            draft.mark((*path, "text"), "the end of this criterion was guessed")
    if outcome.untangled and outcome.third:
        draft.mark((*base, "third_column"), UNTANGLED)


def _place_id(draft: Draft) -> None:
    """The file's id: from the URN, else the awarding body and unit number, else the title (marked)."""
    urn = draft.get(("urn",))
    number = draft.get(("unit_number",))
    body = draft.get(("awarding_body",))
    title = draft.get(("title",))
    if urn:
        draft.put(("id",), urn.lower().replace("/", "-"))
    elif number and body:
        draft.put(("id",), _slug(f"{body} unit {number}"))
    elif number:
        draft.put(("id",), _slug(f"unit {number}"), "id made from the unit number; make it unique in your project")
    elif title:
        draft.put(("id",), _slug(title)[:64].strip("-"), "id made from the title; shorten it if you like")
    else:
        draft.put(("id",), "imported-unit", "no URN, number or title to name the unit by; choose an id")


def _place_source(document: SourceDocument, draft: Draft) -> None:
    """Provenance: the document the draft came from, by its own title where it has one."""
    name = PurePath(document.path).name
    if document.title:
        why = f"the document's own title (imported from {name}); add its version and date"
        draft.put(("source",), {"title": document.title[:300]}, why)
    else:
        why = "the file this draft was imported from; give the document's title, version and date"
        draft.put(("source",), {"title": name}, why)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", " and ")).strip("-")[:64].strip("-")


def name_layout(document: SourceDocument, layout: Layout, extra: dict[str, object], table: OutcomesTable) -> str:
    """A short name for the layout recognised, for the summary."""
    text = "\n".join(block.text for block in document.blocks[:400]).lower()
    if layout.has("grading") or re.search(r"\bP\d+\b.*\bM\d+\b", "\n".join(b.text for b in document.blocks)):
        name = "graded grid (pass/merit/distinction)"
    elif "examples of content" in text:
        name = "BCS/ITQ evidence record sheet"
    elif "framework" in extra or "unit no" in text:
        name = "Gateway/NCFE-style unit page"
    elif "tlm" in text or "the learning machine" in text:
        name = "TLM-style unit page"
    elif not any(o.text for o in table.outcomes):
        name = "recording sheet (title, code and criteria)"
    else:
        name = "OCR/QCF unit table"
    level = extra.get("level")
    if isinstance(level, str):
        name += f", {level.rsplit(' ', 1)[0]} level"
    if table.untangled:
        name += ", columns untangled"
    return f"{name}; {document.kind}"


def _report_missing(draft: Draft) -> None:
    for fact in REPORTED_FACTS:
        if draft.get((fact,)) is None:
            draft.not_stated.append(fact)
    if draft.get(("title",)) is None:
        draft.mark(("title",), "the document does not state the title; add it")
    if draft.get(("level",)) is None:
        draft.mark(("level",), "the document does not state the level; add it (it is required)")


def _ordered(draft: Draft) -> Draft:
    draft.data = in_model_order(draft.data, Unit)
    return draft
