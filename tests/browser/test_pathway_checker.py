"""The pathway checker in Chromium: the shipped JavaScript gives the Python verdicts, and the page works.

The fictional qualifications and units in tests/qualifications/ are built into a real site;
the shared cases in tests/qualifications/rule_cases.json are judged by the JavaScript the
site ships, with the rules as the page embeds them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..conftest import ROOT
from ..helpers import make_project
from .conftest import build_project, serve

FIXTURES = ROOT / "tests" / "qualifications"
CASES = json.loads((FIXTURES / "rule_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def fictional_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("fictional-site") / "project"
    make_project(project, units=FIXTURES / "units", qualifications=FIXTURES / "good", printables=False)
    return build_project(project)


@pytest.fixture(scope="module")
def fictional_url(fictional_site: Path) -> Iterator[str]:
    with serve(fictional_site) as url:
        yield url


def embedded_rules(site: Path, qualification: str) -> dict:
    html = (site / "qualifications" / qualification / "checker" / "index.html").read_text(encoding="utf-8")
    match = re.search(rf'<script type="application/json" id="qh-rules-{qualification}">(.*?)</script>', html, re.S)
    assert match, "the checker page embeds its rules"
    return json.loads(match.group(1))


def test_shipped_javascript_gives_the_shared_verdicts(page: Page, fictional_site: Path, fictional_url: str) -> None:
    page.goto(fictional_url + "qualifications/fict-records/checker/")
    results = page.evaluate(
        "(cases) => cases.map(([rules, selection]) => window.QualificationRules.evaluate(rules, selection))",
        [[embedded_rules(fictional_site, case["qualification"]), case["selection"]] for case in CASES],
    )
    for case, result in zip(CASES, results, strict=True):
        assert result == case["expected"], case["name"]


def verdict(page: Page) -> str:
    return page.locator(".qh-verdict").inner_text()


def test_ticking_units_updates_the_verdict(page: Page, fictional_url: str, screenshot) -> None:
    page.goto(fictional_url + "qualifications/fict-visitor-services/checker/")
    region = page.locator(".qh-verdict")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(region).to_have_attribute("role", "status")
    expect(region).to_contain_text("Does not meet the rules yet.")
    expect(region).to_contain_text("Choose a pathway.")
    # Pathway groups stay hidden until their pathway is chosen.
    expect(page.get_by_label("Supervise a fictional leisure pool")).to_be_hidden()

    page.get_by_role("radio", name="Leisure").check()
    expect(page.get_by_label("Supervise a fictional leisure pool")).to_be_visible()
    expect(page.get_by_label("Merchandise fictional stock")).to_be_hidden()
    for title in ("Supervise a fictional leisure pool", "Handle visitor complaints", "Run a fictional fitness class"):
        page.get_by_label(title).check()
    expect(region).to_contain_text("Optional group B: needs at least 7 credits; 4 selected.")
    expect(region).to_contain_text("Credit total: 15 credits.")

    # Keyboard: focus the last box and tick it with the space bar.
    page.get_by_label("Improve visitor flow", exact=False).first.focus()
    page.keyboard.press("Space")
    expect(region).to_contain_text("Meets the rules.")
    expect(region).to_contain_text("Credit total: 20 credits. Guided learning hours: 121.")
    assert "Still to do" not in verdict(page)
    screenshot(page, "checker-fictional-meets")

    page.get_by_label("Lead visitor flow improvements").check()
    expect(region).to_contain_text("Barred combination: Improve visitor flow and Lead visitor flow improvements")
    expect(region).to_contain_text("Optional group B: select at most 2 units; 3 selected.")


def test_every_checkbox_has_a_label(page: Page, fictional_url: str) -> None:
    page.goto(fictional_url + "qualifications/fict-visitor-services/checker/")
    boxes = page.locator("form.qh-checker input")
    assert boxes.count() == 12  # 10 unit boxes and 2 pathway radios
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box_id = box.get_attribute("id")
        assert page.locator(f'label[for="{box_id}"]').count() == 1, box_id
    assert page.locator("fieldset > legend").count() == page.locator("fieldset").count()


def test_sample_checker_on_the_seed_site(page: Page, site_url: str, screenshot) -> None:
    page.goto(site_url + "qualifications/sample-customer-service/checker/")
    region = page.locator(".qh-verdict")
    expect(region).to_contain_text("Sample group 2 (illustrative): select at least 1 unit; 0 selected.")
    page.get_by_label("Lead a team to improve customer services").check()
    expect(region).to_contain_text("Meets the rules.")
    expect(region).to_contain_text("Credit total: 10 credits. Guided learning hours: 62.")
    page.get_by_label("Manage the achievement of customer satisfaction").check()
    expect(region).to_contain_text("Credit total: not stated for every selected unit.")
    screenshot(page, "checker-sample")
    assert all(url.startswith(site_url) for url in page.requested), "no request leaves the site"


def test_search_finds_coverage_offline(page: Page, site_url: str) -> None:
    page.goto(site_url + "indexes/")
    page.locator(".md-search__input").click()
    page.keyboard.type("signposting", delay=50)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15000)
    expect(page.locator(".md-search-result")).to_contain_text("Coverage")
    assert all(url.startswith(site_url) for url in page.requested), "search made a request outside the site"


def test_hostile_titles_stay_text_in_the_checker(page: Page, tmp_path: Path) -> None:
    project = make_project(
        tmp_path / "project", units=FIXTURES / "units", qualifications=FIXTURES / "good", printables=False
    )
    unit = project / "content" / "units" / "fict-a1.yml"
    payload = "<img src=x onerror=alert(1)></label><script>window.__pwned=1</script>"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("title: Greet visitors to a fictional centre", f"title: '{payload}'"),
        encoding="utf-8",
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(build_project(project)) as url:
        page.goto(url + "qualifications/fict-visitor-services/checker/")
        page.get_by_role("radio", name="Leisure").check()
        page.get_by_label(payload).uncheck()
        region = page.locator(".qh-verdict")
        expect(region).to_contain_text(f"Mandatory group A: mandatory unit not selected: {payload}.")
        page.get_by_label(payload).check()
        expect(region).not_to_contain_text("mandatory unit not selected")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("article img").count() == 0
    assert dialogs == []
