"""Hostile content is inert in a real browser: every page of a site built with the fictional
hostile unit opens in Chromium without running a payload, opening a dialog or loading
anything from outside, and searching for the payloads renders them as text.

Each payload, if it ran, would set ``window.__pwned`` and call ``alert``; a console hook
installed before any page script also records ``alert``/``confirm``/``prompt`` calls.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.content.loader import load_model
from generator.content.model import Unit

from ..conftest import ROOT
from ..hostile import HOSTILE_ID, HOSTILE_UNIT
from .conftest import serve

WATCH = """
(() => {
  window.__calls = [];
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    const original = window[name];
    window[name] = (...args) => { window.__calls.push(name); return original.apply(window, args); };
  }
})();
"""

AUDIT_DOM = """
() => {
  const problems = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) problems.push(`${el.tagName} ${attr.name}`);
      const isUrl = ["href", "src", "action", "formaction", "data"].includes(attr.name);
      if (isUrl && /^\\s*(javascript|data|vbscript):/i.test(attr.value)) {
        problems.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
  }
  const content = document.querySelector("article.md-content__inner");
  const live = "script, iframe, object, embed, img, svg, form, input, details, style, base, link, meta";
  // The pathway checker's form, checkboxes, rules data and script come from its template.
  const template = 'form.qh-checker, form.qh-checker input, script[type="application/json"][id^="qh-rules-"], '
    + 'script[src$="assets/pathway-checker.js"]';
  for (const el of content.querySelectorAll(live)) {
    if (!el.matches(template)) problems.push(`content has <${el.tagName.toLowerCase()}>`);
  }
  for (const script of document.querySelectorAll("script")) {
    if (/pwned|alert\\(/.test(script.textContent)) problems.push("payload in a script element");
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


@pytest.fixture
def watched(browser: Browser) -> Iterator[Page]:
    """A page that records dialogs, console messages, page errors and every request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.messages = []  # type: ignore[attr-defined]
    page.requested = []  # type: ignore[attr-defined]

    def on_dialog(dialog) -> None:
        page.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda message: page.messages.append(message.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.messages.append(f"pageerror: {error}"))  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requested.append(request.url))  # type: ignore[attr-defined]
    yield page
    context.close()


#: Resolves after two animation frames and then a task: by then every handler a page runs by
#: itself once loaded (onerror and onload come before ``load``; autofocus, and so onfocus, at the
#: next frame; ontoggle and a zero-delay refresh as tasks) has had its turn. A handler that could
#: only fire later still needs an ``on*`` attribute, a script or a ``javascript:`` URL in the
#: DOM, which :data:`AUDIT_DOM` fails on whenever it would fire.
HANDLERS_HAD_THEIR_TURN = """async () => {
  for (let frame = 0; frame < 2; frame++) await new Promise(resolve => requestAnimationFrame(resolve));
  await new Promise(resolve => setTimeout(resolve, 0));
}"""


def assert_nothing_ran(page: Page, base_url: str) -> None:
    page.evaluate(HANDLERS_HAD_THEIR_TURN)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__calls") == []
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert [m for m in page.messages if "pwned" in m or "pageerror" in m] == []  # type: ignore[attr-defined]
    outside = [url for url in page.requested if not url.startswith(base_url)]  # type: ignore[attr-defined]
    assert outside == []
    assert page.evaluate(AUDIT_DOM) == []


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_page_opens_without_running_a_payload(watched: Page, hostile_site: Path, hostile_url: str) -> None:
    pages = site_pages(hostile_site)
    assert f"units/{HOSTILE_ID}/index.html" in pages
    for path in pages:
        watched.goto(hostile_url + path)
        assert_nothing_ran(watched, hostile_url)


def test_unit_page_shows_payloads_as_text(watched: Page, hostile_url: str, screenshot) -> None:
    unit = load_model(HOSTILE_UNIT, Unit, root=ROOT)[0]
    watched.goto(hostile_url + f"units/{HOSTILE_ID}/")
    assert watched.title() == f"{unit.title} - Qualification handbook (sample)"
    assert watched.locator("h1").first.inner_text() == unit.title
    body = watched.locator("article").inner_text()
    for text in ("<script>window.__pwned='lo'", "<img src=x onerror=", "</td></tr></table><script>"):
        assert text in body
    description = watched.locator('meta[name="description"]').get_attribute("content")
    assert description is not None and description.startswith('" onload="window.__pwned')
    # Hovering and clicking the content's links must not run anything either.
    for link in watched.locator("article a").all():
        link.hover()
    assert_nothing_ran(watched, hostile_url)
    screenshot(watched, "hostile-unit-desktop")
    assert html.escape(unit.title) not in body


@pytest.mark.parametrize("query", ["fictional", "criterion", "outcome", "book"])
def test_search_results_render_payloads_as_text(watched: Page, hostile_url: str, screenshot, query: str) -> None:
    watched.goto(hostile_url + f"units/{HOSTILE_ID}/")
    watched.locator("input.md-search__input").click()
    watched.keyboard.type(query)
    results = watched.locator(".md-search-result__item")
    results.first.wait_for(timeout=20_000)
    shown = watched.locator(".md-search-result").inner_text()
    assert "<script>" in shown or "<img" in shown
    assert_nothing_ran(watched, hostile_url)
    assert (
        watched.evaluate("[...document.querySelectorAll('.md-search-result script, .md-search-result img')].length")
        == 0
    )
    if query == "fictional":
        screenshot(watched, "hostile-search-results")


def test_dom_audit_catches_live_markup(watched: Page) -> None:
    watched.set_content(
        '<article class="md-content__inner"><img src="data:," onerror="1"><a href="javascript:void 0">x</a></article>'
    )
    assert len(watched.evaluate(AUDIT_DOM)) == 4
