"""Generated pages made straight to HTML give what Python-Markdown makes of their Markdown form.

Every generated page (units, indexes, qualification pages, downloads) is rendered both ways
with the same data, and the Markdown form is converted by Python-Markdown with the site's
extensions, as MkDocs would. The HTML, the table of contents and the heading ids must be the
same to the byte, under several Markdown configurations (``tests/test_site_html.py`` compares
whole built sites).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given

from generator.build import load_qualifications
from generator.content.catalogue import Catalogue, SourcedUnit, build_catalogue
from generator.content.loader import parse_document, validate_document
from generator.content.model import Unit
from generator.content.qualifications import Qualifications, build_qualifications
from generator.settings import Settings
from generator.site.downloads_page import render_downloads_page
from generator.site.headings import html_body, markdown_headings
from generator.site.pages import Download, HtmlPage, SiteContext, generate_pages, meta_text, unit_page_path
from generator.site.qualification_pages import generate_qualification_pages
from generator.site.render import make_environment

from .conftest import HOSTILE_UNIT, ROOT, UNITS_DIR
from .unit_strategies import dump, valid_units

#: Markdown configurations: this project's, Material's recommended one, and odd toc settings.
CONFIGS: dict[str, tuple[list[Any], dict[str, Any]]] = {
    "project": (["toc", "tables", "fenced_code", "admonition"], {"toc": {"permalink": False}}),
    "material": (
        [
            "toc",
            "tables",
            "fenced_code",
            "admonition",
            "attr_list",
            "md_in_html",
            "def_list",
            "footnotes",
            "pymdownx.details",
            "pymdownx.superfences",
            "pymdownx.highlight",
            "pymdownx.inlinehilite",
        ],
        {"toc": {"permalink": True}},
    ),
    "toc-options": (
        ["toc", "tables", "smarty"],
        {"toc": {"permalink": "#", "anchorlink": True, "baselevel": 2, "toc_depth": "2-3", "separator": "_"}},
    ),
}
DATE = dt.date(2026, 1, 1)
#: The pages that keep the Markdown pass (see generator/site/headings.py).
MARKDOWN_PASS = {"units/fict-hostile.md"}


def _all_pages(catalogue: Catalogue, qualifications: Qualifications, site: SiteContext) -> dict[str, Any]:
    env = make_environment()
    pages: dict[str, Any] = generate_pages(env, catalogue, site, cache=None)
    pages.update(generate_qualification_pages(env, catalogue, qualifications, site))
    pages.update(render_downloads_page(env, catalogue, qualifications, site))
    return pages


def _project(name: str, tmp: Path) -> tuple[Catalogue, Qualifications]:
    if name == "content":
        catalogue = build_catalogue(UNITS_DIR, root=ROOT)
        settings = Settings(root=ROOT, units_dir=UNITS_DIR, qualifications_dir=ROOT / "content" / "qualifications")
        return catalogue, load_qualifications(settings, catalogue)
    if name == "qualifications":
        catalogue = build_catalogue(ROOT / "tests" / "qualifications" / "units", root=ROOT)
        return catalogue, build_qualifications(ROOT / "tests" / "qualifications" / "good", catalogue, root=ROOT)
    folder = ROOT / "tests" / "fixtures" / "units"
    if name == "hostile":
        folder = tmp / "units"
        folder.mkdir()
        shutil.copy(HOSTILE_UNIT, folder / HOSTILE_UNIT.name)
        return build_catalogue(folder, root=tmp), Qualifications()
    return build_catalogue(folder, root=ROOT), Qualifications()


@pytest.fixture(scope="module", params=["content", "qualifications", "shapes", "hostile"])
def project(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Catalogue, Qualifications]:
    return _project(request.param, tmp_path_factory.mktemp(request.param))


def _site(catalogue: Catalogue, directory_urls: bool) -> SiteContext:
    # A downloads box on every unit, so the downloads page and boxes are compared too.
    downloads = {
        unit.id: [Download("Workbook (PDF)", f"downloads/{unit.slug}/workbook.pdf", "PDF", 12_345)]
        for unit in catalogue
    }
    return SiteContext(site_name="Test & <site>", build_date=DATE, directory_urls=directory_urls, downloads=downloads)


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("directory_urls", [True, False])
def test_html_pages_equal_markdown_conversion(
    project: tuple[Catalogue, Qualifications], config: str, directory_urls: bool
) -> None:
    catalogue, qualifications = project
    extensions, configs = CONFIGS[config]
    site = _site(catalogue, directory_urls)
    markdown_pages = _all_pages(catalogue, qualifications, site)
    html_pages = _all_pages(
        catalogue, qualifications, dataclasses.replace(site, headings=markdown_headings(extensions, configs))
    )
    assert markdown_pages.keys() == html_pages.keys()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    for path, source in markdown_pages.items():
        page = html_pages[path]
        if path in MARKDOWN_PASS:
            # Its criterion holds two blank lines in a row, so it keeps the Markdown pass.
            assert page == source
            continue
        assert isinstance(page, HtmlPage), path
        front, body = _split_front_matter(source)
        assert meta_text(page.meta) == front, path
        expected = md.reset().convert(body)
        assert page.html == expected, path
        assert page.toc == md.toc_tokens, path


def test_repeated_headings_are_numbered_as_the_toc_extension_numbers_them() -> None:
    headings = markdown_headings(["toc"], {"toc": {"permalink": True}})
    from generator.site.headings import PageHeadings

    writer = PageHeadings(headings)
    rendered = f"{writer(2, 'Same')}\n\n<p>a</p>\n\n{writer(2, 'Same')}\n\n{writer(3, 'Same')}\n"
    body = html_body(rendered, writer)
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    expected = md.convert("## Same\n\n<p>a</p>\n\n## Same\n\n### Same\n")
    assert body is not None
    assert body.html == expected
    assert body.toc == md.toc_tokens
    assert 'id="same_1"' in body.html and 'id="same_2"' in body.html


@pytest.mark.parametrize(
    "text",
    [
        "<div>\n<pre><code>a\n\n## not a heading\n\tb\n</code></pre>\n</div>\n",
        "<div>\r\n<p>windows\tline</p>\r\n</div>\n   \n<p>after</p>\n\x02<p>\x03x</p>\n",
    ],
)
def test_whitespace_is_normalised_as_markdown_does(text: str) -> None:
    from generator.site.headings import PageHeadings

    writer = PageHeadings(markdown_headings(["toc"], {}))
    rendered = f"{writer(2, 'Start')}\n\n{text}\n{writer(2, 'End')}\n"
    body = html_body(rendered, writer)
    assert body is not None
    assert body.html == markdown.Markdown(extensions=["toc"]).convert(f"## Start\n\n{text}\n## End\n")


def test_nul_in_the_data_keeps_the_markdown_pass() -> None:
    from generator.site.headings import PageHeadings

    writer = PageHeadings(markdown_headings(["toc"], {}))
    assert html_body(f"{writer(2, 'A')}\n\n<p>\x000\x00</p>\n", writer) is None


def test_two_blank_lines_in_a_row_keep_the_markdown_pass() -> None:
    from generator.site.headings import PageHeadings

    writer = PageHeadings(markdown_headings(["toc"], {}))
    assert html_body(f"{writer(2, 'A')}\n\n<pre><code>a\n\n\nb</code></pre>\n", writer) is None


def test_a_heading_the_site_makes_into_more_than_one_element_keeps_the_markdown_pass() -> None:
    from generator.site.headings import HtmlHeadings, PageHeadings

    odd = HtmlHeadings(lambda source: ("<h2 id='x'>X</h2>\n<p>appended</p>", []), key="odd")
    writer = PageHeadings(odd)
    assert html_body(f"{writer(2, 'X')}\n", writer) is None


def test_a_projects_own_page_template_keeps_the_markdown_pass(tmp_path: Path) -> None:
    (tmp_path / "home.md.j2").write_text("# {{ site.site_name }}\n\nSome *Markdown*.\n", encoding="utf-8")
    env = make_environment([tmp_path])
    site = SiteContext(site_name="Own", build_date=DATE, headings=markdown_headings(["toc"], {}))
    pages = generate_pages(env, Catalogue(()), site, cache=None)
    assert pages["index.md"] == '---\ntitle: "Own"\n---\n\n# Own\n\nSome *Markdown*.\n'
    assert isinstance(pages["units/index.md"], HtmlPage)


def _split_front_matter(source: str) -> tuple[str, str]:
    end = source.index("\n---\n", 4) + len("\n---\n")
    return source[: end + 1], source[end + 1 :]


@given(valid_units())
def test_any_valid_unit_page_equals_markdown_conversion(data: dict) -> None:
    """Generated units (every optional part, odd characters) give the same page both ways."""
    text = dump(data)
    document = parse_document(text, "content/units/generated.yml")
    unit = validate_document(document, Unit)
    catalogue = Catalogue((SourcedUnit(unit, document),))
    site = SiteContext(site_name="Fictional handbook", build_date=DATE)
    extensions, configs = CONFIGS["material"]
    source = generate_pages(_PROPERTY_ENV, catalogue, site, cache=None)[unit_page_path(unit)]
    made = generate_pages(_PROPERTY_ENV, catalogue, dataclasses.replace(site, headings=_PROPERTY_HEADINGS), cache=None)[
        unit_page_path(unit)
    ]
    front, body = _split_front_matter(source)
    if isinstance(made, str):  # two blank lines in a row in the data: the Markdown pass, unchanged
        assert made == source
        return
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    assert meta_text(made.meta) == front
    assert made.html == md.convert(body)
    assert made.toc == md.toc_tokens


_PROPERTY_HEADINGS = markdown_headings(*CONFIGS["material"])
#: One environment for every example: it compiles each template once (compiling, not rendering,
#: was most of an example's time); rendering reads nothing else from it.
_PROPERTY_ENV = make_environment()
