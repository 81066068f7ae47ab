"""The Downloads page: every unit's and qualification's files in one place, for candidates.

Like :mod:`generator.site.pages`, nothing here knows about MkDocs.
"""

from __future__ import annotations

import jinja2

from ..content.catalogue import Catalogue
from ..content.qualifications import Qualifications
from .pages import PageSource, SiteContext, page_meta, render_page, unit_page_path

DOWNLOADS_PAGE = "downloads/index.md"


def render_downloads_page(
    env: jinja2.Environment, catalogue: Catalogue, qualifications: Qualifications, site: SiteContext
) -> dict[str, PageSource]:
    """``{DOWNLOADS_PAGE: page}``: each unit (in catalogue order) and qualification with its files.

    With no downloads built (``mkdocs serve``, or printables off) the page says so instead of
    listing nothing.
    """
    from ..versions.timeline import version_owner
    from .qualification_pages import qualification_page_path  # imports this module's neighbours

    units = [(unit, site.downloads.get(unit.id, ())) for unit in catalogue]
    # Earlier versions' files stay listed for candidates registered on them (see generator/versions).
    earlier = {
        unit_id: [(entry, site.downloads.get(version_owner(unit_id, entry), ())) for entry in history.earlier]
        for unit_id, history in site.histories.items()
    }
    handbooks = [(entry, site.downloads.get(f"qualification:{entry.qualification.id}", ())) for entry in qualifications]
    page = render_page(
        env,
        "downloads.md.j2",
        site,
        page_meta("Downloads", "Every unit's workbooks, record sheet and tracker"),
        units=units,
        handbooks=handbooks,
        earlier=earlier,
        any_downloads=any(files for _, files in units + handbooks),
        page_path=unit_page_path,
        qualification_page=qualification_page_path,
        link=site.linker(DOWNLOADS_PAGE),
    )
    return {DOWNLOADS_PAGE: page}
