"""Printing a unit page from Chromium gives a clean document: no navigation, search or header."""

from __future__ import annotations

import io

from playwright.sync_api import Page
from pypdf import PdfReader

from .conftest import ARTIFACTS

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


def test_printed_unit_page_holds_the_unit_and_no_chrome(page: Page, site_url: str) -> None:
    page.goto(site_url + "units/ocr-unit-38/")
    data = page.pdf(format="A4", print_background=True)
    path = ARTIFACTS / "print" / "ocr-unit-38.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    first = " ".join(reader.pages[0].extract_text().split())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert first.startswith("Manage the achievement of customer satisfaction")
    assert "Explain customer service standards within own organisation." in text
    for chrome_text in ("Qualification handbook (sample)", "Table of contents", "Search", "Downloads"):
        assert chrome_text not in text, chrome_text
