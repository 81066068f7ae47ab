"""Pages of the fictional unit shapes (issue 10): golden files, anchors and wording.

Goldens live in tests/goldens/shapes/; rewrite them with ``pytest --update-goldens`` and
review the diff.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generator.content.catalogue import build_catalogue
from generator.site.pages import SiteContext, generate_pages
from generator.site.render import make_environment

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "units"
GOLDENS = ROOT / "tests" / "goldens" / "shapes"
SITE = SiteContext(site_name="Golden site", build_date=dt.date(2026, 1, 1))
PAGES = [f"units/{path.stem}.md" for path in sorted(FIXTURES.glob("*.yml"))] + ["units/index.md"]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return generate_pages(make_environment(), build_catalogue(FIXTURES, root=ROOT), SITE, cache=None)


@pytest.mark.parametrize("page", PAGES)
def test_shape_page_matches_golden(pages: dict[str, str], page: str, update_goldens: bool) -> None:
    golden = GOLDENS / page.removeprefix("units/")
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8"), "run pytest --update-goldens and review the diff"


def ids(page: str) -> list[str]:
    return re.findall(r' id="([^"]+)"', page)


def test_every_assessable_item_and_descriptor_has_its_own_anchor(pages: dict[str, str]) -> None:
    for unit in build_catalogue(FIXTURES, root=ROOT):
        page = pages[f"units/{unit.slug}.md"]
        anchors = ids(page)
        assert len(anchors) == len(set(anchors)), unit.id
        for item in unit.assessable_items():
            assert f'id="{item.anchor}"' in page and f'href="#{item.anchor}"' in page
        for descriptor in unit.grading.descriptors if unit.grading else ():
            assert f'id="{descriptor.anchor}"' in page
            for component in descriptor.components:
                assert f'id="{descriptor.anchor}-{component.letter}"' in page


def test_graded_unit_shows_grid_by_outcome_and_grade(pages: dict[str, str]) -> None:
    page = pages["units/fict-graded-pmd.md"]
    assert "## Grading criteria" in page
    grid = page.split('<table class="qh-grading">', 1)[1].split("</table>", 1)[0]
    rows = grid.split("<tr>")[2:]
    assert [re.findall(r'id="([pmd]\d)"', row) for row in rows] == [["p1", "m1"], ["p2", "m2", "d1"], ["p3"]]
    assert "(learning outcomes 2, 3)" in rows[1]
    assert "Assessed through the grading criteria" in page
    assert '<th scope="row">Grading</th> <td>Pass, Merit or Distinction</td>' in page
    assert "This unit is expiring" in page and "31 August 2026" in page


def test_levels_codes_and_not_stated_facts_read_as_the_documents_do(pages: dict[str, str]) -> None:
    assert '<th scope="row">Level</th> <td>Entry Level 3</td>' in pages["units/fict-entry3-sub.md"]
    assert '<th scope="row">Guided learning hours</th> <td>Not stated</td>' in pages["units/fict-entry3-sub.md"]
    scqf = pages["units/fict-scqf-first-aid.md"]
    assert '<th scope="row">Level</th> <td>SCQF level 6</td>' in scqf
    assert '<th scope="row">SCQF credit points</th> <td>1</td>' in scqf
    assert '<th scope="row">Fictional unit code</th> <td>FAS 0601</td>' in scqf
    assert '<th scope="row">Unit code</th> <td>FA032183</td>' in pages["units/fict-entry3-sub.md"]
    assert '<th scope="row">Level</th> <td>Access to HE level 3</td>' in pages["units/fict-access-he.md"]


def test_ranges_are_real_lists_and_sub_criteria_nest_under_their_criterion(pages: dict[str, str]) -> None:
    page = pages["units/fict-entry3-sub.md"]
    assert '<ul class="qh-range">\n<li>microbes</li>\n<li>chemicals</li>\n<li>sharp knives</li>\n</ul>' in page
    criterion = page.split('id="ac-1-2"', 1)[1].split("</td>", 1)[0]
    assert 'id="ac-1-2-a"' in criterion and 'id="ac-1-2-b"' in criterion and "<li>detergent</li>" in criterion


def test_per_criterion_content_sits_beside_its_criterion(pages: dict[str, str]) -> None:
    page = pages["units/fict-criterion-content.md"]
    assert '<th scope="col">Range</th>' in page
    row = page.split('id="ac-1-2"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="qh-criterion-content"><ul>\n<li>asking questions</li>' in row


def test_exam_outcomes_incomplete_and_withdrawn_units_say_so(pages: dict[str, str]) -> None:
    exam = pages["units/fict-exam-assessed.md"]
    assert "Assessed by examination" in exam and "Assessed by test" in exam
    assert '<th scope="row">Grading</th> <td>Pass/fail</td>' in exam
    incomplete = pages["units/fict-incomplete.md"]
    assert "This unit is incomplete" in incomplete
    assert "no page for learning outcome 2" in incomplete
    assert "This unit has been withdrawn" in incomplete
    assert (
        '<a href="https://example.org/fictional/stock-control.pdf" rel="noopener noreferrer">'
        "Fictional Awards Level 2 unit pack, stock control</a>, version 1.2, September 2019"
    ) in incomplete
    assert '<th scope="row">Credit value</th> <td>Not available</td>' in incomplete


def test_units_index_orders_levels_across_frameworks(pages: dict[str, str]) -> None:
    headings = re.findall(r"^### (.+)$", pages["units/index.md"], re.MULTILINE)
    assert headings == [
        "Entry Level 3",
        "Level 1",
        "Level 2",
        "Level 3",
        "SCQF level 6",
        "Access to HE level 3",
        "Not stated",
    ]
