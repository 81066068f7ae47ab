"""HTML to PDF with WeasyPrint: bundled fonts only, no network, byte-identical output.

This is the one place that calls WeasyPrint. Anything that prints (unit workbooks,
record sheets, a whole qualification handbook) renders its own HTML and hands it here:

```python
from generator.printables.engine import font_face_css, render_pdf

html = f"<!doctype html><html lang='en-GB'><head><title>T</title><style>{font_face_css()}</style>..."
pdf_bytes = render_pdf(html)                      # tagged PDF/UA-1
form_bytes = render_pdf(html, forms=True)         # fillable AcroForm, tagged
```

Output does not depend on the machine: the fonts are the Open Sans files shipped in
``generator/printables/fonts/`` (Apache-2.0), declared with ``@font-face``, then a fallback
chain of Noto fonts from named Debian packages (:data:`FONT_PACKAGES`) for the scripts Open
Sans lacks. WeasyPrint's font configuration is built from ``fonts/fonts.conf``, which names
those folders and nothing else, so no other font of the machine can reach a PDF. Only
``file:`` and ``data:`` URLs are fetched. Dates come only from the HTML's
``dcterms.created`` / ``dcterms.modified`` meta tags, which :func:`date_meta` fills from
``SOURCE_DATE_EPOCH``; WeasyPrint itself adds no clock, random or path data.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any

import pydyf
import weasyprint
from markupsafe import Markup
from weasyprint.text.fonts import FontConfiguration

from .determinism import source_datetime
from .font_set import (  # noqa: F401 - re-exported: the font set is shared with the Typst engine
    FONT_FACES,
    FONT_FAMILY,
    FONT_PACKAGES,
    FONTCONFIG_FILE,
    FONTS_DIR,
    MissingFonts,
    fonts_digest,
    missing_font_packages,
    require_fonts,
)

_FONTCONFIG_LOCK = threading.Lock()

WEASYPRINT_LOGGERS = ("weasyprint", "weasyprint.progress")
#: The AcroForm field flag (bit 13) that lets a text field hold several lines and wrap.
MULTILINE = 1 << 12
_FONT_SIZE = re.compile(rb" [0-9.]+ Tf")


@functools.cache
def _system_font_configuration() -> FontConfiguration:
    return FontConfiguration()


def font_configuration() -> FontConfiguration:
    """A WeasyPrint font configuration that sees only the bundled and the Noto fonts.

    Fontconfig reads ``FONTCONFIG_FILE`` when a configuration is created, so it is set for
    that moment only (under a lock: the environment is shared by the process's threads).
    """
    require_fonts()
    with _FONTCONFIG_LOCK:
        # Fontconfig sets up its process-wide default configuration the first time anything
        # asks for fonts; made first here, under our file, it would restrict every later
        # WeasyPrint user in the process (a plain ``HTML().write_pdf()``). So the default is
        # made from the system's own configuration before ours is ever set.
        _system_font_configuration()
        previous = os.environ.get("FONTCONFIG_FILE")
        os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
        try:
            return FontConfiguration()
        finally:
            if previous is None:
                del os.environ["FONTCONFIG_FILE"]
            else:
                os.environ["FONTCONFIG_FILE"] = previous


@functools.cache
def font_face_css() -> Markup:
    """``@font-face`` rules binding :data:`FONT_FAMILY` to the bundled font files (safe for templates)."""
    rules = []
    for weight, style, name in FONT_FACES:
        url = (FONTS_DIR / name).as_uri()
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
            f'font-style: {style}; src: url("{url}"); }}'
        )
    return Markup("\n".join(rules) + "\n")  # noqa: S704 - built here from package file names


def date_meta(when: dt.datetime | None = None) -> Markup:
    """``<meta>`` tags giving the PDF its creation date: ``SOURCE_DATE_EPOCH`` or nothing.

    Without a source date the PDF has no date, so the bytes never depend on the clock.
    """
    when = when or source_datetime()
    if when is None:
        return Markup("")
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Markup('<meta name="dcterms.created" content="{0}">\n<meta name="dcterms.modified" content="{0}">\n').format(
        stamp
    )


class _LocalOnlyFetcher(weasyprint.URLFetcher):
    """Fetches ``file:`` and ``data:`` URLs only: a print never reaches the network."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)


def _field_namer(field_labels: Mapping[str, str]) -> Callable[[Any, pydyf.PDF], None]:
    """A WeasyPrint finisher giving form fields their accessible names and tidy radio groups.

    WeasyPrint takes ``/TU`` from the field's ``<label>``; ``field_labels`` (name to
    label) sets it explicitly, which also names radio groups (WeasyPrint would give a
    group the label of its first button). Radio widgets lose their own ``/T``: they are
    the group's kids, and with it readers list them as ``group.group``.

    Every text field wraps (``/Ff`` multiline): a one-line box from ``<input>`` would
    scroll sideways and print clipped. Such a box also gets an automatic font size
    (``0 Tf``), so a reader shrinks a long entry to fit its wrapped lines in the box.
    """

    def finish(document: Any, pdf: pydyf.PDF) -> None:
        acroform = pdf.catalog.get("AcroForm")
        if acroform is None:
            return
        by_number = {obj.number: obj for obj in pdf.objects if isinstance(obj, pydyf.Object)}

        def resolve(reference: bytes) -> Any:
            return by_number.get(int(reference.split()[0]))

        fields = [resolve(reference) for reference in acroform["Fields"]]
        kids = {reference for field in fields for reference in field.get("Kids", ())}
        acroform["Fields"] = pydyf.Array(reference for reference in acroform["Fields"] if reference not in kids)
        for reference in kids:
            resolve(reference).pop("T", None)
        for reference in acroform["Fields"]:
            field = resolve(reference)
            if field.get("FT") == "/Tx":
                _wrap_text_field(field)
            label = field_labels.get(str(field["T"].string))
            if label:
                field["TU"] = pydyf.String(label)

    return finish


def _wrap_text_field(field: Any) -> None:
    """Make a WeasyPrint text field multiline; a one-line one (no flags yet) sizes its font to fit."""
    flags = int(field.get("Ff", 0))
    if flags == 0:
        field["DA"] = pydyf.String(_FONT_SIZE.sub(b" 0 Tf", field["DA"].string))
    field["Ff"] = flags | MULTILINE


def render_pdf(
    html: str,
    *,
    forms: bool = False,
    field_labels: Mapping[str, str] | None = None,
    base_url: str | None = None,
) -> bytes:
    """Render an HTML document to PDF bytes, deterministically, with the bundled fonts.

    The HTML must declare ``<html lang>`` and ``<title>`` (they become the PDF's language
    and title) and should include :func:`font_face_css` and :func:`date_meta`.

    Without ``forms`` the PDF is PDF/UA-1 (tagged, with the structure WeasyPrint derives
    from the HTML: headings, tables with ``<caption>`` and ``scope``). With ``forms`` the
    inputs become AcroForm fields named by their ``name`` attribute, with their label as
    accessible name; the PDF is still tagged, but not declared PDF/UA (WeasyPrint does not
    tag form widgets). ``field_labels`` (field name to accessible name) sets each field's ``/TU``.
    """
    document = weasyprint.HTML(
        string=html, base_url=base_url or FONTS_DIR.as_uri() + "/", url_fetcher=_LocalOnlyFetcher()
    )
    options: dict[str, Any] = {"font_config": font_configuration()}
    if forms:
        options.update(pdf_forms=True, pdf_tags=True, finisher=_field_namer(field_labels or {}))
    else:
        options.update(pdf_variant="pdf/ua-1")
    return document.write_pdf(**options)


def quiet_weasyprint(level: int = logging.ERROR) -> None:
    """Raise WeasyPrint's log threshold so its progress lines do not flood build logs."""
    for name in WEASYPRINT_LOGGERS:
        logging.getLogger(name).setLevel(level)
