"""What every printable of a unit shows, worked out once from the unit model.

The PDF templates, the Word writer and the spreadsheet writer all take their form fields,
facts, criteria and grid from here, so the four files of a unit always agree. The unit
arrives as the model describes it (criteria with sub-criteria and bulleted ranges, grading
criteria, grade descriptors, outcomes assessed by exam); here it becomes what a page of a
workbook or a column of a record sheet needs: one :class:`ItemView` per thing an assessor
signs off, each with its own uniquely named fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..content.model import GRADE_LABELS, AssessableItem, LearningOutcome, Unit
from ..site import view as site_view
from ..site.view import format_date
from .wording import (
    ASSESSOR_DECLARATION,
    DESCRIPTORS_STEP,
    GRADED_ASSESSOR_DECLARATION,
    GRADED_STEP,
    HOW_TO_USE,
    PARTS_STEP,
    RESULT_STEP,
)


@dataclass(frozen=True)
class FormField:
    """One fillable field: its unique ``name`` and its accessible ``label``.

    ``rows`` is the writing space in lines (1 is a single-line box); ``choices`` makes
    it a set of exclusive options as (value, label) pairs. ``short_label`` is what a
    table row shows beside the field where the item it belongs to is already named
    (``Your response`` under ``1.2 a)``); the full ``label`` stays the accessible name.
    """

    name: str
    label: str
    rows: int = 1
    choices: tuple[tuple[str, str], ...] = ()
    kind: str = "text"
    short_label: str = ""
    value: str = ""
    """Filled in already (the centre's name); empty for the candidate to complete."""

    @property
    def multiline(self) -> bool:
        """Whether the field holds more than one line."""
        return self.rows > 1

    @property
    def row_label(self) -> str:
        """The label beside the field in a table: ``short_label``, else ``label``."""
        return self.short_label or self.label


@dataclass(frozen=True)
class CriterionFields:
    """The candidate's and the assessor's fields for one thing an assessor signs off."""

    response: FormField
    evidence_reference: FormField
    decision: FormField
    feedback: FormField
    date: FormField

    def all(self) -> tuple[FormField, ...]:
        """The fields in the order they appear."""
        return (self.response, self.evidence_reference, self.decision, self.feedback, self.date)


DECISIONS = (("met", "Met"), ("not_yet_met", "Not yet met"))
NOT_YET_ACHIEVED = ("not_yet_achieved", "Not yet achieved")

COVER_FIELDS = (
    FormField("candidate_name", "Candidate name"),
    FormField("candidate_number", "Candidate number"),
    FormField("centre_name", "Centre name"),
    FormField("centre_number", "Centre number"),
    FormField("assessor_name", "Assessor"),
)
CENTRE_NAME_FIELD = "centre_name"


def cover_fields(centre_name: str = "") -> tuple[FormField, ...]:
    """The cover's fields, with the centre's name filled in when it is known."""
    return tuple(replace(f, value=centre_name) if f.name == CENTRE_NAME_FIELD else f for f in COVER_FIELDS)


CANDIDATE_SIGNATURE_FIELDS = (
    FormField("candidate_signature", "Candidate signature"),
    FormField("candidate_signature_date", "Candidate signature date", kind="date"),
)
ASSESSOR_SIGNATURE_FIELDS = (
    FormField("assessor_signature", "Assessor signature"),
    FormField("assessor_signature_date", "Assessor signature date", kind="date"),
)
IQA_FIELDS = (
    FormField("iqa_name", "Internal quality assurer name"),
    FormField("iqa_sample_date", "Date sampled", kind="date"),
    FormField("iqa_criteria_sampled", "Criteria sampled"),
    FormField("iqa_comments", "Internal quality assurer comments", rows=4),
    FormField("iqa_signature", "Internal quality assurer signature"),
)


def item_fields(label: str, anchor: str) -> CriterionFields:
    """The fields of one assessed item, named after its page anchor: ``ac_1_2_response``,
    ``ac_6_1_a_response``, ``p1_response`` (unique within a unit, stable across builds)."""
    stem = anchor.replace("-", "_")
    return CriterionFields(
        response=FormField(f"{stem}_response", f"{label} Your response", rows=14, short_label="Your response"),
        evidence_reference=FormField(
            f"{stem}_evidence_reference", f"{label} Evidence reference", short_label="Evidence reference"
        ),
        decision=FormField(
            f"{stem}_decision",
            f"{label} Assessor decision",
            choices=DECISIONS,
            kind="choice",
            short_label="Assessor decision",
        ),
        feedback=FormField(f"{stem}_feedback", f"{label} Assessor feedback", rows=3, short_label="Assessor feedback"),
        date=FormField(
            f"{stem}_assessor_date",
            f"{label} Assessor decision date",
            kind="date",
            short_label="Assessor decision date",
        ),
    )


@dataclass(frozen=True)
class ItemView:
    """One thing an assessor signs off, as a workbook shows it: its own heading, range and boxes.

    ``kicker`` names what kind of item it is where that is not plain from its number
    (``Merit criterion``, and the outcomes it spans where it spans several); ``grade`` is the
    grade a grading criterion counts towards.
    """

    label: str
    anchor: str
    text: str
    bullets: tuple[str, ...]
    fields: CriterionFields
    kicker: str = ""
    grade: str | None = None

    @classmethod
    def of(cls, item: AssessableItem) -> ItemView:
        """The view of one of the model's assessable items."""
        grade = GRADE_LABELS[item.grade] if item.grade else None
        kicker = ""
        if item.grading_criterion is not None:
            outcomes = item.grading_criterion.outcomes
            kicker = f"{grade} criterion"
            if len(outcomes) > 1:
                kicker += ", learning outcomes " + and_list([str(n) for n in outcomes])
        return cls(
            item.label, item.anchor, item.text, item.bullets, item_fields(item.label, item.anchor), kicker, grade
        )


@dataclass(frozen=True)
class CriterionView:
    """A criterion as the workbook prints it: its words and range, its content, then its items.

    A criterion without sub-criteria is its own single item; one with sub-criteria has an
    item per sub-criterion, each with its own response box. ``content`` (Markdown) is the
    unit's per-criterion content under the unit's ``criterion_content_heading``.
    """

    number: str
    anchor: str
    text: str
    bullets: tuple[str, ...]
    content: str | None
    items: tuple[ItemView, ...]

    @property
    def has_parts(self) -> bool:
        """Whether the criterion is signed off in lettered parts (sub-criteria)."""
        return any(item.label != self.number for item in self.items)


@dataclass(frozen=True)
class OutcomeView:
    """One learning outcome of the workbook: criteria, the grading criteria tied to it, or a result.

    An outcome assessed by exam, test or assignment has ``result`` fields (result, date)
    and its criteria are listed for information only, without response boxes.
    """

    outcome: LearningOutcome
    criteria: tuple[CriterionView, ...]
    grading: tuple[ItemView, ...]
    result: tuple[FormField, ...] = ()

    @property
    def portfolio(self) -> bool:
        """Whether evidence is gathered against each criterion of this outcome."""
        return not self.result


def result_fields(outcome: LearningOutcome) -> tuple[FormField, ...]:
    """The result row of an outcome assessed by exam, test or assignment: result and date."""
    label = f"Learning outcome {outcome.number} {outcome.assessed_by_label.lower()}"
    return (
        FormField(f"lo_{outcome.number}_result", f"{label} result", short_label="Result"),
        FormField(f"lo_{outcome.number}_result_date", f"{label} date", kind="date", short_label="Date"),
    )


def workbook_outcomes(unit: Unit) -> list[OutcomeView]:
    """The workbook's outcomes, each with its criteria (and their items), grading criteria or result."""
    items = unit.assessable_items()
    views = []
    for outcome in unit.learning_outcomes:
        mine = [item for item in items if item.outcome is outcome]
        criteria = tuple(
            CriterionView(
                criterion.number,
                criterion.anchor,
                criterion.text,
                tuple(criterion.bullets or ()),
                criterion.content,
                tuple(ItemView.of(i) for i in mine if i.criterion is criterion) if outcome.portfolio else (),
            )
            for criterion in outcome.criteria
        )
        grading = tuple(ItemView.of(i) for i in mine if i.grading_criterion is not None) if outcome.portfolio else ()
        views.append(OutcomeView(outcome, criteria, grading, () if outcome.portfolio else result_fields(outcome)))
    return views


@dataclass(frozen=True)
class ComponentView:
    """One component of an Access to HE grade descriptor, with the assessor's grade field."""

    label: str
    anchor: str
    text: str
    grade: FormField


@dataclass(frozen=True)
class DescriptorView:
    """A grade descriptor (GD1 ...) and the components the unit is graded on."""

    number: str
    anchor: str
    title: str
    components: tuple[ComponentView, ...]


def grade_choices(unit: Unit) -> tuple[tuple[str, str], ...]:
    """The grades an assessor may record for this unit (those its criteria reach), then not yet achieved."""
    grading = unit.grading
    grades = grading.grades if grading is not None and grading.criteria else ("pass", "merit", "distinction")
    return (*((grade, GRADE_LABELS[grade]) for grade in grades), NOT_YET_ACHIEVED)


def descriptor_views(unit: Unit) -> list[DescriptorView]:
    """The unit's grade descriptors with a grade field per component (``gd1_a_grade``)."""
    if unit.grading is None:
        return []
    choices = grade_choices(unit)
    views = []
    for descriptor in unit.grading.descriptors:
        components = []
        for component in descriptor.components:
            label = f"{descriptor.number} {component.letter})"
            anchor = f"{descriptor.anchor}-{component.letter}"
            grade = FormField(
                anchor.replace("-", "_") + "_grade",
                f"{label} Grade",
                choices=choices,
                kind="choice",
                short_label="Grade",
            )
            components.append(ComponentView(label, anchor, component.text, grade))
        views.append(DescriptorView(descriptor.number, descriptor.anchor, descriptor.title, tuple(components)))
    return views


def unit_grade_field(unit: Unit) -> FormField | None:
    """The assessor's "grade awarded" field of a graded unit; None for an ungraded one."""
    if not unit.graded:
        return None
    return FormField("unit_grade", "Grade awarded", choices=grade_choices(unit), kind="choice")


def assessor_fields(unit: Unit) -> tuple[FormField, ...]:
    """The assessor's declaration fields: the grade awarded (graded units), signature, date."""
    grade = unit_grade_field(unit)
    return (*((grade,) if grade else ()), *ASSESSOR_SIGNATURE_FIELDS)


def workbook_fields(unit: Unit) -> list[FormField]:
    """Every fillable field of a unit's workbook, in document order."""
    fields = list(COVER_FIELDS)
    for view in workbook_outcomes(unit):
        for criterion in view.criteria:
            for item in criterion.items:
                fields.extend(item.fields.all())
        for item in view.grading:
            fields.extend(item.fields.all())
        fields.extend(view.result)
    for descriptor in descriptor_views(unit):
        fields.extend(component.grade for component in descriptor.components)
    return [*fields, *CANDIDATE_SIGNATURE_FIELDS, *assessor_fields(unit), *IQA_FIELDS]


def how_to_use(unit: Unit) -> list[str]:
    """The workbook's "how to use" steps, with a step for each shape the unit has."""
    extra = []
    if any(criterion.sub_criteria for criterion in unit.criteria):
        extra.append(PARTS_STEP)
    if unit.result_outcomes():
        extra.append(RESULT_STEP)
    if unit.grading is not None and unit.grading.criteria and unit.graded:
        extra.append(GRADED_STEP)
    if unit.grading is not None and unit.grading.descriptors:
        extra.append(DESCRIPTORS_STEP)
    return [*HOW_TO_USE[:-1], *extra, HOW_TO_USE[-1]]


def assessor_declaration(unit: Unit) -> str:
    """The assessor's declaration: competence for an ungraded unit, the grade for a graded one."""
    return GRADED_ASSESSOR_DECLARATION if unit.graded else ASSESSOR_DECLARATION


def grading_grid(unit: Unit) -> list[tuple[str, list[list[ItemView]]]]:
    """The grading grid as graded specifications print it: a row per outcome (``LO1 text``),
    a cell per grade the unit uses holding its criteria; empty for a unit without P/M/D criteria."""
    if unit.grading is None or not unit.grading.criteria:
        return []
    grades = unit.grading.grades
    items = {i.grading_criterion.number: ItemView.of(i) for i in unit.assessable_items() if i.grading_criterion}
    return [
        (f"{outcome.number} {outcome.text}", [[items[c.number] for c in by_grade[grade]] for grade in grades])
        for outcome, by_grade in unit.grading_grid()
    ]


def grade_headings(unit: Unit) -> list[str]:
    """The grading grid's grade columns: ``Pass``, ``Merit``, ``Distinction`` (those the unit uses)."""
    return [GRADE_LABELS[g] for g in unit.grading.grades] if unit.grading is not None else []


def and_list(words: Sequence[str]) -> str:
    """``1``, ``1 and 2``, ``1, 2 and 3``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _stated(value: object) -> str | None:
    """A fact's value as printed: 'Not stated' / 'Not available' where the document says so."""
    if value is None:
        return None
    text = str(value)
    return text[:1].upper() + text[1:] if text in ("not stated", "not available") else text


#: Labels the printables give codes, where they differ from the model's (as OCR's forms print them).
CODE_LABELS = {"Unit reference number": "Unit reference number (URN)"}


def unit_codes(unit: Unit) -> list[tuple[str, str]]:
    """Every code of the unit as (label, code), as headers print them; a URN alone still shows."""
    return [(CODE_LABELS.get(label, label), code) for label, code in unit.codes()]


def level_value(unit: Unit) -> str:
    """The level as a facts table shows it beside "Level": ``3``, ``Entry Level 3``, ``SCQF level 6``."""
    return unit.level.label.removeprefix("Level ")


def credit_facts(unit: Unit) -> list[tuple[str, str]]:
    """Credit value, SCQF credit points and guided learning hours, as far as the unit states them."""
    facts = [
        ("Credit value", _stated(unit.credit_value)),
        ("SCQF credit points", _stated(unit.scqf_credit_points)),
        ("Guided learning hours", _stated(unit.guided_learning_hours)),
    ]
    return [(label, value) for label, value in facts if value is not None]


GRADING_SCHEMES = {
    "pass/fail": "Pass or fail",
    "pass/merit/distinction": "Pass, Merit or Distinction",
    "grade descriptors": "Pass, Merit or Distinction, against grade descriptors",
}


def date_facts(unit: Unit) -> list[tuple[str, str]]:
    """The unit's stated status and dates. Printables are kept and used long after they are
    built, so they print the dates themselves rather than a status worked out on the build day."""
    facts = [
        ("Status", "Withdrawn" if unit.status == "withdrawn" else None),
        ("Operational start date", format_date(unit.operational_start) or None),
        ("Operational end date", format_date(unit.operational_end) or None),
        ("Expiry date", format_date(unit.expiry_date) or None),
        ("Review date", format_date(unit.review_date) or None),
    ]
    return [(label, value) for label, value in facts if value is not None]


def unit_facts(unit: Unit) -> list[tuple[str, str]]:
    """The unit's identifying facts that it states, as (label, value): the unit page's list, same order."""
    return [(fact.label, fact.plain) for fact in site_view.unit_facts(unit)]


def header_codes(unit: Unit) -> list[tuple[str, str]]:
    """What the sheet's header prints under the unit line: the unit's codes (a URN alone still
    shows), its level in its framework, and its credits, as awarding bodies' own sheets do."""
    return [*unit_codes(unit), ("Level", level_value(unit)), *credit_facts(unit)]


def source_line(unit: Unit) -> str | None:
    """Where the unit's text came from, in one line: ``Title, version 2, 1 September 2024, https://...``."""
    source = unit.source
    if source is None:
        return None
    parts = [source.title]
    if source.publisher:
        parts.append(source.publisher)
    if source.version:
        parts.append(f"version {source.version}")
    if source.date:
        parts.append(format_date(source.date) if not isinstance(source.date, str) else source.date)
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)


INCOMPLETE_NOTICE = "This unit is known to be incomplete"
WITHDRAWN_NOTICE = "The awarding body has withdrawn this unit."


def unit_notice(unit: Unit) -> str | None:
    """The plain warning printed at the top of every printable of a unit that is withdrawn or
    marked incomplete; None for any other unit."""
    sentences = []
    if unit.status == "withdrawn":
        sentences.append(WITHDRAWN_NOTICE)
    if unit.incomplete is not None:
        detail = f": {unit.incomplete.rstrip('.')}." if isinstance(unit.incomplete, str) else "."
        sentences.append(f"{INCOMPLETE_NOTICE}{detail}")
    if not sentences:
        return None
    return " ".join([*sentences, "Check the awarding body's own document before relying on it."])


def version_line(unit: Unit) -> str | None:
    """Which version of the unit a printable records, as its footer says: ``Version 3, March 2026``."""
    if unit.version is None:
        return None
    label = unit.version.label
    named = label if label[0].isalpha() else f"Version {label}"
    return f"{named}, {unit.version.date:%B %Y}" if unit.version.date else named


def footer_text(unit: Unit) -> str:
    """The footer of every printable page: the unit's heading, and its version when the file gives one."""
    line = version_line(unit)
    return f"{unit_heading(unit)} · {line}" if line else unit_heading(unit)


def unit_heading(unit: Unit) -> str:
    """How a print names the unit: ``Unit 38 Manage the achievement of customer satisfaction``."""
    return f"Unit {unit.unit_number} {unit.title}" if unit.unit_number else unit.title


def nos_codes(unit: Unit) -> list[str]:
    """The NOS unit codes the unit maps to, as the record sheet shows them after the title."""
    if unit.nos is None:
        return []
    return [mapping.code for mapping in unit.nos.mappings if mapping.code]


def record_sheet_heading(unit: Unit) -> str:
    """The record sheet's unit line: heading plus NOS codes, ``Unit 38 ... (F11)``."""
    codes = nos_codes(unit)
    return unit_heading(unit) + (f" ({', '.join(codes)})" if codes else "")


def assessment_methods(unit: Unit, default: Sequence[str]) -> list[str]:
    """The unit's own evidence methods (capitalised as a list item), else ``default``."""
    if unit.evidence and unit.evidence.methods:
        return [m.method[:1].upper() + m.method[1:] for m in unit.evidence.methods]
    return list(default)


@dataclass(frozen=True)
class GridColumn:
    """One column of the record sheet and tracker grid: something an assessor signs off.

    ``label`` heads the column (``1.1``, ``6.1 a``, ``P1``); ``text`` is its wording for
    the tracker's criteria sheet; ``grade`` is the grade it counts towards on a graded unit.
    """

    label: str
    text: str
    grade: str | None = None


@dataclass(frozen=True)
class GridGroup:
    """Columns under one header cell (``LO1``), in order."""

    label: str
    columns: tuple[GridColumn, ...]


@dataclass(frozen=True)
class GridPart:
    """The grid columns that fit on one page of the record sheet, grouped by outcome."""

    groups: tuple[GridGroup, ...] = field(default_factory=tuple)

    @property
    def columns(self) -> list[GridColumn]:
        """This part's columns, in order."""
        return [c for group in self.groups for c in group.columns]


def item_wording(item: AssessableItem) -> str:
    """An item's full wording in one line, for a spreadsheet cell: a sub-criterion after its
    criterion's stem, a bulleted range after a colon."""
    text = item.text
    if item.sub_criterion is not None and item.criterion is not None:
        text = f"{item.criterion.text} {item.sub_criterion.letter}) {text}"
    if item.bullets:
        text = text.rstrip(":") + ": " + "; ".join(item.bullets)
    return text


def grid_groups(unit: Unit) -> list[GridGroup]:
    """The columns of the unit's evidence grid under their outcomes: a column per criterion, or
    per sub-criterion, then the grading criteria (P1, M1, D1 ...) tied to the outcome. Outcomes
    assessed by exam, test or assignment have a result row instead (see :func:`result_outcomes`)."""
    items = unit.assessable_items(portfolio_only=True)
    groups = []
    for outcome in unit.learning_outcomes:
        columns = tuple(
            GridColumn(i.label, item_wording(i), GRADE_LABELS[i.grade] if i.grade else None)
            for i in items
            if i.outcome is outcome
        )
        if columns:
            groups.append(GridGroup(f"LO{outcome.number}", columns))
    return groups


def grid_columns(unit: Unit) -> list[GridColumn]:
    """Every column of the unit's evidence grid, in order."""
    return [c for group in grid_groups(unit) for c in group.columns]


def split_grid(unit: Unit, max_columns: int) -> list[GridPart]:
    """The unit's grid columns in parts of at most ``max_columns``, breaking between outcomes.

    An outcome stays whole on one part where it fits; one with more columns than a part
    holds is broken between columns. Every column appears exactly once, in order.
    """
    if max_columns < 1:
        raise ValueError("max_columns must be at least 1")
    parts: list[list[GridGroup]] = [[]]

    def used() -> int:
        return sum(len(group.columns) for group in parts[-1])

    for group in grid_groups(unit):
        remaining = group.columns
        if used() and used() + len(remaining) > max_columns:
            parts.append([])
        while remaining:
            room = max_columns - used()
            if room == 0:
                parts.append([])
                room = max_columns
            parts[-1].append(GridGroup(group.label, remaining[:room]))
            remaining = remaining[room:]
    return [GridPart(tuple(groups)) for groups in parts if groups]
