"""What every export says about a unit besides its outcomes: its code, level and sizes.

One place, so the JSON list, the CASE extensions, the Moodle framework and the criteria
spreadsheet name a unit the same way.
"""

from __future__ import annotations

from ..content.model import Unit


def unit_code(unit: Unit) -> str | None:
    """The code a unit is known by: its unit reference number, else the awarding body's number."""
    return unit.urn or unit.unit_number


def unit_codes(unit: Unit) -> dict[str, str]:
    """Every code the unit states, by name (only those it states)."""
    codes = {"urn": unit.urn, "unit_number": unit.unit_number, "sector_unit_number": unit.sector_unit_number}
    return {name: value for name, value in codes.items() if value}


def level_label(unit: Unit) -> str:
    """The level as pages print it: ``Level 3``."""
    return f"Level {unit.level}"
