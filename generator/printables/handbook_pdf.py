"""The whole-qualification handbook as one PDF: cover, contents with page numbers, structure
and rules, assessment summary, then every unit's full guidance, each unit on a new page.

Rendered from ``site_templates/print/handbook.html.j2`` through the template search path;
the unit sections include the same partials as the unit pages, so the PDF says what the
site says. The PDF engine, fonts, cache and source date are the shared printables ones
(:mod:`generator.printables.engine`, :mod:`generator.printables.cache`), so a handbook is
byte-identical for the same inputs and is rendered again only when one of them changes.

```python
files = build_handbook_pdfs(qualifications, catalogue, env, cache_dir=root / ".cache/handbook", build_date=today)
downloads = handbook_downloads(files)   # {"qualification:<id>": [Download(...)]}
```

Handbooks are cached in their own ``handbooks/`` folder of the cache, which the unit
printables' pruning leaves alone; this module prunes it itself.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..content.catalogue import Catalogue
from ..content.model import Unit
from ..content.qualifications import Qualifications, SourcedQualification
from ..rules.text import group_sentence
from ..site.pages import Download
from ..site.qualification_pages import first_sentence, qualification_context
from .cache import RenderCache, input_key
from .determinism import source_datetime
from .engine import date_meta, font_face_css, fonts_digest, render_pdf

#: The templates this output reads; their sources are part of its cache key.
TEMPLATES = (
    "print/handbook.html.j2",
    "print/base.css",
    "print/handbook.css",
    "partials/qualification_facts.html.j2",
    "partials/qualification_group.html.j2",
    "partials/facts.html.j2",
    "partials/lo_ac_table.html.j2",
    "partials/outcome_heading.html.j2",
    "partials/bullets.html.j2",
    "partials/grading_grid.html.j2",
    "partials/grade_descriptors.html.j2",
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


@dataclass(frozen=True)
class HandbookFile:
    """One qualification's handbook PDF, ready to copy into the site."""

    qualification_id: str
    site_path: str
    path: Path
    rendered: bool

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return self.path.stat().st_size


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


@functools.cache
def _code_digest() -> str:
    package = Path(__file__).resolve().parent
    sources = [
        Path(__file__),
        package / "engine.py",
        package.parent / "site" / "render.py",
        package.parent / "rules" / "text.py",
        package.parent / "site" / "qualification_pages.py",
        package.parent / "site" / "unit_view.py",
        package.parent / "content" / "model.py",
        package.parent / "content" / "levels.py",
    ]
    return input_key(*(p.name + "\0" + p.read_text(encoding="utf-8") for p in sources))


def handbook_cache_key(
    entry: SourcedQualification, catalogue: Catalogue, env: jinja2.Environment, build_date: dt.date
) -> str:
    """The hash of everything in one handbook: qualification, its units, templates, fonts, code, dates."""
    assert env.loader is not None
    units = [catalogue.get(unit_id) for unit_id in entry.rules.units]
    source_date = source_datetime()
    return input_key(
        "handbook-pdf",
        _code_digest(),
        entry.qualification.model_dump_json(),
        *(unit.model_dump_json() for unit in units if unit is not None),
        *(name + "\0" + env.loader.get_source(env, name)[0] for name in TEMPLATES),
        fonts_digest(),
        build_date.isoformat(),
        source_date.isoformat() if source_date else "",
    )


def build_handbook_pdfs(
    qualifications: Qualifications,
    catalogue: Catalogue,
    env: jinja2.Environment,
    *,
    cache_dir: Path,
    build_date: dt.date,
    downloads_dir: str = "downloads",
    progress: Callable[[str], None] | None = None,
) -> list[HandbookFile]:
    """Every qualification's handbook PDF, from the cache or freshly rendered."""
    cache = RenderCache(cache_dir / "handbooks")
    files = []
    for entry in qualifications:
        key = handbook_cache_key(entry, catalogue, env, build_date)
        path = cache.get(key, SUFFIX)
        rendered = path is None
        if path is None:
            path = cache.put(key, SUFFIX, render_handbook_pdf(env, entry, catalogue, build_date))
            if progress is not None:
                progress(entry.qualification.id)
        files.append(HandbookFile(entry.qualification.id, handbook_site_path(entry, downloads_dir), path, rendered))
    cache.prune(item.path for item in files)
    return files


def handbook_downloads(files: Iterable[HandbookFile]) -> dict[str, list[Download]]:
    """The handbook download of each qualification, keyed ``qualification:<id>`` for the pages."""
    return {
        f"qualification:{item.qualification_id}": [
            Download(label=LABEL, href=item.site_path, kind=DESCRIPTION, size=item.size)
        ]
        for item in files
    }
