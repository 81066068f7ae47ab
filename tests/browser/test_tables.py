"""What axe does not check about tables: captions, header scope, and ticks read as words.

:func:`table_faults` runs on every page of the seed site in the walk of ``test_every_page.py``.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page

from generator.content.catalogue import build_catalogue

from ..conftest import ROOT, UNITS_DIR
from .site_pages import visit

TABLE_FAULTS = """() => [...document.querySelectorAll("table")]
  .filter(table => table.getAttribute("role") !== "presentation")
  .flatMap(table => {
    const name = table.className || "(table without class)";
    const faults = [];
    if (!table.caption || !table.caption.textContent.trim()) faults.push(`${name}: no <caption>`);
    for (const th of table.querySelectorAll("th")) {
      if (!["col", "row", "colgroup", "rowgroup"].includes(th.getAttribute("scope")))
        faults.push(`${name}: header "${th.textContent.trim()}" has no scope`);
    }
    return faults;
  })"""


def table_faults(page: Page) -> list[str]:
    return page.evaluate(TABLE_FAULTS)


def spoken_signposts(page: Page) -> dict[str, str]:
    """Component -> what assistive technology reads in the functional skills grid's last column."""
    snapshot = page.locator("table.qh-fs").aria_snapshot()
    spoken: dict[str, str] = {}
    component = None
    for line in snapshot.splitlines():
        if match := re.match(r'\s*- rowheader "(.*)"', line):
            component = match.group(1)
        elif (match := re.match(r'\s*- cell "(.*)"', line)) and component:
            spoken[component] = match.group(1)
    return spoken


def test_table_check_finds_faults(page: Page) -> None:
    page.set_content(
        '<table class="bare"><tr><th>Level</th><td>2</td></tr></table>'
        '<table class="ok"><caption>Facts</caption><tr><th scope="row">Level</th><td>2</td></tr></table>'
    )
    assert table_faults(page) == ["bare: no <caption>", 'bare: header "Level" has no scope']


def test_functional_skills_ticks_are_read_as_yes_or_no(page: Page, site_url: str) -> None:
    units = [unit for unit in build_catalogue(UNITS_DIR, root=ROOT) if unit.functional_skills]
    assert units, "a seed unit with a functional skills grid"
    for unit in units:
        visit(page, site_url + f"units/{unit.slug}/")
        expected = {
            label: "Yes" if signposted else "No"
            for _subject, components in unit.functional_skills.grid()
            for label, signposted in components
        }
        assert spoken_signposts(page) == expected, unit.id


def test_tick_without_words_is_caught(page: Page) -> None:
    page.set_content(
        '<table class="qh-fs"><caption>Grid</caption><tr><th scope="row">Reading</th><td>✓</td></tr></table>'
    )
    assert spoken_signposts(page) == {"Reading": "✓"}
