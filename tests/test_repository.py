"""Repository hygiene: no file carries leftover merge-conflict markers."""

from __future__ import annotations

import re
import subprocess

from .conftest import ROOT

MARKER = re.compile(r"^(<{7} |>{7} |={7}$)", re.M)


def test_no_conflict_markers_in_tracked_files() -> None:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    offenders = []
    for name in listed.stdout.splitlines():
        path = ROOT / name
        if path.suffix in {".pdf", ".ttf", ".png", ".xlsx", ".docx", ".gz"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if MARKER.search(text):
            offenders.append(name)
    assert offenders == []
