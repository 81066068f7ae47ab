"""The seed site opens in Chromium and a criterion anchor can be followed."""

from __future__ import annotations

from playwright.sync_api import Page


def test_unit_page_opens_and_anchor_targets_criterion(page: Page, site_url: str, screenshot) -> None:
    page.goto(site_url + "units/r-503-0865/#ac-1-2")
    assert page.locator("h1").first.inner_text() == "Improve the customer's experience in active leisure"
    target = page.evaluate("document.querySelector(':target')?.id")
    assert target == "ac-1-2"
    screenshot(page, "smoke-unit-desktop")
