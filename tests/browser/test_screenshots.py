"""Screenshots of every page at desktop and phone widths, for people to look at.

Written to ``tests/artifacts/screenshots/`` (not committed): ``<page>-desktop.png`` and
``<page>-phone.png`` for every page of the site (taken in the walk of ``test_every_page.py``),
plus, here, a unit page opened at a criterion
link (``criterion-target-*.png``), search results (``search-open-*.png``) and the phone
menu open (``menu-open-phone.png``).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

from .conftest import ARTIFACTS
from .site_pages import DESKTOP, PHONE, open_search, settle, visit

SHOTS = ARTIFACTS / "screenshots"


def png_width(path: Path) -> int:
    with path.open("rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">I", header[16:20])[0]


def shoot(page: Page, name: str, *, full_page: bool = True) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def test_criterion_target_search_and_open_menu(open_page: Callable[..., Page], site_url: str) -> None:
    for width, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page = open_page(width, 800)
        visit(page, site_url + "units/")
        open_search(page, "customer")
        assert png_width(shoot(page, f"search-open-{label}", full_page=False)) == width
        visit(page, site_url + "units/r-503-0865/#ac-1-2")
        assert png_width(shoot(page, f"criterion-target-{label}", full_page=False)) == width
    page.locator("button.qh-toggle--drawer").click()
    settle(page)
    assert png_width(shoot(page, "menu-open-phone", full_page=False)) == PHONE
