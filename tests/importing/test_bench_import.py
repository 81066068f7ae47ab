"""The import benchmark runs at a tiny size, so it cannot rot; its figures are not checked."""

from __future__ import annotations

import subprocess
import sys

from ..conftest import ROOT


def test_import_benchmark_prints_accuracy_and_time() -> None:
    result = subprocess.run(
        [sys.executable, "tests/benchmarks/bench_import.py", "--only", "tlm-page", "--forms", "text", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["document", "form", "seconds", "criteria", "outcomes", "facts"]
    assert lines[1].split()[:2] == ["tlm-page", "text"]
    assert lines[-2].startswith("accuracy: criteria exact ")
    assert lines[-1].startswith("time per document: median ")
