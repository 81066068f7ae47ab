"""What every printable of a unit shows, worked out once from the unit model.

The PDF templates, the Word writer and the spreadsheet writer all take their form fields,
facts and criteria grid from here, so the four files of a unit always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..content.model import Criterion, LearningOutcome, Unit
from ..site import view


@dataclass(frozen=True)
class FormField:
    """One fillable field: its unique ``name`` and its accessible ``label``.

    ``rows`` is the writing space in lines (1 is a single-line box); ``choices`` makes
    it a set of exclusive options as (value, label) pairs.
    """

    name: str
    label: str
    rows: int = 1
    choices: tuple[tuple[str, str], ...] = ()
    kind: str = "text"

    @property
    def multiline(self) -> bool:
        """Whether the field holds more than one line."""
        return self.rows > 1


@dataclass(frozen=True)
class CriterionFields:
    """The candidate's and the assessor's fields for one assessment criterion."""

    criterion: Criterion
    response: FormField
    evidence_reference: FormField
    decision: FormField
    feedback: FormField
    date: FormField

    def all(self) -> tuple[FormField, ...]:
        """The fields in the order they appear."""
        return (self.response, self.evidence_reference, self.decision, self.feedback, self.date)


DECISIONS = (("met", "Met"), ("not_yet_met", "Not yet met"))

COVER_FIELDS = (
    FormField("candidate_name", "Candidate name"),
    FormField("candidate_number", "Candidate number"),
    FormField("centre_name", "Centre name"),
    FormField("centre_number", "Centre number"),
    FormField("assessor_name", "Assessor"),
)
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


def criterion_fields(criterion: Criterion) -> CriterionFields:
    """The fields of one criterion, named ``ac_<lo>_<n>_<part>`` (unique within a unit)."""
    stem = "ac_" + criterion.number.replace(".", "_")
    number = criterion.number
    return CriterionFields(
        criterion=criterion,
        response=FormField(f"{stem}_response", f"{number} Your response", rows=14),
        evidence_reference=FormField(f"{stem}_evidence_reference", f"{number} Evidence reference"),
        decision=FormField(f"{stem}_decision", f"{number} Assessor decision", choices=DECISIONS, kind="choice"),
        feedback=FormField(f"{stem}_feedback", f"{number} Assessor feedback", rows=3),
        date=FormField(f"{stem}_assessor_date", f"{number} Assessor decision date", kind="date"),
    )


def workbook_fields(unit: Unit) -> list[FormField]:
    """Every fillable field of a unit's workbook, in document order."""
    fields = list(COVER_FIELDS)
    for criterion in unit.criteria:
        fields.extend(criterion_fields(criterion).all())
    return [*fields, *CANDIDATE_SIGNATURE_FIELDS, *ASSESSOR_SIGNATURE_FIELDS, *IQA_FIELDS]


def unit_facts(unit: Unit) -> list[tuple[str, str]]:
    """The unit's identifying facts that it states, as (label, value): the unit page's list, same order."""
    return [(fact.label, fact.text) for fact in view.unit_facts(unit)]


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
class GridPart:
    """The criteria columns that fit on one page of the record sheet, grouped by outcome."""

    groups: tuple[tuple[LearningOutcome, tuple[Criterion, ...]], ...] = field(default_factory=tuple)

    @property
    def criteria(self) -> list[Criterion]:
        """This part's criteria, in order."""
        return [c for _, criteria in self.groups for c in criteria]


def split_grid(unit: Unit, max_columns: int) -> list[GridPart]:
    """The unit's criteria in parts of at most ``max_columns``, breaking between outcomes.

    An outcome stays whole on one part where it fits; one with more criteria than a part
    holds is broken between criteria. Every criterion appears exactly once, in order.
    """
    if max_columns < 1:
        raise ValueError("max_columns must be at least 1")
    parts: list[list[tuple[LearningOutcome, tuple[Criterion, ...]]]] = [[]]

    def used() -> int:
        return sum(len(criteria) for _, criteria in parts[-1])

    for outcome in unit.learning_outcomes:
        remaining = tuple(outcome.criteria)
        if used() and used() + len(remaining) > max_columns:
            parts.append([])
        while remaining:
            room = max_columns - used()
            if room == 0:
                parts.append([])
                room = max_columns
            parts[-1].append((outcome, remaining[:room]))
            remaining = remaining[room:]
    return [GridPart(tuple(groups)) for groups in parts if groups]
