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


def unit_facts(unit: Unit) -> list[Fact]:
    """The facts the unit states, in the one order pages and printables use; unstated ones are left out."""
    stated: list[tuple[str, object]] = [
        ("Awarding body", unit.awarding_body),
        ("Unit number", unit.unit_number),
        ("Sector unit number", unit.sector_unit_number),
        ("Level", unit.level),
        ("Credit value", unit.credit_value),
        ("Guided learning hours", unit.guided_learning_hours),
        ("Unit reference number (URN)", unit.urn),
    ]
    facts = [Fact(label, str(value)) for label, value in stated if value is not None and value != ""]
    if unit.expiry_date:
        facts.append(Fact("Expiry date", format_date(unit.expiry_date), unit.expiry_date))
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
    "unit_links": unit_links,
}
