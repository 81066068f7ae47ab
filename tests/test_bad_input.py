"""Bad input as data: every broken file in tests/bad_units gives exactly its expected errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue import load_units

from .conftest import ROOT

CASES = sorted((ROOT / "tests" / "bad_units").glob("*.yml"))


def test_there_are_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_unit_gives_expected_errors(case: Path) -> None:
    units, errors = load_units([case], root=ROOT)
    assert units == []
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [str(e) for e in sorted(set(errors))] == expected
