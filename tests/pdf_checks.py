"""Accessibility checks for generated PDFs (PDF/UA essentials), with pikepdf.

Usable from any test: ``pdf_problems(path)`` returns a list of one-line problems, empty
when the PDF passes. It checks what a screen reader and a form filler depend on:

- tagged: ``/MarkInfo /Marked true`` and a ``/StructTreeRoot``;
- a document language (``/Lang``);
- a title (document info ``/Title`` or XMP ``dc:title``) that viewers show instead of the
  file name (``/ViewerPreferences /DisplayDocTitle true``);
- every font embedded (Type 3 fonts carry their glyphs, so they count as embedded);
- every form field has an accessible name (``/TU``, on the field or a parent field) that
  says more than the field's internal name ``/T``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf

_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def pdf_problems(path: Path) -> list[str]:
    """Every accessibility problem found in the PDF at ``path``, one line each."""
    with pikepdf.open(path) as pdf:
        problems = [
            *_tagging_problems(pdf),
            *_language_problems(pdf),
            *_title_problems(pdf),
            *_font_problems(pdf),
            *_form_field_problems(pdf),
        ]
    return [f"{path.name}: {problem}" for problem in problems]


def _text(value: object) -> str:
    return str(value).strip() if value is not None else ""


def _tagging_problems(pdf: pikepdf.Pdf) -> Iterator[str]:
    mark_info = pdf.Root.get("/MarkInfo")
    if not isinstance(mark_info, pikepdf.Dictionary) or not bool(mark_info.get("/Marked", False)):
        yield "not tagged: /MarkInfo /Marked is not true"
    if "/StructTreeRoot" not in pdf.Root:
        yield "not tagged: no /StructTreeRoot"


def _language_problems(pdf: pikepdf.Pdf) -> Iterator[str]:
    if not _text(pdf.Root.get("/Lang")):
        yield "no document language: /Lang is missing or empty"


def _title_problems(pdf: pikepdf.Pdf) -> Iterator[str]:
    title = _text(pdf.docinfo.get("/Title")) if pdf.trailer.get("/Info") is not None else ""
    if not title:
        with pdf.open_metadata() as meta:
            title = _text(meta.get("dc:title"))
    if not title:
        yield "no document title: neither /Title nor dc:title is set"
    preferences = pdf.Root.get("/ViewerPreferences")
    shown = isinstance(preferences, pikepdf.Dictionary) and bool(preferences.get("/DisplayDocTitle", False))
    if not shown:
        yield "title not shown: /ViewerPreferences /DisplayDocTitle is not true"


def _fonts_in(resources: object, seen: set[tuple[int, int]]) -> Iterator[tuple[str, pikepdf.Dictionary]]:
    """Fonts of a resource dictionary and of the form XObjects it uses, recursively."""
    if not isinstance(resources, pikepdf.Dictionary):
        return
    if resources.is_indirect:
        if resources.objgen in seen:
            return
        seen.add(resources.objgen)
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        yield from fonts.items()
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for xobject in xobjects.values():
            if xobject.get("/Subtype") == "/Form":
                yield from _fonts_in(xobject.get("/Resources"), seen)


def _appearance_resources(annotation: pikepdf.Dictionary) -> Iterator[object]:
    appearances = annotation.get("/AP")
    if not isinstance(appearances, pikepdf.Dictionary):
        return
    for state in appearances.values():
        streams = state.values() if isinstance(state, pikepdf.Dictionary) else [state]
        for stream in streams:
            if isinstance(stream, pikepdf.Stream):
                yield stream.get("/Resources")


def _is_embedded(font: pikepdf.Dictionary) -> bool:
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return True
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        return bool(descendants) and all(_is_embedded(descendant) for descendant in descendants)
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(key in descriptor for key in _FONT_FILES)


def _font_problems(pdf: pikepdf.Pdf) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()
    reported: set[str] = set()
    sources: list[object] = []
    for page in pdf.pages:
        sources.append(page.obj.get("/Resources"))
        for annotation in page.obj.get("/Annots", []):
            sources.extend(_appearance_resources(annotation))
    acroform = pdf.Root.get("/AcroForm")
    if isinstance(acroform, pikepdf.Dictionary):
        sources.append(acroform.get("/DR"))
    for resources in sources:
        for _name, font in _fonts_in(resources, seen):
            base = _text(font.get("/BaseFont")) or _text(font.get("/Name")) or "(unnamed)"
            if not _is_embedded(font) and base not in reported:
                reported.add(base)
                yield f"font not embedded: {base.lstrip('/')}"


def _terminal_fields(field: pikepdf.Dictionary, inherited_tu: str) -> Iterator[tuple[pikepdf.Dictionary, str]]:
    tu = _text(field.get("/TU")) or inherited_tu
    kids = [kid for kid in field.get("/Kids", []) if "/T" in kid or "/Kids" in kid]
    if not kids:
        yield field, tu
        return
    for kid in kids:
        yield from _terminal_fields(kid, tu)


def _form_field_problems(pdf: pikepdf.Pdf) -> Iterator[str]:
    acroform = pdf.Root.get("/AcroForm")
    if not isinstance(acroform, pikepdf.Dictionary):
        return
    for top in acroform.get("/Fields", []):
        for field, tu in _terminal_fields(top, ""):
            name = _text(field.get("/T")) or "(unnamed)"
            if not tu:
                yield f"form field {name!r} has no accessible name (/TU)"
            elif tu == name:
                yield f"form field {name!r} has no accessible name: /TU only repeats its internal name"
