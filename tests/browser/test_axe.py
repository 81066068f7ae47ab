"""axe-core finds no violation on any page, at desktop and phone widths, in every state.

axe-core's script ships inside the axe-playwright-python package and is injected into
the page: nothing is downloaded (the offline tests would see it). The rules run are the
WCAG 2.0, 2.1 and 2.2 level A and AA rules plus axe's best practices. A summary (pages
checked, violations by rule) is written to ``tests/artifacts/axe-report.json``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from .conftest import ARTIFACTS
from .site_pages import DESKTOP, PHONE, SEED_PAGE_TYPES, open_search, outside, settle, visit

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
AXE = Axe()


def inject_axe(page: Page) -> None:
    """Put axe-core into the page's document unless it is there already."""
    # Once per document (Axe.run would inject its 0.5 MB again on every run, as when one page is
    # checked in several colour schemes); axe.run runs the same either way.
    if not page.evaluate("typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(AXE.axe_script)


def colour_rules(page: Page) -> list[str]:
    """The ids of the rules in :data:`TAGS` that read colours (axe tags them ``cat.color``)."""
    inject_axe(page)
    return page.evaluate(
        "tags => axe.getRules(tags).filter(rule => rule.tags.includes('cat.color')).map(rule => rule.ruleId)", TAGS
    )


def axe_violations(page: Page, where: str, rules: list[str] | None = None) -> list[str]:
    """One line per violating element: ``where: rule (impact): target: what to fix``.

    Every rule of :data:`TAGS`, or only ``rules`` (ids) when given. Only violations are
    collected (``resultTypes``): axe still runs every rule on every element, it just does not
    list the elements that passed.
    """
    inject_axe(page)
    run_only = {"type": "tag", "values": TAGS} if rules is None else {"type": "rule", "values": rules}
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    response = page.evaluate("options => axe.run(document, options)", options)
    lines = []
    for violation in response["violations"]:
        for node in violation["nodes"]:
            summary = " ".join(node["failureSummary"].split())
            lines.append(f"{where}: {violation['id']} ({violation['impact']}): {node['target']}: {summary}")
    return lines


def test_axe_core_is_the_packaged_copy() -> None:
    assert AXE.axe_script.startswith("/*! axe v4.")
    assert "axe.run" in AXE.axe_script or "runRules" in AXE.axe_script


def test_no_axe_violations_on_any_page(open_page: Callable[..., Page], site_url: str, site_pages: list[str]) -> None:
    assert set(SEED_PAGE_TYPES.values()) <= set(site_pages), site_pages
    unit_pages = [url for url in site_pages if url.startswith("units/") and url != "units/"]
    assert len(unit_pages) >= 3, site_pages

    violations: list[str] = []
    states = 0
    for width in (DESKTOP, PHONE):
        page = open_page(width)
        for url in site_pages:
            visit(page, site_url + url)
            violations += axe_violations(page, f"{url or '/'} at {width}px")
            states += 1
        # The open states: search with results, and (on phones) the navigation drawer.
        visit(page, site_url + unit_pages[0])
        open_search(page, "customer")
        violations += axe_violations(page, f"search results at {width}px")
        states += 1
        if width == PHONE:
            visit(page, site_url)
            page.locator("button.qh-toggle--drawer").click()
            page.locator(".md-nav--primary").wait_for(state="visible")
            settle(page)
            violations += axe_violations(page, f"navigation drawer at {width}px")
            states += 1
        assert not outside(page, site_url), f"requests to other hosts while axe ran: {outside(page, site_url)}"

    by_rule = Counter(line.split(": ")[1].split(" ")[0] for line in violations)
    report = {"pages": len(site_pages), "states_checked": states, "tags": TAGS, "violations_by_rule": by_rule}
    (ARTIFACTS).mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe-report.json").write_text(json.dumps(report, indent=2, sort_keys=True), encoding="utf-8")
    assert not violations, f"{len(violations)} axe violations:\n" + "\n".join(violations)


def test_axe_check_fails_on_a_known_violation(page: Page) -> None:
    # Proves the check can fail: an image without alt text and a nameless button.
    page.set_content('<html lang="en"><title>t</title><main><img src="data:,"><button></button></main></html>')
    rules = {line.split(": ")[1].split(" ")[0] for line in axe_violations(page, "fixture")}
    assert {"image-alt", "button-name"} <= rules
