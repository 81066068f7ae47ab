"""The fictional unit shapes of issue 10 in Chromium: screenshots to look at, linked criteria
highlighted, nothing cut off on a phone, codes found by search.

Screenshots go to ``tests/artifacts/screenshots/shape-<unit>-<width>.png`` (not committed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from ..conftest import ROOT
from ..helpers import make_project
from .conftest import ARTIFACTS, build_project, opened_pages, serve
from .site_pages import DESKTOP, PHONE, open_search, visit, walk
from .test_axe import axe_violations
from .test_layout import LAYOUT_FAULTS
from .test_screenshots import shoot

FIXTURES = ROOT / "tests" / "fixtures" / "units"
SHAPES = sorted(path.stem for path in FIXTURES.glob("*.yml"))
HIGHLIGHT = "rgb(255, 243, 176)"


@pytest.fixture(scope="module")
def shapes_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    empty = tmp_path_factory.mktemp("no-qualifications")
    project = make_project(
        tmp_path_factory.mktemp("shapes") / "project", units=FIXTURES, qualifications=empty, printables=False
    )
    with serve(build_project(project)) as url:
        yield url


@pytest.fixture(scope="module")
def shape_walks(browser: Browser, shapes_url: str) -> dict[int, dict[str, list[str]]]:
    """Each shape page (and the units index) opened once per width: axe, a screenshot, and at
    phone width the layout check (see :func:`.site_pages.walk`)."""
    urls = [f"units/{name}/" for name in SHAPES] + ["units/"]
    found = {}
    with opened_pages(browser) as open_page:
        for width in (DESKTOP, PHONE):

            def screenshot(page: Page, url: str, width: int = width) -> list[str]:
                shoot(page, f"shape-{url.removeprefix('units/').strip('/') or 'index'}-{width}")
                return []

            audits = {"axe": lambda page, url, width=width: axe_violations(page, f"at {width}px")}
            audits["screenshot"] = screenshot
            if width == PHONE:
                audits["layout"] = lambda page, url: page.evaluate(LAYOUT_FAULTS)
            found[width] = walk(open_page(width, 900), shapes_url, urls, audits)
    return found


def test_shape_pages_screenshot_and_fit_a_phone(shape_walks: dict[int, dict[str, list[str]]]) -> None:
    faults = shape_walks[PHONE]["layout"]
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize(
    ("unit", "anchor"),
    [("fict-graded-pmd", "d1"), ("fict-entry3-sub", "ac-1-2-b"), ("fict-access-he", "gd1-c")],
)
def test_deep_links_highlight_their_item(
    open_page: Callable[..., Page], shapes_url: str, unit: str, anchor: str
) -> None:
    page = open_page(DESKTOP, 700)
    visit(page, f"{shapes_url}units/{unit}/#{anchor}")
    target = page.locator(f"#{anchor}")
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") == HIGHLIGHT
    assert target.is_visible() and target.evaluate("el => el.getBoundingClientRect().top < innerHeight")
    page.screenshot(path=str(ARTIFACTS / "screenshots" / f"shape-target-{anchor}.png"))


def test_no_axe_violations_on_shape_pages(shape_walks: dict[int, dict[str, list[str]]]) -> None:
    violations = shape_walks[DESKTOP]["axe"] + shape_walks[PHONE]["axe"]
    assert not violations, "\n".join(violations)


def test_search_finds_a_unit_by_its_code(open_page: Callable[..., Page], shapes_url: str) -> None:
    page = open_page(DESKTOP, 800)
    visit(page, shapes_url + "units/")
    open_search(page, "FA032183")
    first = page.locator(".md-search-result__item").first
    assert "Fictional safe working in a kitchen" in first.inner_text()


def test_screenshots_are_written() -> None:
    # Runs after the tests above in file order; fails if a screenshot went missing.
    shots = Path(ARTIFACTS / "screenshots")
    for name in [*SHAPES, "index"]:
        for width in (DESKTOP, PHONE):
            assert (shots / f"shape-{name}-{width}.png").is_file(), (name, width)
