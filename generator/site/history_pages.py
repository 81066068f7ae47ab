"""Unit histories to pages: each earlier version's own page, and the site-wide "What's new".

Earlier versions live at ``units/<unit>/v/<version>/``, rendered by the same unit template
as the current page (with a notice saying which version it is and linking to the current
one) and offering that version's own workbook, record sheet and tracker, so a candidate
registered on an older version keeps the right documents. The "What's new" page is made
only when at least one unit records its versions.
"""

from __future__ import annotations

import jinja2

from ..content.catalogue import Catalogue
from ..content.model import Unit
from ..versions.timeline import UnitHistory, VersionEntry, version_owner
from .pages import PageSource, SiteContext, page_meta, render_page, unit_page_path, version_page_path

WHATS_NEW = "whats-new.md"

_FIELD_LABELS = {
    "credit_value": "Credit value",
    "guided_learning_hours": "Guided learning hours",
    "urn": "Unit reference number",
    "scqf_credit_points": "SCQF credit points",
}


def field_label(path: str) -> str:
    """A changed field's name for people: ``evidence.minimum_methods`` -> ``Evidence › minimum methods``."""
    parts = path.split(".")
    first = _FIELD_LABELS.get(parts[0], parts[0].replace("_", " ").capitalize())
    return " › ".join([first, *(part.replace("_", " ") for part in parts[1:])])


def change_summary(entry: VersionEntry) -> str:
    """One line on what a version changed: counts of criteria by kind of change, and other fields."""
    if entry.diff is None:
        return "First version on record."
    parts = [
        f"{count} {'criterion' if count == 1 else 'criteria'} {kind}"
        for kind, count in entry.diff.counts().items()
        if count
    ]
    if entry.diff.outcomes:
        count = len(entry.diff.outcomes)
        parts.append(f"{count} learning outcome{'s' if count != 1 else ''} changed")
    if entry.diff.fields:
        parts.append(", ".join(field_label(change.field) for change in entry.diff.fields) + " changed")
    return "; ".join(parts) + "." if parts else "No change to the content."


def render_version_page(
    env: jinja2.Environment, unit: Unit, entry: VersionEntry, history: UnitHistory, site: SiteContext
) -> PageSource:
    """The page of one earlier version: the unit as it was, with its own downloads."""
    path = version_page_path(unit, entry)
    return render_page(
        env,
        "unit.md.j2",
        site,
        page_meta(f"{entry.unit.title} (version {entry.label})"),
        unit=entry.unit,
        expired=entry.unit.is_expired(site.build_date),
        downloads=site.downloads.get(version_owner(unit.id, entry), ()),
        data_downloads=(),  # the open data exports describe the current version only
        history=None,
        version_entry=entry,
        current_entry=history.current,
        current_page=unit_page_path(unit),
        version_page=lambda other: version_page_path(unit, other),
        link=site.linker(path),
    )


def render_whats_new(env: jinja2.Environment, catalogue: Catalogue, site: SiteContext) -> PageSource:
    """The site-wide list of each versioned unit's latest version, newest first."""
    latest = [(unit, site.histories[unit.id].current) for unit in catalogue if unit.id in site.histories]
    latest.sort(key=lambda pair: (-(pair[1].date.toordinal() if pair[1].date else 0), pair[0].title, pair[0].id))
    return render_page(
        env,
        "whats_new.md.j2",
        site,
        page_meta("What's new"),
        latest=latest,
        page_path=unit_page_path,
        link=site.linker(WHATS_NEW),
    )


def generate_history_pages(env: jinja2.Environment, catalogue: Catalogue, site: SiteContext) -> dict[str, PageSource]:
    """Every earlier version's page, and "What's new" when any unit records versions."""
    if not site.histories:
        return {}
    pages: dict[str, PageSource] = {WHATS_NEW: render_whats_new(env, catalogue, site)}
    for unit in catalogue:
        history = site.histories.get(unit.id)
        for entry in history.earlier if history else ():
            pages[version_page_path(unit, entry)] = render_version_page(env, unit, entry, history, site)
    return pages
