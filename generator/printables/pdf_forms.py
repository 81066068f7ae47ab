"""Fillable AcroForm fields in a tagged PDF from Typst, which has no form fields of its own.

A Typst template draws each field's box and wraps it in a link to ``x-field:<name>`` (a
radio button: ``x-field:<name>/<value>``). Typst then already gives that link everything a
tagged form field needs: an annotation whose ``/Rect`` is the box, a ``/StructParent``, a
``Link`` structure element in reading order (after the field's label, where the template
puts the box) holding the annotation as an object reference, the parent tree entry, and
``/Tabs /S`` on the page. :func:`add_form_fields` turns each such annotation, in place, into
the widget of its field and its ``Link`` element into ``Form``, so the PDF stays PDF/UA-1:

```python
pdf = compile_pdf("print/workbook.typ", data)
pdf = add_form_fields(pdf, workbook_fields(unit))   # FormField name, label, rows, choices, value
```

Fields: a text field is multiline (it wraps rather than scroll sideways and print clipped);
a one-line box sizes its font to fit (``0 Tf``); a field with ``choices`` is a radio group
whose buttons are its kids (no ``/T`` of their own) with on and off appearances drawn here.
Every field has its label as ``/TU``. The form's font is the bundled Open Sans, embedded
whole (a reader types any Latin character with it), as a simple TrueType font.

pikepdf (already used to check PDFs) edits the objects; pypdf could too, but pikepdf (qpdf)
rewrites a PDF several times faster, and this runs for every workbook.
"""

from __future__ import annotations

import functools
import io
import tempfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import pikepdf
from fontTools.ttLib import TTFont

from .font_set import FONTS_DIR
from .layout import FormField

#: The link target prefix that marks a field's box in a Typst template.
FIELD_SCHEME = "x-field:"
#: The AcroForm field flag (bit 13) that lets a text field hold several lines and wrap.
MULTILINE = 1 << 12
#: Radio button flags: a radio group (bit 16) in which one button stays on once chosen (bit 15).
RADIO = (1 << 15) | (1 << 14)
FORM_FONT_NAME = "OpenSans"
FORM_FONT_FILE = FONTS_DIR / "OpenSans-Regular.ttf"
#: Text colour of what is typed (the prints' ink colour) and size in a multiline box.
TEXT_COLOUR = "0.102 0.102 0.102 rg"
TEXT_SIZE = 10
#: Codes Windows-1252 leaves unused, given to the Welsh letters it lacks (the encoding's
#: ``/Differences``), so a reader that encodes typed text strictly by the font's encoding can
#: still write them in Open Sans.
WELSH_CODES = {0x81: "wcircumflex", 0x8D: "ycircumflex", 0x8F: "Wcircumflex", 0x90: "Ycircumflex"}
WELSH_LETTERS = {"wcircumflex": "\u0175", "ycircumflex": "\u0177", "Wcircumflex": "\u0174", "Ycircumflex": "\u0176"}


class FieldPlacementError(ValueError):
    """A template placed an unknown field, a field twice, or left one out."""


@dataclass(frozen=True)
class _FormFont:
    widths: tuple[int, ...]
    descriptor: dict[str, object]
    compressed: bytes
    length: int


@functools.cache
def _form_font() -> _FormFont:
    """Open Sans Regular as a TrueType font encoded Windows-1252 plus :data:`WELSH_CODES`: widths
    of codes 32-255, metrics, the file deflated.

    Worked out once per process; every PDF then carries a copy of the same compressed file.
    """
    data = FORM_FONT_FILE.read_bytes()
    font = TTFont(io.BytesIO(data), lazy=True)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    widths = []
    for code in range(32, 256):
        char = WELSH_LETTERS[WELSH_CODES[code]] if code in WELSH_CODES else bytes([code]).decode("cp1252", "replace")
        glyph = cmap.get(ord(char))
        widths.append(round(metrics[glyph][0] * scale) if glyph else 0)
    head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
    descriptor = {
        "/Flags": 32,
        "/FontBBox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
        "/ItalicAngle": 0,
        "/Ascent": round(hhea.ascent * scale),
        "/Descent": round(hhea.descent * scale),
        "/CapHeight": round(os2.sCapHeight * scale),
        "/StemV": 80,
    }
    return _FormFont(tuple(widths), descriptor, zlib.compress(data, 9), len(data))


def _add_form_font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    font = _form_font()
    file = pikepdf.Stream(pdf, font.compressed)
    file.Filter = pikepdf.Name.FlateDecode
    file.Length1 = font.length
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=pikepdf.Name("/" + FORM_FONT_NAME),
        FontFile2=file,
        **{key[1:]: value for key, value in font.descriptor.items()},
    )
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.TrueType,
            BaseFont=pikepdf.Name("/" + FORM_FONT_NAME),
            FirstChar=32,
            LastChar=255,
            Widths=list(font.widths),
            Encoding=pikepdf.Dictionary(
                Type=pikepdf.Name.Encoding,
                BaseEncoding=pikepdf.Name.WinAnsiEncoding,
                Differences=[x for code, name in WELSH_CODES.items() for x in (code, pikepdf.Name("/" + name))],
            ),
            FontDescriptor=pdf.make_indirect(descriptor),
        )
    )


def _appearance(pdf: pikepdf.Pdf, width: float, height: float, content: bytes) -> pikepdf.Object:
    stream = pikepdf.Stream(pdf, content)  # a new stream is an indirect object of ``pdf`` already
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Form
    stream.BBox = [0, 0, width, height]
    stream.Resources = pikepdf.Dictionary()
    return stream


class _Appearances:
    """Radio buttons' appearance streams, each made once and shared by every button of its size:
    "on" is a dot, "off" is blank (the circle is drawn on the page).

    A text field gets a blank appearance of its own (:func:`_appearance`): form fillers such as
    pypdf write the typed text into that very stream, so a shared one would show in every box.
    """

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self._pdf = pdf
        self._made: dict[tuple[str, float, float], pikepdf.Object] = {}

    def get(self, kind: str, width: float, height: float) -> pikepdf.Object:
        key = (kind, round(width, 2), round(height, 2))
        if key not in self._made:
            content = _dot(width, height) if kind == "dot" else b""
            self._made[key] = _appearance(self._pdf, width, height, content)
        return self._made[key]


def _dot(width: float, height: float) -> bytes:
    """A filled circle of half the button's size in its middle: the chosen radio button."""
    r = min(width, height) / 4
    cx, cy, k = width / 2, height / 2, 0.5523 * min(width, height) / 4
    return (
        f"{TEXT_COLOUR} {cx + r:.3f} {cy:.3f} m "
        f"{cx + r:.3f} {cy + k:.3f} {cx + k:.3f} {cy + r:.3f} {cx:.3f} {cy + r:.3f} c "
        f"{cx - k:.3f} {cy + r:.3f} {cx - r:.3f} {cy + k:.3f} {cx - r:.3f} {cy:.3f} c "
        f"{cx - r:.3f} {cy - k:.3f} {cx - k:.3f} {cy - r:.3f} {cx:.3f} {cy - r:.3f} c "
        f"{cx + k:.3f} {cy - r:.3f} {cx + r:.3f} {cy - k:.3f} {cx + r:.3f} {cy:.3f} c f"
    ).encode()


def _size(annotation: pikepdf.Dictionary) -> tuple[float, float]:
    x1, y1, x2, y2 = (float(v) for v in annotation.Rect)
    return abs(x2 - x1), abs(y2 - y1)


def _field_target(annotation: pikepdf.Dictionary) -> str | None:
    """``name`` or ``name/value`` of a field marker link, else None (an ordinary link)."""
    if annotation.get("/Subtype") != pikepdf.Name.Link:
        return None
    action = annotation.get("/A")
    uri = str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""
    return uri[len(FIELD_SCHEME) :] if uri.startswith(FIELD_SCHEME) else None


class _Form:
    """The fields of one PDF as they are placed: each marker annotation becomes a widget."""

    def __init__(self, pdf: pikepdf.Pdf, fields: Iterable[FormField]) -> None:
        self.pdf = pdf
        self.wanted = {f.name: f for f in fields}
        self.parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
        self.appearances = _Appearances(pdf)
        self.top: list[pikepdf.Object] = []
        self.placed: dict[str, pikepdf.Dictionary] = {}

    def place(self, annotation: pikepdf.Dictionary, page: pikepdf.Dictionary, target: str) -> None:
        """Make the marker ``annotation`` (``name`` or ``name/value``) its field's widget, tagged Form."""
        name, _, value = target.partition("/")
        field = self.wanted.get(name)
        if field is None or bool(value) != bool(field.choices):
            raise FieldPlacementError(f"the template places {target!r}, which is not a field of this print")
        for key in ("/A", "/Border", "/Contents"):
            if key in annotation:
                del annotation[key]
        annotation.Subtype = pikepdf.Name.Widget
        annotation.P = page
        annotation.F = 4  # printed
        self.parents[int(annotation.StructParent)].S = pikepdf.Name.Form
        if field.choices:
            self._radio_button(annotation, field, value)
        else:
            self._text_field(annotation, field)

    def _text_field(self, annotation: pikepdf.Dictionary, field: FormField) -> None:
        if field.name in self.placed:
            raise FieldPlacementError(f"the template places field {field.name!r} twice")
        size = TEXT_SIZE if field.multiline else 0
        annotation.FT = pikepdf.Name.Tx
        annotation.T = pikepdf.String(field.name)
        annotation.TU = pikepdf.String(field.label)
        annotation.Ff = MULTILINE
        annotation.DA = pikepdf.String(f"/{FORM_FONT_NAME} {size} Tf {TEXT_COLOUR}")
        annotation.V = pikepdf.String(field.value)
        annotation.AP = pikepdf.Dictionary(N=_appearance(self.pdf, *_size(annotation), b""))
        self.placed[field.name] = annotation
        self.top.append(annotation)

    def _radio_button(self, annotation: pikepdf.Dictionary, field: FormField, value: str) -> None:
        group = self.placed.get(field.name)
        if group is None:
            group = self.placed[field.name] = self.pdf.make_indirect(
                pikepdf.Dictionary(
                    FT=pikepdf.Name.Btn,
                    Ff=RADIO,
                    T=pikepdf.String(field.name),
                    TU=pikepdf.String(field.label),
                    V=pikepdf.Name.Off,
                    Kids=pikepdf.Array(),
                )
            )
            self.top.append(group)
        labels = dict(field.choices)
        if value not in labels or value in _states(group):
            raise FieldPlacementError(f"the template places {field.name}/{value} twice or with an unknown value")
        width, height = _size(annotation)
        annotation.Parent = group
        annotation.TU = pikepdf.String(labels[value])
        annotation.AS = pikepdf.Name.Off
        annotation.AP = pikepdf.Dictionary(
            N=pikepdf.Dictionary(
                {
                    "/" + value: self.appearances.get("dot", width, height),
                    "/Off": self.appearances.get("blank", width, height),
                }
            )
        )
        group.Kids.append(annotation)

    def check_complete(self) -> None:
        """Raise :class:`FieldPlacementError` naming every field (or choice) not placed."""
        missing = []
        for name, field in self.wanted.items():
            if name not in self.placed:
                missing.append(name)
            elif field.choices:
                placed = _states(self.placed[name])
                missing += [f"{name}/{value}" for value, _ in field.choices if value not in placed]
        if missing:
            raise FieldPlacementError(f"the template does not place the fields {', '.join(missing)}")

    def acroform(self, font: pikepdf.Object) -> pikepdf.Object:
        """The document's ``/AcroForm``: the fields in document order and the form font."""
        return self.pdf.make_indirect(
            pikepdf.Dictionary(
                Fields=pikepdf.Array(self.top),
                DA=pikepdf.String(f"/{FORM_FONT_NAME} 0 Tf {TEXT_COLOUR}"),
                DR=pikepdf.Dictionary(Font=pikepdf.Dictionary({"/" + FORM_FONT_NAME: font})),
                # A reader draws pre-filled values (the centre's name) in the form font.
                NeedAppearances=True,
            )
        )


def _states(group: pikepdf.Dictionary) -> set[str]:
    """The values of a radio group's buttons placed so far."""
    return {str(state)[1:] for kid in group.Kids for state in kid.AP.N if state != "/Off"}


def add_form_fields(pdf_bytes: bytes, fields: Iterable[FormField]) -> bytes:
    """``pdf_bytes`` (from Typst) with each field's marker link made its AcroForm widget.

    Every field of ``fields`` must be placed exactly once (each choice of a radio group
    once), and nothing else: otherwise :class:`FieldPlacementError` names the field.
    """
    # qpdf reads a file itself, but a BytesIO through a Python call per read: parsing Typst's
    # ~800 objects from a file takes about 40 % less CPU (byte-identical output).
    with tempfile.NamedTemporaryFile(prefix="workbook-", suffix=".pdf") as source:
        source.write(pdf_bytes)
        source.flush()
        return _fill(source.name, fields)


def _fill(path: str, fields: Iterable[FormField]) -> bytes:
    with pikepdf.open(path) as pdf:
        form = _Form(pdf, fields)
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", ()):
                target = _field_target(annotation)
                if target is not None:
                    form.place(annotation, page.obj, target)
        form.check_complete()
        pdf.Root.AcroForm = form.acroform(_add_form_font(pdf))
        out = io.BytesIO()
        # Object streams: a third of Typst's size (the form font aside), for a few ms more.
        # Typst's XMP already names PDF 1.7, the version written: qpdf need not parse and
        # reserialise it (``fix_metadata_version``), which would only re-indent it.
        pdf.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            fix_metadata_version=False,
        )
        return out.getvalue()
