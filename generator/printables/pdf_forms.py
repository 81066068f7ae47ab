"""Fillable AcroForm fields in a tagged PDF from Typst, which has no form fields of its own.

A Typst template draws each field's box and wraps it in a link to ``x-field:<name>`` (a
radio button: ``x-field:<name>/<value>``). Typst then already gives that link everything a
tagged form field needs: an annotation whose ``/Rect`` is the box, a ``/StructParent``, a
``Link`` structure element in reading order (after the field's label, where the template
puts the box) holding the annotation as an object reference, the parent tree entry, and
``/Tabs /S`` on the page. :func:`add_form_fields` turns each such annotation into the widget
of its field and its ``Link`` element into ``Form``, so the PDF stays PDF/UA-1:

```python
pdf = compile_pdf("print/workbook.typ", data)
pdf = add_form_fields(pdf, workbook_fields(unit))   # FormField name, label, rows, choices, value
```

Fields: a text field is multiline (it wraps rather than scroll sideways and print clipped);
a one-line box sizes its font to fit (``0 Tf``); a field with ``choices`` is a radio group
whose buttons are its kids (no ``/T`` of their own) with on and off appearances drawn here.
Every field has its label as ``/TU``. The form's font is the bundled Open Sans, embedded
whole (a reader types any Latin character with it), as a simple TrueType font.

The PDF is read and written here, not with a PDF library, because speed says so: this runs
for every workbook, and opening, editing and saving it through pikepdf (qpdf) cost about
20-30 ms of CPU, a fifth of all the printables of a unit, where this costs about a third of
that. Typst's PDF writer is regular (a classic cross-reference table, objects in order, no
object streams, compact dictionaries), and only the objects concerned are read: the catalogue,
the page tree, the annotations, the structure parent tree and the marker links' elements.
Anything not laid out as expected is an error naming it (:class:`UnexpectedPdfError`), never
a damaged PDF. The result is written whole, as qpdf did: Typst's streams as they are, every
other object in compressed object streams (a third of the size of Typst's plain objects),
and a cross-reference stream.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import re
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from fontTools.ttLib import TTFont

from .font_set import FONTS_DIR
from .layout import FormField

#: Objects packed in one object stream (as qpdf does).
OBJECTS_PER_STREAM = 100
#: zlib's level for them: 3 packs Typst's objects about 15 % larger than the default (6) in a third of the time.
COMPRESSION = 3
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


class UnexpectedPdfError(ValueError):
    """The PDF is not laid out as Typst writes it (so no fields were added): what was expected."""


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


@functools.cache
def _form_font_objects() -> tuple[bytes, bytes, bytes]:
    """The form font's three objects (font, descriptor, file) as PDF with ``{descriptor}`` and
    ``{file}`` left for their object numbers: made once per process."""
    font = _form_font()
    widths = " ".join(str(width) for width in font.widths)
    differences = " ".join(f"{code} /{name}" for code, name in WELSH_CODES.items())
    font_dict = (
        f"<</Type/Font/Subtype/TrueType/BaseFont/{FORM_FONT_NAME}/FirstChar 32/LastChar 255/Widths[{widths}]"
        f"/Encoding<</Type/Encoding/BaseEncoding/WinAnsiEncoding/Differences[{differences}]>>"
        "/FontDescriptor {descriptor} 0 R>>"
    )
    metrics = "".join(f"{key}{_value(value)}" for key, value in font.descriptor.items())
    descriptor = f"<</Type/FontDescriptor/FontName/{FORM_FONT_NAME}{metrics}/FontFile2 {{file}} 0 R>>"
    file = _stream(f"/Filter/FlateDecode/Length1 {font.length}", font.compressed)
    return font_dict.encode(), descriptor.encode(), file


def _value(value: object) -> str:
    if isinstance(value, list):
        return "[" + " ".join(str(item) for item in value) + "]"
    return f" {value}"


def _stream(entries: str, data: bytes) -> bytes:
    """A stream object's body: ``entries`` (dictionary keys and values) and ``data``."""
    return b"<<%s/Length %d>>\nstream\n%s\nendstream" % (entries.encode(), len(data), data)


def _text(text: str) -> bytes:
    """A PDF text string: literal if printable ASCII, else UTF-16BE with its byte order mark."""
    if text.isascii() and text.isprintable():
        return b"(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode() + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


@functools.cache
def _appearance_string(size: int) -> bytes:
    """A text field's default appearance (``/DA``): the form font at ``size`` (0: fit the box)."""
    return _text(f"/{FORM_FONT_NAME} {size} Tf {TEXT_COLOUR}")


def _name(name: str) -> bytes:
    """A PDF name object: ``/`` and the UTF-8 bytes, any but regular characters as ``#xx``."""
    return b"/" + b"".join(
        bytes([byte]) if 0x21 <= byte <= 0x7E and byte not in b"()<>[]{}/%#" else b"#%02X" % byte
        for byte in name.encode()
    )


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


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


def _appearance(width: float, height: float, content: bytes) -> bytes:
    return _stream(f"/Type/XObject/Subtype/Form/BBox[0 0 {_number(width)} {_number(height)}]/Resources<<>>", content)


_XREF_TABLE = re.compile(rb"xref\r?\n0 (\d+)\r?\n")
_REF = rb"\s*(\d+)\s+0\s+R"
_NAME_END = rb"(?![^\s/<>\[\]()])"


def _key_pattern(key: bytes, value: bytes) -> re.Pattern[bytes]:
    return re.compile(b"/" + key + _NAME_END + value)


_ROOT = _key_pattern(b"Root", _REF)
_INFO = _key_pattern(b"Info", _REF)
_ID = _key_pattern(b"ID", rb"\s*\[\s*(\([^()\\]*\)|<[0-9A-Fa-f\s]*>)")
_PREV = _key_pattern(b"Prev", b"")
_PAGES = _key_pattern(b"Pages", _REF)
_KIDS = _key_pattern(b"Kids", rb"\s*\[([^\[\]]*)\]")
_IS_PAGES = _key_pattern(b"Type", rb"\s*/Pages" + _NAME_END)
_ANNOTS = _key_pattern(b"Annots", rb"\s*(\[[^\[\]]*\]|\d+\s+0\s+R)")
_STRUCT_TREE = _key_pattern(b"StructTreeRoot", _REF)
_PARENT_TREE = _key_pattern(b"ParentTree", rb"\s*(<<|\d+\s+0\s+R)")
_NUMS = _key_pattern(b"Nums", rb"\s*\[([^\[\]]*)\]")
_RECT = _key_pattern(b"Rect", rb"\s*\[([^\[\]]*)\]")
_STRUCT_PARENT = _key_pattern(b"StructParent", rb"\s*(\d+)")
_LINK = _key_pattern(b"Subtype", rb"\s*/Link" + _NAME_END)
_FIELD_URI = _key_pattern(b"URI", rb"\s*\(" + FIELD_SCHEME.encode() + rb"([^()\\]*)\)")
_LINK_ELEMENT = _key_pattern(b"S", rb"\s*/Link" + _NAME_END)
_ACROFORM = _key_pattern(b"AcroForm", b"")
_REFS = re.compile(_REF)
#: A cross-reference stream entry: type, offset or object stream, generation or index (``/W[1 4 2]``).
_XREF_ENTRY = struct.Struct(">BIH")
_PAIRS = re.compile(rb"(\d+)" + _REF)


class _Source:
    """Typst's PDF: its cross-reference table and trailer, and any object's text by number."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        at = data.rfind(b"startxref")
        self.xref_at = int(data[at + 9 :].split()[0]) if at >= 0 else -1
        table = _XREF_TABLE.match(data, self.xref_at) if at >= 0 else None
        if table is None:
            raise UnexpectedPdfError("the PDF has no cross-reference table where startxref says")
        self.size = int(table[1])
        rows = data[table.end() : table.end() + 20 * self.size]
        self.offsets = [int(rows[i : i + 10]) for i in range(0, len(rows), 20)]
        #: Numbers the table marks free (``f``): no object, and none written.
        self.free = {i // 20 for i in range(0, len(rows), 20) if rows[i + 17 : i + 18] == b"f"}
        trailer = data[table.end() + 20 * self.size : at]
        root, identifier = _ROOT.search(trailer), _ID.search(trailer)
        if not trailer.lstrip().startswith(b"trailer") or root is None or identifier is None or _PREV.search(trailer):
            raise UnexpectedPdfError("the PDF's trailer is not one trailer with /Root and /ID")
        self.root = int(root[1])
        info = _INFO.search(trailer)
        self.info = int(info[1]) if info else None
        self.identifier = identifier[1]
        ends = sorted({*self.offsets, self.xref_at})
        self._ends = dict(itertools.pairwise(ends))

    def body(self, number: int) -> bytes:
        """Object ``number``'s text between ``obj`` and ``endobj``."""
        start = self.offsets[number] if 0 < number < self.size else 0
        head = b"%d 0 obj" % number
        if not start or not self.data.startswith(head, start):
            raise UnexpectedPdfError(f"object {number} is not where the cross-reference table says")
        text = self.data[start + len(head) : self._ends[start]].strip()
        if not text.endswith(b"endobj"):
            raise UnexpectedPdfError(f"object {number} does not end with endobj")
        return text[:-6].rstrip()

    def pages(self) -> list[int]:
        """The page objects' numbers, in page order."""
        pages = _PAGES.search(self.body(self.root))
        if pages is None:
            raise UnexpectedPdfError("the catalogue has no /Pages")
        found: list[int] = []
        self._walk(int(pages[1]), found)
        return found

    def _walk(self, number: int, found: list[int]) -> None:
        body = self.body(number)
        if not _IS_PAGES.search(body):
            found.append(number)
            return
        kids = _KIDS.search(body)
        if kids is None:
            raise UnexpectedPdfError(f"page tree node {number} has no /Kids array")
        for kid in _REFS.findall(kids[1]):
            self._walk(int(kid), found)

    def annotations(self, page: int) -> list[int]:
        """The numbers of the annotations of ``page``."""
        annots = _ANNOTS.search(self.body(page))
        if annots is None:
            return []
        array = annots[1] if annots[1].startswith(b"[") else self.body(int(annots[1].split()[0]))
        return [int(ref) for ref in _REFS.findall(array)]

    def parent_tree(self) -> dict[int, int]:
        """The structure parent tree: each annotation's ``/StructParent`` key to its element's number."""
        tree_root = _STRUCT_TREE.search(self.body(self.root))
        if tree_root is None:
            raise UnexpectedPdfError("the PDF is not tagged (no /StructTreeRoot)")
        body = self.body(int(tree_root[1]))
        tree = _PARENT_TREE.search(body)
        if tree is None:
            raise UnexpectedPdfError("the structure tree has no /ParentTree")
        node = body[tree.end(1) :] if tree[1] == b"<<" else self.body(int(tree[1].split()[0]))
        entries: dict[int, int] = {}
        self._numbers(node, entries)
        return entries

    def _numbers(self, node: bytes, entries: dict[int, int]) -> None:
        nums = _NUMS.search(node)
        kids = _KIDS.search(node)
        if nums is not None and (kids is None or nums.start() < kids.start()):
            entries.update((int(key), int(value)) for key, value in _PAIRS.findall(nums[1]))
        elif kids is not None:
            for kid in _REFS.findall(kids[1]):
                self._numbers(self.body(int(kid)), entries)
        else:
            raise UnexpectedPdfError("a /ParentTree node has neither /Nums nor /Kids")


@dataclass
class _Marker:
    """A field marker annotation: its object, page, box and structure parent key."""

    number: int
    page: int
    rect: bytes
    struct_parent: int

    @property
    def size(self) -> tuple[float, float]:
        x1, y1, x2, y2 = (float(v) for v in self.rect.split())
        return abs(x2 - x1), abs(y2 - y1)


class _Output:
    """Typst's objects, some replaced, and new ones, written as one PDF with object streams."""

    def __init__(self, source: _Source) -> None:
        self.source = source
        self.objects: dict[int, bytes] = {}
        self._next = source.size

    def new(self, body: bytes = b"") -> int:
        number = self._next
        self._next += 1
        self.objects[number] = body
        return number

    def write(self) -> bytes:
        """The whole PDF: streams as objects of their own, every other object in object streams
        (a third of the size of Typst's plain objects), then a cross-reference stream."""
        source, data = self.source, self.source.data
        first = min(offset for offset in source.offsets[1:] if offset > 0)
        out = [data[: data.rfind(b"\n", 0, first) + 1]]  # Typst's header lines
        at = len(out[0])
        entries = [(0, 0, 65535)] + [(0, 0, 0)] * (self._next - 1)
        packed: list[tuple[int, bytes]] = []
        for number in range(1, self._next):
            if number in source.free and number not in self.objects:
                continue
            body = self.objects[number] if number in self.objects else source.body(number)
            if body.endswith(b"endstream"):
                chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
                entries[number] = (1, at, 0)
                out.append(chunk)
                at += len(chunk)
            else:
                packed.append((number, body))
        number = self._next
        for start in range(0, len(packed), OBJECTS_PER_STREAM):
            group = packed[start : start + OBJECTS_PER_STREAM]
            heads, offset = [], 0
            for index, (member, body) in enumerate(group):
                heads.append(b"%d %d" % (member, offset))
                entries[member] = (2, number, index)
                offset += len(body) + 1
            head = b" ".join(heads) + b"\n"
            packed_data = zlib.compress(head + b"\n".join(body for _, body in group), COMPRESSION)
            chunk = (
                b"%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>"
                b"\nstream\n%s\nendstream\nendobj\n" % (number, len(group), len(head), len(packed_data), packed_data)
            )
            entries.append((1, at, 0))
            out.append(chunk)
            at += len(chunk)
            number += 1
        entries.append((1, at, 0))
        table = zlib.compress(b"".join(itertools.starmap(_XREF_ENTRY.pack, entries)), COMPRESSION)
        digest = hashlib.md5(b"".join(out[1:]), usedforsecurity=False).hexdigest().upper().encode()
        info = b"/Info %d 0 R" % source.info if source.info is not None else b""
        out.append(
            b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %d 0 R%s/ID[%s<%s>]/Filter/FlateDecode/Length %d>>"
            b"\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
            % (number, number + 1, source.root, info, source.identifier, digest, len(table), table, at)
        )
        return b"".join(out)


class _Form:
    """The fields of one PDF as they are placed: each marker annotation becomes a widget."""

    def __init__(self, output: _Output, fields: Iterable[FormField], parents: dict[int, int]) -> None:
        self.output = output
        self.wanted = {f.name: f for f in fields}
        self.parents = parents
        self.top: list[int] = []
        self.placed: dict[str, int] = {}
        self.groups: dict[int, tuple[FormField, list[int], dict[str, int]]] = {}
        self._shared: dict[tuple[str, float, float], int] = {}

    def place(self, marker: _Marker, target: str) -> None:
        """Make ``marker`` (``name`` or ``name/value``) its field's widget, tagged Form."""
        name, _, value = target.partition("/")
        field = self.wanted.get(name)
        if field is None or bool(value) != bool(field.choices):
            raise FieldPlacementError(f"the template places {target!r}, which is not a field of this print")
        element = self.parents.get(marker.struct_parent)
        body = self.output.source.body(element) if element is not None else b""
        link = _LINK_ELEMENT.search(body)
        if link is None:
            raise UnexpectedPdfError(f"the field {target!r} has no Link structure element")
        self.output.objects[element] = body[: link.start()] + b"/S/Form" + body[link.end() :]
        widget = b"/Type/Annot/Subtype/Widget/Rect[%s]/F 4/StructParent %d/P %d 0 R" % (
            marker.rect,
            marker.struct_parent,
            marker.page,
        )
        if field.choices:
            self._radio_button(marker, widget, field, value)
        else:
            self._text_field(marker, widget, field)

    def _text_field(self, marker: _Marker, widget: bytes, field: FormField) -> None:
        if field.name in self.placed:
            raise FieldPlacementError(f"the template places field {field.name!r} twice")
        size = TEXT_SIZE if field.multiline else 0
        # A text field gets a blank appearance of its own: form fillers such as pypdf write the
        # typed text into that very stream, so a shared one would show in every box.
        appearance = self.output.new(_appearance(*marker.size, b""))
        self.output.objects[marker.number] = b"<<%s/FT/Tx/T%s/TU%s/Ff %d/DA%s/V%s/AP<</N %d 0 R>>>>" % (
            widget,
            _text(field.name),
            _text(field.label),
            MULTILINE,
            _appearance_string(size),
            _text(field.value),
            appearance,
        )
        self.placed[field.name] = marker.number
        self.top.append(marker.number)

    def _radio_button(self, marker: _Marker, widget: bytes, field: FormField, value: str) -> None:
        group = self.placed.get(field.name)
        if group is None:
            group = self.placed[field.name] = self.output.new()
            self.groups[group] = (field, [], {})
            self.top.append(group)
        _, kids, states = self.groups[group]
        labels = dict(field.choices)
        if value not in labels or value in states:
            raise FieldPlacementError(f"the template places {field.name}/{value} twice or with an unknown value")
        states[value] = marker.number
        kids.append(marker.number)
        # Radio buttons share their appearances by size: "on" is a dot, "off" is blank (the
        # circle is drawn on the page).
        on, off = (self._shared_appearance(kind, *marker.size) for kind in ("dot", "blank"))
        self.output.objects[marker.number] = b"<<%s/Parent %d 0 R/TU%s/AS/Off/AP<</N<<%s %d 0 R/Off %d 0 R>>>>>>" % (
            widget,
            group,
            _text(labels[value]),
            _name(value),
            on,
            off,
        )

    def _shared_appearance(self, kind: str, width: float, height: float) -> int:
        key = (kind, round(width, 2), round(height, 2))
        if key not in self._shared:
            content = _dot(width, height) if kind == "dot" else b""
            self._shared[key] = self.output.new(_appearance(width, height, content))
        return self._shared[key]

    def finish(self) -> None:
        """Write the radio groups, the form font and ``/AcroForm``, and add it to the catalogue;
        raise :class:`FieldPlacementError` naming every field (or choice) not placed."""
        missing = []
        for name, field in self.wanted.items():
            if name not in self.placed:
                missing.append(name)
            elif field.choices:
                placed = self.groups[self.placed[name]][2]
                missing += [f"{name}/{value}" for value, _ in field.choices if value not in placed]
        if missing:
            raise FieldPlacementError(f"the template does not place the fields {', '.join(missing)}")
        output = self.output
        for group, (field, kids, _) in self.groups.items():
            output.objects[group] = b"<</FT/Btn/Ff %d/T%s/TU%s/V/Off/Kids[%s]>>" % (
                RADIO,
                _text(field.name),
                _text(field.label),
                b" ".join(b"%d 0 R" % kid for kid in kids),
            )
        font_dict, descriptor, file = _form_font_objects()
        file_number = output.new(file)
        descriptor_number = output.new(descriptor.replace(b"{file}", b"%d" % file_number))
        font = output.new(font_dict.replace(b"{descriptor}", b"%d" % descriptor_number))
        acroform = output.new(
            b"<</Fields[%s]/DA%s/DR<</Font<</%s %d 0 R>>>>/NeedAppearances true>>"
            % (
                b" ".join(b"%d 0 R" % field for field in self.top),
                _appearance_string(0),
                FORM_FONT_NAME.encode(),
                font,
            )
            # (NeedAppearances: a reader draws pre-filled values, the centre's name, in the form font.)
        )
        catalogue = output.source.body(output.source.root)
        if not catalogue.endswith(b">>") or _ACROFORM.search(catalogue):
            raise UnexpectedPdfError("the catalogue is not a dictionary without /AcroForm")
        output.objects[output.source.root] = catalogue[:-2] + b"/AcroForm %d 0 R>>" % acroform


def _marker(source: _Source, number: int, page: int) -> tuple[_Marker, str] | None:
    """The marker annotation ``number`` and its target (``name`` or ``name/value``), else None
    (an ordinary link or another annotation)."""
    body = source.body(number)
    uri = _FIELD_URI.search(body)
    if uri is None or not _LINK.search(body):
        return None
    rect, parent = _RECT.search(body), _STRUCT_PARENT.search(body)
    if rect is None or parent is None:
        raise UnexpectedPdfError(f"the field marker {number} has no /Rect or /StructParent")
    return _Marker(number, page, rect[1].strip(), int(parent[1])), uri[1].decode("utf-8", "replace")


def add_form_fields(pdf_bytes: bytes, fields: Iterable[FormField]) -> bytes:
    """``pdf_bytes`` (from Typst) with each field's marker link made its AcroForm widget.

    Every field of ``fields`` must be placed exactly once (each choice of a radio group
    once), and nothing else: otherwise :class:`FieldPlacementError` names the field.
    """
    source = _Source(pdf_bytes)
    output = _Output(source)
    form = _Form(output, fields, source.parent_tree())
    for page in source.pages():
        for number in source.annotations(page):
            found = _marker(source, number, page)
            if found is not None:
                form.place(*found)
    form.finish()
    return output.write()
