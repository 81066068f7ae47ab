"""The build as one script of steps, independent of MkDocs (as ``mkdocs/commands/build.py`` is for MkDocs).

:func:`prepare_site` reads top to bottom:

1. load and check every unit, then every qualification against them: one bad file stops
   the build before any output exists, and a project with no units is an error;
2. printables: each unit's workbooks, record sheet and tracker, and each qualification's
   handbook PDF, all through the one printables pipeline (one cache, one prune);
3. exports (a slot: nothing yet);
4. pages: every page's Markdown and the static assets, with the downloads from 2-3.

The MkDocs plugin (:mod:`generator.adapter.plugin`) turns MkDocs config into
:class:`~generator.settings.Settings`, calls :func:`prepare_site` and hands the result to
MkDocs as files; ``handbook build`` runs MkDocs, so it runs this script too.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from .content.catalogue import UNIT_SUFFIXES, Catalogue, build_catalogue, find_unit_files
from .content.qualifications import Qualifications, build_qualifications
from .errors import SettingsError
from .settings import Settings
from .site.pages import Download, SiteContext, generate_pages
from .site.qualification_pages import generate_qualification_pages
from .site.render import make_environment

if TYPE_CHECKING:
    from .printables.pipeline import PrintablesSettings

__all__ = ["ASSETS", "OutputFile", "PreparedSite", "Settings", "prepare_site"]

#: Static assets every site gets, looked up through the template search path.
ASSETS = ("assets/handbook.css", "assets/qualifications.css", "assets/pathway-checker.js")

#: Reports one line of progress ("printables: 12/40").
Report = Callable[[str], None]


@dataclass(frozen=True)
class OutputFile:
    """A built download: where it goes in the site, and the file (in the cache) that holds it."""

    site_path: str
    path: Path


@dataclass
class PreparedSite:
    """A checked catalogue and every generated page, asset and download, ready to be written."""

    catalogue: Catalogue
    pages: dict[str, str]
    assets: dict[str, str] = field(default_factory=dict)
    qualifications: Qualifications = field(default_factory=Qualifications)
    files: list[OutputFile] = field(default_factory=list)
    """Binary downloads (printables, handbook PDFs), in a stable order."""


def build_date() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def load_catalogue(settings: Settings) -> Catalogue:
    """Load and check every unit; raises ``ContentErrors``, or :class:`SettingsError` when there are none."""
    if not find_unit_files(settings.units_dir):
        raise SettingsError(no_units_message(settings))
    return build_catalogue(settings.units_dir, root=settings.root)


def no_units_message(settings: Settings) -> str:
    """The one line that says the units folder holds no units, naming the option and the folder."""
    folder = settings.relative(settings.units_dir)
    if not settings.units_dir.is_dir():
        return f"{settings.option('units_dir')}: folder '{folder}' does not exist"
    patterns = ", ".join("*" + suffix for suffix in UNIT_SUFFIXES)
    return f"{settings.option('units_dir')}: '{folder}' holds no unit files ({patterns})"


def load_qualifications(settings: Settings, catalogue: Catalogue) -> Qualifications:
    """Load every qualification and check it against ``catalogue``; raises ``ContentErrors``."""
    return build_qualifications(settings.qualifications_folder, catalogue, root=settings.root)


def environment_for(settings: Settings) -> jinja2.Environment:
    """The template environment for a project."""
    return make_environment(settings.templates_dirs)


def render_assets(env: jinja2.Environment) -> dict[str, str]:
    """The static assets, read through the template search path so a project can override them."""
    assert env.loader is not None
    return {name: env.loader.get_source(env, name)[0] for name in ASSETS}


def printables_settings(settings: Settings) -> PrintablesSettings:
    """The printables pipeline's settings for a project."""
    from .printables.pipeline import PrintablesSettings

    return PrintablesSettings(
        cache_dir=settings.cache_dir,
        templates_dirs=settings.templates_dirs,
        default_methods=settings.printables.default_methods,
        workers=settings.printables.workers,
        prune=settings.printables.prune,
    )


def print_all(
    settings: Settings, catalogue: Catalogue, qualifications: Qualifications, report: Report
) -> tuple[dict[str, list[Download]], list[OutputFile]]:
    """Every unit's printables and every qualification's handbook PDF, through the one printables pipeline."""
    # Imported here: WeasyPrint takes a second to load, and `mkdocs serve` usually skips printables.
    from .printables.pipeline import build_printables

    result = build_printables(
        catalogue,
        printables_settings(settings),
        qualifications=qualifications,
        build_date=build_date(),
        progress=lambda done, total: report(f"printables: {done}/{total}"),
    )
    report(f"printables: {len(result.rendered)} rendered, {len(result.reused)} reused from the cache")
    return result.downloads(), [OutputFile(item.site_path, item.path) for item in result.files]


def prepare_site(
    settings: Settings,
    *,
    with_home: bool = True,
    printables: bool = False,
    report: Report | None = None,
) -> PreparedSite:
    """Load, check, print and render: every page's Markdown and every download, or every error at once.

    ``printables`` builds the downloads (workbooks, sheets, trackers, handbook PDFs); the
    caller decides from ``settings.printables`` and the command (``mkdocs serve`` skips them).
    """
    say = report or (lambda line: None)
    catalogue = load_catalogue(settings)
    qualifications = load_qualifications(settings, catalogue)
    downloads: dict[str, list[Download]] = {}
    files: list[OutputFile] = []
    if printables:
        for step in (
            lambda: print_all(settings, catalogue, qualifications, say),
            # Exports (CASE JSON, Moodle CSV) go here: they return downloads and files too.
        ):
            step_downloads, step_files = step()
            downloads.update(step_downloads)
            files.extend(step_files)
    env = environment_for(settings)
    site = SiteContext(
        site_name=settings.site_name,
        build_date=build_date(),
        directory_urls=settings.directory_urls,
        downloads=downloads,
    )
    pages = generate_pages(env, catalogue, site, with_home=with_home)
    pages.update(generate_qualification_pages(env, catalogue, qualifications, site))
    say(f"Loaded {len(catalogue)} units")
    return PreparedSite(catalogue, pages, render_assets(env), qualifications, files)
