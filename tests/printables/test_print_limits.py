"""What a unit may hold, every printable prints: other scripts, long unbreakable text, bidi controls.

Fonts: PDFs use only the bundled Open Sans and the fallback fonts of the Debian packages
named in ``engine.FONT_PACKAGES`` (checked by the font names embedded in the PDF). Long
text: a 20,000-character word and a 300-character address break inside the page in the
PDFs and in the Word file as LibreOffice lays it out, and stay whole in the spreadsheet.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import docx
import jinja2
import openpyxl
import pikepdf
import pytest

from generator.content.catalogue import load_unit
from generator.content.limits import MAX_TITLE_LENGTH, close_bidi
from generator.content.model import Unit
from generator.printables.pipeline import KINDS, render_printable

from ..conftest import ROOT

pytestmark = pytest.mark.slow

SCRIPTS_UNIT = ROOT / "tests" / "fixtures" / "fict-scripts.yml"
#: Font name prefixes a PDF may embed: the bundled font and the named packages' fonts.
# Open Sans (bundled) and the fallback packages .ci/setup installs: any Noto family of fonts-noto-core
# or fonts-noto-cjk (fontconfig picks among them, e.g. Noto Naskh or Noto Kufi for Arabic), and Symbola.
ALLOWED_FONTS = re.compile(r"(Open-?Sans|Noto-?|Symbola)")
LONG_WORD = "Fictional" + "x" * 19_991
LONG_URL = "https://example.org/" + "fictional-path/" * 19 + "end"
BODY = """\
level: 2
learning_outcomes:
  - number: 1
    text: {outcome}
    criteria:
      - number: "1.1"
        text: {first}
"""
SECOND = """\
      - number: "1.2"
        text: {second}
"""


def write_unit(
    folder: Path,
    unit_id: str,
    head: str = "title: Fictional unit\n",
    *,
    outcome: str = "Know something",
    first: str = "Describe something",
    second: str | None = "Explain something",
) -> Unit:
    """A fictional unit file in ``folder`` (one criterion when ``second`` is None), loaded as the build loads it."""
    text = f"# FICTIONAL unit\nid: {unit_id}\n{head}" + BODY.format(outcome=outcome, first=first)
    if second is not None:
        text += SECOND.format(second=second)
    path = folder / f"{unit_id}.yml"
    path.write_text(text, encoding="utf-8")
    return load_unit(path, root=folder).unit


def pdf_fonts(data: bytes) -> set[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {
            str(font.get("/BaseFont")).lstrip("/").split("+")[-1]
            for page in pdf.pages
            for _, font in (page.resources.get("/Font") or {}).items()
        }


def pdf_words(path: Path) -> tuple[float, list[tuple[float, float, str]]]:
    """The page width and every word as (left, right, text), from poppler's ``pdftotext -bbox``."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out)
    return width, [(float(left), float(right), html.unescape(text)) for left, right, text in words]


def assert_inside_page(path: Path) -> str:
    """Every word of the PDF lies within the page width; returns the text, words joined."""
    width, words = pdf_words(path)
    outside = [text[:40] for left, right, text in words if left < 0 or right > width]
    assert outside == [], f"{path.name}: text runs off the page: {outside}"
    return "".join(text for _, _, text in words)


def test_every_script_prints_with_named_fonts_only_and_reproducibly(env: jinja2.Environment) -> None:
    unit = load_unit(SCRIPTS_UNIT, root=SCRIPTS_UNIT.parent).unit
    for kind in ("workbook-pdf", "record-sheet-pdf"):
        data = render_printable(kind, unit, env)
        fonts = pdf_fonts(data)
        assert all(ALLOWED_FONTS.match(name) for name in fonts), f"{kind}: unnamed fonts {sorted(fonts)}"
        assert not any("DejaVu" in name or "Liberation" in name for name in fonts)
        assert render_printable(kind, unit, env) == data, f"{kind}: not reproducible"
    fonts = pdf_fonts(render_printable("workbook-pdf", unit, env))
    for script in ("Arabic", "Hebrew", "CJK", "Devanagari", "Gujarati", "Bengali", "Gurmukhi", "Symbola"):
        assert any(script in name for name in fonts), f"no {script} font in {sorted(fonts)}"


def test_long_unbreakable_text_breaks_inside_the_page_in_every_pdf(env: jinja2.Environment, tmp_path: Path) -> None:
    unit = write_unit(
        tmp_path, "fict-long", outcome=f"Know the address {LONG_URL}", first=LONG_WORD, second=f"Visit {LONG_URL}"
    )
    for kind in ("workbook-pdf", "record-sheet-pdf"):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(render_printable(kind, unit, env))
        text = assert_inside_page(path)
        if kind == "workbook-pdf":
            assert text.count("x") >= 19_991, "characters of the long word were lost"
            assert text.count("https://example.org/") == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice lays out the Word file")
def test_long_unbreakable_text_breaks_inside_the_page_in_the_word_file(tmp_path: Path) -> None:
    unit = write_unit(tmp_path, "fict-long", first=LONG_WORD, second=f"Visit {LONG_URL}")
    path = tmp_path / "workbook.docx"
    path.write_bytes(render_printable("workbook-docx", unit, None))  # type: ignore[arg-type]
    assert any(LONG_WORD in p.text for p in docx.Document(str(path)).paragraphs)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            *("soffice", f"-env:UserInstallation=file://{profile}", "--headless"),
            *("--convert-to", "pdf", "--outdir", str(tmp_path), str(path)),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    text = assert_inside_page(tmp_path / "workbook.pdf")
    assert text.count("x") >= 19_991


def test_long_text_stays_whole_and_wrapped_in_the_tracker(tmp_path: Path) -> None:
    unit = write_unit(tmp_path, "fict-long", first=LONG_WORD, second=f"Visit {LONG_URL}")
    book = openpyxl.load_workbook(io.BytesIO(render_printable("tracker-xlsx", unit, None)))  # type: ignore[arg-type]
    cells = [cell for row in book["Criteria"].iter_rows() for cell in row if cell.value == LONG_WORD]
    assert cells and all(cell.alignment.wrap_text for cell in cells)


def test_a_right_to_left_override_cannot_reorder_what_follows_it(env: jinja2.Environment, tmp_path: Path) -> None:
    head = (
        'title: "Fictional \\u202Eunit title"\n'
        "nos:\n  mappings:\n    - suite: Fictional NOS suite\n      code: FICT123\n"
    )
    unit = write_unit(tmp_path, "fict-bidi", head=head)
    assert unit.title == "Fictional \u202eunit title\u202c"
    path = tmp_path / "record-sheet.pdf"
    path.write_bytes(render_printable("record-sheet-pdf", unit, env))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "(FICT123)" in text and "321TCIF" not in text


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        ("plain", "plain"),
        ("a\u202eb", "a\u202eb\u202c"),
        ("a\u202eb\u202cc", "a\u202eb\u202cc"),
        ("a\u2067b\u202ec", "a\u2067b\u202ec\u202c\u2069"),
        ("a\u2067b\u202ec\u2069d", "a\u2067b\u202ec\u2069d"),
        ("a\u202eb\nc\u202bd", "a\u202eb\u202c\nc\u202bd\u202c"),
        ("stray\u202c\u2069", "stray\u202c\u2069"),
    ],
)
def test_bidi_controls_are_closed_at_the_end_of_their_line(text: str, closed: str) -> None:
    assert close_bidi(text) == closed


def test_a_unit_at_every_limit_renders_every_printable_without_a_warning(
    env: jinja2.Environment, tmp_path: Path
) -> None:
    title = "Fictional " + "t" * (MAX_TITLE_LENGTH - len("Fictional "))
    head = f"title: {title}\nunit_number: {'9' * 32}\n"
    at_limits = write_unit(tmp_path, "fict-limits", head=head)
    full_cell = write_unit(tmp_path, "fict-cell", head=head, first="x" * 32_767)
    one = write_unit(tmp_path, "fict-one", second=None)
    assert len(one.criteria) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for subject in (at_limits, one):
            for kind in KINDS:
                assert render_printable(kind.name, subject, env)
        # The longest criterion a cell holds (the PDFs' long-text case is tested above).
        book = openpyxl.load_workbook(io.BytesIO(render_printable("tracker-xlsx", full_cell, env)))
        assert any(cell.value == "x" * 32_767 for row in book["Criteria"].iter_rows() for cell in row)
        properties = docx.Document(io.BytesIO(render_printable("workbook-docx", full_cell, env))).core_properties
    assert properties.title.endswith(title)
