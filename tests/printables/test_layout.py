"""What every printable shows, worked out from the model: fields, facts, grid parts."""

from __future__ import annotations

import pytest

from generator.content.loader import load_model
from generator.content.model import Unit
from generator.printables.layout import (
    assessment_methods,
    assessor_declaration,
    grid_groups,
    header_codes,
    how_to_use,
    record_sheet_heading,
    split_grid,
    unit_facts,
    workbook_fields,
)
from generator.printables.record_sheet_pdf import max_criteria_columns
from generator.printables.tracker_xlsx import grade_formula, lowest_grade_formula
from generator.printables.wording import (
    ASSESSOR_DECLARATION,
    DESCRIPTORS_STEP,
    GRADED_ASSESSOR_DECLARATION,
    GRADED_STEP,
    HOW_TO_USE,
    PARTS_STEP,
    RESULT_STEP,
)

from ..conftest import ROOT
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
    assert [c.label for part in parts for c in part.columns] == [c.number for c in unit.criteria]
    assert all(1 <= len(part.columns) <= max_columns for part in parts)


def test_grid_breaks_between_outcomes_where_they_fit() -> None:
    parts = split_grid(many_criteria_unit(), 17)
    shapes = [[(group.label, len(group.columns)) for group in part.groups] for part in parts]
    # LO1 (20) is too wide for a page, so it is broken; LO2 (8) then shares with LO1's tail;
    # LO3 (12) would not fit beside them, so it starts a page of its own.
    assert shapes == [[("LO1", 17)], [("LO1", 3), ("LO2", 8)], [("LO3", 12)]]


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


# --- issue 10 shapes (FICTIONAL fixtures in tests/fixtures/units/) ------------------------------


def fixture_unit(name: str) -> Unit:
    unit, _ = load_model(ROOT / "tests" / "fixtures" / "units" / f"{name}.yml", Unit, root=ROOT)
    return unit


def test_a_unit_whose_only_code_is_its_urn_still_shows_it() -> None:
    assert header_codes(fixture_unit("fict-criterion-content")) == [
        ("Unit reference number (URN)", "D/999/0042"),
        ("Level", "2"),
        ("Credit value", "3"),
        ("Guided learning hours", "20"),
    ]


def test_grid_columns_follow_sub_criteria_grading_criteria_and_leave_out_exam_outcomes() -> None:
    def shape(name: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
        return [(g.label, [(c.label, c.grade) for c in g.columns]) for g in grid_groups(fixture_unit(name))]

    assert shape("fict-entry3-sub") == [("LO1", [("1.1", None), ("1.2 a)", None), ("1.2 b)", None)])]
    assert shape("fict-graded-pmd") == [
        ("LO1", [("P1", "Pass"), ("M1", "Merit")]),
        ("LO2", [("P2", "Pass"), ("M2", "Merit"), ("D1", "Distinction")]),
        ("LO3", [("P3", "Pass")]),
    ]
    assert shape("fict-exam-assessed") == [("LO3", [("3.1", None)])]


def test_how_to_use_and_declaration_fit_the_units_shape() -> None:
    assert how_to_use(seed_units()[0]) == list(HOW_TO_USE)
    assert how_to_use(fixture_unit("fict-graded-pmd"))[-2] == GRADED_STEP
    assert how_to_use(fixture_unit("fict-access-he"))[-2] == DESCRIPTORS_STEP
    assert how_to_use(fixture_unit("fict-entry3-sub"))[-2] == PARTS_STEP
    assert how_to_use(fixture_unit("fict-exam-assessed"))[-2] == RESULT_STEP
    assert assessor_declaration(fixture_unit("fict-graded-pmd")) == GRADED_ASSESSOR_DECLARATION
    assert assessor_declaration(fixture_unit("fict-exam-assessed")) == ASSESSOR_DECLARATION  # pass/fail


def test_grade_formula_tests_each_grade_over_runs_of_adjacent_columns() -> None:
    assert grade_formula(["Pass", "Pass", None, "Merit", "Pass", "Distinction"], 47, 3) == (
        "=IF(COUNTIF(D48:E48,0)+COUNTIF(H48:H48,0)=0,IF(COUNTIF(G48:G48,0)=0,"
        'IF(COUNTIF(I48:I48,0)=0,"Distinction","Merit"),"Pass"),"Not yet achieved")'
    )
    assert grade_formula(["Pass", "Merit"], 9, 3) == (
        '=IF(COUNTIF(D10:D10,0)=0,IF(COUNTIF(E10:E10,0)=0,"Merit","Pass"),"Not yet achieved")'
    )
    assert lowest_grade_formula(59, 62, 2) == (
        '=IF(COUNTBLANK(C60:C63)+COUNTIF(C60:C63,"Not yet achieved")>0,"Not yet achieved",'
        'IF(COUNTIF(C60:C63,"Pass")>0,"Pass",IF(COUNTIF(C60:C63,"Merit")>0,"Merit","Distinction")))'
    )
    with pytest.raises(ValueError, match="no graded columns"):
        grade_formula([None, None], 9, 3)
