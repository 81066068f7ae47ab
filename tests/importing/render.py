"""Render a fictional corpus document (text, tabs between cells) as HTML, DOCX and PDF.

The same words reach the importer through each reader: a table row becomes an HTML/Word
table row, criteria run together in a cell become paragraphs of their own, ``•`` items
become real list items, and lines the importer would take for headings become headings.
"""

from __future__ import annotations

import html
import io
import re

import docx

from generator.importing.document import Block, Para
from generator.importing.layout import heading_name

_CELL_BREAK = re.compile(r"\s+(?=\d{1,2}\.\d{1,2}\s)|\s*•\s*")


def _cell_paragraphs(text: str) -> list[tuple[str, bool]]:
    """``(text, is_bullet)`` for each paragraph of a cell."""
    found: list[tuple[str, bool]] = []
    bullet_next = False
    for piece in re.split(r"(\s*•\s*|\s+(?=\d{1,2}\.\d{1,2}\s))", text):
        if piece is None:
            continue
        if "•" in piece:
            bullet_next = True
            continue
        if piece.strip():
            found.append((piece.strip(), bullet_next))
            bullet_next = False
    return found


def _rows(text: str) -> list[tuple[str, list[str]]]:
    """``(kind, cells)``: kind is ``table``, ``heading``, ``bullet``, ``para`` or ``blank``."""
    rows = []
    for line in text.splitlines():
        if "\t" in line:
            rows.append(("table", line.split("\t")))
        elif not line.strip():
            rows.append(("blank", []))
        elif line.startswith("• "):
            rows.append(("bullet", [line[2:]]))
        elif heading_name(Block(cells=((Para(line),),))) is not None:
            rows.append(("heading", [line]))
        else:
            rows.append(("para", [line]))
    return rows


def to_html(text: str) -> str:
    """A saved-web-page version of the document."""
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Fictional unit</title>",
        "<style>table{border-collapse:collapse}td,th{border:1px solid #000;padding:4px;vertical-align:top}",
        "tr{break-inside:avoid}</style>",
        "</head><body>",
    ]
    in_table = in_list = False
    for kind, cells in _rows(text):
        if kind != "table" and in_table:
            out.append("</table>")
            in_table = False
        if kind != "bullet" and in_list:
            out.append("</ul>")
            in_list = False
        if kind == "table":
            if not in_table:
                out.append("<table>")
                in_table = True
            out.append("<tr>" + "".join(f"<td>{_cell_html(cell)}</td>" for cell in cells) + "</tr>")
        elif kind == "bullet":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(cells[0])}</li>")
        elif kind == "heading":
            out.append(f"<h2>{html.escape(cells[0])}</h2>")
        elif kind == "para":
            out.append(f"<p>{html.escape(cells[0])}</p>")
    out.append("</table>" if in_table else "")
    out.append("</ul>" if in_list else "")
    out.append("</body></html>")
    return "\n".join(out)


def _cell_html(cell: str) -> str:
    parts: list[str] = []
    items: list[str] = []
    for text, bullet in _cell_paragraphs(cell):
        if bullet:
            items.append(f"<li>{html.escape(text)}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        parts.append(f"<p>{html.escape(text)}</p>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts)


def to_docx(text: str) -> bytes:
    """A Word version: headings, paragraphs, bullet lists and real tables."""
    document = docx.Document()
    table = None
    for kind, cells in _rows(text):
        if kind != "table":
            table = None
        if kind == "table":
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"
            row = table.add_row()
            for index, cell in enumerate(cells[: len(row.cells)]):
                target = row.cells[index]
                first = True
                for piece, bullet in _cell_paragraphs(cell):
                    paragraph = target.paragraphs[0] if first else target.add_paragraph()
                    paragraph.text = piece
                    if bullet:
                        paragraph.style = "List Bullet"
                    first = False
        elif kind == "heading":
            document.add_heading(cells[0], level=2)
        elif kind == "bullet":
            document.add_paragraph(cells[0], style="List Bullet")
        elif kind == "para":
            document.add_paragraph(cells[0])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(text: str) -> bytes:
    """A PDF with a text layer, printed from the HTML version."""
    # Imported here: WeasyPrint takes half a second to import (see tests.helpers.print_html).
    from weasyprint import HTML

    return HTML(string=to_html(text)).write_pdf()
