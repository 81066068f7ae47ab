"""Catalogue to pages: the Markdown source of every generated page, keyed by its path.

Nothing here knows about MkDocs: the plugin hands these pages to MkDocs as generated
files, and tests render them directly.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jinja2
from markdown.extensions.toc import slugify as toc_slugify

from ..content.catalogue import Catalogue
from ..content.model import Unit
from .page_cache import PAGE_CACHE, PageCache

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


def front_matter(title: str, description: str | None = None, breadcrumbs: Sequence[tuple[str, str]] = ()) -> str:
    """YAML front matter for a generated page.

    Both are HTML-escaped because the theme prints ``page.meta.title`` and
    ``page.meta.description`` unescaped. The description lands inside an attribute, so its
    quotes are escaped too; the title's are not, because the theme also prints it through
    ``| e`` in labels, where ``&#x27;`` would be read out literally. JSON strings are valid
    YAML, so no value can break out of the front matter. ``breadcrumbs`` are ``(title, url)``
    pairs shown above the page by the theme overrides (``overrides/main.html``).
    """
    lines = ["---", f"title: {json.dumps(html.escape(title, quote=False))}"]
    if description:
        lines.append(f"description: {json.dumps(html.escape(description[:300]))}")
    if breadcrumbs:
        trail = [{"title": html.escape(name), "url": html.escape(url)} for name, url in breadcrumbs]
        lines.append(f"qh_breadcrumbs: {json.dumps(trail)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def render_unit_page(env: jinja2.Environment, unit: Unit, site: SiteContext) -> str:
    """The Markdown source of one unit's page."""
    body = env.get_template("unit.md.j2").render(
        unit=unit,
        site=site,
        expired=unit.is_expired(site.build_date),
        downloads=site.downloads.get(unit.id, ()),
        data_downloads=site.downloads.get(f"data:{unit.id}", ()),
        history=site.histories.get(unit.id),
        version_entry=None,
        version_page=lambda entry: version_page_path(unit, entry),
        link=site.linker(unit_page_path(unit)),
    )
    summary = " ".join(unit.purpose.split()) if unit.purpose else None
    link = site.linker(unit_page_path(unit))
    units_index = link(UNITS_INDEX)
    # The units index heads each level group with the level's label; the toc extension's slug is its id.
    level = unit.level.label
    trail = (("Units", units_index), (level, f"{units_index}#{toc_slugify(level, '-')}"))
    return front_matter(unit.title, summary, trail) + body


def render_units_index(env: jinja2.Environment, catalogue: Catalogue, site: SiteContext) -> str:
    """The units index: every unit in a table, then units by level."""
    body = env.get_template("units_index.md.j2").render(
        catalogue=catalogue, site=site, page_path=unit_page_path, link=site.linker(UNITS_INDEX)
    )
    return front_matter("Units") + body


def render_home(env: jinja2.Environment, catalogue: Catalogue, site: SiteContext) -> str:
    """The home page, used when the project has no ``index.md`` of its own."""
    body = env.get_template("home.md.j2").render(
        catalogue=catalogue, site=site, page_path=unit_page_path, link=site.linker(HOME)
    )
    return front_matter(site.site_name) + body


def generate_pages(
    env: jinja2.Environment,
    catalogue: Catalogue,
    site: SiteContext,
    *,
    with_home: bool = True,
    cache: PageCache | None = PAGE_CACHE,
) -> dict[str, str]:
    """Every generated page's Markdown, keyed by its path in the site.

    Unit pages whose unit, downloads, templates and site are unchanged since the last build in
    this process are taken from ``cache`` instead of rendered again (``None``: render all).
    """
    pages = {UNITS_INDEX: render_units_index(env, catalogue, site)}
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
