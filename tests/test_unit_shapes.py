"""The unit shapes of issue 10 on the fictional fixtures: levels, codes, structure inside
criteria, grading, per-criterion content, assessment method, status and provenance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.content.levels import Framework, UnitLevel, parse_level
from generator.content.loader import load_model
from generator.content.model import Unit

from .conftest import ROOT, UNITS_DIR

FIXTURES = ROOT / "tests" / "fixtures" / "units"


def fixture(name: str) -> Unit:
    unit, _ = load_model(FIXTURES / f"{name}.yml", Unit, root=ROOT)
    return unit


@pytest.mark.parametrize(
    ("written", "canonical", "label"),
    [
        (3, "3", "Level 3"),
        ("Level 3", "3", "Level 3"),
        ("Entry 3", "Entry 3", "Entry Level 3"),
        ("entry level 1", "Entry 1", "Entry Level 1"),
        ("SCQF 6", "SCQF 6", "SCQF level 6"),
        ("SCQF level 12", "SCQF 12", "SCQF level 12"),
        ("CQFW 3", "CQFW 3", "CQFW level 3"),
        ("CQFW Entry 2", "CQFW Entry 2", "CQFW Entry Level 2"),
        ("Access to HE 3", "Access to HE 3", "Access to HE level 3"),
        ("not stated", "not stated", "Not stated"),
    ],
)
def test_levels_read_as_written_and_label_as_pages_say(written: object, canonical: str, label: str) -> None:
    level = parse_level(written)
    assert (str(level), level.label) == (canonical, label)
    assert parse_level(str(level)) == level


def test_levels_order_across_frameworks_and_compare_only_within_one() -> None:
    written = ["SCQF 6", "3", "not stated", "Entry 3", "1", "Access to HE 3", "CQFW 2", "Entry 1", "SCQF 2", "8"]
    ordered = [str(level) for level in sorted(parse_level(w) for w in written)]
    assert ordered == [
        "Entry 1",
        "Entry 3",
        "1",
        "3",
        "8",
        "CQFW 2",
        "SCQF 2",
        "SCQF 6",
        "Access to HE 3",
        "not stated",
    ]
    assert parse_level("4").at_or_above(parse_level("3"))
    assert not parse_level("Entry 3").at_or_above(parse_level("1"))
    assert parse_level("1").at_or_above(parse_level("Entry 3"))
    assert not parse_level("SCQF 6").at_or_above(parse_level("3"))
    assert not parse_level("not stated").at_or_above(parse_level("1"))
    assert UnitLevel(Framework.SCQF, 6).in_sentence == "SCQF level 6"
    assert parse_level(3).in_sentence == "level 3"


def test_every_fixture_loads_and_every_seed_still_does() -> None:
    for path in [*FIXTURES.glob("*.yml"), *UNITS_DIR.glob("*.yml")]:
        unit, _ = load_model(path, Unit, root=ROOT)
        assert unit.id == path.stem


def test_codes_in_header_order_and_a_urn_alone_is_still_a_code() -> None:
    assert fixture("fict-graded-pmd").codes() == [
        ("Unit number", "7"),
        ("Unit code", "FA/EV/07"),
        ("Unit reference number", "T/999/0007"),
    ]
    assert fixture("fict-criterion-content").codes() == [("Unit reference number", "D/999/0042")]
    assert fixture("fict-scqf-first-aid").codes() == [("Fictional unit code", "FAS 0601")]


def test_sub_criteria_are_assessed_separately_with_their_own_anchors() -> None:
    unit = fixture("fict-entry3-sub")
    assert unit.level.label == "Entry Level 3"
    items = unit.assessable_items()
    assert [(i.label, i.anchor) for i in items] == [
        ("1.1", "ac-1-1"),
        ("1.2 a)", "ac-1-2-a"),
        ("1.2 b)", "ac-1-2-b"),
    ]
    assert items[0].bullets == ("microbes", "chemicals", "sharp knives")
    assert items[2].bullets == ("hot water", "detergent")
    assert items[1].criterion is items[2].criterion
    assert unit.guided_learning_hours == "not stated" and unit.glh is None


def test_graded_unit_grid_items_and_anchors() -> None:
    unit = fixture("fict-graded-pmd")
    assert unit.graded and unit.grading is not None
    assert unit.grading.scheme == "pass/merit/distinction"
    assert unit.grading.grades == ("pass", "merit", "distinction")
    grid = [
        (outcome.number, {grade: [c.number for c in cells] for grade, cells in row.items()})
        for outcome, row in unit.grading_grid()
    ]
    assert grid == [
        (1, {"pass": ["P1"], "merit": ["M1"], "distinction": []}),
        (2, {"pass": ["P2"], "merit": ["M2"], "distinction": ["D1"]}),
        (3, {"pass": ["P3"], "merit": [], "distinction": []}),
    ]
    assert [c.number for c in unit.grading_criteria_of(unit.learning_outcomes[2])] == ["P3", "D1"]
    items = unit.assessable_items()
    assert [(i.label, i.anchor, i.grade) for i in items][:2] == [("P1", "p1", "pass"), ("P2", "p2", "pass")]
    assert [i.label for i in items] == ["P1", "P2", "P3", "M1", "M2", "D1"]
    assert unit.status_on(dt.date(2026, 1, 1)) == "expiring"
    assert unit.status_on(dt.date(2025, 1, 1)) == "current"
    assert unit.status_on(dt.date(2026, 9, 1)) == "expired"


def test_access_to_he_descriptors_keep_their_labels_and_component_letters() -> None:
    unit = fixture("fict-access-he")
    assert unit.level.framework is Framework.ACCESS_TO_HE
    assert unit.grading is not None and unit.grading.scheme == "grade descriptors" and unit.graded
    descriptors = unit.grading.descriptors
    assert [(d.number, d.anchor, [c.letter for c in d.components]) for d in descriptors] == [
        ("GD1", "gd1", ["a", "c"]),
        ("GD3", "gd3", ["b"]),
        ("GD5", "gd5", ["a"]),
    ]
    assert [i.label for i in unit.assessable_items()] == ["1.1", "1.2", "2.1"]


def test_scqf_unit_has_points_not_credits() -> None:
    unit = fixture("fict-scqf-first-aid")
    assert (unit.level.label, unit.scqf_credit_points, unit.credit_value) == ("SCQF level 6", 1, None)
    assert unit.status_on(dt.date(2026, 1, 1)) == "current"


def test_exam_assessed_outcomes_get_a_result_not_portfolio_items() -> None:
    unit = fixture("fict-exam-assessed")
    assert [o.assessed_by for o in unit.learning_outcomes] == ["exam", "test", "portfolio"]
    assert [o.number for o in unit.result_outcomes()] == [1, 2]
    assert [i.label for i in unit.assessable_items(portfolio_only=True)] == ["3.1"]
    assert unit.grading is not None and unit.grading.scheme == "pass/fail" and not unit.graded


def test_per_criterion_content_keeps_the_units_heading() -> None:
    unit = fixture("fict-criterion-content")
    assert unit.criterion_content_heading == "Range"
    assert [c.content is not None for c in unit.criteria] == [True, True]


def test_incomplete_unit_with_provenance_and_not_stated_facts() -> None:
    unit = fixture("fict-incomplete")
    assert unit.incomplete == "The copy transcribed has no page for learning outcome 2's criteria."
    assert unit.source is not None
    assert (unit.source.version, unit.source.date) == ("1.2", "September 2019")
    assert (str(unit.level), unit.credit_value, unit.credits) == ("not stated", "not available", None)
    assert unit.status_on(dt.date(2020, 1, 1)) == "withdrawn"


def test_existing_units_unchanged_by_the_new_fields(tmp_path: Path) -> None:
    seed, _ = load_model(UNITS_DIR / "r-503-0865.yml", Unit, root=ROOT)
    assert seed.grading is None and seed.source is None and seed.incomplete is None
    assert seed.codes() == [
        ("Unit number", "11"),
        ("Unit reference number", "R/503/0865"),
        ("Sector unit number", "LM3 - 21"),
    ]
    assert all(o.portfolio for o in seed.learning_outcomes)
    assert [i.label for i in seed.assessable_items()] == [c.number for c in seed.criteria]


def _unit(unit_id: str, level: str, credits: int) -> Unit:
    return Unit.model_validate(
        {
            "id": unit_id,
            "title": f"Fictional {unit_id}",
            "level": level,
            **({"scqf_credit_points": credits} if level.startswith("SCQF") else {"credit_value": credits}),
            "learning_outcomes": [{"number": 1, "text": "Know", "criteria": [{"number": "1.1", "text": "State"}]}],
        }
    )


def test_qualification_level_rule_counts_only_units_of_its_framework() -> None:
    from generator.content.qualification_model import Qualification
    from generator.rules.ruleset import evaluate, ruleset_for
    from generator.rules.text import rule_sentences

    units = [_unit("fict-e3", "Entry 3", 4), _unit("fict-l1", "1", 4), _unit("fict-l2", "2", 4)]
    qualification = Qualification.model_validate(
        {
            "id": "fict-q",
            "title": "Fictional qualification",
            "level": "Entry 3",
            "rules": {
                "groups": [{"name": "All", "kind": "optional", "units": ["fict-e3", "fict-l1", "fict-l2"]}],
                "minimum_credits_at_or_above_level": {"level": "1", "credits": 8},
            },
        }
    )
    rules = ruleset_for(qualification, units)
    assert [rules.units[u].at_rule_level for u in ("fict-e3", "fict-l1", "fict-l2")] == [False, True, True]
    assert evaluate(rules, {"pathway": None, "units": ["fict-e3", "fict-l1"]})["problems"] == [
        "Needs at least 8 credits at level 1 or above; 4 selected."
    ]
    assert evaluate(rules, {"pathway": None, "units": ["fict-l1", "fict-l2"]})["meets"]
    assert "At least 8 credits must come from units at level 1 or above." in rule_sentences(rules)
    assert str(qualification.level) == "Entry 3"
    scqf = ruleset_for(
        Qualification.model_validate(
            {
                "id": "fict-s",
                "title": "Fictional SCQF award",
                "rules": {
                    "groups": [{"name": "All", "kind": "optional", "units": ["fict-s5", "fict-s6", "fict-l3"]}],
                    "minimum_credits_at_or_above_level": {"level": "SCQF 6", "credits": 2},
                },
            }
        ),
        [_unit("fict-s5", "SCQF 5", 3), _unit("fict-s6", "SCQF 6", 1), _unit("fict-l3", "3", 9)],
    )
    assert evaluate(scqf, {"pathway": None, "units": ["fict-s5", "fict-s6", "fict-l3"]})["problems"] == [
        "Needs at least 2 credits at SCQF level 6 or above; 1 selected."
    ]


def test_fixtures_read_the_same_on_the_fast_and_reference_paths() -> None:
    from generator.content.loader import parse_document

    for path in FIXTURES.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        fast, reference = parse_document(text, path.name), parse_document(text, path.name, fast=False)
        assert (fast.data, fast.positions) == (reference.data, reference.positions), path.name


def test_fixtures_validate_against_the_published_schema_and_bad_levels_do_not() -> None:
    import json

    import jsonschema
    import yaml

    from generator.content.schema import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "unit.schema.json").read_text(encoding="utf-8"))
    for path in sorted(FIXTURES.glob("*.yml")):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)
    valid = json.loads(json.dumps(yaml.safe_load((FIXTURES / "fict-entry3-sub.yml").read_text()), default=str))
    for level in ("Entry 3", "SCQF 12", "CQFW Entry 2", "Access to HE 3", "not stated", 8):
        jsonschema.validate({**valid, "level": level}, schema)
    for level in ("EQF 4", 9, "level three"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**valid, "level": level}, schema)
    jsonschema.validate({**valid, "grading": "pass/fail"}, schema)
