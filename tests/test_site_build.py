"""Real `mkdocs build --strict` runs in a temporary copy of the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.catalogue import build_catalogue

from .conftest import ROOT, UNITS_DIR
from .helpers import run_mkdocs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built_site(seed_site: Path) -> Path:
    return seed_site


def test_every_seed_criterion_appears_with_its_anchor(built_site) -> None:
    for unit in build_catalogue(UNITS_DIR, root=ROOT):
        html = (built_site / "units" / unit.slug / "index.html").read_text(encoding="utf-8")
        for criterion in unit.criteria:
            match = re.search(rf'<td id="{criterion.anchor}"[^>]*>(.*?)</td>', html, re.S)
            assert match, f"{unit.id} {criterion.number}"
            assert criterion.text.replace("'", "&#39;") in match.group(1)


def test_units_index_links_every_unit(built_site) -> None:
    html = (built_site / "units" / "index.html").read_text(encoding="utf-8")
    for unit in build_catalogue(UNITS_DIR, root=ROOT):
        assert f'href="{unit.slug}/"' in html


def test_unit_pages_are_not_in_the_nav(built_site) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "r-503-0865" not in nav


def test_no_outside_hosts_referenced(built_site) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            assert page.name and ("fonts.googleapis" not in url and "cdn" not in url), url


def test_content_folder_untouched(built_site) -> None:
    assert sorted(p.name for p in (ROOT / "content" / "units").iterdir()) == [
        "ocr-unit-38.yml",
        "ocr-unit-39.yml",
        "r-503-0865.yml",
    ]


def test_bad_unit_fails_build_with_one_line_error(site_project) -> None:
    project = site_project({"broken.yml": "id: broken\ntitel: x\nlevel: 2\n"})
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode != 0
    assert "content/units/broken.yml:2:1: titel: unknown key; did you mean 'title'?" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
