"""The Typst engine: data goes in as JSON and prints literally, named fonts only, PDF/UA-1, same bytes.

A small probe template (written here, importing the shipped ``common.typ``) prints the
data it is given; the real print templates are tested through the printables.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from generator.printables.font_set import fallback_font_files
from generator.printables.typst_engine import TypstRenderError, compile_pdf, typst_font_folder

from ..pdf_checks import pdf_problems
from .test_print_limits import ALLOWED_FONTS, assert_inside_page, pdf_fonts

PROBE = """\
#import sys.inputs.common: *
#let data = json(bytes(sys.inputs.data))
#show: print-document.with(title: data.title)
#set page(paper: "a4", footer: page-footer(data.title))
= #data.title
#for line in data.lines [#line \\ ]
#table(columns: 2, table.header([Name], [Value]), ..data.cells)
"""
#: Fictional text that would be Typst markup, code, maths or a reference if pasted into source.
HOSTILE = [
    '#set page(fill: red) $x^2$ ] [ } { \\ \\\\ *bold* _em_ `raw` @ref <label> // comment /* c */ "quoted"',
    '#import "/etc/passwd" #read("/etc/hostname") ) #{ panic("no") }',
    "Bidi \u202eright to left\u202c then \u2067isolated\u2069 after",
    "中文 日本語 한국어 עברית العربية हिन्दी 😀 ✔",
]


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates" / "print"
    folder.mkdir(parents=True)
    (folder / "probe.typ").write_text(PROBE, encoding="utf-8")
    return folder.parent


def probe(templates: Path, lines: list[str], **options: object) -> bytes:
    data = {"title": "Fictional probe", "lines": lines, "cells": ["a", "b"]}
    return compile_pdf("print/probe.typ", data, templates_dirs=[templates], **options)


def structure_tags(pdf: pikepdf.Pdf) -> set[str]:
    """The structure types (``/H1``, ``/TH`` ...) of a tagged PDF's structure elements."""
    return {
        str(obj.get("/S"))
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructElem"
    }


def text_of(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def test_hostile_text_prints_literally(templates: Path) -> None:
    data = probe(templates, HOSTILE)
    text = text_of(data)
    for line in HOSTILE[:2]:
        assert line in text
    assert "(FICT" not in text
    for word in ("中文", "日本語", "한국어", "😀", "✔", "after"):
        assert word in text
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_only_the_bundled_and_named_fonts_are_embedded(templates: Path) -> None:
    fonts = pdf_fonts(probe(templates, HOSTILE))
    assert all(ALLOWED_FONTS.match(name) for name in fonts), sorted(fonts)
    for family in ("OpenSans", "Hebrew", "Arabic", "CJK", "Devanagari", "Symbola"):
        assert any(family in name for name in fonts), f"no {family} font in {sorted(fonts)}"


def test_pdf_ua_tagged_titled_in_british_english(templates: Path, tmp_path: Path) -> None:
    path = tmp_path / "probe.pdf"
    path.write_bytes(probe(templates, ["Plain"]))
    assert pdf_problems(path) == []
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert b"pdfuaid:part" in pdf.Root.Metadata.read_bytes()
        assert {"/TH", "/TD", "/H1", "/Table"} <= structure_tags(pdf)


def test_without_ua_the_pdf_is_still_tagged(templates: Path, tmp_path: Path) -> None:
    path = tmp_path / "probe.pdf"
    path.write_bytes(probe(templates, ["Plain"], ua=False))
    # Typst asks viewers to show the title only in PDF/UA; a caller finishing the PDF (form fields) sets it.
    assert pdf_problems(path) == ["probe.pdf: title not shown: /ViewerPreferences /DisplayDocTitle is not true"]
    with pikepdf.open(path) as pdf:
        assert b"pdfuaid:part" not in pdf.Root.Metadata.read_bytes()


def test_same_data_same_bytes_and_dates_only_from_source_date_epoch(
    templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    undated = probe(templates, HOSTILE)
    assert probe(templates, HOSTILE) == undated
    assert "/CreationDate" not in (PdfReader(io.BytesIO(undated)).metadata or {})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    dated = probe(templates, HOSTILE)
    assert PdfReader(io.BytesIO(dated)).metadata["/CreationDate"].startswith("D:20260101000000")
    assert probe(templates, HOSTILE) == dated


def test_a_long_unbreakable_word_breaks_inside_the_page(templates: Path, tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(probe(templates, ["Fictional" + "x" * 5_000, "https://example.org/" + "fictional-path/" * 19]))
    text = assert_inside_page(path)
    assert text.count("x") >= 5_000


def test_a_broken_template_names_itself(templates: Path) -> None:
    (templates / "print" / "broken.typ").write_text("#let x = (\n", encoding="utf-8")
    broken = templates / "print" / "broken.typ"
    with pytest.raises(
        TypstRenderError, match=rf"^{re.escape(str(broken))}:1:9: unclosed delimiter \(compiling print/broken.typ\)$"
    ):
        compile_pdf("print/broken.typ", {}, templates_dirs=[templates])
    with pytest.raises(TypstRenderError, match="no such print template"):
        compile_pdf("print/missing.typ", {}, templates_dirs=[templates])


def test_font_links_are_the_allowed_files_and_mended_when_one_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = typst_font_folder()
    assert folder.parent == tmp_path / "qualification-handbook"
    names = {link.name for link in folder.iterdir()}
    assert names == {path.name for path in fallback_font_files()}
    assert "Symbola_hint.ttf" in names and "NotoSans-Regular.ttf" in names
    assert "NotoColorEmoji.ttf" not in names
    (folder / "NotoSans-Regular.ttf").unlink()
    assert typst_font_folder() == folder
    assert {link.name for link in folder.iterdir()} == names
