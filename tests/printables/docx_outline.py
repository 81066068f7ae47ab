"""What a Word file holds for its reader, as lines of text: the golden of a workbook DOCX.

Read back with python-docx (styles by name, run text with tabs and breaks, core properties)
and, for what python-docx has no API for (content controls, table captions, row and
paragraph keep settings), from the XML it parsed. Every text is written as a JSON string,
so white space, tabs, line breaks and bidi controls show. How the XML is spelt (attribute
order, namespace prefixes, empty elements) does not show: two files with the same outline
give their reader the same document.
"""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _q(text: str | None) -> str:
    """``text`` as a JSON string; invisible characters (bidi controls, joiners, odd spaces) as ``\\uXXXX``."""
    quoted = json.dumps(text or "", ensure_ascii=False)
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Zs", "Zl", "Zp") and c != " " else c for c in quoted
    )


def _val(element: etree._Element | None, name: str = "val") -> str | None:
    return None if element is None else element.get(f"{W}{name}")


def _flags(element: etree._Element | None, names: tuple[str, ...]) -> str:
    if element is None:
        return ""
    return "".join(f" +{name}" for name in names if element.find(f"{W}{name}") is not None)


def _run(run: Run) -> str:
    field = run._r.find(f"{W}fldChar")
    if field is not None:
        return f"{{{_val(field, 'fldCharType')}}}"
    instruction = run._r.find(f"{W}instrText")
    if instruction is not None:
        return f"{{{_q(instruction.text)}}}"
    properties = run._r.rPr
    style = "" if properties is None or properties.rStyle is None else f"{properties.rStyle.val}:"
    drawings = [
        f" [drawing {extent.get('cx')}x{extent.get('cy')} EMU]"
        for extent in run._r.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    ]
    return f"{'b' if run.bold else ''}{style}{_q(run.text)}{''.join(drawings)}"


def _control(sdt: etree._Element, paragraph: Paragraph) -> str:
    properties = sdt.find(f"{W}sdtPr")
    kind = "text"
    extra = ""
    if properties.find(f"{W}dropDownList") is not None:
        kind = "choice"
        items = properties.find(f"{W}dropDownList").findall(f"{W}listItem")
        extra = " " + json.dumps([[_val(i, "value"), _val(i, "displayText")] for i in items], ensure_ascii=False)
    elif properties.find(f"{W}date") is not None:
        date = properties.find(f"{W}date")
        kind = f"date {_val(date.find(f'{W}dateFormat'))} {_val(date.find(f'{W}lid'))}"
    shown = "placeholder" if properties.find(f"{W}showingPlcHdr") is not None else "filled"
    runs = [_run(Run(r, paragraph)) for r in sdt.find(f"{W}sdtContent").findall(f"{W}r")]
    return (
        f"[{kind} #{_val(properties.find(f'{W}id'))} tag={_q(_val(properties.find(f'{W}tag')))} "
        f"alias={_q(_val(properties.find(f'{W}alias')))}{extra} {shown} {' '.join(runs)}]"
    )


def _paragraph(paragraph: Paragraph, *, in_cell: bool = False) -> str:
    """Style (left out in a table cell when it is Normal), keep settings, tab stops, then the content."""
    properties = paragraph._p.pPr
    style = "" if in_cell and paragraph.style.name == "Normal" else paragraph.style.name
    head = f"{style}{_flags(properties, ('keepNext', 'pageBreakBefore'))}"
    tabs = [] if properties is None or properties.tabs is None else properties.tabs.findall(f"{W}tab")
    head += "".join(f" tab={_val(t)}@{_val(t, 'pos')}" for t in tabs)
    content = []
    for child in paragraph._p:
        if child.tag == f"{W}r":
            content.append(_run(Run(child, paragraph)))
        elif child.tag == f"{W}sdt":
            content.append(_control(child, paragraph))
        elif child.tag != f"{W}pPr":
            content.append(f"<{etree.QName(child).localname}>")
    return f"{head.strip()} | {' '.join(content)}" if head.strip() else " ".join(content)


def _table(table: Table) -> Iterator[str]:
    """The table's line, then a line a row: its cells split by ``‖``, a cell's paragraphs by ``¶``."""
    properties = table._tbl.tblPr
    grid = [_val(col, "w") for col in table._tbl.tblGrid.findall(f"{W}gridCol")]
    layout = _val(properties.find(f"{W}tblLayout"), "type")
    caption = _val(properties.find(f"{W}tblCaption"))
    yield f"T {table.style.name} layout={layout} grid={','.join(grid)} caption={_q(caption)}"
    for row in table.rows:
        height = "" if row.height is None else f" height>={row.height.twips}({row.height_rule})"
        cells = []
        for tc, grid_width in zip(row._tr.tc_lst, grid, strict=True):
            width = tc.tcPr.tcW if tc.tcPr is not None else None
            cell_width = "" if (_val(width, "type"), _val(width, "w")) == ("dxa", grid_width) else f"(width {width}) "
            paragraphs = [_paragraph(Paragraph(p, table), in_cell=True) for p in tc.findall(f"{W}p")]
            cells.append(cell_width + " ¶ ".join(paragraphs))
        yield f"  R{_flags(row._tr.trPr, ('cantSplit', 'tblHeader'))}{height}: {' ‖ '.join(cells)}"


def _header_footer(kind: str, paragraphs: list[Paragraph]) -> Iterator[str]:
    for paragraph in paragraphs:
        yield f"{kind} {_paragraph(paragraph)}"


def _styles(doc: DocumentObject) -> Iterator[str]:
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Footer", "Placeholder Text"):
        style = doc.styles[name]
        font = style.font
        colour = font.color.rgb if font.color and font.color.type is not None else None
        r_pr = style.element.rPr
        lang = _val(r_pr.find(qn("w:lang"))) if r_pr is not None else None
        border = style.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
        rule = "" if border is None else f" rule={_val(border, 'color')}/{_val(border, 'themeColor')}"
        if hasattr(style, "paragraph_format"):
            rule += f" tabs={[(t.position.twips, t.alignment) for t in style.paragraph_format.tab_stops]}"
        yield (
            f"style {_q(name)} id={style.style_id} font={font.name} size={font.size and font.size.pt} "
            f"colour={colour} lang={lang}{rule}"
        )


def docx_outline(data: bytes) -> str:
    """The outline of the DOCX ``data``: properties, page, styles, header, footer, then the body in order."""
    doc = Document(io.BytesIO(data))
    core = doc.core_properties
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        app = etree.fromstring(archive.read("docProps/app.xml"))
        parts = sorted(name for name in archive.namelist() if not name.startswith("word/document"))
    company = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Company")
    lines = [
        f"title {_q(core.title)}",
        f"subject {_q(core.subject)}",
        f"author {_q(core.author)} last_modified_by {_q(core.last_modified_by)} company {_q(company.text)}",
        f"keywords {_q(core.keywords)} category {_q(core.category)} comments {_q(core.comments)}",
        f"language {core.language} revision {core.revision}",
        f"dates {core.created} {core.modified} {core.last_printed}",
        f"parts {' '.join(parts)}",
    ]
    for section in doc.sections:
        lines.append(
            f"section {section.page_width.twips}x{section.page_height.twips} margins "
            f"{section.top_margin.twips} {section.right_margin.twips} {section.bottom_margin.twips} "
            f"{section.left_margin.twips} header {section.header_distance.twips} footer {section.footer_distance.twips}"
        )
        lines += _header_footer("header", [] if section.header.is_linked_to_previous else section.header.paragraphs)
        lines += _header_footer("footer", section.footer.paragraphs)
    lines += _styles(doc)
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(f"P {_paragraph(block)}")
        else:
            lines += _table(block)
    return "\n".join(lines) + "\n"
