"""Qualifications and indexes to pages: handbook, pathway checker and coverage pages per
qualification, the qualifications list, and the indexes (by NOS suite, by qualification,
catalogue-wide coverage). Like :mod:`generator.pages`, nothing here knows about MkDocs.
"""

from __future__ import annotations

import json
import re
from typing import Any

import jinja2
from markupsafe import Markup

from ..content.catalogue import Catalogue
from ..content.model import Unit
from ..content.qualifications import Qualifications, SourcedQualification
from ..rules.text import group_sentence, rule_sentences
from .coverage import nos_matrix, skills_matrix, units_by_suite
from .headings import md_escape
from .pages import PageSource, SiteContext, page_meta, render_page, unit_page_path
from .view import BarredView

QUALIFICATIONS_INDEX = "qualifications/index.md"
INDEXES_HOME = "indexes/index.md"
NOS_INDEX = "indexes/nos.md"
QUALIFICATION_UNITS_INDEX = "indexes/qualifications.md"
COVERAGE_INDEX = "indexes/coverage.md"
CHECKER_SCRIPT = "assets/pathway-checker.js"


def qualification_page_path(entry: SourcedQualification) -> str:
    """The handbook page: ``qualifications/<slug>/index.md``."""
    return f"qualifications/{entry.qualification.slug}/index.md"


def checker_page_path(entry: SourcedQualification) -> str:
    """The pathway checker page: ``qualifications/<slug>/checker.md``."""
    return f"qualifications/{entry.qualification.slug}/checker.md"


def coverage_page_path(entry: SourcedQualification) -> str:
    """The coverage page: ``qualifications/<slug>/coverage.md``."""
    return f"qualifications/{entry.qualification.slug}/coverage.md"


def script_json(data: object) -> Markup:
    """``data`` as JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - JSON with every markup character escaped just above


def first_sentence(text: str | None) -> str:
    """The first sentence of Markdown prose, as plain text (for the assessment summary)."""
    if not text:
        return ""
    paragraph = text.strip().split("\n\n", 1)[0]
    paragraph = re.sub(r"[*_`]", "", " ".join(paragraph.split()))
    match = re.match(r"(.+?[.!?])(\s|$)", paragraph)
    return match.group(1) if match else paragraph


def units_of(entry: SourcedQualification, catalogue: Catalogue) -> list[Unit]:
    """The qualification's units in the order its rules list them."""
    units = []
    for unit_id in entry.rules.units:
        unit = catalogue.get(unit_id)
        if unit is not None:
            units.append(unit)
    return units


def _render(
    env: jinja2.Environment, template: str, page: str, site: SiteContext, meta: dict[str, Any], **context: object
) -> PageSource:
    return render_page(
        env,
        template,
        site,
        meta,
        link=site.linker(page),
        unit_page=unit_page_path,
        group_sentence=group_sentence,
        md_escape=md_escape,
        **context,
    )


def barred_combinations(entry: SourcedQualification, catalogue: Catalogue) -> list[BarredView]:
    """Each barred combination with its units resolved and its note, for pages and the handbook PDF."""
    views = []
    for units, source in zip(entry.rules.barred, entry.qualification.rules.barred, strict=True):
        resolved = tuple(unit for unit in (catalogue.get(unit_id) for unit_id in units) if unit is not None)
        views.append(BarredView(resolved, source.note))
    return views


def qualification_context(entry: SourcedQualification, catalogue: Catalogue) -> dict[str, object]:
    """What every page about one qualification (and its PDF) may use."""
    return {
        "entry": entry,
        "qualification": entry.qualification,
        "rules": entry.rules,
        "sentences": rule_sentences(entry.rules),
        "units": units_of(entry, catalogue),
        "barred": barred_combinations(entry, catalogue),
        "catalogue": catalogue,
        "handbook_page": qualification_page_path(entry),
        "checker_page": checker_page_path(entry),
        "coverage_page": coverage_page_path(entry),
    }


def render_qualification_page(
    env: jinja2.Environment, entry: SourcedQualification, catalogue: Catalogue, site: SiteContext
) -> PageSource:
    """The handbook page of one qualification."""
    page = qualification_page_path(entry)
    summary = " ".join(entry.qualification.description.split()) if entry.qualification.description else None
    body = _render(
        env,
        "qualification.md.j2",
        page,
        site,
        page_meta(entry.qualification.title, summary),
        first_sentence=first_sentence,
        withdrawn=entry.qualification.is_withdrawn(site.build_date),
        **qualification_context(entry, catalogue),
        downloads=site.downloads.get(f"qualification:{entry.qualification.id}", ()),
        data_downloads=site.downloads.get(f"data:qualification:{entry.qualification.id}", ()),
    )
    return body


def render_checker_page(
    env: jinja2.Environment, entry: SourcedQualification, catalogue: Catalogue, site: SiteContext
) -> PageSource:
    """The pathway checker of one qualification: a form, its verdict region and the rules as JSON."""
    page = checker_page_path(entry)
    body = _render(
        env,
        "qualification_checker.md.j2",
        page,
        site,
        page_meta(f"Pathway checker: {entry.qualification.title}"),
        rules_json=script_json(entry.rules.to_json()),
        script=CHECKER_SCRIPT,
        **qualification_context(entry, catalogue),
    )
    return body


def render_coverage_page(
    env: jinja2.Environment, entry: SourcedQualification, catalogue: Catalogue, site: SiteContext
) -> PageSource:
    """NOS and functional skills coverage of one qualification's units."""
    page = coverage_page_path(entry)
    units = units_of(entry, catalogue)
    body = _render(
        env,
        "qualification_coverage.md.j2",
        page,
        site,
        page_meta(f"Coverage: {entry.qualification.title}"),
        entry=entry,
        qualification=entry.qualification,
        nos=nos_matrix(units),
        skills=skills_matrix(units),
        handbook_page=qualification_page_path(entry),
        scope=f"the units of {entry.qualification.title}",
    )
    return body


def render_indexes(
    env: jinja2.Environment, catalogue: Catalogue, qualifications: Qualifications, site: SiteContext
) -> dict[str, PageSource]:
    """The qualifications list and every index page."""
    units = list(catalogue)
    in_any = {unit_id for entry in qualifications for unit_id in entry.rules.units}
    common = {
        "catalogue": catalogue,
        "qualifications": qualifications,
        "qualification_page": qualification_page_path,
        "checker_page": checker_page_path,
        "coverage_page": coverage_page_path,
    }
    return {
        QUALIFICATIONS_INDEX: _render(
            env, "qualifications_index.md.j2", QUALIFICATIONS_INDEX, site, page_meta("Qualifications"), **common
        ),
        INDEXES_HOME: _render(env, "indexes_home.md.j2", INDEXES_HOME, site, page_meta("Indexes"), **common),
        NOS_INDEX: _render(
            env,
            "index_nos.md.j2",
            NOS_INDEX,
            site,
            page_meta("Units by NOS suite"),
            suites=units_by_suite(units),
            **common,
        ),
        QUALIFICATION_UNITS_INDEX: _render(
            env,
            "index_qualifications.md.j2",
            QUALIFICATION_UNITS_INDEX,
            site,
            page_meta("Units by qualification"),
            unlisted=[u for u in units if u.id not in in_any],
            **common,
        ),
        COVERAGE_INDEX: _render(
            env,
            "index_coverage.md.j2",
            COVERAGE_INDEX,
            site,
            page_meta("Coverage of the whole catalogue"),
            nos=nos_matrix(units),
            skills=skills_matrix(units),
            scope="every unit in the catalogue",
            **common,
        ),
    }


def generate_qualification_pages(
    env: jinja2.Environment, catalogue: Catalogue, qualifications: Qualifications, site: SiteContext
) -> dict[str, PageSource]:
    """Every qualification and index page (Markdown or HTML), keyed by its path in the site."""
    pages = render_indexes(env, catalogue, qualifications, site)
    for entry in qualifications:
        pages[qualification_page_path(entry)] = render_qualification_page(env, entry, catalogue, site)
        pages[checker_page_path(entry)] = render_checker_page(env, entry, catalogue, site)
        pages[coverage_page_path(entry)] = render_coverage_page(env, entry, catalogue, site)
    return pages
