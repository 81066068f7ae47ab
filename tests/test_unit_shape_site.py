"""A real `mkdocs build --strict` of the fictional unit shapes (issue 10): what MkDocs makes of
the pages' HTML, and what the search index holds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT
from .helpers import make_project, run_mkdocs

pytestmark = pytest.mark.slow

FIXTURES = ROOT / "tests" / "fixtures" / "units"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    empty = tmp_path_factory.mktemp("no-qualifications")
    project = make_project(
        tmp_path_factory.mktemp("shapes") / "project", units=FIXTURES, qualifications=empty, printables=False
    )
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


def html_of(site: Path, slug: str) -> str:
    return (site / "units" / slug / "index.html").read_text(encoding="utf-8")


def test_anchors_survive_markdown_and_are_unique(built_site: Path) -> None:
    graded = html_of(built_site, "fict-graded-pmd")
    for anchor in ("p1", "p2", "p3", "m1", "m2", "d1", "lo-1", "grading-criteria"):
        assert f'id="{anchor}"' in graded
    entry = html_of(built_site, "fict-entry3-sub")
    for anchor in ("ac-1-1", "ac-1-2", "ac-1-2-a", "ac-1-2-b"):
        assert f'id="{anchor}"' in entry
    access = html_of(built_site, "fict-access-he")
    for anchor in ("gd1", "gd1-a", "gd1-c", "gd3-b", "gd5-a", "grade-descriptors"):
        assert f'id="{anchor}"' in access
    for page in (graded, entry, access):
        anchors = re.findall(r' id="([^"]+)"', page)
        assert len(anchors) == len(set(anchors))


def test_ranges_stay_lists_after_markdown(built_site: Path) -> None:
    entry = html_of(built_site, "fict-entry3-sub")
    assert re.search(r'<ul class="qh-range">\s*<li>microbes</li>\s*<li>chemicals</li>', entry)
    assert "<p>" not in entry.split('id="ac-1-1"', 1)[1].split("</td>", 1)[0]


def test_search_index_finds_codes_grading_criteria_and_notices(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(f"{doc['location']} {doc['title']} {doc['text']}" for doc in index["docs"])
    for wanted in (
        "FA032183",
        "FAS 0601",
        "Evaluate the plan in the light of the review",
        "Understanding of the subject",
        "This unit is incomplete",
        "SCQF level 6",
        "Entry Level 3",
    ):
        assert wanted in text, wanted
    locations = {doc["location"] for doc in index["docs"]}
    assert "units/fict-graded-pmd/#grading-criteria" in locations
    assert "units/fict-access-he/#grade-descriptors" in locations
