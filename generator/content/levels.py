"""Levels in the UK qualification frameworks, as an editor writes them and as pages show them.

An editor writes the level the unit's document states, in one of these forms:

==========================  ==========================  ===========================
YAML                        framework                   shown as
==========================  ==========================  ===========================
``level: 3``                RQF/QCF (England, N. Ire.)  Level 3
``level: Entry 3``          RQF/QCF Entry level         Entry Level 3
``level: SCQF 6``           SCQF (Scotland), 1-12       SCQF level 6
``level: CQFW 3``           CQFW (Wales)                CQFW level 3
``level: CQFW Entry 2``     CQFW Entry level            CQFW Entry Level 2
``level: Access to HE 3``   Access to HE (QAA), 2-3     Access to HE level 3
``level: not stated``       the document gives none     Not stated
==========================  ==========================  ===========================

``Level 3``, ``Entry Level 3`` and ``SCQF level 6`` are read too, so a level can be copied as
the document prints it. Levels of different frameworks are never equated: an SCQF level 6
unit is not "at or above level 3" for an RQF rule. :attr:`UnitLevel.sort_key` orders them
for indexes: RQF/QCF (Entry 1-3, then 1-8), CQFW, SCQF, Access to HE, then not stated.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

from pydantic_core import PydanticCustomError

from ..errors import describe_value as shown


class Framework(enum.Enum):
    """A qualification framework; the value is how the framework is named on pages."""

    RQF = "RQF/QCF"
    CQFW = "CQFW"
    SCQF = "SCQF"
    ACCESS_TO_HE = "Access to HE"
    NOT_STATED = "not stated"


#: Each framework's prefix in YAML, its Entry levels (none where it has no Entry levels),
#: its numbered levels, and its place in indexes.
_FRAMEWORKS: dict[Framework, tuple[str, range, range, int]] = {
    Framework.RQF: ("", range(1, 4), range(1, 9), 0),
    Framework.CQFW: ("CQFW ", range(1, 4), range(1, 9), 1),
    Framework.SCQF: ("SCQF ", range(0), range(1, 13), 2),
    Framework.ACCESS_TO_HE: ("Access to HE ", range(0), range(2, 4), 3),
}

ALLOWED_FORMS = "3 or Entry 3 (RQF/QCF), SCQF 6, CQFW 3, CQFW Entry 3, Access to HE 3, or not stated"

_FORM = re.compile(
    r"(?:(?P<framework>scqf|cqfw|access to he|rqf|qcf)\s+)?(?P<entry>entry\s+)?(?:level\s+)?(?P<number>\d{1,3})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class UnitLevel:
    """A level in one framework: ``UnitLevel(Framework.SCQF, 6)``, ``UnitLevel(Framework.RQF, 3, entry=True)``.

    ``str(level)`` is the canonical YAML form (``3``, ``Entry 3``, ``SCQF 6``), so a plain RQF
    level prints as the bare number it always did; :attr:`label` is the wording for pages.
    """

    framework: Framework
    number: int | None = None
    entry: bool = False

    def __str__(self) -> str:
        if self.framework is Framework.NOT_STATED:
            return "not stated"
        prefix = _FRAMEWORKS[self.framework][0]
        return f"{prefix}{'Entry ' if self.entry else ''}{self.number}"

    @property
    def label(self) -> str:
        """How pages and printables name the level: 'Level 3', 'Entry Level 3', 'SCQF level 6'."""
        if self.framework is Framework.NOT_STATED:
            return "Not stated"
        if self.entry:
            prefix = "CQFW " if self.framework is Framework.CQFW else ""
            return f"{prefix}Entry Level {self.number}"
        if self.framework is Framework.RQF:
            return f"Level {self.number}"
        return f"{self.framework.value} level {self.number}"

    @property
    def value_label(self) -> str:
        """The level in a column or row headed 'Level': '3' for RQF/QCF, otherwise :attr:`label`."""
        return str(self.number) if self.framework is Framework.RQF and not self.entry else self.label

    @property
    def in_sentence(self) -> str:
        """The level inside a sentence: 'level 3', 'Entry Level 3', 'SCQF level 6'."""
        return f"level {self.number}" if self.framework is Framework.RQF and not self.entry else self.label

    @property
    def stated(self) -> bool:
        """False for ``level: not stated``."""
        return self.framework is not Framework.NOT_STATED

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders levels for indexes: by framework, Entry levels before numbered ones, then number."""
        if self.framework is Framework.NOT_STATED:
            return (9, 0, 0)
        return (_FRAMEWORKS[self.framework][3], 1 if not self.entry else 0, self.number or 0)

    def __lt__(self, other: UnitLevel) -> bool:
        return self.sort_key < other.sort_key

    def at_or_above(self, other: UnitLevel) -> bool:
        """Whether this level counts for a rule 'at ``other`` or above'.

        Only levels of the same framework compare; Entry levels are below level 1.
        """
        return self.stated and self.framework is other.framework and self.sort_key >= other.sort_key


NOT_STATED_LEVEL = UnitLevel(Framework.NOT_STATED)


def _level_error(message: str, value: Any) -> PydanticCustomError:
    return PydanticCustomError("level", message, {"value": shown(value)})


def parse_level(value: Any) -> UnitLevel:
    """Read a level as an editor writes it (see the module docstring); raise a clear error."""
    if isinstance(value, UnitLevel):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _level_error(f"expected a level ({ALLOWED_FORMS}), got {{value}}", value)
    text = " ".join(str(value).split())
    if text.lower() == "not stated":
        return NOT_STATED_LEVEL
    match = _FORM.fullmatch(text)
    if match is None:
        raise _level_error(f"unknown level {{value}}; write {ALLOWED_FORMS}", value)
    named = (match["framework"] or "").lower()
    if named in ("rqf", "qcf"):
        raise _level_error("write an RQF/QCF level as a number ('3') or 'Entry 3', got {value}", value)
    framework = {"scqf": Framework.SCQF, "cqfw": Framework.CQFW, "access to he": Framework.ACCESS_TO_HE}.get(
        named, Framework.RQF
    )
    prefix, entry_levels, levels, _ = _FRAMEWORKS[framework]
    number, entry = int(match["number"]), bool(match["entry"])
    name = "RQF/QCF" if framework is Framework.RQF else framework.value
    if entry and not entry_levels:
        raise _level_error(
            f"{name} has no Entry levels; its levels are {levels.start} to {levels.stop - 1}, got {{value}}", value
        )
    if entry and number not in entry_levels:
        raise _level_error(f"{name} Entry levels are {prefix}Entry 1 to {prefix}Entry 3, got {{value}}", value)
    if not entry and number not in levels:
        also = f" (or {prefix}Entry 1 to 3)" if entry_levels else ""
        span = f"{levels.start} {'or' if len(levels) == 2 else 'to'} {levels.stop - 1}"
        raise _level_error(f"{name} levels are {span}{also}, got {{value}}", value)
    return UnitLevel(framework, number, entry)


#: The JSON Schema of a level field: what editors may type.
LEVEL_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 8},
        {
            "type": "string",
            "pattern": r"^(?:(?:[Ee]ntry|SCQF|CQFW|CQFW [Ee]ntry|Access to HE) )?(?:[Ll]evel )?[0-9]{1,2}$"
            r"|^not stated$",
        },
    ],
    "description": f"The level the unit's document states: {ALLOWED_FORMS}.",
}
