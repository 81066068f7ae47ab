"""Moodle competency frameworks: every CSV passes a reader that applies tool_lpimportcsv's
rules (see moodle_reader.py), and that reader agrees with Moodle on Moodle's own fixture."""

from __future__ import annotations

import csv
import io

import pytest

from generator.exports.moodle import HEADER, RULE_ALL, SCALE_VALUES, short_name, unit_idnumber
from generator.site.qualification_pages import units_of

from ..conftest import ROOT
from .conftest import Project, files_by_path
from .moodle_reader import read_moodle_csv

FIXTURE = ROOT.parent / "shared" / "interop" / "moodle-lpimportcsv-example.csv"


def moodle_files(project: Project) -> dict[str, bytes]:
    return {p: d for p, d in files_by_path(project.export()).items() if p.startswith("exports/moodle/")}


def test_moodle_fixture_reads_as_64_competencies() -> None:
    # Moodle's own test (admin/tool/lpimportcsv/tests/import_test.php) expects 64.
    framework = read_moodle_csv(FIXTURE.read_bytes())
    assert framework.problems == []
    assert framework.competencies == 64
    assert framework.framework is not None and framework.framework["idnumber"] == "OECD-CORE"


@pytest.mark.parametrize("project", ["seeds", "hostile", "shapes"])
def test_every_framework_imports_whole(project: str, request: pytest.FixtureRequest) -> None:
    source: Project = request.getfixturevalue(project)
    files = moodle_files(source)
    assert len(files) == len(source.qualifications) > 0
    for entry in source.qualifications:
        data = files[f"exports/moodle/{entry.qualification.slug}.csv"]
        framework = read_moodle_csv(data)
        assert framework.problems == [], entry.qualification.id
        units = units_of(entry, source.catalogue)
        expected = sum(
            1
            + len(u.learning_outcomes)
            + sum(1 + len(c.sub_criteria or ()) for c in u.criteria)
            + len(u.grading.criteria if u.grading else ())
            for u in units
        )
        assert framework.competencies == expected
        assert framework.framework == {
            "idnumber": entry.qualification.id,
            "shortname": short_name(entry.qualification.title),
            "taxonomy": "competency,outcome,indicator,indicator",
        }
        assert [root.idnumber for root in framework.roots] == [unit_idnumber(u) for u in units]
        first = framework.roots[0]
        assert [c.idnumber for c in first.children] == [
            f"{first.idnumber}/LO{o.number}" for o in units[0].learning_outcomes
        ]
        first_outcome = units[0].learning_outcomes[0]
        grading = units[0].grading.criteria if units[0].grading else []
        assert [c.idnumber for c in first.children[0].children] == [
            f"{first.idnumber}/{c.number}" for c in first_outcome.criteria
        ] + [f"{first.idnumber}/{g.number}" for g in grading if g.outcomes[0] == first_outcome.number]


def test_rows_of_the_sample(seeds: Project) -> None:
    text = moodle_files(seeds)["exports/moodle/sample-customer-service.csv"].decode()
    lines = text.split("\r\n")
    assert lines[0] == ",".join(HEADER)
    assert f'"{SCALE_VALUES}"' in lines[1] and lines[1].endswith(',1,"competency,outcome,indicator,indicator"')
    assert lines[2] == (
        ",r-503-0865,R/503/0865 Improve the customer's experience in active leisure,"
        "Improve the customer's experience in active leisure,2,,,core_competency\\competency_rule_all,2,null,,,,"
    )
    assert "r-503-0865/LO1,r-503-0865/1.1,1.1 " in text


BREAKAGES = {
    "column count": lambda rows: rows[3].append("x"),
    "no framework row": lambda rows: rows[1].__setitem__(12, ""),
    "framework row 'false' still counts, a second one is too many": lambda rows: rows[2].__setitem__(12, "false"),
    "missing parent": lambda rows: rows[3].__setitem__(0, "nowhere"),
    "duplicate ID number": lambda rows: rows[4].__setitem__(1, rows[3][1]),
    "cycle": lambda rows: rows[2].__setitem__(0, rows[3][1]),
    "empty short name": lambda rows: rows[3].__setitem__(2, ""),
    "scale without proficient": lambda rows: rows[1].__setitem__(6, '[{"scaleid":""},{"id":2,"scaledefault":1}]'),
    "scale not JSON": lambda rows: rows[1].__setitem__(6, "[{"),
    "taxonomy term": lambda rows: rows[1].__setitem__(13, "unit,outcome"),
    "description format": lambda rows: rows[3].__setitem__(4, "3"),
    "long ID number": lambda rows: rows[3].__setitem__(1, "x" * 101),
    "loosely equal ID numbers": lambda rows: (rows[2].__setitem__(1, "1"), rows[3].__setitem__(1, "01.0")),
    "backslash quote": lambda rows: rows[3].__setitem__(3, 'a \\" b'),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_the_reader_finds_what_moodle_would_reject_or_drop(seeds: Project, breakage: str) -> None:
    data = moodle_files(seeds)["exports/moodle/sample-customer-service.csv"]
    rows = list(csv.reader(io.StringIO(data.decode())))
    BREAKAGES[breakage](rows)
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    assert read_moodle_csv(out.getvalue().encode()).problems != []


def test_numeric_unit_ids_get_a_prefix(seeds: Project) -> None:
    unit = next(iter(seeds.catalogue))
    assert unit_idnumber(unit.model_copy(update={"id": "1e3"})) == "unit-1e3"
    assert unit_idnumber(unit.model_copy(update={"id": "0123"})) == "unit-0123"
    assert unit_idnumber(unit) == unit.id


def test_short_names_are_cut_to_100_characters() -> None:
    assert short_name("word " * 40).endswith("…") and len(short_name("word " * 40)) == 100
    assert short_name("a\nb") == "a b"


def test_graded_units_and_sub_criteria(shapes: Project) -> None:
    framework = read_moodle_csv(moodle_files(shapes)["exports/moodle/fict-shapes.csv"])
    by_id = {}
    stack = list(framework.roots)
    while stack:
        competency = stack.pop()
        by_id[competency.idnumber] = competency
        stack.extend(competency.children)
    assert [c.idnumber for c in by_id["fict-entry3-sub/1.2"].children] == [
        "fict-entry3-sub/1.2a",
        "fict-entry3-sub/1.2b",
    ]
    assert [c.idnumber for c in by_id["fict-graded-pmd/LO2"].children] == [
        "fict-graded-pmd/P2",
        "fict-graded-pmd/M2",
        "fict-graded-pmd/D1",
    ]
    data = moodle_files(shapes)["exports/moodle/fict-shapes.csv"].decode()
    rows = {row[1]: row for row in csv.reader(io.StringIO(data))}
    assert rows["fict-graded-pmd"][7] == ""  # a Pass needs only the P criteria: no rule
    assert rows["fict-entry3-sub/1.2"][7] == RULE_ALL  # complete when a) and b) are
    assert rows["fict-entry3-sub/LO1"][7] == RULE_ALL
