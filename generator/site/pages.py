"""Catalogue to pages: every generated page, as Markdown or made straight to HTML, keyed by its path.

Nothing here knows about MkDocs: the plugin hands these pages to MkDocs as generated
files, and tests render them directly.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import posixpath
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markdown.extensions.toc import slugify as toc_slugify

from ..content.catalogue import Catalogue
from ..content.model import Unit
from .headings import HtmlHeadings, PageHeadings, html_body
from .page_cache import PAGE_CACHE, PageCache
from .render import default_templates_dir

if TYPE_CHECKING:
    from ..versions.timeline import UnitHistory


def version_page_path(unit: Unit, entry: Any) -> str:
    """Where an earlier version of ``unit`` has its page: ``units/<slug>/v/<version>.md``."""
    return f"units/{unit.slug}/v/{entry.slug}.md"


UNITS_INDEX = "units/index.md"
HOME = "index.md"


@dataclass(frozen=True)
class Download:
    """A file offered in a unit's downloads box."""

    label: str
    href: str
    kind: str
    size: int = 0


@dataclass(frozen=True)
class SiteContext:
    """What every page template may use besides the unit itself."""

    site_name: str
    build_date: dt.date
    directory_urls: bool = True
    downloads: Mapping[str, Sequence[Download]] = field(default_factory=dict)
    histories: Mapping[str, UnitHistory] = field(default_factory=dict)
    """Each versioned unit's versions, newest first (see :mod:`generator.versions.timeline`)."""
    headings: HtmlHeadings | None = None
    """Make pages straight to HTML with these headings (see :mod:`.headings`); None: Markdown pages."""

    def linker(self, from_page: str) -> Callable[[str], str]:
        """A function giving the relative URL from ``from_page`` to another page or file."""
        return lambda target: relative_url(from_page, target, directory_urls=self.directory_urls)


def page_url(src_path: str, *, directory_urls: bool) -> str:
    """The URL path (relative to the site root) MkDocs gives the page ``src_path``."""
    if not src_path.endswith(".md"):
        return src_path
    stem = src_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        # Without directory URLs (Material's offline plugin) a folder link would open a
        # folder listing from disk, so index pages are linked by file name.
        return stem[: -len("index")] if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(from_page: str, target: str, *, directory_urls: bool) -> str:
    """The link from page ``from_page`` to ``target`` (a page source path or a file path).

    Raw HTML in generated pages is not rewritten by MkDocs, so links are made final here.
    """
    here = page_url(from_page, directory_urls=directory_urls)
    there = page_url(target, directory_urls=directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    relative = posixpath.relpath(there or ".", base.rstrip("/") or ".")
    if there.endswith("/") or not there:
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative


def unit_page_path(unit: Unit) -> str:
    """Where the unit's page lives in the site: ``units/<slug>.md``."""
    return f"units/{unit.slug}.md"


def page_meta(
    title: str, description: str | None = None, breadcrumbs: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    """A generated page's metadata: what MkDocs reads from the front matter :func:`front_matter` writes.

    Title and description are HTML-escaped because the theme prints ``page.meta.title`` and
    ``page.meta.description`` unescaped. The description lands inside an attribute, so its
    quotes are escaped too; the title's are not, because the theme also prints it through
    ``| e`` in labels, where ``&#x27;`` would be read out literally. ``breadcrumbs`` are
    ``(title, url)`` pairs shown above the page by the theme overrides (``overrides/main.html``).
    """
    meta: dict[str, Any] = {"title": html.escape(title, quote=False)}
    if description:
        meta["description"] = html.escape(description[:300])
    if breadcrumbs:
        meta["qh_breadcrumbs"] = [{"title": html.escape(name), "url": html.escape(url)} for name, url in breadcrumbs]
    return meta


def meta_text(meta: Mapping[str, Any]) -> str:
    """YAML front matter holding ``meta``: JSON values are valid YAML, so no value can break out."""
    lines = ["---", *(f"{key}: {json.dumps(value)}" for key, value in meta.items()), "---"]
    return "\n".join(lines) + "\n\n"


def front_matter(title: str, description: str | None = None, breadcrumbs: Sequence[tuple[str, str]] = ()) -> str:
    """YAML front matter for a generated page (see :func:`page_meta`)."""
    return meta_text(page_meta(title, description, breadcrumbs))


@dataclass(frozen=True)
class HtmlPage:
    """A generated page made straight to HTML: what MkDocs' Markdown pass would have made of its source."""

    meta: dict[str, Any]
    """As its front matter would give it."""
    html: str
    toc: list[dict[str, Any]]
    """The nested table-of-contents tokens, as Python-Markdown's toc extension gives them."""

    @property
    def source(self) -> str:
        """The page as a file: front matter and the HTML (which Markdown passes through unchanged)."""
        return meta_text(self.meta) + self.html


#: A generated page: Markdown source (front matter included), or made straight to HTML.
PageSource = str | HtmlPage


@functools.cache
def _packaged_source(name: str) -> str | None:
    path = default_templates_dir() / name
    return path.read_text(encoding="utf-8") if path.is_file() else None


#: Per environment (one a build), whether each page template writes HTML (see :func:`renders_html`).
_writes_html: weakref.WeakKeyDictionary[jinja2.Environment, dict[str, bool]] = weakref.WeakKeyDictionary()


def renders_html(env: jinja2.Environment, name: str) -> bool:
    """Whether page template ``name`` writes only HTML blocks and ``heading()`` lines.

    The packaged page templates do, and so does a project's unchanged copy of one. A project's
    own page template may hold Markdown, so its pages keep the Markdown pass.
    """
    known = _writes_html.setdefault(env, {})
    if name not in known:
        assert env.loader is not None
        source, filename, _ = env.loader.get_source(env, name)
        packaged = filename is not None and Path(filename).resolve().parent == default_templates_dir().resolve()
        known[name] = packaged or source == _packaged_source(name)
    return known[name]


def render_page(
    env: jinja2.Environment,
    template: str,
    site: SiteContext,
    meta: dict[str, Any],
    **context: object,
) -> PageSource:
    """Page template ``template`` rendered with ``site`` and ``context``: an :class:`HtmlPage` when
    ``site.headings`` says so, else Markdown with ``meta`` as its front matter."""
    context["site"] = site
    if site.headings is not None and renders_html(env, template):
        headings = PageHeadings(site.headings)
        body = html_body(env.get_template(template).render(heading=headings, **context), headings)
        if body is not None:
            return HtmlPage(meta, body.html, body.toc)
    text = env.get_template(template).render(heading=PageHeadings(), **context)
    return meta_text(meta) + text


def render_unit_page(env: jinja2.Environment, unit: Unit, site: SiteContext) -> PageSource:
    """One unit's page."""
    summary = " ".join(unit.purpose.split()) if unit.purpose else None
    link = site.linker(unit_page_path(unit))
    units_index = link(UNITS_INDEX)
    # The units index heads each level group with the level's label; the toc extension's slug is its id.
    level = unit.level.label
    trail = (("Units", units_index), (level, f"{units_index}#{toc_slugify(level, '-')}"))
    return render_page(
        env,
        "unit.md.j2",
        site,
        page_meta(unit.title, summary, trail),
        unit=unit,
        expired=unit.is_expired(site.build_date),
        downloads=site.downloads.get(unit.id, ()),
        data_downloads=site.downloads.get(f"data:{unit.id}", ()),
        history=site.histories.get(unit.id),
        version_entry=None,
        version_page=lambda entry: version_page_path(unit, entry),
        link=link,
    )


def render_units_index(env: jinja2.Environment, catalogue: Catalogue, site: SiteContext) -> PageSource:
    """The units index: every unit in a table, then units by level."""
    return render_page(
        env,
        "units_index.md.j2",
        site,
        page_meta("Units"),
        catalogue=catalogue,
        page_path=unit_page_path,
        link=site.linker(UNITS_INDEX),
    )


def render_home(env: jinja2.Environment, catalogue: Catalogue, site: SiteContext) -> PageSource:
    """The home page, used when the project has no ``index.md`` of its own."""
    return render_page(
        env,
        "home.md.j2",
        site,
        page_meta(site.site_name),
        catalogue=catalogue,
        page_path=unit_page_path,
        link=site.linker(HOME),
    )


def generate_pages(
    env: jinja2.Environment,
    catalogue: Catalogue,
    site: SiteContext,
    *,
    with_home: bool = True,
    cache: PageCache | None = PAGE_CACHE,
) -> dict[str, PageSource]:
    """Every generated page (Markdown, or HTML when ``site.headings`` is set), keyed by its path in the site.

    Unit pages whose unit, downloads, templates and site are unchanged since the last build in
    this process are taken from ``cache`` instead of rendered again (``None``: render all).
    """
    pages: dict[str, PageSource] = {UNITS_INDEX: render_units_index(env, catalogue, site)}
    if with_home:
        pages[HOME] = render_home(env, catalogue, site)
    if cache is not None:
        cache.begin(env, site)
    for unit in catalogue:
        path = unit_page_path(unit)
        if cache is None:
            pages[path] = render_unit_page(env, unit, site)
        else:
            extra = (
                site.downloads.get(unit.id, ()),
                site.downloads.get(f"data:{unit.id}", ()),
                site.histories.get(unit.id),
            )
            pages[path] = cache.page(path, unit, extra, lambda unit=unit: render_unit_page(env, unit, site))
    if cache is not None:
        cache.keep_only(set(pages))
    return pages
