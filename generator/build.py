"""The build as a script of its stages, independent of MkDocs.

``load -> validate -> cross-check -> render``: everything is loaded and checked before
any page is rendered, so one bad unit stops the build before any output exists. The
MkDocs plugin and the ``handbook`` command both call :func:`prepare_site`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .content.catalogue import Catalogue, build_catalogue
from .content.qualifications import Qualifications, build_qualifications
from .site.downloads_page import render_downloads_page
from .site.pages import SiteContext, generate_pages
from .site.qualification_pages import generate_qualification_pages
from .site.render import make_environment

#: Static assets every site gets, looked up through the template search path.
ASSETS = ("assets/handbook.css", "assets/qualifications.css", "assets/pathway-checker.js")


@dataclass(frozen=True)
class Settings:
    """Where a project keeps its content, resolved to absolute paths.

    ```yaml
    plugins:
      - handbook:
          units_dir: content/units
          templates_dir: site_templates
    ```
    """

    root: Path
    units_dir: Path
    templates_dirs: Sequence[Path] = ()
    site_name: str = "Qualification handbook"
    directory_urls: bool = True
    qualifications_dir: Path | None = None


@dataclass
class PreparedSite:
    """A checked catalogue and every generated page and asset, ready to be written."""

    catalogue: Catalogue
    pages: dict[str, str]
    assets: dict[str, str] = field(default_factory=dict)
    qualifications: Qualifications = field(default_factory=Qualifications)


def build_date() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def load_catalogue(settings: Settings) -> Catalogue:
    """Load and check every unit; raises :class:`~generator.errors.ContentErrors`."""
    return build_catalogue(settings.units_dir, root=settings.root)


def load_qualifications(settings: Settings, catalogue: Catalogue) -> Qualifications:
    """Load every qualification and check it against ``catalogue``; raises ``ContentErrors``."""
    folder = settings.qualifications_dir or settings.root / "content" / "qualifications"
    return build_qualifications(folder, catalogue, root=settings.root)


def environment_for(settings: Settings) -> jinja2.Environment:
    """The template environment for a project."""
    return make_environment(settings.templates_dirs)


def render_assets(env: jinja2.Environment) -> dict[str, str]:
    """The static assets, read through the template search path so a project can override them."""
    assert env.loader is not None
    return {name: env.loader.get_source(env, name)[0] for name in ASSETS}


def prepare_site(
    settings: Settings,
    *,
    with_home: bool = True,
    downloads: dict | None = None,
    catalogue: Catalogue | None = None,
    qualifications: Qualifications | None = None,
) -> PreparedSite:
    """Load, check and render: every page's Markdown, or every content error at once.

    Pass ``catalogue`` and ``qualifications`` when they are already loaded (the printables
    stage loads them first).
    """
    catalogue = catalogue if catalogue is not None else load_catalogue(settings)
    qualifications = qualifications if qualifications is not None else load_qualifications(settings, catalogue)
    env = environment_for(settings)
    site = SiteContext(
        site_name=settings.site_name,
        build_date=build_date(),
        directory_urls=settings.directory_urls,
        downloads=downloads or {},
    )
    pages = generate_pages(env, catalogue, site, with_home=with_home)
    pages.update(generate_qualification_pages(env, catalogue, qualifications, site))
    pages.update(render_downloads_page(env, catalogue, qualifications, site))
    return PreparedSite(catalogue, pages, render_assets(env), qualifications)
