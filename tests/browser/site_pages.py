"""Which pages a built site has, and small page helpers shared by the browser tests."""

from __future__ import annotations

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
    """Open ``url`` and wait until the page and its scripts have settled."""
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    settle(page)
    return page


def settle(page: Page) -> None:
    """Wait until no CSS transition or animation runs (colours mid-fade fail contrast checks)."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def open_search(page: Page, query: str) -> None:
    """Open search the way a visitor does at this width, type ``query`` and wait for results."""
    page.locator("button.qh-toggle--search").filter(visible=True).or_(
        page.locator(".md-search__input").filter(visible=True)
    ).first.click()
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    settle(page)


def outside(page: Page, base: str) -> list[str]:
    """The URLs a recorded page requested from anywhere but ``base`` (inline ``data:`` URLs aside)."""
    return [url for url in page.requested if not url.startswith(base) and not url.startswith("data:")]
