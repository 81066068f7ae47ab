"""What every printable of a unit shows, worked out once from the unit model.

The PDF templates, the Word writer and the spreadsheet writer all take their form fields,
facts and criteria grid from here, so the four files of a unit always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..content.model import Criterion, Unit


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
    """The unit's identifying facts that it states, as (label, value); unstated ones are left out."""
    facts = [
        ("Awarding body", unit.awarding_body),
        ("Unit number", unit.unit_number),
        ("Sector unit number", unit.sector_unit_number),
        ("Unit reference number (URN)", unit.urn),
        ("Level", unit.level),
        ("Credit value", unit.credit_value),
        ("Guided learning hours", unit.guided_learning_hours),
    ]
    return [(label, str(value)) for label, value in facts if value is not None]


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


def grid_groups(unit: Unit) -> list[GridGroup]:
    """The columns of the unit's evidence grid, under their outcomes."""
    return [
        GridGroup(f"LO{outcome.number}", tuple(GridColumn(c.number, c.text) for c in outcome.criteria))
        for outcome in unit.learning_outcomes
    ]


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
