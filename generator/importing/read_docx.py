"""Read a Word document (python-docx): paragraphs and table rows in body order."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from .cell_lines import join_wrapped
from .cleaning import clean_text, split_bullet
from .document import Block, Para, SourceDocument
from .sources import ImportProblem


def read_docx(raw: bytes, display: str) -> SourceDocument:
    """The document's rows; raises :class:`ImportProblem` for a file Word could not open either."""
    try:
        word = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportProblem(display, f"not a readable DOCX file ({type(exc).__name__})") from None
    document = SourceDocument(display, "docx", title=(word.core_properties.title or "").strip() or None)
    for item in word.iter_inner_content():
        if isinstance(item, Paragraph):
            para = _paragraph(item)
            if para is not None:
                document.blocks.append(Block(cells=((para,),), heading=_is_heading(item), whole=True))
            else:
                document.blocks.append(Block(cells=((),)))
        elif isinstance(item, Table):
            _table(item, document.blocks)
    return document


def _is_heading(paragraph: Paragraph) -> bool:
    name = paragraph.style.name if paragraph.style is not None else ""
    return name.startswith(("Heading", "Title"))


def _list_depth(paragraph: Paragraph) -> int:
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    name = paragraph.style.name if paragraph.style is not None else ""
    if numbering is not None:
        level = numbering.ilvl
        return 1 + (int(level.val) if level is not None else 0)
    if name.startswith("List Bullet"):
        suffix = name.removeprefix("List Bullet").strip()
        return int(suffix) if suffix.isdigit() else 1
    return 0


def _paragraph(paragraph: Paragraph) -> Para | None:
    text = clean_text(paragraph.text)
    if not text:
        return None
    depth = _list_depth(paragraph)
    bullet, rest = split_bullet(text)
    return Para(rest, depth or (1 if bullet else 0))


def _table(table: Table, blocks: list[Block]) -> None:
    for row in table.rows:
        cells: list[tuple[Para, ...]] = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue  # a merged cell is returned once per grid column it spans
            seen.append(cell._tc)
            paras: list[Para] = []
            for paragraph in cell.paragraphs:
                depth = _list_depth(paragraph)
                if depth:
                    paras.append(Para(clean_text(paragraph.text), depth))
                else:
                    paras.extend(join_wrapped(paragraph.text.split("\n")))
            cells.append(tuple(p for p in paras if p.text))
        blocks.append(Block(cells=tuple(cells), table=True))
    blocks.append(Block(cells=((),)))
