"""axe-core, as every browser test runs it, and proof that the check can fail.

axe-core's script ships inside the axe-playwright-python package and is injected into
the page: nothing is downloaded (the offline tests would see it). The rules run are the
WCAG 2.0, 2.1 and 2.2 level A and AA rules plus axe's best practices. The seed site's
pages are checked in ``test_every_page.py``, the centre's in both colour schemes in
``test_centre_site.py``, the unit shapes in ``test_unit_shapes.py``.
"""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

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


def violated_rule(line: str) -> str:
    """The rule id in a line of :func:`axe_violations`."""
    match = re.search(r": ([\w-]+) \((?:\w+)\): ", line)
    assert match, line
    return match.group(1)


def test_axe_core_is_the_packaged_copy() -> None:
    assert AXE.axe_script.startswith("/*! axe v4.")
    assert "axe.run" in AXE.axe_script or "runRules" in AXE.axe_script


def test_axe_check_fails_on_a_known_violation(page: Page) -> None:
    # Proves the check can fail: an image without alt text and a nameless button.
    page.set_content('<html lang="en"><title>t</title><main><img src="data:,"><button></button></main></html>')
    rules = {violated_rule(line) for line in axe_violations(page, "fixture")}
    assert {"image-alt", "button-name"} <= rules
