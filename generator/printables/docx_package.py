"""The parts of the workbook DOCX that are the same for every unit, prepared once per process.

python-docx opens its default template and sets up the styles, page, header (the centre's
logo and name), footer, extended properties and the document's dates once for each centre
and source date (:func:`prepared_package`); the fixed parts are then kept as a zip
already compressed. Each workbook adds only what is its own: ``word/document.xml`` (the
body, written by ``docx_writer``), ``docProps/core.xml`` (title and subject) and the
footer (the unit's version line). Opening the template and writing and compressing its
800 kB of style parts again cost about 40 ms of CPU per workbook before.

```python
package = prepared_package(centre, document_datetime())
package.write(body_xml, title="Candidate workbook: Unit 1 ...", subject="...", footer="Unit 1 ... v2")
```
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..caches import process_cache
from .branding import Centre
from .determinism import zip_entry
from .docx_controls import PLACEHOLDER_STYLE, add_page_field
from .docx_writer import StyleIds, check_xml_characters, text

FONT = "Arial"
LANGUAGE = "en-GB"
INK = RGBColor(0x1A, 0x1A, 0x1A)
#: The centre's logo in the page header.
HEADER_LOGO_MM = 9
DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"
_BODY_START = "<w:body>"
_SECTION_START = "<w:sectPr"


@dataclass(frozen=True)
class WordPackage:
    """A workbook's fixed parts, and how to add the parts of one unit."""

    style_ids: StyleIds
    """Every style's id by name (``None`` for the default paragraph style)."""
    document_head: str
    """``word/document.xml`` up to the start of the body's content."""
    document_tail: str
    """``word/document.xml`` from the section properties (page size, margins, header and footer) on."""
    core: bytes
    footer_part: str
    footer: bytes
    fixed_parts: bytes
    """A zip of every other part, compressed, entry times fixed."""
    when: dt.datetime

    def core_xml(self, *, title: str, subject: str) -> bytes:
        """``docProps/core.xml`` with the unit's title and subject (python-docx checks their length)."""
        properties = parse_xml(self.core)
        properties.title_text = title
        properties.subject_text = subject
        return serialize_part_xml(properties)

    def footer_xml(self, text: str) -> bytes:
        """The footer part with ``text`` before its page numbers (``<text>\\tPage N of M``)."""
        footer = parse_xml(self.footer)
        footer.find(f"{qn('w:p')}/{qn('w:r')}").text = f"{text}\tPage "
        return serialize_part_xml(footer)

    def write(self, body_xml: str, *, title: str, subject: str, footer: str) -> bytes:
        """The whole DOCX: the fixed parts, then core properties, document and footer."""
        document = f"{self.document_head}{body_xml}{self.document_tail}"
        check_xml_characters(document)
        out = io.BytesIO(self.fixed_parts)
        with zipfile.ZipFile(out, "a") as archive:
            for name, data in (
                (CORE_PART, self.core_xml(title=title, subject=subject)),
                (DOCUMENT_PART, document.encode()),
                (self.footer_part, self.footer_xml(footer)),
            ):
                archive.writestr(zip_entry(name, self.when), data, compresslevel=6)
        return out.getvalue()


def prepared_package(centre: Centre, when: dt.datetime) -> WordPackage:
    """The fixed parts for ``centre`` and ``when`` (built once per process for each centre name,
    accent, logo and date)."""
    return _prepared(centre.name, centre.accent, centre.raster_logo(), when)


@process_cache
@functools.lru_cache(maxsize=8)
def _prepared(name: str, accent: str | None, logo: bytes | None, when: dt.datetime) -> WordPackage:
    doc = Document()
    _set_up_document(doc, when)
    _brand_document(doc, name, accent, logo)
    footer_part = str(doc.sections[0].footer.part.partname).lstrip("/")
    style_ids: dict[str, str | None] = {style.name: style.style_id for style in doc.styles if style.name}
    style_ids[doc.styles.default(WD_STYLE_TYPE.PARAGRAPH).name] = None
    out = io.BytesIO()
    doc.save(out)
    with zipfile.ZipFile(out) as saved:
        parts = {entry.filename: saved.read(entry) for entry in saved.infolist()}
    document = parts.pop(DOCUMENT_PART).decode()
    head_end = document.index(_BODY_START) + len(_BODY_START)
    tail_start = document.index(_SECTION_START, head_end)
    if tail_start != head_end:
        raise AssertionError("the prepared document's body must hold only its section properties")
    core, footer = parts.pop(CORE_PART), parts.pop(footer_part)
    fixed = io.BytesIO()
    with zipfile.ZipFile(fixed, "w") as archive:
        for part_name, data in parts.items():
            archive.writestr(zip_entry(part_name, when), data, compresslevel=6)
    return WordPackage(
        style_ids=style_ids,
        document_head=document[:head_end],
        document_tail=document[tail_start:],
        core=core,
        footer_part=footer_part,
        footer=footer,
        fixed_parts=fixed.getvalue(),
        when=when,
    )


def _set_up_document(doc: DocumentObject, when: dt.datetime) -> None:
    properties = doc.core_properties
    properties.title = ""  # the unit's title and subject are set per unit, in these places
    properties.subject = ""
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = "candidate workbook"
    properties.category = ""
    properties.language = LANGUAGE
    properties.revision = 1
    naive = when.astimezone(dt.UTC).replace(tzinfo=None)
    properties.created = naive
    properties.modified = naive
    properties.last_printed = naive

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(16), Mm(18)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    _set_language(normal.element.get_or_add_rPr())
    for style_name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        style = styles[style_name]
        style.font.name = FONT
        style.font.color.rgb = INK
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attribute), None)
    placeholder = styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    assert placeholder.style_id == PLACEHOLDER_STYLE

    footer = section.footer.paragraphs[0]
    styles["Footer"].paragraph_format.tab_stops.clear_all()
    styles["Footer"].font.size = Pt(8)
    footer.paragraph_format.tab_stops.add_tab_stop(
        section.page_width - section.left_margin - section.right_margin, WD_TAB_ALIGNMENT.RIGHT
    )
    footer.add_run()  # the unit's version line and "Page ", set per unit (WordPackage.footer_xml)
    add_page_field(footer, "PAGE")
    footer.add_run(" of ")
    add_page_field(footer, "NUMPAGES")


def _brand_document(doc: DocumentObject, name: str, accent: str | None, logo: bytes | None) -> None:
    """The centre as author and company, in a header on every page, and as the title rule's colour."""
    doc.core_properties.author = name
    doc.core_properties.last_modified_by = name
    _set_company(doc, name)
    if accent:
        border = doc.styles["Title"].element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
        if border is not None:
            border.set(qn("w:color"), accent.removeprefix("#"))
            border.attrib.pop(qn("w:themeColor"), None)
    if not name and logo is None:
        return
    section = doc.sections[0]
    section.header_distance = Mm(8)
    header = section.header.paragraphs[0]
    if logo is not None:
        section.top_margin = Mm(24)
        header.add_run().add_picture(io.BytesIO(logo), height=Mm(HEADER_LOGO_MM))
        header.add_run("  ")
    if name:
        header.add_run(name).bold = True


def _set_company(doc: DocumentObject, company: str) -> None:
    # python-docx reads and writes only the core properties; the company is an extended
    # property in docProps/app.xml, which it carries as a plain part.
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = part.blob.replace(b"<Company/>", f"<Company>{text(company)}</Company>".encode())


def _set_language(rpr: OxmlElement) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
