"""Hypothesis strategies for fictional units: valid ones, and mutations of them.

Every generated unit is fictional. Valid units cover every field of the model; the
mutations are the edits an editor (or a broken tool) makes: a key dropped or renamed,
a value of the wrong type, an AC renumbered, junk typed into the YAML.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import yaml
from hypothesis import strategies as st

from generator.content.model import RESERVED_IDS

Path = tuple[str | int, ...]

#: Letters, digits, punctuation and symbols of any script, plus space and the characters
#: Markdown, HTML and YAML give meaning to.
_CHARS = st.characters(categories=["L", "N", "P", "S"]) | st.sampled_from(list(" <>&\"'*_[]()#`:{}!|%@-\\"))

text = st.text(_CHARS, min_size=1, max_size=40).map(str.strip).filter(bool)
prose = st.lists(text, min_size=1, max_size=3).map("\n\n".join)
unit_ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True).filter(lambda s: s not in RESERVED_IDS)
urns = st.from_regex(r"[A-Z]/[0-9]{3}/[0-9]{4}", fullmatch=True)
urls = st.from_regex(r"https://example\.invalid/[a-z0-9/_.-]{0,20}", fullmatch=True)


def _isbn13(digits: str) -> str:
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
    return digits + str((10 - total % 10) % 10)


isbns = st.from_regex(r"978[0-9]{9}", fullmatch=True).map(_isbn13)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


#: Levels in their canonical written form, in every framework.
levels = st.one_of(
    st.integers(1, 8),
    st.integers(1, 3).map("Entry {}".format),
    st.integers(1, 12).map("SCQF {}".format),
    st.integers(1, 8).map("CQFW {}".format),
    st.sampled_from(["CQFW Entry 2", "Access to HE 2", "Access to HE 3", "not stated"]),
)
bullets = st.lists(text, min_size=1, max_size=3)


@st.composite
def criterion(draw: st.DrawFn, number: str, with_content: bool) -> dict[str, Any]:
    found: dict[str, Any] = {"number": number, "text": draw(text)}
    if draw(st.booleans()):
        found["bullets"] = draw(bullets)
    if draw(st.booleans()):
        found["sub_criteria"] = [
            {"letter": "abcdefgh"[n], "text": draw(text), **({"bullets": draw(bullets)} if draw(st.booleans()) else {})}
            for n in range(draw(st.integers(1, 3)))
        ]
    if with_content and draw(st.booleans()):
        found["content"] = draw(prose)
    return found


@st.composite
def outcomes(draw: st.DrawFn, with_third_column: bool, with_content: bool = False) -> list[dict[str, Any]]:
    result = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        outcome: dict[str, Any] = {
            "number": number,
            "text": draw(text),
            "criteria": [draw(criterion(f"{number}.{n}", with_content)) for n in range(1, draw(st.integers(1, 4)) + 1)],
        }
        if with_third_column and draw(st.booleans()):
            outcome["third_column"] = draw(prose)
        if draw(st.booleans()):
            outcome["assessed_by"] = draw(st.sampled_from(["portfolio", "exam", "test", "assignment"]))
        result.append(outcome)
    return result


@st.composite
def grading(draw: st.DrawFn, outcome_count: int) -> Any:
    """pass/fail, Pass/Merit/Distinction criteria tied to outcomes, or grade descriptors."""
    kind = draw(st.sampled_from(["pass/fail", "criteria", "descriptors"]))
    if kind == "pass/fail":
        return kind
    if kind == "descriptors":
        return {
            "descriptors": [
                {
                    "number": f"GD{n}",
                    "title": draw(text),
                    "components": [
                        {"letter": letter, "text": draw(text)} for letter in "ac"[: draw(st.integers(0, 2))]
                    ],
                }
                for n in range(1, draw(st.integers(1, 3)) + 1)
            ]
        }
    criteria = []
    for letter, least in (("P", 1), ("M", 0), ("D", 0)):
        for n in range(1, draw(st.integers(least, 3)) + 1):
            criteria.append(
                {"number": f"{letter}{n}", "outcome": draw(st.integers(1, outcome_count)), "text": draw(text)}
            )
    return {"criteria": criteria, **({"note": draw(prose)} if draw(st.booleans()) else {})}


@st.composite
def evidence(draw: st.DrawFn) -> dict[str, Any]:
    methods = [
        {"method": draw(text), **({"examples": draw(text)} if draw(st.booleans()) else {})}
        for _ in range(draw(st.integers(0, 3)))
    ]
    found: dict[str, Any] = {"requirements": draw(_optional(prose)), "methods": methods, "note": draw(_optional(prose))}
    if methods:
        found["minimum_methods"] = draw(_optional(st.integers(1, len(methods))))
    found["simulation_allowed"] = draw(_optional(st.booleans()))
    return {key: value for key, value in found.items() if value is not None}


@st.composite
def reading_list(draw: st.DrawFn) -> dict[str, Any]:
    books = []
    for _ in range(draw(st.integers(0, 2))):
        book = {"authors": draw(text), "title": draw(text), "year": draw(st.integers(1450, 2100))}
        book.update({"isbn": draw(isbns)} if draw(st.booleans()) else {})
        book.update({"url": draw(urls), "edition": draw(text), "note": draw(text)} if draw(st.booleans()) else {})
        books.append(book)
    links = [{"url": draw(urls), "title": draw(text)} for _ in range(draw(st.integers(0, 2)))]
    return {"books": books, "links": links}


def _skills(names: tuple[str, ...]) -> st.SearchStrategy[dict[str, bool]]:
    return st.fixed_dictionaries({}, optional={name: st.booleans() for name in names})


functional_skills = st.fixed_dictionaries(
    {},
    optional={
        "english": _skills(("speaking_and_listening", "reading", "writing")),
        "mathematics": _skills(("representing", "analysing", "interpreting")),
        "ict": _skills(("use_ict_systems", "find_and_select_information")),
    },
)
nos = st.fixed_dictionaries(
    {},
    optional={
        "statement": prose,
        "mappings": st.lists(
            st.fixed_dictionaries({"suite": text}, optional={"code": text, "title": text, "relationship": text}),
            max_size=2,
        ),
        "note": prose,
    },
)


# Built once: a characters() strategy works out its alphabet when first drawn from, per instance.
_UNIT_NUMBERS = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)
_UNIT_CODES = st.text(st.characters(categories=["Lu", "Nd"]), min_size=1, max_size=10)


@st.composite
def valid_units(draw: st.DrawFn) -> dict[str, Any]:
    """A valid fictional unit as plain data, every optional field sometimes present."""
    heading = draw(_optional(text))
    content_heading = draw(_optional(text))
    unit: dict[str, Any] = {
        "id": draw(unit_ids),
        "title": draw(text),
        "level": draw(levels),
        "learning_outcomes": draw(outcomes(heading is not None, content_heading is not None)),
    }
    optional = {
        "awarding_body": text,
        "unit_number": _UNIT_NUMBERS,
        "unit_code": _UNIT_CODES,
        "other_codes": st.lists(st.fixed_dictionaries({"label": text, "code": text}), max_size=2),
        "credit_value": st.integers(1, 999) | st.sampled_from(["not stated", "not available"]),
        "guided_learning_hours": st.integers(0, 9999) | st.just("not stated"),
        "urn": urns,
        "status": st.sampled_from(["current", "withdrawn"]),
        "expiry_date": st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
        "operational_start": st.dates(dt.date(2000, 1, 1), dt.date(2019, 12, 31)),
        "operational_end": st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31)),
        "review_date": st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
        "source": st.fixed_dictionaries(
            {"title": text}, optional={"version": st.just("2"), "date": st.dates() | st.just("May 2020"), "url": urls}
        ),
        "incomplete": st.just(True) | text,
        "grading": grading(len(unit["learning_outcomes"])),
        "purpose": prose,
        "assessment": prose,
        "evidence": evidence(),
        "guidance": prose,
        "nos": nos,
        "functional_skills": functional_skills,
        "resources": prose,
        "reading_list": reading_list(),
        "additional_information": prose,
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            unit[key] = draw(strategy)
    if heading is not None:
        unit["third_column_heading"] = heading
    if content_heading is not None:
        unit["criterion_content_heading"] = content_heading
    if str(unit["level"]).startswith("SCQF") and draw(st.booleans()):
        unit["scqf_credit_points"] = draw(st.integers(1, 999))
    return unit


def dump(unit: dict[str, Any]) -> str:
    """YAML as an editor would write it (block style, Unicode kept, key order kept)."""
    return "# Fictional unit generated by a property-based test.\n" + yaml.safe_dump(
        unit, allow_unicode=True, sort_keys=False, width=1000
    )


def paths(data: Any, prefix: Path = ()) -> list[Path]:
    """Every location in ``data``: mapping keys and list items, outermost first."""
    found: list[Path] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((*prefix, key))
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.append((*prefix, index))
            found.extend(paths(value, (*prefix, index)))
    return found


def _parent(data: Any, path: Path) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


wrong_values = st.one_of(
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(text, st.integers(), max_size=2),
    text,
    st.dates(),
)
junk = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(list("\t\n:-?[]{}&*!|>'\"%@`#,\\")),
    min_size=1,
    max_size=12,
)


@st.composite
def mutated_units(draw: st.DrawFn) -> str:
    """The YAML text of a valid unit after one to three editor mistakes."""
    unit = copy.deepcopy(draw(valid_units()))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["drop", "rename", "retype", "renumber"]))
        locations = paths(unit)
        numbers = [p for p in locations if len(p) == 5 and p[-1] == "number"]
        if kind == "renumber" and numbers:
            criterion = draw(st.sampled_from(numbers))
            _parent(unit, criterion)["number"] = draw(st.sampled_from(["1.1", "2.3", "9.9", "1", "1.10"]) | text)
        elif locations:
            location = draw(st.sampled_from(locations))
            parent = _parent(unit, location)
            if kind == "drop":
                del parent[location[-1]]
            elif kind == "rename" and isinstance(parent, dict):
                value = parent.pop(location[-1])
                parent[draw(text)] = value
            else:
                parent[location[-1]] = draw(wrong_values)
    yaml_text = dump(unit)
    if draw(st.booleans()):
        position = draw(st.integers(0, len(yaml_text)))
        yaml_text = yaml_text[:position] + draw(junk) + yaml_text[position:]
    return yaml_text
