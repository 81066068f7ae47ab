"""Phones and paper: nothing cut off at 320 px (and 375 px, in test_every_page.py), wide tables scroll
in their box, print has no chrome."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from pypdf import PdfReader

from generator.content.catalogue import build_catalogue

from ..conftest import ROOT, UNITS_DIR
from .conftest import ARTIFACTS
from .site_pages import PHONE, page_name, visit, walk

#: Where content spills past the right edge of the viewport without a scrolling box to hold it,
#: and which scrolling table boxes fail to show their whole table.
LAYOUT_FAULTS = """() => {
  const faults = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) faults.push(`page is ${root.scrollWidth}px wide in a ${innerWidth}px viewport`);
  const scrolls = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const name = el => el.tagName.toLowerCase() + (el.className ? "." + [...el.classList].join(".") : "");
  for (const el of document.querySelectorAll(".md-content *")) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= innerWidth + 1) continue;
    let box = el.parentElement;
    while (box && !scrolls(box)) box = box.parentElement;
    if (!box || box === root || box === document.body) faults.push(`${name(el)} cut off at ${Math.round(r.right)}px`);
  }
  for (const box of document.querySelectorAll(".qh-table-scroll")) {
    const table = box.querySelector("table");
    if (table.offsetWidth <= box.clientWidth) continue;
    if (!scrolls(box)) { faults.push(`${name(table)} is wider than its box, which does not scroll`); continue; }
    box.scrollLeft = box.scrollWidth;
    const gap = table.getBoundingClientRect().right - box.getBoundingClientRect().right;
    box.scrollLeft = 0;
    if (gap > 1) faults.push(`${name(table)}: ${Math.round(gap)}px cannot be scrolled into view`);
  }
  for (const cell of document.querySelectorAll(".md-content td, .md-content th")) {
    const text = cell.textContent.trim().slice(0, 30);
    if (cell.scrollWidth > cell.clientWidth + 1) faults.push(`cell "${text}" overflows`);
  }
  return faults;
}"""

#: WCAG 1.4.10 (Reflow): content must work at 320 CSS px, the width of a 1280 px screen at 400% zoom.
REFLOW = 320

#: Text that belongs to the site's chrome (header, navigation, search, footer), never to a printed page.
CHROME = [
    "Qualification handbook (sample)",  # the site's name, in the header
    "Search",
    "Skip to content",
    "Table of contents",
    "Downloads",
    "Back to top",
    "Made with",
    "Material for MkDocs",
]
NAV_LINES = {"Home", "Units", "Navigation"}


class PhoneLayout:
    """The layout audit of a page at a phone's width (an :data:`~.site_pages.Audit`).

    Nothing is cut off (:data:`LAYOUT_FAULTS`), and a table box that scrolls sideways is a named,
    focusable region that scrolls with the arrow keys (it moves focus: run it last).
    ``scrolling_tables`` counts the boxes that scrolled.
    """

    def __init__(self) -> None:
        self.scrolling_tables = 0

    def __call__(self, page: Page, url: str) -> list[str]:
        faults: list[str] = page.evaluate(LAYOUT_FAULTS)
        boxes = page.locator(".qh-table-scroll")
        for index in range(boxes.count()):
            box = boxes.nth(index)
            if box.evaluate("b => b.scrollWidth > b.clientWidth + 1"):
                self.scrolling_tables += 1
                faults += keyboard_scroll_faults(page, box)
        return faults


def test_pages_reflow_at_320_px(open_page: Callable[..., Page], site_url: str, site_pages: list[str]) -> None:
    # At the phone width (375 px) the same audit runs in the walk of test_every_page.py.
    layout = PhoneLayout()
    faults = walk(open_page(REFLOW, 812), site_url, site_pages, {"layout": layout})["layout"]
    assert not faults, "\n".join(faults)
    # The outcomes tables of the seed units are wider than a phone: they must scroll in their box.
    assert layout.scrolling_tables >= 1


def keyboard_scroll_faults(page: Page, box: Locator) -> list[str]:
    """A table box that scrolls sideways can be focused, is named, and scrolls with the arrow keys."""
    name = box.get_attribute("aria-label")
    if box.get_attribute("tabindex") != "0" or box.get_attribute("role") != "region" or not name:
        return ["scrolling table box is not a named, focusable region"]
    box.focus()
    page.keyboard.press("ArrowRight")
    try:  # as soon as it has scrolled (smoothly, maybe), rather than after a fixed pause
        page.wait_for_function("b => b.scrollLeft > 0", arg=box.element_handle(), timeout=2_000)
    except PlaywrightTimeoutError:
        return [f"{name!r} does not scroll with the arrow keys"]
    box.evaluate("b => { b.scrollLeft = 0; }")
    return []


def test_layout_check_finds_cut_off_content(page: Page) -> None:
    page.set_viewport_size({"width": PHONE, "height": 600})
    page.set_content(
        '<div class="md-content"><p style="width:600px">wide text</p>'
        '<div class="qh-table-scroll" style="overflow:hidden"><table style="width:700px"><tr><td>x</td></tr></table>'
        "</div></div>"
    )
    faults = page.evaluate(LAYOUT_FAULTS)
    assert faults[0] == "page is 608px wide in a 375px viewport"
    assert "p cut off at 608px" in faults
    assert "table is wider than its box, which does not scroll" in faults


def test_printed_unit_page_has_content_and_no_chrome(page: Page, site_url: str) -> None:
    out = ARTIFACTS / "print"
    out.mkdir(parents=True, exist_ok=True)
    for unit in build_catalogue(UNITS_DIR, root=ROOT):
        visit(page, site_url + f"units/{unit.slug}/")
        pdf = out / f"{page_name(f'units/{unit.slug}/')}.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        texts = [p.extract_text() for p in PdfReader(pdf).pages]
        text = "\n".join(texts)
        flat = " ".join(text.split())
        assert " ".join(texts[0].split()).startswith(unit.title), unit.id
        missing = [c.number for c in unit.criteria if " ".join(c.text.split())[:50] not in flat]
        assert not missing, f"{unit.id}: criteria missing from print: {missing}"
        chrome = [word for word in CHROME if word in text]
        chrome += [line for line in text.splitlines() if line.strip() in NAV_LINES]
        assert not chrome, f"{unit.id}: site chrome printed: {chrome}"
        render_first_page(pdf)


def render_first_page(pdf: Path) -> Path:
    """PNG of the first page (for people to look at), via poppler's pdftoppm."""
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(stem)], check=True)
    pngs = sorted(pdf.parent.glob(f"{stem.name}-*.png"))
    assert pngs and re.search(r"-0*1\.png$", pngs[0].name)
    return pngs[0]
