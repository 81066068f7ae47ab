"""Keyboard use: a skip link, every control reached by Tab with visible focus, criterion links."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .site_pages import DESKTOP, PHONE, settle, visit

UNIT = "units/r-503-0865/"

#: Marks the focused element as reached and says what is wrong with how it shows.
CHECK_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const first = el.dataset.qhReached !== undefined;
  el.dataset.qhReached = "";
  const text = (el.getAttribute("aria-label") || el.textContent).trim().slice(0, 40);
  const label = `${el.tagName.toLowerCase()} "${text}"`;
  const faults = [];
  const rect = el.getClientRects()[0] || el.getBoundingClientRect();
  if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true}) || !rect.width || !rect.height)
    faults.push("focused but not visible");
  else if (rect.right <= 0 || rect.bottom <= 0 || rect.left >= innerWidth || rect.top >= innerHeight)
    faults.push("focused but outside the viewport");
  else {
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    if (top && top !== el && !el.contains(top) && !top.contains(el))
      faults.push(`focused but covered by ${top.tagName.toLowerCase()}.${[...top.classList].join(".")}`);
  }
  const style = getComputedStyle(el);
  const outline =
    style.outlineStyle === "auto" || (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2);
  if (!outline && style.boxShadow === "none") faults.push("no visible focus indicator");
  return {label, first, faults};
}"""

#: Resolves once the page has not scrolled between two animation frames (focus may scroll smoothly).
SCROLL_STOPPED = """() => new Promise(resolve => {
  let last = null;
  const tick = () => {
    const now = `${scrollX},${scrollY}`;
    if (now === last) resolve(true); else { last = now; requestAnimationFrame(tick); }
  };
  requestAnimationFrame(tick);
})"""

#: Every control a keyboard user should reach that the walk did not.
UNREACHED = """() => [...document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, summary, [tabindex]')]
  .filter(el => el.tabIndex >= 0 && !el.closest("[inert]"))
  .filter(el => el.checkVisibility({opacityProperty: true, visibilityProperty: true}))
  .filter(el => el.dataset.qhReached === undefined)
  .map(el => [el.tagName.toLowerCase(), (el.getAttribute("aria-label") || el.textContent).trim().slice(0, 40)])
  .map(([tag, text]) => `${tag} "${text}"`)"""


def focused(page: Page) -> dict | None:
    """Check the focused element once scrolling has stopped and transitions (the skip link fades in) ended."""
    page.evaluate(SCROLL_STOPPED)
    settle(page)
    return page.evaluate(CHECK_FOCUSED)


def tab_walk(page: Page, limit: int = 400) -> list[str]:
    """Tab from the top until focus comes round again; the faults of every stop, then what was missed."""
    faults: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop is None:
            continue
        if stop["first"]:
            break
        faults += [f"{stop['label']}: {fault}" for fault in stop["faults"]]
    else:
        faults.append(f"focus did not come round in {limit} Tab presses")
    faults += [f"{label}: not reachable by Tab" for label in page.evaluate(UNREACHED)]
    return faults


def test_skip_link_leads_to_the_content(page: Page, site_url: str, site_pages: list[str]) -> None:
    for url in site_pages:
        visit(page, site_url + url)
        page.keyboard.press("Tab")
        stop = focused(page)
        assert stop is not None and stop["label"] == 'a "Skip to content"' and not stop["faults"], (url, stop)
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        inside = page.evaluate("!!document.activeElement.closest('.md-content')")
        assert inside, f"{url or '/'}: Tab after the skip link is not in the content"


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_every_control_is_reached_with_visible_focus(
    open_page: Callable[..., Page], site_url: str, site_pages: list[str], width: int
) -> None:
    page = open_page(width)
    faults = []
    for url in site_pages:
        visit(page, site_url + url)
        faults += [f"{url or '/'}: {fault}" for fault in tab_walk(page)]
    assert not faults, "\n".join(faults)


def test_tab_walk_finds_hidden_focus(page: Page) -> None:
    page.set_content(
        '<a href="#a">shown</a><a href="#b" style="position:absolute;left:-999px">off screen</a>'
        '<button style="outline:none">no ring</button><div tabindex="0" style="opacity:0">transparent</div>'
    )
    assert tab_walk(page, limit=20) == [
        'a "off screen": focused but outside the viewport',
        'button "no ring": no visible focus indicator',
        'div "transparent": focused but not visible',
    ]


def test_menu_and_search_buttons_work_from_the_keyboard(open_page: Callable[..., Page], site_url: str) -> None:
    page = open_page(PHONE, 800)
    visit(page, site_url + UNIT)
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Navigation"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.get_attribute("button.qh-toggle--drawer", "aria-expanded") == "true"
    settle(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), "Tab enters the open menu"
    stop = focused(page)
    assert stop is not None and not stop["faults"], stop
    page.locator("button.qh-toggle--drawer").focus()
    page.keyboard.press(" ")
    assert not page.evaluate("document.getElementById('__drawer').checked")

    page.locator("button.qh-toggle--search").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__search').checked")
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("evidence")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert page.locator(".md-search-result__item a").count() > 0


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_criterion_link_scrolls_to_and_highlights_the_criterion(
    open_page: Callable[..., Page], site_url: str, width: int
) -> None:
    page = open_page(width, 800)
    visit(page, site_url + UNIT + "#ac-1-2")
    assert page.evaluate("document.querySelector(':target')?.id") == "ac-1-2"
    assert_in_view_and_highlighted(page, "ac-1-2")

    page.locator("#ac-2-2 a.qh-num").click()
    page.wait_for_function("location.hash === '#ac-2-2'")
    assert_in_view_and_highlighted(page, "ac-2-2")
    assert not highlighted(page, "ac-1-2")


def highlighted(page: Page, anchor: str) -> bool:
    """Whether criterion ``anchor`` looks different from a criterion that is not targeted."""
    return page.evaluate(
        """([anchor]) => {
          const look = el => { const s = getComputedStyle(el); return [s.backgroundColor, s.outlineStyle].join(); };
          const other = [...document.querySelectorAll('.qh-ac')].find(el => !el.matches(':target'));
          return look(document.getElementById(anchor)) !== look(other);
        }""",
        [anchor],
    )


def assert_in_view_and_highlighted(page: Page, anchor: str) -> None:
    settle(page)
    box = page.evaluate(
        """([anchor]) => {
          const r = document.getElementById(anchor).getBoundingClientRect();
          const header = document.querySelector('.md-header').getBoundingClientRect();
          return {top: r.top, bottom: r.bottom, headerBottom: header.bottom, height: innerHeight};
        }""",
        [anchor],
    )
    assert box["top"] >= box["headerBottom"] - 1, f"{anchor} is under the fixed header: {box}"
    assert box["bottom"] <= box["height"], f"{anchor} is below the viewport: {box}"
    assert highlighted(page, anchor), f"{anchor} is not highlighted"
