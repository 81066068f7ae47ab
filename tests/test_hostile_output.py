"""Hostile content stays inert in the built files: pages, titles, nav, search index, downloads.

The browser test (tests/browser/test_hostile_content.py) proves the same in Chromium; this
one audits the bytes MkDocs wrote, including files no browser opens directly.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.content.loader import load_model
from generator.content.model import Unit
from generator.printables.pipeline import KINDS

from .conftest import ROOT
from .hostile import (
    DOWNLOAD_AUDITS,
    HOSTILE_ID,
    HOSTILE_UNIT,
    hostile_downloads,
    live_markup,
    page_content,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(hostile_site: Path) -> Path:
    return hostile_site


@pytest.fixture(scope="module")
def unit() -> Unit:
    return load_model(HOSTILE_UNIT, Unit, root=ROOT)[0]


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<meta http-equiv="refresh" content="0">',
        "<svg onload=alert(1)>",
        "<iframe src=x></iframe>",
    ],
)
def test_the_audit_flags_live_markup(snippet: str) -> None:
    assert live_markup(snippet, theme_scripts=False)


def test_no_page_carries_live_markup(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert site / "units" / HOSTILE_ID / "index.html" in pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert live_markup(text, forbid_elements=False) == [], page
        problems = live_markup(page_content(text))
        if page.parent.name == "checker" and page.parent.parent.parent.name == "qualifications":
            # The pathway checker's form and checkboxes come from its template, not from content.
            problems = [p for p in problems if p not in ("<form> element", "<input> element")]
        assert problems == [], page


def test_payloads_are_shown_as_text(site: Path, unit: Unit) -> None:
    text = (site / "units" / HOSTILE_ID / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=&#39;lo&#39;" in text
    assert "&lt;img src=x onerror=" in text
    assert html.escape(unit.title, quote=False).split("<")[0] in text


def test_title_element_is_text_only(site: Path, unit: Unit) -> None:
    for page in sorted(site.rglob("*.html")):
        match = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
        assert match and "<" not in match.group(1), page
    text = (site / "units" / HOSTILE_ID / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
    assert html.unescape(title) == f"{unit.title} - Qualification handbook (sample)"


def test_meta_description_stays_one_attribute(site: Path) -> None:
    text = (site / "units" / HOSTILE_ID / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta name="description"[^>]*>', text).group(0)
    assert re.fullmatch(r'<meta name="description" content="[^"]*">', meta), meta


def test_nav_of_every_page_is_text_only(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for nav in re.findall(r"<nav\b.*?</nav>", text, re.S):
            assert live_markup(nav, forbid_elements=False) == [], page


def test_search_index_carries_no_live_markup(site: Path, unit: Unit) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    hostile = [doc for doc in index["docs"] if doc["location"].startswith(f"units/{HOSTILE_ID}/")]
    assert len(hostile) > 5
    for doc in index["docs"]:
        assert live_markup(doc["title"], theme_scripts=False) == [], doc["location"]
        assert live_markup(doc["text"], theme_scripts=False) == [], doc["location"]
        assert "<" not in doc["title"], doc["location"]
    assert html.unescape(hostile[0]["title"]) == unit.title


def test_sitemap_is_well_formed(site: Path) -> None:
    ET.parse(site / "sitemap.xml")


def test_every_download_of_the_hostile_unit_is_inert(site: Path) -> None:
    downloads = hostile_downloads(site)
    # Fails, rather than checking nothing, when a download of an audited type is missing.
    audited = {f"{HOSTILE_ID}-{kind.file_suffix}" for kind in KINDS if Path(kind.file_suffix).suffix in DOWNLOAD_AUDITS}
    assert audited and {path.name for path in downloads} == audited, downloads
    for path in downloads:
        assert DOWNLOAD_AUDITS[path.suffix](path) == [], path
