"""A site built with generated pages made straight to HTML is the site the Markdown pass builds.

The sample project (seed units, qualifications, a unit with every hostile string) is built
twice by real MkDocs: as the plugin builds it, and with ``HANDBOOK_PAGES=markdown`` (every
generated page through MkDocs' Markdown pass, as before). Every HTML file and the search
index must be the same to the byte, with and without directory URLs; each generated page's
links must lead to files of the site.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import HOSTILE_UNIT
from .helpers import build_in_process, make_project

GENERATED = ("units/", "qualifications/", "indexes/", "downloads/", "whats-new")


def _build(project: Path, *, markdown: bool) -> Path:
    site = build_in_process(project, env={"HANDBOOK_PAGES": "markdown" if markdown else ""})
    kept = project / ("site-markdown" if markdown else "site-html")
    shutil.rmtree(kept, ignore_errors=True)
    site.rename(kept)
    return kept


@pytest.fixture(scope="module", params=[True, False], ids=["directory-urls", "file-urls"])
def sites(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = make_project(tmp_path_factory.mktemp("site"), printables=False)
    shutil.copy(HOSTILE_UNIT, project / "content" / "units" / HOSTILE_UNIT.name)
    if not request.param:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text().replace("use_directory_urls: true", "use_directory_urls: false"))
    return _build(project, markdown=True), _build(project, markdown=False)


def _files(site: Path) -> dict[str, Path]:
    return {
        path.relative_to(site).as_posix(): path
        for path in sorted(site.rglob("*"))
        if path.suffix == ".html" or path.name == "search_index.json"
    }


def test_every_page_and_the_search_index_are_the_same(sites: tuple[Path, Path]) -> None:
    before, after = (_files(site) for site in sites)
    assert before.keys() == after.keys()
    assert any(name.startswith("units/") for name in after)
    different = [name for name in before if before[name].read_bytes() != after[name].read_bytes()]
    assert different == []


_HREF = re.compile(r'<(?:a|link|script)\s[^>]*?(?:href|src)="([^"#?]*)')


def test_links_of_generated_pages_lead_to_files_of_the_site(sites: tuple[Path, Path]) -> None:
    site = sites[1]
    checked = 0
    for name, path in _files(site).items():
        if not name.startswith(GENERATED):
            continue
        for target in _HREF.findall(path.read_text(encoding="utf-8")):
            if not target or urlsplit(target).scheme or target.startswith("//"):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
            file = site / resolved
            assert file.is_file() or (file / "index.html").is_file(), f"{name}: {target}"
            checked += 1
    assert checked > 100


def test_a_plugin_that_changes_a_pages_markdown_gets_it_rendered(tmp_path: Path) -> None:
    project = make_project(tmp_path / "hooked", printables=False)
    (project / "hooks.py").write_text(
        "def on_page_markdown(markdown, page, config, files):\n"
        "    if page.file.src_uri.startswith('units/r-'):\n"
        "        return markdown + '\\n\\nAdded by a *hook*.\\n'\n"
        "    return markdown\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - hooks.py\n", encoding="utf-8")
    site = build_in_process(project)
    page = (site / "units" / "r-503-0865" / "index.html").read_text(encoding="utf-8")
    assert "<p>Added by a <em>hook</em>.</p>" in page
    # The table of contents is still the page's own.
    assert 'href="#learning-outcomes-and-assessment-criteria"' in page
