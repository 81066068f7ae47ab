"""The loader and model on the seed units and on small fictional units."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from generator.content.catalogue import build_catalogue
from generator.content.loader import parse_document
from generator.errors import ContentErrors

from .conftest import ROOT, UNITS_DIR

FICTIONAL = """
id: {id}
title: Fictional unit for tests
level: 2
urn: {urn}
learning_outcomes:
  - number: 1
    text: Know something
    criteria:
      - number: "1.1"
        text: Describe something
"""


def test_seed_units_load() -> None:
    catalogue = build_catalogue(UNITS_DIR, root=ROOT)
    assert [u.id for u in catalogue] == ["ocr-unit-38", "ocr-unit-39", "r-503-0865"]
    leisure = catalogue.get("R-503-0865")
    assert leisure is not None
    assert (leisure.urn, str(leisure.level), leisure.credit_value, leisure.guided_learning_hours) == (
        "R/503/0865",
        "3",
        3,
        15,
    )
    assert leisure.sector_unit_number == "LM3 - 21"
    assert [c.number for c in leisure.criteria][:3] == ["1.1", "1.2", "1.3"]
    assert leisure.evidence is not None and leisure.evidence.minimum_methods == 2
    assert leisure.evidence.simulation_allowed is False
    assert leisure.functional_skills is not None
    assert leisure.functional_skills.english.speaking_and_listening is False
    assert leisure.functional_skills.english.reading is True


def test_seed_facts_not_stated_stay_unknown() -> None:
    catalogue = build_catalogue(UNITS_DIR, root=ROOT)
    unit38 = catalogue.get("ocr-unit-38")
    unit39 = catalogue.get("ocr-unit-39")
    assert unit38 is not None and unit39 is not None
    assert (unit38.urn, unit38.credit_value, unit38.guided_learning_hours) == (None, None, None)
    assert unit39.urn is None and unit39.expiry_date == dt.date(2014, 12, 31)
    assert unit39.evidence is not None and unit39.evidence.simulation_allowed is None
    assert unit38.third_column_heading == "Exemplification"
    assert unit39.third_column_heading == "Knowledge, understanding and skills"


def test_seed_unit_38_lo5_untangled() -> None:
    unit = build_catalogue(UNITS_DIR, root=ROOT).get("ocr-unit-38")
    assert unit is not None
    lo5 = unit.learning_outcomes[4]
    assert [c.text for c in lo5.criteria] == [
        "Describe methods of measuring customer satisfaction.",
        "Develop processes for monitoring customer satisfaction, including customer feedback mechanisms.",
        "Review employee performance to ensure customer service standards and organisational values are met.",
        "Analyse and monitor customer service.",
    ]


def test_positions_are_recorded() -> None:
    document = parse_document("id: x\nlearning_outcomes:\n  - number: 1\n    text: T\n", "f.yml")
    assert document.positions.of_value(("learning_outcomes", 0, "text")) == (4, 11)
    assert document.positions.of_key(("learning_outcomes",)) == (2, 1)
    assert document.positions.of_value(("learning_outcomes", 0, "missing")) == (3, 5)


def test_yaml12_booleans_and_float_like_numbers_keep_text() -> None:
    document = parse_document("a: no\nb: yes\nc: 1.10\nd: true\ne: 010\n", "f.yml")
    assert document.data == {"a": "no", "b": "yes", "c": "1.10", "d": True, "e": "010"}


def test_duplicate_ids_across_files_ignoring_case(make_tree) -> None:
    root = make_tree(
        {
            "units/fict-001.yml": FICTIONAL.format(id="fict-001", urn="A/000/0001"),
            "units/level-2/FICT-001.yml": FICTIONAL.format(id="FICT-001", urn="A/000/0001"),
        }
    )
    with pytest.raises(ContentErrors) as caught:
        build_catalogue(root / "units", root=root)
    assert [str(e) for e in caught.value.errors] == [
        "units/level-2/FICT-001.yml:1:5: id: 'FICT-001' is already used by units/fict-001.yml"
        " (ids are compared ignoring case)",
        "units/level-2/FICT-001.yml:4:6: urn: 'A/000/0001' is already used by units/fict-001.yml",
    ]


def test_errors_from_several_files_are_all_reported(make_tree) -> None:
    root = make_tree({"units/a.yml": "id: [\n", "units/b.yml": "titel: x\n"})
    with pytest.raises(ContentErrors) as caught:
        build_catalogue(root / "units", root=root)
    paths = {e.path for e in caught.value.errors}
    assert paths == {"units/a.yml", "units/b.yml"}
    assert caught.value.report().endswith("errors found; nothing was built.")


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    start = time.process_time()
    with pytest.raises(ContentErrors) as caught:
        parse_document("\n".join(lines), "bomb.yml")
    assert time.process_time() - start < 5
    assert "anchors and aliases" in str(caught.value)
