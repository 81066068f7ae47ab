"""The benchmark scripts run at a tiny size, so they cannot rot; their figures are not checked."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

BENCHMARKS = ROOT / "tests" / "benchmarks"


def run_script(name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / name), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_build_benchmark_prints_its_table_and_ratio() -> None:
    # The printables rows run at the smallest size: one unit renders each kind once, cold and changed.
    output = run_script("bench_build.py", "--sizes", "1,3")
    lines = output.strip().splitlines()
    header = next(line for line in lines if line.startswith("units"))
    assert header.split()[:4] == ["units", "what", "seconds", "cpu"]
    for what in ("plain mkdocs", "handbook build", "handbook check"):
        assert any(re.match(rf"\s*3\s+{what}\s+\d+\.\d\d\s", line) for line in lines), what
    assert any(re.match(r"\s*1\s+printables cold \(\d+ rendered, 0 reused\)\s+\d+\.\d\d\s", line) for line in lines), (
        output
    )
    assert any(line.startswith("growth handbook build: time(3) / time(1) = ") for line in lines)
    assert re.fullmatch(r"ratio \d+\.\d\d", lines[-1])


def test_serve_benchmark_times_an_edit() -> None:
    output = run_script("bench_serve.py", "--units", "5", "--edits", "2")
    assert re.search(r"^serve: edit 1 \(criterion, syn-\d{5}\) visible after \d+\.\d\d s$", output, re.M)
    assert re.search(r"^serve: edit 2 \(title, syn-\d{5}\) visible after \d+\.\d\d s$", output, re.M)
    assert re.search(r"^serve --dirty 5 units: criterion edits median \d+\.\d\d s$", output, re.M)


def test_check_benchmark_prints_the_floor_and_the_ratio() -> None:
    output = run_script("bench_check.py", "--units", "6", "--repeat", "1", "--turns", "1")
    assert re.search(
        r"^this checkout: floor \(CSafeLoader \+ pydantic\) \d+\.\d{3} ms a file, handbook check \d+\.\d{3} ms a file, "
        r"ratio \d+\.\d\d; files read by the fast path: 6 of 6$",
        output,
        re.M,
    )
    assert re.search(r"^ratio \d+\.\d\d \(handbook check / libyaml \+ pydantic floor\)$", output, re.M)
