"""Criteria spreadsheets (CSV and XLSX, reopened with openpyxl), and hostile content staying
inert in every export format."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from generator.exports.criteria_sheet import COLUMNS
from generator.exports.writing import FORMULA_STARTS, neutralise
from generator.site.qualification_pages import units_of

from .conftest import Project, files_by_path


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def xlsx_rows(data: bytes) -> tuple[list[list[object]], list[str]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Criteria"]
    types = [cell.data_type for row in sheet.iter_rows() for cell in row if cell.value is not None]
    return [[cell.value for cell in row] for row in sheet.iter_rows()], types


def test_one_row_per_criterion_in_both_files(seeds: Project) -> None:
    files = files_by_path(seeds.export())
    entry = next(iter(seeds.qualifications))
    units = units_of(entry, seeds.catalogue)
    rows = csv_rows(files["exports/criteria/sample-customer-service.csv"])
    assert rows[0] == [name for name, _ in COLUMNS]
    assert len(rows) - 1 == sum(len(unit.criteria) for unit in units)
    assert rows[1] == [
        entry.qualification.title,
        "r-503-0865",
        "R/503/0865",
        "Improve the customer's experience in active leisure",
        "3",
        "1",
        units[0].learning_outcomes[0].text,
        "1.1",
        units[0].learning_outcomes[0].criteria[0].text,
        "",
    ]
    sheet, types = xlsx_rows(files["exports/criteria/sample-customer-service.xlsx"])
    assert [[("" if v is None else str(v)) for v in row] for row in sheet] == rows
    assert set(types) == {"s", "n"}


def test_graded_and_lettered_rows(shapes: Project) -> None:
    rows = csv_rows(files_by_path(shapes.export())["exports/criteria/fict-shapes.csv"])
    by_label = {(row[1], row[7]): row for row in rows[1:]}
    assert by_label[("fict-graded-pmd", "M1")][9] == "Merit"
    assert (
        by_label[("fict-graded-pmd", "P2")][8]
        == "Produce a plan for a community event, covering:\n- budget\n- venue\n- timeline"
    )
    assert by_label[("fict-entry3-sub", "1.2 a)")][8] == "Describe how to: store food safely"
    assert ("fict-entry3-sub", "1.2") not in by_label
    assert by_label[("fict-entry3-sub", "1.1")][4] == "Entry Level 3"
    assert by_label[("fict-entry3-sub", "1.1")][9] == ""


def test_neutralise() -> None:
    for start in FORMULA_STARTS:
        assert neutralise(start + "1") == "'" + start + "1"
    assert neutralise("1.2 Explain") == "1.2 Explain"
    assert neutralise("'quoted") == "'quoted"


def test_formula_texts_stay_text_everywhere(hostile: Project) -> None:
    files = files_by_path(hostile.export())
    for path in ("exports/criteria/fict-exports.csv", "exports/moodle/fict-exports.csv"):
        for row in csv_rows(files[path]):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (path, cell)
    criteria = csv_rows(files["exports/criteria/fict-exports.csv"])
    assert [row[8] for row in criteria if "fict-formulas" in row] == ["'=1+1", '\'@SUM(A1:A2) and a \\"quoted\\" word']
    sheet, types = xlsx_rows(files["exports/criteria/fict-exports.xlsx"])
    assert "f" not in types
    assert "=1+1" in [row[8] for row in sheet]
    moodle = files["exports/moodle/fict-exports.csv"].decode()
    assert '\\"' not in moodle and "\u29f5" in moodle


def test_markup_is_never_live_in_json(hostile: Project) -> None:
    for path, data in files_by_path(hostile.export()).items():
        if path.endswith(".json") and not path.endswith(".schema.json"):  # schemas hold no content
            text = data.decode("utf-8")
            assert not set("<>&") & set(text), path
            json.loads(text)
    unit = json.loads(files_by_path(hostile.export())["exports/units/fict-hostile.json"])["unit"]
    assert unit["title"].startswith("Fictional </title><script>")


@pytest.mark.parametrize("path", ["exports/moodle/fict-exports.csv"])
def test_moodle_descriptions_are_plain_text(hostile: Project, path: str) -> None:
    rows = csv_rows(files_by_path(hostile.export())[path])
    assert {row[4] for row in rows[1:]} == {"2"}
    assert any("<script>" in row[3] for row in rows[1:])
