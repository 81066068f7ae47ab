"""The fictional unit shapes of issue 10 in Chromium: screenshots to look at, linked criteria
highlighted, nothing cut off on a phone, codes found by search.

Screenshots go to ``tests/artifacts/screenshots/shape-<unit>-<width>.png`` (not committed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from ..conftest import ROOT
from ..helpers import make_project
from .conftest import ARTIFACTS, build_project, serve
from .site_pages import DESKTOP, PHONE, open_search, visit
from .test_axe import axe_violations
from .test_layout import LAYOUT_FAULTS

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


def test_shape_pages_screenshot_and_fit_a_phone(open_page: Callable[..., Page], shapes_url: str) -> None:
    faults: list[str] = []
    for width in (DESKTOP, PHONE):
        page = open_page(width, 900)
        for name in [*SHAPES, "index"]:
            visit(page, shapes_url + ("units/" if name == "index" else f"units/{name}/"))
            path = ARTIFACTS / "screenshots" / f"shape-{name}-{width}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
            if width == PHONE:
                faults += [f"{name}: {fault}" for fault in page.evaluate(LAYOUT_FAULTS)]
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


def test_no_axe_violations_on_shape_pages(open_page: Callable[..., Page], shapes_url: str) -> None:
    violations: list[str] = []
    for width in (DESKTOP, PHONE):
        page = open_page(width, 900)
        for name in [*SHAPES, "index"]:
            visit(page, shapes_url + ("units/" if name == "index" else f"units/{name}/"))
            violations += axe_violations(page, f"{name} at {width}px")
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
    for name in SHAPES:
        assert (shots / f"shape-{name}-{DESKTOP}.png").is_file(), name
