"""Whatever text arrives, the importer gives a draft or one clear problem, never a traceback.

Documents are generated from the pieces real unit documents are made of (fictional words):
headings, label/value facts, numbered outcomes and criteria, bullets and mangled bullets,
tab-separated rows, stray tags and entities, numbers alone on lines. Every draft must pass
``handbook check`` or fail only on the fields it marked.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.loader import parse_document, validate_document
from generator.content.model import Unit
from generator.errors import ContentErrors, format_field
from generator.importing.build import build_draft
from generator.importing.document import SourceDocument
from generator.importing.read_text import read_plain_text
from generator.importing.sources import ImportProblem
from generator.importing.writing import checked_text

WORDS = st.sampled_from(["plan", "record", "fictional", "garden", "safely", "the", "team", "Describe", "Explain"])
PHRASE = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
NUMBER = st.integers(min_value=1, max_value=4)

LINE = st.one_of(
    st.sampled_from(
        [
            "Learning Outcomes\tAssessment Criteria",
            "Learning Outcomes\tAssessment Criteria\tExemplification",
            "The learner will:\tThe learner can:",
            "Assessment",
            "Evidence requirements",
            "Unit purpose and aim",
            "Assessment and grading criteria",
            "Pass\tMerit\tDistinction",
            "Level: 2",
            "Level: Entry 3",
            "Level: SCQF 5",
            "Credit value: 4",
            "Unit reference number: Y/999/0001",
            "",
            "<p>",
            "&amp;",
            "©  Fictional Awards",
            "|",
        ]
    ),
    st.builds(lambda n, p: f"{n} {p.capitalize()}", NUMBER, PHRASE),
    st.builds(lambda n, m, p: f"{n}.{m} {p.capitalize()}", NUMBER, NUMBER, PHRASE),
    st.builds(lambda n, m, p: f"{n}.{m}{p.capitalize()}", NUMBER, NUMBER, PHRASE),
    st.builds(lambda g, p: f"{g} {p}", st.sampled_from(["•", "e", "¢", "o", ")", "-"]), PHRASE),
    st.builds(lambda n, p, m, q: f"{n} {p} / {n}.{m} {q}", NUMBER, PHRASE, NUMBER, PHRASE),
    st.builds(lambda a, b, c: f"{a}\t{b}\t{c}", PHRASE, PHRASE, PHRASE),
    st.builds(lambda g, n, p: f"{g}{n} {p}", st.sampled_from(["P", "M", "D", "LO"]), NUMBER, PHRASE),
    st.builds(lambda p, n, m, q: f"{p} {n}.{m} {q.capitalize()} e {p}", PHRASE, NUMBER, NUMBER, PHRASE),
    NUMBER.map(str),
    PHRASE,
)
DOCUMENTS = st.lists(LINE, min_size=0, max_size=40).map("\n".join)


def _errors(text: str) -> list[str]:
    try:
        validate_document(parse_document(text, "draft.yml"), Unit)
    except ContentErrors as exc:
        return [error.field for error in exc.errors]
    return []


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_any_document_gives_a_draft_or_one_problem(text: str) -> None:
    document: SourceDocument = read_plain_text(text, "generated.txt")
    try:
        draft = build_draft(document)
    except ImportProblem as exc:
        assert str(exc).startswith("generated.txt:1:1: (file): ")
        assert "\n" not in str(exc)
        return
    written = checked_text(draft, "draft.yml", schema="unit.schema.json", source_note=Path("generated.txt").name)
    marked = {format_field(path) for path in draft.marks}
    assert set(_errors(written)) <= marked
