"""Importing the three seed texts reproduces their hand transcriptions, and the fictional corpus its expectations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.content.loader import parse_document, validate_document
from generator.content.model import Unit
from generator.errors import ContentErrors, format_field
from generator.importing.build import build_draft
from generator.importing.draft import Draft
from generator.importing.sources import read_source
from generator.importing.writing import checked_text

from ..conftest import SEEDS_DIR, UNITS_DIR
from ..helpers import print_html
from .conftest import CORPUS, CorpusCase, corpus_cases
from .render import to_html

SEEDS = {
    "000_1924047d488c4147.txt": "r-503-0865",
    "002_da5ba0a8c6eb8706.txt": "ocr-unit-39",
    "004_a6f6ee7d95b42220.txt": "ocr-unit-38",
}
FACTS = (
    "id",
    "title",
    "awarding_body",
    "unit_number",
    "sector_unit_number",
    "level",
    "credit_value",
    "guided_learning_hours",
    "urn",
    "expiry_date",
)


def _draft(path: Path) -> Draft:
    return build_draft(read_source(path, path.name))


def _outcomes(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "number": o["number"],
            "text": o.get("text"),
            "criteria": [(c["number"], c["text"]) for c in o["criteria"]],
        }
        for o in data["learning_outcomes"]
    ]


def _written(draft: Draft, tmp_path: Path) -> dict[str, Any]:
    """The draft as written and read back as YAML: compared as data."""
    text = checked_text(draft, "draft.yml", schema="unit.schema.json", source_note="test")
    return yaml.safe_load(text)


@pytest.mark.parametrize(("seed", "unit_id"), SEEDS.items(), ids=list(SEEDS.values()))
def test_seed_round_trip(seed: str, unit_id: str, tmp_path: Path) -> None:
    draft = _draft(SEEDS_DIR / seed)
    got = _written(draft, tmp_path)
    want = yaml.safe_load((UNITS_DIR / f"{unit_id}.yml").read_text(encoding="utf-8"))
    assert _outcomes(got) == _outcomes(want)
    assert {key: got.get(key) for key in FACTS} == {key: want.get(key) for key in FACTS}
    assert got["nos"]["mappings"] == want["nos"]["mappings"]
    for key in ("purpose", "assessment", "evidence", "guidance", "third_column_heading", "additional_information"):
        assert got.get(key) == want.get(key), key


def test_third_seed_lo5_is_untangled_and_marked() -> None:
    draft = _draft(SEEDS_DIR / "004_a6f6ee7d95b42220.txt")
    outcome = draft.data["learning_outcomes"][4]
    assert outcome["text"] == "Be able to monitor customer service levels for continuous improvement."
    assert [c["text"] for c in outcome["criteria"]] == [
        "Describe methods of measuring customer satisfaction.",
        "Develop processes for monitoring customer satisfaction, including customer feedback mechanisms.",
        "Review employee performance to ensure customer service standards and organisational values are met.",
        "Analyse and monitor customer service.",
    ]
    assert outcome["third_column"].splitlines()[2].startswith("- Methods of customer satisfaction such as: Periodic")
    marked = {format_field(path) for path in draft.marks}
    assert "learning_outcomes[4].criteria[3].text" in marked
    assert "learning_outcomes[3].criteria[0].text" not in marked  # cleanly printed rows are not marked


def test_third_seed_reading_list_books_are_read_and_marked() -> None:
    draft = _draft(SEEDS_DIR / "004_a6f6ee7d95b42220.txt")
    want = yaml.safe_load((UNITS_DIR / "ocr-unit-38.yml").read_text(encoding="utf-8"))["reading_list"]
    fields = ("authors", "year", "title", "edition", "isbn", "note")
    got_books = [tuple(book.get(key) for key in fields) for book in draft.data["reading_list"]["books"]]
    assert got_books == [tuple(book.get(key) for key in fields) for book in want["books"]]
    urls = [link["url"].lower().rstrip("/") for link in draft.data["reading_list"]["links"]]
    assert all(link["url"].lower().rstrip("/") in urls for link in want["links"])
    assert ("reading_list",) in draft.marks  # the book each web address belongs to is the editor's call


def test_seed_facts_not_stated_are_left_out_and_guesses_marked() -> None:
    draft = _draft(SEEDS_DIR / "004_a6f6ee7d95b42220.txt")
    assert {"urn", "credit_value", "guided_learning_hours"} <= set(draft.not_stated)
    assert "credit_value" not in draft.data
    assert "record sheet" in draft.marks[("title",)]
    assert "level four" in draft.marks[("level",)]


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda case: case.id)
def test_corpus_document_imports_as_expected(case: CorpusCase, tmp_path: Path) -> None:
    got = _written(_draft(case.write(tmp_path)), tmp_path)
    for key, value in case.expected.items():
        assert got.get(key) == value, key


def _check_errors(text: str) -> list[str]:
    try:
        validate_document(parse_document(text, "draft.yml"), Unit)
    except ContentErrors as exc:
        return [error.field for error in exc.errors]
    return []


@pytest.mark.parametrize(
    "source",
    [*(SEEDS_DIR / name for name in SEEDS), *(case for case in corpus_cases() if case.form == "text")],
    ids=lambda s: s.name if isinstance(s, Path) else s.id,
)
def test_draft_passes_check_or_fails_only_on_marked_fields(source: Path | CorpusCase, tmp_path: Path) -> None:
    path = source if isinstance(source, Path) else source.write(tmp_path)
    draft = _draft(path)
    text = checked_text(draft, "draft.yml", schema="unit.schema.json", source_note=path.name)
    marked = {format_field(p) for p in draft.marks}
    assert set(_check_errors(text)) <= marked
    for field in _check_errors(text):
        assert "# CHECK:" in text  # every failure is explained in the file
        assert field in marked


def test_recording_sheet_marks_the_outcome_texts_it_cannot_know(tmp_path: Path) -> None:
    case = next(c for c in corpus_cases() if c.name == "recording-sheet" and c.form == "text")
    draft = _draft(case.write(tmp_path))
    text = checked_text(draft, "draft.yml", schema="unit.schema.json", source_note="recording-sheet.txt")
    assert sorted(_check_errors(text)) == ["learning_outcomes[0].text", "learning_outcomes[1].text", "level"]
    assert "# CHECK: text: the document prints no text for this outcome" in text
    assert "# CHECK: level: the document does not state the level" in text


def _by_number(grading: dict[str, Any] | None) -> list[dict[str, Any]]:
    return sorted((grading or {}).get("criteria", []), key=lambda c: (c["number"][0], int(c["number"][1:])))


@pytest.mark.parametrize("case", [c for c in corpus_cases() if c.form == "pdf"], ids=lambda case: case.name)
def test_unruled_pdf_table_is_read_by_position(case: CorpusCase, tmp_path: Path) -> None:
    """The same documents printed without table rules: columns come from where the words stand."""
    html = to_html((CORPUS / f"{case.name}.txt").read_text(encoding="utf-8"))
    source = tmp_path / f"{case.name}.pdf"
    print_html(html.replace("border:1px solid #000;", "border:none;"), source)
    got = _written(_draft(source), tmp_path)
    for key, value in case.expected.items():
        if key == "grading" and "criteria" in value:
            assert _by_number(got.get(key)) == _by_number(value)  # read line by line: P2 may follow D1
        else:
            assert got.get(key) == value, key
