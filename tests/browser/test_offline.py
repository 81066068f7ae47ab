"""Offline and sub-path hosting: no page asks any host but its own, and every link resolves.

Every request the browser makes (scripts, styles, fonts, images, the search worker and
its index) is recorded by the ``page`` fixtures. Outside hosts cannot be resolved in
these tests (see ``CHROMIUM_ARGS``), so a request to one is both recorded and failed.
That no page of the seed site asks another host is checked in the walk of
``test_every_page.py`` (which writes ``tests/artifacts/offline-report.json``); here, the
check's proof that it can fail, fonts, and the site served under a sub-path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urldefrag

from playwright.sync_api import Page

from .conftest import build_project, copy_project, serve
from .site_pages import DESKTOP, discover_pages, open_search, outside, visit

PREFIX = "handbook"


def test_no_google_fonts(seed_site: Path) -> None:
    # mkdocs.yml sets `theme.font: false`: Material then links no web font at all.
    for path in seed_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


def test_outside_requests_are_seen(page: Page) -> None:
    # Proves the offline check can fail: the request is recorded although it cannot succeed.
    page.set_content('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"><p>x</p>')
    assert outside(page, "http://127.0.0.1") == ["https://fonts.googleapis.com/css?family=Roboto"]
    assert page.failed


def assert_site_works_at(page: Page, base: str, urls: list[str]) -> None:
    """Every page loads styled from ``base`` with no outside or failed request, and its links resolve."""
    links: set[str] = set()
    for url in urls:
        visit(page, base + url)
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert header == "rgb(64, 81, 181)", f"{url}: Material's stylesheet not applied ({header})"
        footer = page.evaluate("getComputedStyle(document.querySelector('.md-copyright')).color")
        assert footer == "rgba(255, 255, 255, 0.7)", f"{url}: handbook.css not applied ({footer})"
        links |= {urldefrag(href)[0] for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")}
    assert not outside(page, base), outside(page, base)
    assert not page.failed, page.failed
    local = sorted(link for link in links if link.startswith(base.split(PREFIX)[0]))
    broken = [link for link in local if not link.startswith(base) or page.request.get(link).status != 200]
    assert not broken, "links that do not resolve under the sub-path:\n" + "\n".join(broken)


def test_site_works_under_a_sub_path(
    open_page: Callable[..., Page], seed_site: Path, site_pages: list[str], tmp_path: Path
) -> None:
    # Without site_url (the default) every page but 404.html links relatively.
    pages = [url for url in site_pages if url != "404.html"]
    with serve(seed_site, prefix=PREFIX) as base:
        page = open_page(DESKTOP)
        assert_site_works_at(page, base, pages)
        open_search(page, "customer")
        result = page.locator(".md-search-result__item a").first.get_attribute("href") or ""
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.startswith(base + "units/"), (result, page.url)

    # With site_url, MkDocs gives 404.html links that work wherever it is served.
    project = copy_project(tmp_path / "project")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"\nsite_url: https://intranet.example/{PREFIX}/\n")
    site = build_project(project)
    assert set(site_pages) <= set(discover_pages(site))
    with serve(site, prefix=PREFIX) as base:
        assert_site_works_at(open_page(DESKTOP), base, ["404.html", *pages])
