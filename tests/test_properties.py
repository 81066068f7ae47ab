"""Property-based tests: generated valid units always load and render; generated mistakes
only ever produce our controlled errors, one well-formed line each, never an exception.

Example counts come from the Hypothesis profile (tests/conftest.py): modest by default,
``HYPOTHESIS_PROFILE=thorough`` for a long run.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from generator.content.catalogue import Catalogue, SourcedUnit
from generator.content.loader import load_model, parse_document, validate_document
from generator.content.model import Unit
from generator.errors import ContentErrors
from generator.site.pages import SiteContext, generate_pages, unit_page_path
from generator.site.render import make_environment

from .conftest import ROOT
from .unit_strategies import dump, mutated_units, valid_units

DISPLAY = "content/units/generated.yml"
# path:LINE:COL: field: message, where the field holds no ": " (the separator) and nothing breaks the line.
ERROR_LINE = re.compile(r"[^\n]+:[1-9][0-9]*:[1-9][0-9]*: (?:(?!: )[^\n])+: [^\n]+")
ENV = make_environment([ROOT / "site_templates"])
SITE = SiteContext(site_name="Fictional handbook", build_date=dt.date(2024, 1, 1))


def assert_controlled(errors: ContentErrors, text: str) -> None:
    assert errors.errors, "ContentErrors without errors"
    lines = text.count("\n") + 2
    for error in errors.errors:
        assert error.path == DISPLAY
        assert 1 <= error.line <= lines, error
        assert error.column >= 1, error
        assert ERROR_LINE.fullmatch(str(error)), str(error)


@given(valid_units())
def test_generated_valid_units_load_and_render(data: dict) -> None:
    text = dump(data)
    document = parse_document(text, DISPLAY)
    unit = validate_document(document, Unit)
    assert (unit.id, unit.title, str(unit.level)) == (data["id"], data["title"], str(data["level"]))
    assert [c.number for c in unit.criteria] == [
        c["number"] for outcome in data["learning_outcomes"] for c in outcome["criteria"]
    ]
    pages = generate_pages(ENV, Catalogue((SourcedUnit(unit, document),)), SITE)
    page = pages[unit_page_path(unit)]
    assert f'<h1 id="unit-title">{escape(unit.title)}</h1>' in page
    for criterion in unit.criteria:
        assert f'id="{criterion.anchor}"' in page


@given(mutated_units())
def test_mutated_units_give_only_controlled_errors(text: str) -> None:
    try:
        validate_document(parse_document(text, DISPLAY), Unit)
    except ContentErrors as errors:
        assert_controlled(errors, text)


_FOLDER = Path(tempfile.mkdtemp(prefix="handbook-properties-"))


@given(valid_units(), st.data())
def test_corrupted_bytes_give_only_controlled_errors(data: dict, draw: st.DataObject) -> None:
    raw = bytearray(dump(data).encode("utf-8"))
    for _ in range(draw.draw(st.integers(1, 4))):
        raw[draw.draw(st.integers(0, len(raw) - 1))] = draw.draw(st.integers(0, 255))
    source = _FOLDER / "content" / "units" / "generated.yml"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(bytes(raw))
    try:
        load_model(source, Unit, root=_FOLDER)
    except ContentErrors as errors:
        assert_controlled(errors, bytes(raw).decode("utf-8", errors="replace"))


def _parsed(text: str, *, fast: bool) -> object:
    try:
        document = parse_document(text, DISPLAY, fast=fast)
    except ContentErrors as errors:
        return [str(e) for e in errors.errors]
    return document.data, document.positions


@given(mutated_units() | valid_units().map(dump))
def test_libyaml_and_pure_python_parsers_agree(text: str) -> None:
    assert _parsed(text, fast=True) == _parsed(text, fast=False)
