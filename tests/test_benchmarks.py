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
    output = run_script("bench_build.py", "--sizes", "3,5", "--repeat", "1")
    lines = output.strip().splitlines()
    header = next(line for line in lines if line.startswith("units"))
    assert header.split()[:6] == ["units", "what", "runs", "wall", "s", "cpu"]
    for what in ("plain mkdocs", "handbook build"):
        assert any(re.match(rf"\s*5\s+{what}\s+1\s+\d+\.\d\d\s+\d+\.\d\d\s+\d+\.\d\s", line) for line in lines), what
    assert "unit pages byte-identical in both builds: 3 of 3 at 3 units; 5 of 5 at 5 units" in lines
    assert any(re.fullmatch(r"load average \(1/5/15 min\): [\d./]+ before, [\d./]+ after", line) for line in lines)
    assert any(line.startswith("5 units: cpu ratio ours/plain ") and "(target <= 0.8: " in line for line in lines)
    assert any(line.startswith("5 units: peak RSS ratio ours/plain ") for line in lines)
    assert any(line.startswith("growth handbook build: cpu(5) / cpu(3) = ") for line in lines)
    assert re.fullmatch(r"ratio \d+\.\d\d", lines[-1])


def test_serve_benchmark_times_an_edit() -> None:
    output = run_script("bench_serve.py", "--units", "5", "--edits", "2")
    assert re.search(r"^serve: edit 1 \(criterion, syn-\d{5}\) visible after \d+\.\d\d s$", output, re.M)
    assert re.search(r"^serve: edit 2 \(title, syn-\d{5}\) visible after \d+\.\d\d s$", output, re.M)
    assert re.search(r"^serve --dirty 5 units: criterion edits median \d+\.\d\d s$", output, re.M)
