"""The build as one script of steps, independent of MkDocs (as ``mkdocs/commands/build.py`` is for MkDocs).

:func:`prepare_site` reads top to bottom:

1. load and check every unit, then every qualification against them: one bad file stops
   the build before any output exists, and a project with no units is an error;
2. printables: each unit's workbooks, record sheet and tracker, and each qualification's
   handbook PDF, all through the one printables pipeline (one cache, one prune);
3. exports: unit JSON, CASE 1.1 packages, Moodle frameworks and criteria sheets, built in
   memory, each kept in the cache by its inputs (``exports.enabled`` turns them off);
4. pages: every page (Markdown, or made straight to HTML for the MkDocs plugin: see
   :mod:`generator.site.headings`) and the static assets, with the downloads from 2-3.

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
from .progress import Progress
from .settings import Settings
from .site.downloads_page import render_downloads_page
from .site.headings import HtmlHeadings
from .site.history_pages import generate_history_pages
from .site.pages import Download, PageSource, SiteContext, generate_pages
from .site.qualification_pages import generate_qualification_pages
from .site.render import make_environment
from .versions.timeline import UnitHistory, build_histories

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
    pages: dict[str, PageSource]
    assets: dict[str, str] = field(default_factory=dict)
    qualifications: Qualifications = field(default_factory=Qualifications)
    files: list[OutputFile] = field(default_factory=list)
    """Binary downloads (printables, handbook PDFs), in a stable order."""
    exports: dict[str, bytes | Path] = field(default_factory=dict)
    """Open data files (``exports/...``) by site path: their bytes, or the cache file that holds them."""


def build_date() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def load_catalogue(settings: Settings, progress: Progress | None = None) -> Catalogue:
    """Load and check every unit; raises ``ContentErrors``, or :class:`SettingsError` when there are none."""
    unit_files = find_unit_files(settings.units_dir)
    if not unit_files:
        raise SettingsError(no_units_message(settings))
    if progress is None:
        return build_catalogue(settings.units_dir, root=settings.root)
    progress.stage("checking content", total=len(unit_files))
    return build_catalogue(settings.units_dir, root=settings.root, loaded=progress.advance)


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
        centre=settings.centre,
    )


def load_histories(settings: Settings, catalogue: Catalogue) -> dict[str, UnitHistory]:
    """Every versioned unit's earlier versions (from git, or the files the editor lists)."""
    if not settings.history:
        return {}
    return build_histories(catalogue, settings.root)


def print_all(
    settings: Settings,
    catalogue: Catalogue,
    qualifications: Qualifications,
    report: Report,
    histories: dict[str, UnitHistory] | None = None,
    progress: Progress | None = None,
) -> tuple[dict[str, list[Download]], list[OutputFile]]:
    """Every unit's printables (and its earlier versions') and every qualification's handbook PDF,
    through the one printables pipeline."""
    # Imported here: Typst and python-docx take time to load, and `mkdocs serve` usually skips printables.
    from .printables.pipeline import EarlierVersion, build_printables
    from .versions.timeline import version_owner

    earlier = [
        EarlierVersion(version_owner(unit_id, entry), entry.unit, f"{entry.unit.slug}/v/{entry.slug}")
        for unit_id, history in sorted((histories or {}).items())
        for entry in history.earlier
    ]
    result = build_printables(
        catalogue,
        printables_settings(settings),
        qualifications=qualifications,
        build_date=build_date(),
        progress=lambda done, total: _printed(done, total, report, progress),
        earlier_versions=earlier,
    )
    report(f"printables: {len(result.rendered)} rendered, {len(result.reused)} reused from the cache")
    return result.downloads(), [OutputFile(item.site_path, item.path) for item in result.files]


def export_all(
    settings: Settings, catalogue: Catalogue, qualifications: Qualifications, report: Report
) -> tuple[dict[str, list[Download]], dict[str, bytes | Path]]:
    """The open data exports (:mod:`generator.exports`): their page links, and by site path their bytes
    or, for those kept in the export cache, the cache file (so the build does not hold a 1,000-unit
    catalogue's 37 MB CASE package in memory)."""
    from .exports.site_exports import build_exports, export_settings

    exported = build_exports(catalogue, qualifications, export_settings(settings))
    for notice in exported.notices:
        report(notice)
    report(f"exports: {exported.rendered} rendered, {exported.reused} reused from the cache")
    return exported.downloads(), {item.site_path: item.cached or item.data for item in exported.files}


def _printed(done: int, total: int, report: Report, progress: Progress | None) -> None:
    report(f"printables: {done}/{total}")
    if progress is not None:
        progress.update(done, total)


def prepare_site(
    settings: Settings,
    *,
    with_home: bool = True,
    printables: bool = False,
    report: Report | None = None,
    progress: Progress | None = None,
    headings: HtmlHeadings | None = None,
) -> PreparedSite:
    """Load, check, print and render: every page and every download, or every error at once.

    ``printables`` builds the downloads (workbooks, sheets, trackers, handbook PDFs); the
    caller decides from ``settings.printables`` and the command (``mkdocs serve`` skips them).
    ``progress`` (``handbook build``'s display) is told each step and its counts. With
    ``headings`` (the site's Markdown headings) pages are made straight to HTML, else as Markdown.
    """
    say = report or (lambda line: None)
    catalogue = load_catalogue(settings, progress)
    qualifications = load_qualifications(settings, catalogue)
    histories = load_histories(settings, catalogue)
    downloads: dict[str, list[Download]] = {}
    files: list[OutputFile] = []
    if printables:
        for label, step in (
            ("printables", lambda: print_all(settings, catalogue, qualifications, say, histories, progress)),
        ):
            if progress is not None:
                progress.stage(label)
            step_downloads, step_files = step()
            downloads.update(step_downloads)
            files.extend(step_files)
    exports: dict[str, bytes | Path] = {}
    if settings.exports.enabled:
        if progress is not None:
            progress.stage("exports")
        export_downloads, exports = export_all(settings, catalogue, qualifications, say)
        downloads.update(export_downloads)
    env = environment_for(settings)
    site = SiteContext(
        site_name=settings.site_name,
        build_date=build_date(),
        directory_urls=settings.directory_urls,
        downloads=downloads,
        histories=histories,
        headings=headings,
    )
    pages = generate_pages(env, catalogue, site, with_home=with_home)
    pages.update(generate_history_pages(env, catalogue, site))
    pages.update(generate_qualification_pages(env, catalogue, qualifications, site))
    pages.update(render_downloads_page(env, catalogue, qualifications, site))
    say(f"Loaded {len(catalogue)} units")
    return PreparedSite(catalogue, pages, render_assets(env), qualifications, files, exports)
