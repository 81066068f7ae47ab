"""View data built in Python, and the filters templates format it with (as mkdocstrings' ``do_*`` filters).

Templates show what these functions give them; they do not rebuild wording or walk
parallel lists by index:

```jinja
{% for fact in unit | facts %}<tr><th>{{ fact.label }}</th><td>{{ fact.text }}</td></tr>{% endfor %}
{{ combination.units | unit_links | join_words }}: take no more than one.
({{ item.kind }}, {{ item.size | file_size }})
```

The pages (``partials/facts.html.j2``) and the printables (:func:`generator.printables.layout.unit_facts`)
take a unit's facts from :func:`unit_facts`, so they carry the same labels in the same order.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..content.model import Unit
from ..rules.ruleset import join_words as _join_plain_words
from .unit_view import unit_status


def format_date(value: dt.date | None) -> str:
    """A date as UK readers write it: ``31 December 2014``."""
    return f"{value.day} {value:%B %Y}" if value else ""


def file_size(size: int | None) -> str:
    """A download's size as the downloads boxes show it: ``12 KB`` (rounded up); empty when unknown."""
    return f"{math.ceil(size / 1024)} KB" if size else ""


def join_words(items: Iterable[Any]) -> Markup:
    """``A``, ``A and B``, ``A, B and C``; text items are escaped, markup (links) kept."""
    return Markup(_join_plain_words([str(escape(item)) for item in items]))  # noqa: S704 - every item escaped


@dataclass(frozen=True)
class Fact:
    """One identifying fact of a unit, as a page or print shows it."""

    label: str
    text: str
    date: dt.date | None = None
    """Set for dates, so a page can mark them up as ``<time>``."""
    expiry: bool = False
    """The expiry date, which a page flags when it has passed."""
    badge: str | None = None
    """A status shown as a badge: 'current', 'expiring', 'expired', 'withdrawn'."""
    href: str | None = None
    """A link for the text (the source document)."""
    suffix: str = ""
    """Text after the linked part (the source document's version and date)."""

    @property
    def plain(self) -> str:
        """The whole fact as plain text, for writers that have no links (DOCX, XLSX)."""
        return self.text + self.suffix


def format_fact(value: object) -> str:
    """A fact that may be stated as missing: ``3``, or ``Not stated`` / ``Not available``."""
    text = str(value)
    return text[:1].upper() + text[1:] if isinstance(value, str) else text


def unit_facts(unit: Unit, today: dt.date | None = None) -> list[Fact]:
    """The facts the unit states, in the one order pages and printables use; unstated ones are left out.

    With ``today`` (the build date) a Status row is included where it says more than the dates do.
    """
    facts: list[Fact] = []

    def add(label: str, value: object, *, as_fact: bool = False) -> None:
        if value is not None and value != "":
            facts.append(Fact(label, format_fact(value) if as_fact else str(value)))

    def add_date(label: str, value: dt.date | None, *, expiry: bool = False) -> None:
        if value is not None:
            facts.append(Fact(label, format_date(value), value, expiry=expiry))

    add("Awarding body", unit.awarding_body)
    add("Unit number", unit.unit_number)
    add("Unit code", unit.unit_code)
    add("Sector unit number", unit.sector_unit_number)
    add("Level", unit.level.value_label)
    add("Credit value", unit.credit_value, as_fact=True)
    add("SCQF credit points", unit.scqf_credit_points, as_fact=True)
    add("Guided learning hours", unit.guided_learning_hours, as_fact=True)
    add("Unit reference number", unit.urn)
    for code in unit.other_codes:
        add(code.label, code.code)
    if unit.grading:
        add("Grading", unit.grading.label)
    if today is not None:
        status = unit_status(unit, today)
        if status.show_row:
            facts.append(Fact("Status", status.label, badge=status.status))
    add_date("Operational start date", unit.operational_start)
    add_date("Operational end date", unit.operational_end)
    add_date("Expiry date", unit.expiry_date, expiry=True)
    add_date("Review date", unit.review_date)
    if unit.version is not None:
        when = f" ({format_date(unit.version.date)})" if unit.version.date else ""
        add("Version", unit.version.label + when)
    if unit.source:
        facts.append(Fact("Source document", unit.source.title, href=unit.source.url, suffix=unit.source.details))
    return facts


@dataclass(frozen=True)
class BarredView:
    """One barred combination: its units (resolved) and its note."""

    units: tuple[Unit, ...]
    note: str | None


@jinja2.pass_context
def unit_links(context: jinja2.runtime.Context, units: Iterable[Unit]) -> list[Markup]:
    """Each unit's title linked to its page, through the template's own ``link`` and ``unit_page``."""
    link, unit_page = context["link"], context["unit_page"]
    return [Markup('<a href="{}">{}</a>').format(link(unit_page(unit)), unit.title) for unit in units]


#: The filters every template environment gets (besides ``markdown``).
FILTERS = {
    "uk_date": format_date,
    "file_size": file_size,
    "join_words": join_words,
    "facts": unit_facts,
    "fact": format_fact,
    "unit_links": unit_links,
}
