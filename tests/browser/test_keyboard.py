"""Keyboard use: a skip link, every control reached by Tab with visible focus, criterion links.

The skip link is checked on every page in the walk of ``test_every_page.py`` (:func:`skip_link_faults`).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .site_pages import DESKTOP, PHONE, settle, visit

UNIT = "units/r-503-0865/"
#: Pages that walk at once (see :func:`tab_walks`).
WALK_LANES = 3

#: Once the page has not scrolled between two animation frames (focus may scroll smoothly) and no
#: CSS transition or animation runs (the skip link fades in), marks the focused element as reached
#: and says what is wrong with how it shows: one round trip to the browser per Tab stop.
CHECK_FOCUSED = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  let last = null;
  for (;;) {
    await frame();
    const now = `${scrollX},${scrollY}`;
    if (now === last) break;
    last = now;
  }
  while (document.getAnimations().some(a => a.playState === "running")) await frame();
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
    return page.evaluate(CHECK_FOCUSED)


#: Starts :data:`CHECK_FOCUSED` without waiting for it (collected by :data:`CHECK_RESULT`).
START_CHECK = f"() => {{ window.__qhCheck = ({CHECK_FOCUSED})(); }}"
CHECK_RESULT = "() => window.__qhCheck"


def tab_walk(page: Page, limit: int = 400) -> list[str]:
    """Tab from the top until focus comes round again; the faults of every stop, then what was missed."""
    return tab_walks([page], [""], lambda _page, _target: None, limit)[""]


def tab_walks(
    lanes: list[Page], targets: list[str], open_target: Callable[[Page, str], object], limit: int = 400
) -> dict[str, list[str]]:
    """:func:`tab_walk` of every target, each opened by ``open_target`` in the next free page of ``lanes``.

    The pages walk in step: each presses Tab and starts its check, then each check is collected.
    A check waits for animation frames (scrolling, transitions), so while one page waits the
    others press and check: every stop of every target is still checked the same way.
    """
    queue = list(targets)
    faults: dict[str, list[str]] = {target: [] for target in targets}
    walking: dict[Page, tuple[str, int]] = {}

    def take(page: Page) -> None:
        if queue:
            target = queue.pop(0)
            open_target(page, target)
            walking[page] = (target, 0)

    for page in lanes:
        take(page)
    while walking:
        for page in walking:
            page.keyboard.press("Tab")
            page.evaluate(START_CHECK)
        for page, (target, presses) in list(walking.items()):
            presses += 1
            walking[page] = (target, presses)
            stop = page.evaluate(CHECK_RESULT)
            if stop is not None and not stop["first"]:
                faults[target] += [f"{stop['label']}: {fault}" for fault in stop["faults"]]
            if (stop is not None and stop["first"]) or presses >= limit:
                if stop is None or not stop["first"]:
                    faults[target].append(f"focus did not come round in {limit} Tab presses")
                faults[target] += [f"{label}: not reachable by Tab" for label in page.evaluate(UNREACHED)]
                del walking[page]
                take(page)
    return faults


def skip_link_faults(page: Page, url: str) -> list[str]:
    """The first Tab stop is a visible "Skip to content" link, and Tab after it is in the content.

    It moves focus and the URL's fragment: run it last on a page (it runs in the walk of
    ``test_every_page.py``, on every page at desktop width).
    """
    page.keyboard.press("Tab")
    stop = focused(page)
    if stop is None or stop["label"] != 'a "Skip to content"' or stop["faults"]:
        return [f"the first Tab stop is not a visible skip link: {stop}"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    if not page.evaluate("!!document.activeElement.closest('.md-content')"):
        return ["Tab after the skip link is not in the content"]
    return []


def test_skip_link_check_fails_without_a_skip_link(page: Page) -> None:
    page.set_content('<a href="#x">first</a><main class="md-content"><a href="#y" id="x">in</a></main>')
    assert skip_link_faults(page, "")[0].startswith("the first Tab stop is not a visible skip link")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_every_control_is_reached_with_visible_focus(
    open_page: Callable[..., Page], site_url: str, site_pages: list[str], width: int
) -> None:
    lanes = [open_page(width) for _ in range(WALK_LANES)]
    walks = tab_walks(lanes, site_pages, lambda page, url: visit(page, site_url + url))
    faults = [f"{url or '/'}: {fault}" for url, found in walks.items() for fault in found]
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
