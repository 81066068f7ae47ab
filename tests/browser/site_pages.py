"""Which pages a built site has, and small page helpers shared by the browser tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path

from playwright.sync_api import Page

#: Viewport widths the site is checked at: a desktop and a small phone.
DESKTOP = 1280
PHONE = 375

#: Page types every seed site has; discovery finds these and any page added later.
SEED_PAGE_TYPES = {"home": "", "units index": "units/", "404": "404.html"}


def discover_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL relative to its root (``units/`` for ``units/index.html``).

    Taken from the files, not a list, so page types added later (qualifications, the
    pathway checker, coverage) are checked without changing the tests.
    """
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "index.html":
            relative = ""
        elif relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        pages.append(relative)
    return pages


def page_name(url: str) -> str:
    """A file-name-safe name for a page URL: ``home``, ``units``, ``units-r-503-0865``, ``404``."""
    name = url.removesuffix("/").removesuffix(".html").replace("/", "-")
    return name or "home"


def visit(page: Page, url: str) -> Page:
    """Open ``url`` and wait until the page and its scripts have settled.

    Not ``networkidle``, which waits a fixed 500 ms after the last request: the page's
    ``load`` event (stylesheets, scripts, images), its fonts, then every request it started
    (the search index among them) finished or failed, as the recorded page counts them.
    """
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    wait_for_requests(page)
    settle(page)
    return page


#: One check of an open page: ``(page, url)`` to what it found wrong, one line each.
Audit = Callable[[Page, str], list[str]]


def walk(page: Page, base: str, urls: list[str], audits: Mapping[str, Audit]) -> dict[str, list[str]]:
    """Visit each of ``urls`` once and run every audit on it: each audit's faults, named by page.

    One visit serves every check that reads a page (as a crawler's audits share one crawl):
    a visit costs more than most checks. The audits run in the order given, so put those that
    change the page (focus, scrolling) last.
    """
    found: dict[str, list[str]] = {name: [] for name in audits}
    for url in urls:
        visit(page, base + url)
        for name, audit in audits.items():
            found[name] += [f"{url or '/'}: {fault}" for fault in audit(page, url)]
    return found


def wait_for_requests(page: Page, timeout: float = 30.0) -> None:
    """Wait until no request the page started is still open (pages from the browser fixtures count them)."""
    pending = getattr(page, "pending", None)
    deadline = time.monotonic() + timeout
    while pending:
        if time.monotonic() > deadline:
            raise AssertionError(f"requests still open after {timeout:.0f} s: {sorted(r.url for r in pending)}")
        page.wait_for_timeout(10)  # lets Playwright deliver the requestfinished events


def settle(page: Page) -> None:
    """Wait until no CSS transition or animation runs (colours mid-fade fail contrast checks)."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def open_search(page: Page, query: str) -> None:
    """Open search the way a visitor does at this width, type ``query`` and wait for results."""
    page.locator("button.qh-toggle--search").filter(visible=True).or_(
        page.locator(".md-search__input").filter(visible=True)
    ).first.click()
    page.keyboard.type(query)
    # Results come for each key typed, in order. With ``search.highlight`` each result link names
    # the query's words it matched (``?h=``): wait until those are the whole query's words, not
    # the words of an answer to the first letters typed.
    page.wait_for_function(SEARCH_ANSWERED, arg=query.lower().split(), timeout=10_000)
    settle(page)


SEARCH_ANSWERED = """words => {
  const asked = [...document.querySelectorAll(".md-search-result__item a")]
    .map(link => new URL(link.href).searchParams.get("h"));
  if (asked.every(h => h === null)) return asked.length > 0;
  const matched = new Set(asked.flatMap(h => (h || "").toLowerCase().split(" ").filter(Boolean)));
  return matched.size === words.length && words.every(word => matched.has(word));
}"""


def outside(page: Page, base: str) -> list[str]:
    """The URLs a recorded page requested from anywhere but ``base`` (inline ``data:`` URLs aside)."""
    return [url for url in page.requested if not url.startswith(base) and not url.startswith("data:")]
