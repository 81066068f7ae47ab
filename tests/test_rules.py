"""Rules of combination: the shared verdict cases, and the solver checked against brute force."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.catalogue import build_catalogue
from generator.content.levels import parse_level
from generator.content.qualifications import Qualifications, build_qualifications
from generator.rules.analysis import analyse
from generator.rules.ruleset import Group, PathwayRules, RuleSet, UnitFacts, evaluate
from generator.rules.text import rule_sentences

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "qualifications"
CASES = json.loads((FIXTURES / "rule_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def qualifications() -> Qualifications:
    catalogue = build_catalogue(FIXTURES / "units", root=ROOT)
    return build_qualifications(FIXTURES / "good", catalogue, root=ROOT)


def rules_of(qualifications: Qualifications, qualification_id: str) -> RuleSet:
    return next(e.rules for e in qualifications if e.qualification.id == qualification_id)


def test_cases_cover_every_kind_of_problem() -> None:
    problems = " ".join(p for case in CASES for p in case["expected"]["problems"])
    for phrase in (
        "Choose a pathway.",
        "No such pathway",
        "Not a unit of this qualification",
        "Not part of the",
        "mandatory unit not selected",
        "select at least",
        "select at most",
        "needs at least",
        "allows at most",
        "Barred combination",
        "in total",
        "or above",
    ):
        assert phrase in problems, phrase
    assert any(case["expected"]["meets"] for case in CASES)
    assert any(case["expected"]["credits"] is None for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_python_verdict_matches_shared_case(qualifications: Qualifications, case: dict) -> None:
    rules = rules_of(qualifications, case["qualification"])
    assert evaluate(rules, case["selection"]) == case["expected"]


def test_exported_rules_are_plain_json(qualifications: Qualifications) -> None:
    rules = rules_of(qualifications, "fict-visitor-services")
    exported = json.loads(json.dumps(rules.to_json()))
    assert [p["name"] for p in exported["pathways"]] == ["Leisure", "Retail"]
    assert exported["level_rule"] == {"level": "3", "wording": "level 3", "credits": 12}
    assert exported["barred"] == [["fict-b3", "fict-b4"]]
    expected = {"title": "Lead visitor flow improvements", "level": "4", "at_rule_level": True, "credits": 6, "glh": 40}
    assert exported["units"]["fict-b4"] == expected


def test_rules_in_plain_english(qualifications: Qualifications) -> None:
    assert rule_sentences(rules_of(qualifications, "fict-visitor-services")) == [
        "Take both units in Mandatory group A, 5 credits.",
        "From Optional group B, take at most 2 units and at least 7 credits.",
        "Follow one of the 2 pathways, Leisure or Retail, and take its groups as well.",
        "Achieve at least 20 credits in total.",
        "At least 12 credits must come from units at level 3 or above.",
        "Do not take both Improve visitor flow and Lead visitor flow improvements.",
    ]
    assert rule_sentences(rules_of(qualifications, "fict-records"))[1:] == [
        "From Optional units, take between 1 and 2 units.",
        "From Credit-limited units, take at most 3 credits.",
    ]


def brute_force(rules: RuleSet) -> list[tuple[str | None, list[frozenset[str]]]]:
    """Every selection meeting the rules, route by route, by trying every subset."""
    routes = []
    for pathway, groups in rules.scopes():
        scope = [u for g in groups for u in g.units]
        meeting = [
            frozenset(chosen)
            for size in range(len(scope) + 1)
            for chosen in itertools.combinations(scope, size)
            if evaluate(rules, {"pathway": pathway, "units": list(chosen)})["meets"]
        ]
        routes.append((pathway, meeting))
    return routes


def assert_solver_agrees(rules: RuleSet) -> None:
    fast = analyse(rules)
    for analysis, (pathway, meeting) in zip(analyse(rules, minimums=True), brute_force(rules), strict=True):
        assert analysis.pathway == pathway
        assert analysis.feasible == bool(meeting)
        if not meeting:
            continue
        credits = [sum(rules.units[u].credits or 0 for u in s) for s in meeting]
        glh = [sum(rules.units[u].glh or 0 for u in s) for s in meeting]
        totals = analysis.totals
        assert totals is not None
        assert (totals.min_credits, totals.max_credits) == (min(credits), max(credits))
        assert (totals.min_glh, totals.max_glh) == (min(glh), max(glh))
        if rules.level_rule is not None:
            level = rules.level_rule[0]
            at_level = [
                sum(rules.units[u].credits or 0 for u in s if rules.units[u].level.at_or_above(level)) for s in meeting
            ]
            assert totals.max_level_credits == max(at_level)
    for quick, full in zip(fast, analyse(rules, minimums=True), strict=True):
        assert quick.feasible == full.feasible
        if quick.totals and full.totals:
            assert quick.totals.max_credits == full.totals.max_credits
            assert quick.totals.max_glh == full.totals.max_glh
            assert quick.totals.max_level_credits == full.totals.max_level_credits
            assert quick.totals.min_credits is None


def test_solver_agrees_with_brute_force_on_fixtures(qualifications: Qualifications) -> None:
    for entry in qualifications:
        assert_solver_agrees(entry.rules)


@st.composite
def random_rules(draw: st.DrawFn) -> RuleSet:
    count = draw(st.integers(min_value=1, max_value=8))
    ids = [f"u{n}" for n in range(count)]
    levels = st.sampled_from(["Entry 3", "1", "2", "3", "4", "SCQF 5", "SCQF 6", "not stated"]).map(parse_level)
    level_rule = draw(st.one_of(st.none(), st.tuples(levels, st.integers(1, 12))))
    units = {}
    for unit_id in ids:
        level = draw(levels)
        at_rule_level = level_rule is not None and level.at_or_above(level_rule[0])
        units[unit_id] = UnitFacts(
            unit_id, f"Unit {unit_id}", level, draw(st.integers(0, 6)), draw(st.integers(0, 30)), at_rule_level
        )
    shuffled = draw(st.permutations(ids))
    cuts = sorted(draw(st.lists(st.integers(0, count), max_size=3)))
    pieces = [list(shuffled[a:b]) for a, b in itertools.pairwise([0, *cuts, count]) if b > a]

    def limit(size: int) -> int | None:
        return draw(st.one_of(st.none(), st.integers(0, size)))

    groups = []
    for index, piece in enumerate(pieces):
        if draw(st.booleans()):
            groups.append(Group(f"G{index}", "mandatory", tuple(piece)))
            continue
        low_units, high_units = limit(len(piece)), limit(len(piece))
        low_credits, high_credits = limit(12), limit(12)
        groups.append(Group(f"G{index}", "optional", tuple(piece), low_credits, high_credits, low_units, high_units))
    pathways: tuple[PathwayRules, ...] = ()
    if len(groups) >= 3 and draw(st.booleans()):
        pathways = (PathwayRules("P1", (groups[-2],)), PathwayRules("P2", (groups[-1],)))
        groups = groups[:-2]
    barred: tuple[tuple[str, ...], ...] = ()
    if count >= 2:
        combinations = st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True)
        barred = tuple(tuple(b) for b in draw(st.lists(combinations, max_size=2)))
    return RuleSet(
        qualification="random",
        groups=tuple(groups),
        pathways=pathways,
        barred=barred,
        minimum_credits=draw(st.one_of(st.none(), st.integers(1, 20))),
        level_rule=level_rule,
        units=units,
    )


@settings(max_examples=300, deadline=None)
@given(random_rules())
def test_solver_agrees_with_brute_force_on_random_rules(rules: RuleSet) -> None:
    assert_solver_agrees(rules)


def test_fixture_units_and_qualifications_say_they_are_fictional() -> None:
    for path in sorted((FIXTURES / "units").glob("*.yml")) + sorted((FIXTURES / "good").glob("*.yml")):
        assert "Fictional" in path.read_text(encoding="utf-8").splitlines()[1], path.name


def test_rule_cases_file_names_its_qualifications(qualifications: Qualifications) -> None:
    ids = {entry.qualification.id for entry in qualifications}
    assert {case["qualification"] for case in CASES} == ids
    assert Path(FIXTURES / "rule_cases.json").is_file()
