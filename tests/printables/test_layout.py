"""What every printable shows, worked out from the model: fields, facts, grid parts."""

from __future__ import annotations

import pytest

from generator.printables.layout import (
    assessment_methods,
    record_sheet_heading,
    split_grid,
    unit_facts,
    workbook_fields,
)
from generator.printables.record_sheet_pdf import max_criteria_columns

from .conftest import ALL_UNITS, many_criteria_unit, seed_units


@pytest.mark.parametrize("unit", ALL_UNITS, ids=lambda u: u.id)
def test_workbook_field_names_are_unique_and_labelled(unit) -> None:
    fields = workbook_fields(unit)
    names = [f.name for f in fields]
    assert len(names) == len(set(names))
    assert all(f.label for f in fields)
    assert len(fields) == 5 + 5 * len(unit.criteria) + 4 + 5


@pytest.mark.parametrize("max_columns", [1, 3, 7, 17, 40])
def test_grid_parts_hold_every_criterion_once_in_order(max_columns: int) -> None:
    unit = many_criteria_unit()
    parts = split_grid(unit, max_columns)
    assert [c.number for part in parts for c in part.criteria] == [c.number for c in unit.criteria]
    assert all(1 <= len(part.criteria) <= max_columns for part in parts)


def test_grid_breaks_between_outcomes_where_they_fit() -> None:
    parts = split_grid(many_criteria_unit(), 17)
    shapes = [[(outcome.number, len(criteria)) for outcome, criteria in part.groups] for part in parts]
    # LO1 (20) is too wide for a page, so it is broken; LO2 (8) then shares with LO1's tail;
    # LO3 (12) would not fit beside them, so it starts a page of its own.
    assert shapes == [[(1, 17)], [(1, 3), (2, 8)], [(3, 12)]]


def test_seed_unit_grids_fit_one_page_and_the_fictional_one_does_not() -> None:
    parts = {u.id: len(split_grid(u, max_criteria_columns(u))) for u in ALL_UNITS}
    assert parts == {"ocr-unit-38": 1, "ocr-unit-39": 1, "r-503-0865": 1, "fictional-many-criteria": 3}


def test_columns_per_page_shrink_as_criterion_numbers_grow() -> None:
    assert [max_criteria_columns(u) for u in ALL_UNITS] == [22, 22, 22, 18]


def test_facts_leave_out_what_the_unit_does_not_state() -> None:
    units = {u.id: u for u in seed_units()}
    assert unit_facts(units["ocr-unit-38"]) == [("Awarding body", "OCR"), ("Unit number", "38"), ("Level", "4")]
    assert ("Unit reference number", "R/503/0865") in unit_facts(units["r-503-0865"])


def test_record_sheet_heading_names_nos_codes_as_the_ocr_sheet_does() -> None:
    units = {u.id: u for u in seed_units()}
    assert record_sheet_heading(units["ocr-unit-38"]) == "Unit 38 Manage the achievement of customer satisfaction (F11)"


def test_assessment_methods_come_from_the_unit_else_the_default() -> None:
    units = {u.id: u for u in seed_units()}
    assert assessment_methods(units["r-503-0865"], ["X"]) == [
        "Observation",
        "Testimony of others",
        "Products of work",
        "Reflective account",
    ]
    assert assessment_methods(units["ocr-unit-38"], ["X", "Y"]) == ["X", "Y"]


def test_grid_rejects_zero_columns() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        split_grid(many_criteria_unit(), 0)
