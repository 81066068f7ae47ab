"""Printing a unit page from Chromium gives a clean document: no navigation, search or header.

The printed PDFs of every unit page are read in ``test_layout.py``.
"""

from __future__ import annotations

from playwright.sync_api import Page

CHROME = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer")


def test_print_media_hides_site_chrome(page: Page, site_url: str) -> None:
    page.goto(site_url + "units/ocr-unit-38/")
    page.emulate_media(media="print")
    for selector in (*CHROME, ".qh-downloads"):
        shown = page.evaluate(
            "s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none')", selector
        )
        assert not shown, selector
    colour = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
    assert colour == "rgb(0, 0, 0)"
    border = page.evaluate("getComputedStyle(document.querySelector('.qh-lo-ac td')).borderTopStyle")
    assert border == "solid"
