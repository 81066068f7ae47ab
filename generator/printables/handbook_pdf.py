"""The whole-qualification handbook as one PDF: cover, contents with page numbers, structure
and rules, assessment summary, then every unit's full guidance, each unit on a new page.

Rendered from ``site_templates/print/handbook.html.j2`` through the template search path;
the unit sections include the same partials as the unit pages, so the PDF says what the
site says. The PDF engine, fonts, cache and source date are the shared printables ones
(:mod:`generator.printables.engine`, :mod:`generator.printables.cache`), so a handbook is
byte-identical for the same inputs and is rendered again only when one of them changes.

```python
pdf = render_handbook_pdf(env, entry, catalogue, build_date)
```

The handbook PDF is one output kind of the printables pipeline
(:data:`generator.printables.pipeline.QUALIFICATION_KINDS`): it shares the pipeline's cache
folder, code digest, prune and worker pool.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import jinja2

from ..content.catalogue import Catalogue
from ..content.model import Unit
from ..content.qualifications import SourcedQualification
from ..rules.text import group_sentence
from ..site.qualification_pages import first_sentence, qualification_context
from .engine import date_meta, font_face_css, render_pdf

#: The templates this output reads; their sources are part of its cache key.
TEMPLATES = (
    "print/handbook.html.j2",
    "print/base.css",
    "print/handbook.css",
    "partials/qualification_facts.html.j2",
    "partials/qualification_group.html.j2",
    "partials/facts.html.j2",
    "partials/lo_ac_table.html.j2",
    "partials/evidence.html.j2",
    "partials/nos_table.html.j2",
    "partials/fs_grid.html.j2",
    "partials/reading_list.html.j2",
)
SUFFIX = "-handbook.pdf"
LABEL = "Qualification handbook"
DESCRIPTION = "PDF, every unit"


@dataclass(frozen=True)
class _PrintSite:
    """The little of the site context the shared partials read."""

    build_date: dt.date


def unit_anchor(unit: Unit) -> str:
    """The id of a unit's section in the handbook."""
    return f"unit-{unit.slug}"


def _link_in_pdf(target: str) -> str:
    """Links from the shared partials point at unit sections inside the PDF, not at the site."""
    if target.startswith("units/") and target.endswith(".md"):
        return "#unit-" + target.removeprefix("units/").removesuffix(".md")
    return target


def handbook_site_path(entry: SourcedQualification, downloads_dir: str = "downloads") -> str:
    """Where the PDF is offered: ``downloads/qualifications/<slug>-handbook.pdf``."""
    return f"{downloads_dir}/qualifications/{entry.qualification.slug}{SUFFIX}"


def render_handbook_html(
    env: jinja2.Environment, entry: SourcedQualification, catalogue: Catalogue, build_date: dt.date
) -> str:
    """The handbook's HTML, ready for the PDF engine."""
    return env.get_template("print/handbook.html.j2").render(
        **qualification_context(entry, catalogue),
        site=_PrintSite(build_date),
        link=_link_in_pdf,
        unit_page=lambda unit: f"units/{unit.slug}.md",
        anchor=unit_anchor,
        group_sentence=group_sentence,
        first_sentence=first_sentence,
        font_css=font_face_css(),
        date_meta=date_meta(),
    )


def render_handbook_pdf(
    env: jinja2.Environment, entry: SourcedQualification, catalogue: Catalogue, build_date: dt.date
) -> bytes:
    """The handbook PDF (tagged PDF/UA-1, bookmarks from the headings)."""
    return render_pdf(render_handbook_html(env, entry, catalogue, build_date))
