"""Qualification, checker, coverage and index page sources: goldens, escaping and content."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from generator.content.catalogue import Catalogue, build_catalogue
from generator.content.qualifications import Qualifications, build_qualifications
from generator.site.pages import SiteContext
from generator.site.qualification_pages import first_sentence, generate_qualification_pages, script_json
from generator.site.render import make_environment

from .conftest import ROOT, UNITS_DIR

GOLDENS = ROOT / "tests" / "goldens"
FIXTURES = ROOT / "tests" / "qualifications"
SITE = SiteContext(site_name="Golden site", build_date=dt.date(2026, 1, 1))
SAMPLE = "qualifications/sample-customer-service"


@pytest.fixture(scope="module")
def seed_pages() -> dict[str, str]:
    catalogue = build_catalogue(UNITS_DIR, root=ROOT)
    qualifications = build_qualifications(ROOT / "content" / "qualifications", catalogue, root=ROOT)
    return generate_qualification_pages(make_environment(), catalogue, qualifications, SITE)


@pytest.fixture(scope="module")
def fictional() -> tuple[Catalogue, Qualifications]:
    catalogue = build_catalogue(FIXTURES / "units", root=ROOT)
    return catalogue, build_qualifications(FIXTURES / "good", catalogue, root=ROOT)


@pytest.fixture(scope="module")
def fictional_pages(fictional: tuple[Catalogue, Qualifications]) -> dict[str, str]:
    catalogue, qualifications = fictional
    return generate_qualification_pages(make_environment(), catalogue, qualifications, SITE)


@pytest.mark.parametrize(
    "page",
    [
        f"{SAMPLE}/index.md",
        f"{SAMPLE}/checker.md",
        f"{SAMPLE}/coverage.md",
        "qualifications/index.md",
        "indexes/index.md",
        "indexes/nos.md",
        "indexes/qualifications.md",
        "indexes/coverage.md",
    ],
)
def test_page_matches_golden(seed_pages: dict[str, str], page: str, update_goldens: bool) -> None:
    golden = GOLDENS / page
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(seed_pages[page], encoding="utf-8")
    assert seed_pages[page] == golden.read_text(encoding="utf-8"), "run pytest --update-goldens and review the diff"


def test_sample_is_labelled_on_every_page(seed_pages: dict[str, str]) -> None:
    for name in ("index.md", "checker.md", "coverage.md"):
        assert "Sample, not a real qualification" in seed_pages[f"{SAMPLE}/{name}"]
    assert "qh-badge--sample" in seed_pages["qualifications/index.md"]


def test_handbook_page_has_facts_structure_rules_and_assessment(fictional_pages: dict[str, str]) -> None:
    page = fictional_pages["qualifications/fict-visitor-services/index.md"]
    for text in (
        '<th scope="row">Qualification number</th><td>999/9999/9</td>',
        '<th scope="row">Total qualification time</th><td>200 hours</td>',
        '<time datetime="2031-08-31">31 August 2031</time>',
        "<li>Achieve at least 20 credits in total.</li>",
        "### Pathway: Leisure",
        "<caption>From Optional group B, take at most 2 units and at least 7 credits.</caption>",
        '<a href="../../units/fict-b4/">Lead visitor flow improvements</a>',
        '<li><a href="../../units/fict-b3/">Improve visitor flow</a> and <a href="../../units/fict-b4/">Lead visitor '
        "flow improvements</a>: take no more than one. The two units cover the same fictional content.</li>",
        "## Assessment summary",
        "<td>Fictional assessment of fict-a1: a portfolio of evidence.</td>",
    ):
        assert text in page, text
    structure = page[page.index("## Structure") : page.index("## Assessment summary")]
    assert structure.count('<tr><th scope="row"><a href="../../units/') == 10


def test_each_group_shows_its_own_note(fictional_pages: dict[str, str]) -> None:
    page = fictional_pages["qualifications/fict-visitor-services/index.md"]
    sections = page.split("\n### ")
    group_a = next(s for s in sections if s.startswith("Mandatory group A"))
    assert "<p>A fictional note on <em>group A</em>.</p>" in group_a
    leisure = next(s for s in sections if s.startswith("Pathway: Leisure"))
    assert "For learners working in fictional leisure centres." in leisure
    assert leisure.index("fict-c1") < leisure.index("A fictional note on the leisure optional units.")
    assert page.count("A fictional note") == 2


def test_checker_embeds_the_exported_rules(fictional, fictional_pages: dict[str, str]) -> None:
    _, qualifications = fictional
    page = fictional_pages["qualifications/fict-visitor-services/checker.md"]
    match = re.search(r'<script type="application/json" id="qh-rules-fict-visitor-services">(.*?)</script>', page)
    assert match
    entry = next(e for e in qualifications if e.qualification.id == "fict-visitor-services")
    assert json.loads(match.group(1)) == entry.rules.to_json()
    assert '<script src="../../../assets/pathway-checker.js"></script>' in page
    assert 'role="status" aria-live="polite"' in page


def test_script_json_cannot_close_its_script_tag() -> None:
    text = str(script_json({"title": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"title": "</script><script>alert(1)</script> & <!--"}


def test_titles_are_escaped(make_tree) -> None:
    unit = (FIXTURES / "units" / "fict-a1.yml").read_text(encoding="utf-8")
    root = make_tree(
        {
            "units/fict-a1.yml": unit.replace(
                "title: Greet visitors to a fictional centre", 'title: "<b>Bold</b> *unit*"'
            ),
            "quals/q.yml": """
                id: fict-q
                title: "<script>x</script> # *Q*"
                rules:
                  groups:
                    - {name: "<i>G</i> #1", kind: mandatory, units: [fict-a1]}
            """,
        }
    )
    catalogue = build_catalogue(root / "units", root=root)
    qualifications = build_qualifications(root / "quals", catalogue, root=root)
    pages = generate_qualification_pages(make_environment(), catalogue, qualifications, SITE)
    for page in pages.values():
        assert "<script>x" not in page and "<b>Bold" not in page and "<i>G" not in page
    handbook = pages["qualifications/fict-q/index.md"]
    assert "### &lt;i&gt;G&lt;/i&gt; \\#1" in handbook
    assert "&lt;b&gt;Bold&lt;/b&gt; *unit*" in handbook


def test_first_sentence() -> None:
    assert first_sentence("This unit is *centre* assessed. Then more.\n\nNext") == "This unit is centre assessed."
    assert first_sentence(None) == ""
    assert first_sentence("No stop at all") == "No stop at all"


def test_indexes_list_units_by_suite_and_qualification(fictional_pages: dict[str, str]) -> None:
    nos = fictional_pages["indexes/nos.md"]
    assert nos.index("## Fictional Events NOS") < nos.index("## Fictional Leisure NOS")
    assert "Lead visitor flow improvements</a> (level 4): FEV2 Manage crowds" in nos
    assert "## No NOS mapping stated" in nos
    by_qualification = fictional_pages["indexes/qualifications.md"]
    assert "Retail pathway: Retail optional units (optional)" in by_qualification
    # fict-a2 serves both fictional qualifications.
    assert by_qualification.count(">Keep visitor records</a>") == 2
    assert "## In no qualification" not in by_qualification


def test_coverage_matrix_and_inverse(fictional_pages: dict[str, str]) -> None:
    page = fictional_pages["indexes/coverage.md"]
    reading = re.search(r'<tr id="by-english-reading">(.*?)</tr>', page, re.S)
    assert reading
    found = re.findall(r">([^<]+)</a></li>", reading.group(1))
    assert found == ["Keep visitor records", "Supervise a fictional leisure pool", "Manage a fictional shop floor"]
    assert '<th scope="colgroup" colspan="3">English</th>' in page
    assert '<td class="qh-yes"><span aria-hidden="true">✓</span> Yes</td>' in page
    assert "No functional skills signposting stated" in page
    per_qualification = fictional_pages["qualifications/fict-records/coverage.md"]
    assert "Supervise a fictional leisure pool" not in per_qualification
