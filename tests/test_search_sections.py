"""Search sections and anchors of generated pages are Material's and MkDocs', without their HTML parsers.

Every generated page of the test projects (seed units and qualifications, the fictional unit
shapes, the hostile unit: tags, quotes and entities in every field) is split into sections by
:func:`search_sections` and by Material's own ``Parser``; the sections must be equal in every
field, and the anchors MkDocs would collect (for its link validation) the same. Built sites are
compared whole, search index included, in ``tests/test_site_html.py``.
"""

from __future__ import annotations

import dataclasses

import pytest
from material.plugins.search.plugin import Parser
from mkdocs.structure.pages import _HTMLHandler

from generator.adapter.html_pages import anchor_ids
from generator.adapter.search_sections import search_sections
from generator.site.headings import markdown_headings
from generator.site.pages import HtmlPage

from .test_page_html import CONFIGS, _all_pages, _site, project  # noqa: F401 - the project fixture


def _fields(sections: list) -> list[tuple]:
    return [(s.el.tag, s.el.attrs, s.id, s.depth, s.title, s.text) for s in sections]


def _material(content: str) -> list:
    parser = Parser()
    parser.feed(content)
    parser.close()
    return parser.data


@pytest.mark.parametrize("config", ["project", "material"])
def test_sections_equal_materials(project, config: str) -> None:  # noqa: F811 - the fixture
    catalogue, qualifications = project
    extensions, configs = CONFIGS[config]
    site = dataclasses.replace(_site(catalogue, True), headings=markdown_headings(extensions, configs))
    compared = 0
    for path, page in _all_pages(catalogue, qualifications, site).items():
        if not isinstance(page, HtmlPage):
            continue
        sections = search_sections(page.html)
        assert sections is not None, path
        assert _fields(sections) == _fields(_material(page.html)), path
        handler = _HTMLHandler()
        handler.feed(page.html)
        handler.close()
        assert anchor_ids(page.html) == handler.present_anchor_ids, path
        compared += 1
    assert compared


@pytest.mark.parametrize(
    "content",
    [
        "text before<h2 id='x'>single quotes</h2>",
        "<p>a < b</p>",
        '<!-- comment --><h2 id="a">A</h2>',
        '<div data-search-exclude><h2 id="a">A</h2></div>',
        "<script>if (a < b) {}",
    ],
)
def test_what_the_one_expression_does_not_read_goes_to_materials_parser(content: str) -> None:
    assert search_sections(content) is None


@pytest.mark.parametrize(
    "content",
    [
        '<p>Intro</p>\n<h2 id="a">A &amp; B<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>\n'
        "<ul>\n<li>one</li>\n<li> </li>\n</ul>\n<pre><code>x\n\n  y</code></pre>",
        '<h1 id="t">Title</h1><script type="application/json">{"a": "</div>"}</script><p>after</p>'
        '<h3 id="c" class="x" class="y">C</h3><br/><div/>tail &lt;text&gt;',
        '<div><h2 id="n">Nested</h2><p>in</p></div><p>out</p><H2 ID="u">Upper</H2><a download href="f">f</a>',
    ],
)
def test_hand_written_cases_equal_materials(content: str) -> None:
    sections = search_sections(content)
    assert sections is not None
    assert _fields(sections) == _fields(_material(content))
