"""View data built in Python: the filters templates use, and one list of unit facts for pages and prints."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from markupsafe import Markup

from generator.content.catalogue import build_catalogue
from generator.printables.layout import unit_facts as printable_facts
from generator.site.pages import SiteContext, render_unit_page
from generator.site.render import make_environment
from generator.site.view import file_size, join_words, unit_facts

from .conftest import ROOT, UNITS_DIR


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")],
)
def test_join_words(items: list[str], expected: str) -> None:
    assert join_words(items) == expected


def test_join_words_escapes_text_and_keeps_markup() -> None:
    joined = join_words(["<A>", Markup("<b>B</b>"), "C & D"])
    assert joined == "&lt;A&gt;, <b>B</b> and C &amp; D"
    assert isinstance(joined, Markup)


@pytest.mark.parametrize(("size", "expected"), [(None, ""), (0, ""), (1, "1 KB"), (1024, "1 KB"), (1025, "2 KB")])
def test_file_size(size: int | None, expected: str) -> None:
    assert file_size(size) == expected


def test_page_and_printables_show_the_same_facts_in_the_same_order() -> None:
    catalogue = build_catalogue(UNITS_DIR, root=ROOT)
    env = make_environment()
    site = SiteContext(site_name="Test", build_date=dt.date(2026, 1, 1))
    for unit in catalogue:
        page = render_unit_page(env, unit, site)
        table = page[page.index('<table class="qh-facts">') : page.index("</table>")]
        rows = re.findall(r'<th scope="row">([^<]*)</th><td>(?:<time[^>]*>)?([^<]*)', table)
        assert rows == [(fact.label, fact.text) for fact in unit_facts(unit)], unit.id
        assert printable_facts(unit) == rows, unit.id


def test_facts_include_a_stated_expiry_date_and_leave_out_what_is_not_stated() -> None:
    unit = next(u for u in build_catalogue(UNITS_DIR, root=ROOT) if u.id == "r-503-0865")
    labels = [fact.label for fact in unit_facts(unit.model_copy(update={"expiry_date": dt.date(2030, 12, 31)}))]
    assert labels[-1] == "Expiry date"
    assert [f.text for f in unit_facts(unit.model_copy(update={"expiry_date": dt.date(2030, 12, 31)}))][-1] == (
        "31 December 2030"
    )
    assert "Credit value" not in [f.label for f in unit_facts(unit.model_copy(update={"credit_value": None}))]
