"""Real `mkdocs build --strict` runs with qualifications: pages, nav, indexes, coverage, search, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT
from .helpers import build_in_process, make_project, run_mkdocs

pytestmark = pytest.mark.slow

FIXTURES = ROOT / "tests" / "qualifications"


@pytest.fixture(scope="module")
def fictional_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(
        tmp_path_factory.mktemp("quals-fictional") / "project",
        units=FIXTURES / "units",
        qualifications=FIXTURES / "good",
        printables=False,
    )
    return build_in_process(project)


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def primary_nav(html: str) -> str:
    """The primary sidebar: from the primary nav to the table-of-contents sidebar."""
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    return nav[: nav.index("md-sidebar--secondary")]


def test_nav_gains_qualifications_and_indexes_only(seed_site: Path) -> None:
    nav = primary_nav(read(seed_site, "units"))
    links = re.findall(r'<a href="([^"#]*)" class="md-nav__link', nav)
    assert links == ["..", "./", "../qualifications/", "../indexes/"]


def test_sample_handbook_pages_are_built(seed_site: Path) -> None:
    handbook = read(seed_site, "qualifications/sample-customer-service")
    assert "Sample, not a real qualification" in handbook
    assert '<a href="../../units/r-503-0865/">Improve the customer&#39;s experience in active leisure</a>' in handbook
    checker = read(seed_site, "qualifications/sample-customer-service/checker")
    assert '<script src="../../../assets/pathway-checker.js"></script>' in checker
    assert (seed_site / "assets" / "pathway-checker.js").read_text(encoding="utf-8") == (
        ROOT / "site_templates" / "assets" / "pathway-checker.js"
    ).read_text(encoding="utf-8")
    listing = read(seed_site, "qualifications")
    assert 'href="sample-customer-service/"' in listing


def test_coverage_tables_have_captions_scopes_and_words(seed_site: Path) -> None:
    html = read(seed_site, "indexes/coverage")
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) == 4
    for table in tables:
        assert "<caption>" in table
        assert 'scope="col"' in table and 'scope="row"' in table
    for cell in re.findall(r'<td class="qh-yes">(.*?)</td>', html):
        assert re.fullmatch(r'<span aria-hidden="true">✓</span> \w[\w ]*', cell), cell
    reading = re.search(r'<tr id="by-english-reading">(.*?)</tr>', html, re.S)
    assert reading and "Improve the customer&#39;s experience in active leisure" in reading.group(1)
    assert "Lead a team" not in reading.group(1)


def test_indexes_link_every_unit(seed_site: Path) -> None:
    hub = read(seed_site, "indexes")
    for target in ("../units/#units-by-level", "nos/", "qualifications/", "coverage/"):
        assert f'href="{target}"' in hub, target
    for page in ("indexes/nos", "indexes/qualifications"):
        html = read(seed_site, page)
        for slug in ("ocr-unit-38", "ocr-unit-39", "r-503-0865"):
            assert f'href="../../units/{slug}/"' in html, (page, slug)


def test_search_index_holds_the_new_pages(seed_site: Path) -> None:
    index = json.loads((seed_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for page in ("qualifications/sample-customer-service/", "indexes/coverage/", "indexes/nos/"):
        assert page in locations, page


def test_fictional_site_pathways_and_coverage(fictional_site: Path) -> None:
    handbook = read(fictional_site, "qualifications/fict-visitor-services")
    assert "Pathway: Retail" in handbook
    assert "Do not take both Improve visitor flow and Lead visitor flow improvements." in handbook
    coverage = read(fictional_site, "qualifications/fict-visitor-services/coverage")
    assert "FEV2" in coverage and "Fictional Events NOS" in coverage
    by_qualification = read(fictional_site, "indexes/qualifications")
    assert by_qualification.count(">Keep visitor records</a>") == 2


def test_bad_qualification_fails_the_build_with_one_line_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", printables=False)
    (project / "content" / "qualifications" / "broken.yml").write_text(
        "id: broken\ntitle: Broken\nrules:\n  groups:\n    - {name: A, kind: mandatory, units: [r-503-0866]}\n",
        encoding="utf-8",
    )
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode != 0
    assert (
        "content/qualifications/broken.yml:5:42: rules.groups[0].units[0]: no unit with id 'r-503-0866' in the "
        "catalogue; did you mean 'r-503-0865'?" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_build_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        project = make_project(tmp_path / name, printables=False)
        site = build_in_process(project, env={"SOURCE_DATE_EPOCH": "1767225600"})
        outputs.append(
            {
                str(p.relative_to(site)): p.read_bytes()
                for folder in ("qualifications", "indexes")
                for p in sorted((site / folder).rglob("*"))
                if p.is_file()
            }
        )
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 8


def test_handbook_pdf_is_offered_on_the_handbook_page(seed_site: Path) -> None:
    pdf = seed_site / "downloads" / "qualifications" / "sample-customer-service-handbook.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    handbook = read(seed_site, "qualifications/sample-customer-service")
    assert (
        '<a href="../../downloads/qualifications/sample-customer-service-handbook.pdf" download>'
        "Qualification handbook</a>" in handbook
    )
