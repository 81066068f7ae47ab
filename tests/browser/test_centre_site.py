"""The fictional centre's own site (tests/centre_site/) in Chromium: from disk, over HTTP, in both schemes.

Opened from ``file://`` (Material's ``offline`` plugin), the nav, search and downloads work with
no server. Over HTTP, axe-core finds no violation on any page in the light or the dark (slate)
scheme: every rule in the light scheme, the rules that read colours in the dark one where the
switch left every element's box and visibility as they were, else every rule there too
(:func:`axe_in_both_schemes`). Screenshots of the nav, breadcrumbs, Downloads page, dark scheme and ``file://`` search
go to ``tests/artifacts/screenshots/centre-*.png``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import Page

from ..conftest import ROOT
from .conftest import build_project, serve
from .site_pages import DESKTOP, PHONE, discover_pages, open_search, settle, visit
from .test_axe import axe_violations, colour_rules

CENTRE = ROOT / "tests" / "centre_site"
SCHEMES = ("default", "slate")


@pytest.fixture(scope="module")
def centre_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("centre-site") / "northbridge"
    shutil.copytree(CENTRE, project)
    return build_project(project)


@pytest.fixture(scope="module")
def centre_url(centre_site: Path) -> Iterator[str]:
    with serve(centre_site) as url:
        yield url


def _scheme(page: Page, scheme: str) -> None:
    """Switch Material's colour scheme as its palette toggle does (the attribute on <body>)."""
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    settle(page)


def test_site_works_opened_from_disk(page: Page, centre_site: Path, screenshot: Callable[..., Path]) -> None:
    home = centre_site.joinpath("index.html").as_uri()
    visit(page, home)
    screenshot(page, "centre-file-home")
    page.locator(".md-sidebar--primary .md-nav__link", has_text="Units").first.click()
    page.wait_for_load_state()
    assert page.url == centre_site.joinpath("units", "index.html").as_uri()
    assert page.locator("h1").first.inner_text() == "Units"

    page.locator("a", has_text="Greet visitors to a fictional centre").first.click()
    page.wait_for_load_state()
    assert page.url == centre_site.joinpath("units", "fict-a1.html").as_uri()
    page.locator(".qh-breadcrumbs a", has_text="Units").click()
    page.wait_for_load_state()
    assert page.url == centre_site.joinpath("units", "index.html").as_uri()

    visit(page, home)
    open_search(page, "visitors")
    assert page.locator(".md-search-result__item").count() >= 3
    screenshot(page, "centre-file-search")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(centre_site.as_uri()) and page.locator("h1").count() == 1

    visit(page, centre_site.joinpath("downloads", "index.html").as_uri())
    # From disk a link opens its file (``download`` applies to same-origin HTTP only): every one
    # the browser resolves is a file of the built site.
    targets = page.locator("a[download]").evaluate_all("links => links.map(a => a.href)")
    assert len(targets) == 13
    for target in targets:
        assert target.startswith(centre_site.joinpath("downloads").as_uri() + "/"), target
        assert Path(unquote(urlparse(target).path)).stat().st_size > 1000, target
    # A request the browser itself cancels by moving on (the favicon of a page left at once) is
    # ERR_ABORTED; a file that is not there would be ERR_FILE_NOT_FOUND.
    assert [failure for failure in page.failed if failure[1] != "net::ERR_ABORTED"] == []
    assert [url for url in page.requested if not url.startswith("file://")] == []


def test_screenshots_of_nav_breadcrumbs_downloads_and_dark_scheme(
    open_page: Callable[..., Page], centre_url: str, screenshot: Callable[..., Path]
) -> None:
    page = open_page(DESKTOP)
    visit(page, centre_url)
    assert page.locator(".md-sidebar--primary .md-nav__link").all_inner_texts()[-4:] == [
        "Units",
        "Qualifications",
        "Indexes",
        "Downloads",
    ]
    screenshot(page, "centre-nav")
    visit(page, centre_url + "units/fict-a1.html")
    assert page.locator(".qh-breadcrumbs li").all_inner_texts() == [
        "Units",
        "Level 2",
        "Greet visitors to a fictional centre",
    ]
    screenshot(page, "centre-breadcrumbs")
    _scheme(page, "slate")
    header = page.locator(".qh-lo-ac thead th").first
    outcome = page.locator(".qh-lo-ac tbody th").first
    for cell in (header, outcome):
        background = cell.evaluate("el => getComputedStyle(el).backgroundColor")
        red, green, blue = (int(part) for part in background[background.index("(") + 1 : -1].split(",")[:3])
        assert max(red, green, blue) < 100, background  # dark cells in the dark scheme
    screenshot(page, "centre-dark")
    _scheme(page, "default")
    visit(page, centre_url + "downloads/index.html")
    screenshot(page, "centre-downloads")


#: Where every element is and whether it shows: what axe's rules other than the colour rules read
#: of the rendered page, besides the DOM itself (which a scheme switch does not touch).
LAYOUT = """() => [...document.querySelectorAll("*")].map(el => {
  const r = el.getBoundingClientRect();
  const shown = el.checkVisibility({opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true});
  return `${el.tagName} ${shown} ${r.x} ${r.y} ${r.width} ${r.height}`;
}).join("\\n")"""


def axe_in_both_schemes(page: Page, where: str, colour: list[str]) -> list[str]:
    """axe's violations on the open page in the light scheme (every rule) and the dark one.

    Material's scheme switch sets one attribute on <body>, which changes CSS colours (custom
    properties, ``color-scheme``) on the same DOM. So in the dark scheme only the rules that
    read colours (``colour``) can find something new, and only those run there, provided
    every element is laid out and shown exactly as in the light scheme (:data:`LAYOUT`); if
    not (say an ``#only-light`` image is hidden), every rule runs in the dark scheme too.
    """
    _scheme(page, SCHEMES[0])
    violations = axe_violations(page, f"{where}, {SCHEMES[0]}")
    layout = page.evaluate(LAYOUT)
    _scheme(page, SCHEMES[1])
    rules = colour if page.evaluate(LAYOUT) == layout else None
    return violations + axe_violations(page, f"{where}, {SCHEMES[1]}", rules)


def test_no_axe_violations_in_either_scheme(open_page: Callable[..., Page], centre_url: str, centre_site: Path) -> None:
    pages = discover_pages(centre_site)
    pages = [url.removesuffix("index.html") if url.endswith("/index.html") else url for url in pages]
    assert "units/fict-a1.html" in pages and "downloads/" in pages
    violations: list[str] = []
    states = 0
    for width in (DESKTOP, PHONE):
        page = open_page(width)
        for url in pages:
            visit(page, centre_url + url)
            colour = colour_rules(page)
            assert "color-contrast" in colour, colour
            violations += axe_in_both_schemes(page, f"{url or '/'} at {width}px", colour)
            states += 2
        for scheme in SCHEMES:
            visit(page, centre_url + f"units/fict-a1.html?{scheme}#ac-1-2")  # a new document each time
            _scheme(page, scheme)
            violations += axe_violations(page, f"criterion highlight at {width}px, {scheme}")
            open_search(page, "visitors")
            violations += axe_violations(page, f"search results at {width}px, {scheme}")
            states += 2
    assert states >= 4 * len(pages)
    assert violations == [], "\n".join(violations)
