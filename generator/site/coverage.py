"""Coverage matrices: which units map to which NOS, and which signpost which functional skills.

Each matrix is built for any list of units, so the same code serves one qualification's
coverage page and the whole catalogue's; the inverse lists ("which units signpost
Reading") come from the same data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..content.model import COMPONENT_LABELS, FUNCTIONAL_SKILLS, Unit


@dataclass(frozen=True)
class NosColumn:
    """One NOS unit (or a whole suite, where a unit names no code)."""

    suite: str
    code: str | None
    title: str | None

    @property
    def label(self) -> str:
        """The column heading: the code, or the suite when there is no code."""
        return self.code or self.suite

    @property
    def key(self) -> tuple[str, str]:
        """Identity of the column: suite and code, ignoring case."""
        return (self.suite.casefold(), (self.code or "").casefold())


@dataclass(frozen=True)
class NosMatrix:
    """Units (rows) against NOS (columns); a cell holds the relationship, or ``None``."""

    columns: tuple[NosColumn, ...]
    rows: tuple[tuple[Unit, tuple[str | None, ...]], ...]

    def units_for(self, column: NosColumn) -> list[tuple[Unit, str]]:
        """The inverse: every unit mapping to ``column``, with its relationship."""
        index = self.columns.index(column)
        return [(unit, cells[index]) for unit, cells in self.rows if cells[index] is not None]


@dataclass(frozen=True)
class SkillColumn:
    """One functional skills component."""

    subject: str
    subject_label: str
    name: str

    @property
    def label(self) -> str:
        """The component's name, such as 'Reading'."""
        return COMPONENT_LABELS[self.name]


@dataclass(frozen=True)
class SkillsMatrix:
    """Units (rows) against functional skills components; ``None`` where a unit states none."""

    columns: tuple[SkillColumn, ...]
    rows: tuple[tuple[Unit, tuple[bool, ...] | None], ...]

    def subjects(self) -> list[tuple[str, int]]:
        """Each subject's label and how many columns it spans."""
        return [(label, len(fields)) for _, label, fields in FUNCTIONAL_SKILLS]

    def units_for(self, column: SkillColumn) -> list[Unit]:
        """The inverse: every unit signposting ``column``."""
        index = self.columns.index(column)
        return [unit for unit, cells in self.rows if cells is not None and cells[index]]


def nos_matrix(units: Sequence[Unit]) -> NosMatrix:
    """The NOS matrix of ``units``; columns sorted by suite, then code."""
    columns: dict[tuple[str, str], NosColumn] = {}
    for unit in units:
        for mapping in unit.nos.mappings if unit.nos else ():
            column = NosColumn(mapping.suite, mapping.code, mapping.title)
            columns.setdefault(column.key, column)
    ordered = tuple(sorted(columns.values(), key=lambda c: c.key))
    rows = []
    for unit in units:
        found: dict[tuple[str, str], str] = {}
        for mapping in unit.nos.mappings if unit.nos else ():
            key = NosColumn(mapping.suite, mapping.code, None).key
            found.setdefault(key, mapping.relationship or "mapped")
        rows.append((unit, tuple(found.get(column.key) for column in ordered)))
    return NosMatrix(ordered, tuple(rows))


def skills_matrix(units: Sequence[Unit]) -> SkillsMatrix:
    """The functional skills matrix of ``units``, components in the awarding bodies' order."""
    columns = tuple(
        SkillColumn(subject, label, name) for subject, label, fields in FUNCTIONAL_SKILLS for name in fields
    )
    rows = []
    for unit in units:
        skills = unit.functional_skills
        if skills is None:
            rows.append((unit, None))
            continue
        rows.append((unit, tuple(bool(getattr(getattr(skills, c.subject), c.name)) for c in columns)))
    return SkillsMatrix(columns, tuple(rows))


def units_by_suite(units: Sequence[Unit]) -> list[tuple[str, list[tuple[Unit, list[NosColumn]]]]]:
    """Units grouped by NOS suite (sorted), each with the NOS units it maps to in that suite."""
    suites: dict[str, tuple[str, dict[str, tuple[Unit, list[NosColumn]]]]] = {}
    for unit in units:
        for mapping in unit.nos.mappings if unit.nos else ():
            _, members = suites.setdefault(mapping.suite.casefold(), (mapping.suite, {}))
            _, mapped = members.setdefault(unit.id, (unit, []))
            if mapping.code or mapping.title:
                mapped.append(NosColumn(mapping.suite, mapping.code, mapping.title))
    return [(name, list(members.values())) for _, (name, members) in sorted(suites.items())]
