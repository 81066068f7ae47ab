"""Shared fixtures for printables tests: the seed units, a fictional 40-criterion unit, readers."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
from pypdf import PdfReader

from generator.content.catalogue import build_catalogue
from generator.content.loader import load_model
from generator.content.model import Unit
from generator.site.render import make_environment

from ..conftest import ROOT, UNITS_DIR

HERE = Path(__file__).resolve().parent
MANY_CRITERIA = HERE / "fictional-many-criteria.yml"


def seed_units() -> list[Unit]:
    """The project's own units (transcribed from the seeds)."""
    return list(build_catalogue(UNITS_DIR, root=ROOT))


def many_criteria_unit() -> Unit:
    """The fictional unit with 40 criteria (LO1 alone has 20)."""
    unit, _ = load_model(MANY_CRITERIA, Unit, root=ROOT)
    return unit


ALL_UNITS = [*seed_units(), many_criteria_unit()]


@pytest.fixture(scope="session")
def env() -> jinja2.Environment:
    return make_environment([ROOT / "site_templates"])


def squash(text: str) -> str:
    """Text with all runs of whitespace made one space, for comparing wrapped PDF text."""
    return " ".join(text.split())


def pdf_text(reader: PdfReader) -> str:
    """All the text of a PDF, whitespace squashed."""
    return squash(" ".join(page.extract_text() for page in reader.pages))


def placed_text(page) -> list[tuple[str, float, float, float]]:
    """Each text run on ``page`` as (text, x, y, size in points)."""
    runs: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            runs.append((text.strip(), cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3], size * tm[0] * cm[0]))

    page.extract_text(visitor_text=visit)
    return runs


AC_NUMBER = re.compile(r"\d+\.\d+")


def grid_columns(reader: PdfReader) -> list[str]:
    """The criterion numbers heading the record sheet's grid columns, page by page, left to right."""
    columns: list[str] = []
    for page in reader.pages:
        numbers = [(x, y, text) for text, x, y, _ in placed_text(page) if AC_NUMBER.fullmatch(text)]
        if not numbers:
            continue
        header_y = max({y for _, y, _ in numbers}, key=lambda y: sum(1 for _, yy, _ in numbers if yy == y))
        columns.extend(text for x, y, text in sorted(numbers) if y == header_y)
    return columns
