"""What every export says about a unit besides its outcomes: its code, level and sizes.

One place, so the JSON list, the CASE extensions, the Moodle framework and the criteria
spreadsheet name a unit the same way.
"""

from __future__ import annotations

from ..content.model import Unit


def unit_code(unit: Unit) -> str | None:
    """The code a unit is known by: its unit reference number, else the awarding body's unit code,
    else its unit number, else its first other code (``None`` when it has no code at all)."""
    return unit.urn or unit.unit_code or unit.unit_number or next((c.code for c in unit.other_codes), None)


def unit_codes(unit: Unit) -> dict[str, object]:
    """Every code the unit states, by field name (only those it states)."""
    codes: dict[str, object] = {
        name: value
        for name, value in (
            ("urn", unit.urn),
            ("unit_code", unit.unit_code),
            ("unit_number", unit.unit_number),
            ("sector_unit_number", unit.sector_unit_number),
        )
        if value
    }
    if unit.other_codes:
        codes["other_codes"] = [{"label": c.label, "code": c.code} for c in unit.other_codes]
    return codes
