"""Every page of the seed site, opened once at each width and checked every way that reads a page.

The walk (:func:`walks`) visits each page at desktop (1280 x 900) and phone (375 x 812) width
and runs, in this order, on the open page:

- axe-core, every rule of :data:`.test_axe.TAGS`;
- at desktop, the table check of ``test_tables.py`` (captions, header scope);
- a full-page screenshot to ``tests/artifacts/screenshots/<page>-desktop.png`` / ``-phone.png``;
- at desktop, the skip link check of ``test_keyboard.py`` (it moves focus, so last);
- at phone width, the layout check of ``test_layout.py`` (nothing cut off; table boxes that
  scroll sideways are named regions that scroll with the arrow keys: it moves focus, so last).

Then it opens the states a page can be in, and runs axe on each: search with results, and on
phones the navigation drawer. Every request of every page is recorded (``conftest.py``).

A visit costs more than most checks, so the checks share it; each still has its own test
below, with its own message. Summaries go to ``tests/artifacts/axe-report.json`` (pages and
states checked, violations by rule) and ``offline-report.json`` (requests made, outside hosts).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .conftest import ARTIFACTS, opened_pages
from .site_pages import DESKTOP, PHONE, SEED_PAGE_TYPES, open_search, outside, page_name, settle, visit, walk
from .test_axe import TAGS, axe_violations, violated_rule
from .test_keyboard import skip_link_faults
from .test_layout import PhoneLayout
from .test_screenshots import SHOTS, png_width, shoot
from .test_tables import table_faults

#: The viewport of each width: a desktop screen, and a phone (375 x 812, as an iPhone's).
VIEWPORTS = {DESKTOP: 900, PHONE: 812}
LABELS = {DESKTOP: "desktop", PHONE: "phone"}


@dataclass
class Walk:
    """What the walk found at one width: each check's faults, and the page (its requests)."""

    page: Page
    found: dict[str, list[str]]
    states: int = 0
    tables: int = 0
    layout: PhoneLayout = field(default_factory=PhoneLayout)


@pytest.fixture(scope="module")
def walks(browser: Browser, site_url: str, site_pages: list[str]) -> Iterator[dict[int, Walk]]:
    unit_pages = [url for url in site_pages if url.startswith("units/") and url != "units/"]
    assert len(unit_pages) >= 3, site_pages
    with opened_pages(browser) as open_page:
        done: dict[int, Walk] = {}
        for width, height in VIEWPORTS.items():
            page = open_page(width, height)
            result = Walk(page, {})

            def tables(page: Page, url: str, result: Walk = result) -> list[str]:
                result.tables += page.locator("table").count()
                return table_faults(page)

            def screenshot(page: Page, url: str, width: int = width) -> list[str]:
                shot = png_width(shoot(page, f"{page_name(url)}-{LABELS[width]}"))
                return [] if shot == width else [f"screenshot is {shot} px wide"]

            def axe(page: Page, url: str, width: int = width) -> list[str]:
                return axe_violations(page, f"at {width}px")

            # In order: the checks that only read the page, then the one that moves focus.
            if width == DESKTOP:
                audits = {"axe": axe, "tables": tables, "screenshot": screenshot, "skip link": skip_link_faults}
            else:
                audits = {"axe": axe, "screenshot": screenshot, "layout": result.layout}
            result.found = walk(page, site_url, site_pages, audits)
            result.states = len(site_pages)

            visit(page, site_url + unit_pages[0])
            open_search(page, "customer")
            result.found["axe"] += axe_violations(page, f"search results at {width}px")
            result.states += 1
            if width == PHONE:
                visit(page, site_url)
                page.locator("button.qh-toggle--drawer").click()
                page.locator(".md-nav--primary").wait_for(state="visible")
                settle(page)
                result.found["axe"] += axe_violations(page, f"navigation drawer at {width}px")
                result.states += 1
            done[width] = result
        yield done


def test_no_axe_violations_on_any_page(walks: dict[int, Walk], site_pages: list[str]) -> None:
    assert set(SEED_PAGE_TYPES.values()) <= set(site_pages), site_pages
    violations = [line for result in walks.values() for line in result.found["axe"]]
    states = sum(result.states for result in walks.values())
    assert states == 2 * len(site_pages) + 3
    report = {
        "pages": len(site_pages),
        "states_checked": states,
        "tags": TAGS,
        "violations_by_rule": Counter(violated_rule(line) for line in violations),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(report, indent=2, sort_keys=True), encoding="utf-8")
    assert not violations, f"{len(violations)} axe violations:\n" + "\n".join(violations)


def test_no_page_requests_another_host(walks: dict[int, Walk], site_url: str, site_pages: list[str]) -> None:
    external = [url for result in walks.values() for url in outside(result.page, site_url)]
    requested = [url for result in walks.values() for url in result.page.requested]  # type: ignore[attr-defined]
    failures = [(url, why) for result in walks.values() for url, why in result.page.failed]  # type: ignore[attr-defined]
    # Chromium cancels a request itself (net::ERR_ABORTED) when the page moves on: following the
    # skip link is an in-page navigation, after which it asks for the favicon again, and the next
    # visit may cancel that. A cancelled file counts as failed unless it also loaded.
    cancelled = Counter(url for url, why in failures if why == "net::ERR_ABORTED")
    failed = [
        f"{url} ({why})" for url, why in failures if why != "net::ERR_ABORTED" or requested.count(url) <= cancelled[url]
    ]
    report = {"pages": len(site_pages), "widths": list(walks), "requests": len(requested), "external": external}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "offline-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    assert any(url.endswith("search/search_index.json") for url in requested), "the search index was loaded"
    assert not external, "requests to other hosts:\n" + "\n".join(external)
    assert not failed, "failed requests:\n" + "\n".join(failed)


def test_every_page_at_desktop_and_phone(walks: dict[int, Walk], site_pages: list[str]) -> None:
    faults = [line for result in walks.values() for line in result.found["screenshot"]]
    assert not faults, "\n".join(faults)
    for url in site_pages:
        for label in LABELS.values():
            assert Path(SHOTS / f"{page_name(url)}-{label}.png").is_file(), (url, label)


def test_every_table_has_a_caption_and_scoped_headers(walks: dict[int, Walk]) -> None:
    assert walks[DESKTOP].tables >= 4, "expected the seed site's tables"
    faults = walks[DESKTOP].found["tables"]
    assert not faults, "\n".join(faults)


def test_pages_fit_a_phone(walks: dict[int, Walk]) -> None:
    faults = walks[PHONE].found["layout"]
    assert not faults, "\n".join(faults)
    # The outcomes tables of the seed units are wider than a phone: they must scroll in their box.
    assert walks[PHONE].layout.scrolling_tables >= 1


def test_skip_link_leads_to_the_content(walks: dict[int, Walk]) -> None:
    faults = walks[DESKTOP].found["skip link"]
    assert not faults, "\n".join(faults)


def test_walk_runs_every_check_on_every_page_and_names_the_page(page: Page) -> None:
    # Proves a fault found in the walk reaches its test, named by page, in the order asked.
    order: list[str] = []

    def title(page: Page, url: str) -> list[str]:
        order.append(f"title {url}")
        return [page.title()]

    def nothing(page: Page, url: str) -> list[str]:
        order.append(f"nothing {url}")
        return []

    found = walk(page, "data:text/html,", ["<title>a</title>", "<title>b</title>"], {"t": title, "n": nothing})
    assert found == {"t": ["<title>a</title>: a", "<title>b</title>: b"], "n": []}
    assert order == [
        "title <title>a</title>",
        "nothing <title>a</title>",
        "title <title>b</title>",
        "nothing <title>b</title>",
    ]
