"""Generated page sources: golden files, escaping and links."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator.content.catalogue import build_catalogue
from generator.site.headings import markdown_headings
from generator.site.pages import HtmlPage, SiteContext, generate_pages
from generator.site.render import make_environment, render_markdown

from .conftest import ROOT, UNITS_DIR

GOLDENS = ROOT / "tests" / "goldens"
SITE = SiteContext(site_name="Golden site", build_date=dt.date(2026, 1, 1))


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    catalogue = build_catalogue(UNITS_DIR, root=ROOT)
    return generate_pages(make_environment(), catalogue, SITE)


@pytest.mark.parametrize(
    "page", ["units/r-503-0865.md", "units/ocr-unit-39.md", "units/ocr-unit-38.md", "units/index.md", "index.md"]
)
def test_page_matches_golden(pages: dict[str, str], page: str, update_goldens: bool) -> None:
    golden = GOLDENS / page
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8"), "run pytest --update-goldens and review the diff"


#: The site's Markdown as this project's mkdocs.yml sets it (MkDocs adds toc, tables and fenced_code).
SITE_HEADINGS = markdown_headings(["toc", "tables", "fenced_code", "admonition"], {"toc": {"permalink": False}})


@pytest.fixture(scope="module")
def html_pages() -> dict[str, Any]:
    catalogue = build_catalogue(UNITS_DIR, root=ROOT)
    site = dataclasses.replace(SITE, headings=SITE_HEADINGS)
    return generate_pages(make_environment(), catalogue, site, cache=None)


@pytest.mark.parametrize("page", ["units/r-503-0865.md", "units/ocr-unit-39.md", "units/index.md", "index.md"])
def test_html_page_matches_golden(html_pages: dict[str, Any], page: str, update_goldens: bool) -> None:
    """What the site publishes in the page's article: the HTML the plugin hands MkDocs, and its contents."""
    made = html_pages[page]
    assert isinstance(made, HtmlPage)
    contents = "".join(f"<!-- toc: {'  ' * (t['level'] - 2)}{t['id']} {t['name']} -->\n" for t in _flat(made.toc))
    text = contents + made.html + "\n"
    golden = GOLDENS / "html" / page.replace(".md", ".html")
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "run pytest --update-goldens and review the diff"


def _flat(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for token in tokens for item in (token, *_flat(token["children"]))]


def test_every_criterion_has_its_anchor(pages: dict[str, str]) -> None:
    for unit in build_catalogue(UNITS_DIR, root=ROOT):
        page = pages[f"units/{unit.slug}.md"]
        for criterion in unit.criteria:
            assert f'id="{criterion.anchor}"' in page


def test_expired_unit_is_flagged(pages: dict[str, str]) -> None:
    assert "This unit has expired" in pages["units/ocr-unit-39.md"]
    assert "This unit has expired" not in pages["units/r-503-0865.md"]


def test_sections_without_data_are_left_out(pages: dict[str, str]) -> None:
    assert "## Functional skills signposting" not in pages["units/ocr-unit-39.md"]
    assert "## Reading list" not in pages["units/r-503-0865.md"]
    assert "## Reading list" in pages["units/ocr-unit-38.md"]


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "<img"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">x</a>', "<a href"),
        ("<div onclick=alert(1)>x</div>", "<div"),
    ],
)
def test_markdown_filter_leaves_no_live_markup(source: str, forbidden: str) -> None:
    html = str(render_markdown(source))
    assert forbidden not in html


def test_markdown_filter_keeps_prose() -> None:
    html = str(render_markdown("Some *emphasis* and a [link](https://example.org).\n\n- one\n- two"))
    assert "<em>emphasis</em>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert "<li>one</li>" in html


def test_golden_files_exist() -> None:
    assert sorted(p.name for p in (GOLDENS / "units").glob("*.md")) == [
        "index.md",
        "ocr-unit-38.md",
        "ocr-unit-39.md",
        "r-503-0865.md",
    ]


def test_templates_directory_override(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "reading_list.html.j2").write_text("<p>CENTRE READING LIST</p>\n", encoding="utf-8")
    catalogue = build_catalogue(UNITS_DIR, root=ROOT)
    pages = generate_pages(make_environment([tmp_path]), catalogue, SITE)
    assert "CENTRE READING LIST" in pages["units/ocr-unit-38.md"]
    assert "Learning outcomes and assessment criteria" in pages["units/ocr-unit-38.md"]
