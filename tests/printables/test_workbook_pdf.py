"""The workbook PDF on Typst: a unit's text is data, never markup, so it prints as written."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jinja2
import pikepdf
import pytest

from generator.printables.pipeline import render_printable

from .test_print_limits import write_unit

pytestmark = pytest.mark.slow

#: Typst markup and code characters, a backslash, bidi controls and other scripts (all fictional).
TRICKY = r"Fictional #set page(width: 1cm) $x^2$ *not bold* _not em_ <label> @ref \\ [ ] { } // not a comment ` ~"
PROSE = "Fictional [link](https://example.org/a_(b)) **bold** and `#code` then \u202eright-to-left"


def text_of(path: Path) -> str:
    return " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )


def test_typst_markup_in_unit_text_prints_literally(env: jinja2.Environment, tmp_path: Path) -> None:
    unit = write_unit(tmp_path, "fict-tricky", outcome="'Know the #marks'", first=f"'{TRICKY}'", second=None)
    assert unit.criteria[0].text == TRICKY
    path = tmp_path / "workbook.pdf"
    path.write_bytes(render_printable("workbook-pdf", unit, env))
    text = text_of(path)
    assert " ".join(TRICKY.split()) in text
    assert "Know the #marks" in text


def test_markdown_prose_keeps_its_words_and_links_only_to_the_web(env: jinja2.Environment, tmp_path: Path) -> None:
    prose = json.dumps(PROSE + "\n\n- one\n- two [bad](javascript:alert(1))")
    head = "title: Fictional prose unit\nthird_column_heading: Fictional notes\n"
    outcome = f"Know something\n    third_column: {prose}"
    unit = write_unit(tmp_path, "fict-prose", head=head, outcome=outcome, second=None)
    assert unit.learning_outcomes[0].third_column
    path = tmp_path / "workbook.pdf"
    path.write_bytes(render_printable("workbook-pdf", unit, env))
    text = text_of(path)
    for words in ("Fictional notes", "Fictional link bold and #code then", "one", "two bad"):
        assert words in text, words
    with pikepdf.open(path) as pdf:
        links = [str(a.A.URI) for page in pdf.pages for a in page.obj.get("/Annots", ()) if a.Subtype == "/Link"]
    assert links == ["https://example.org/a_(b)"]
