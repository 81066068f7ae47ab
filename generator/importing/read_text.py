"""Read plain text (as copied out of a PDF viewer or web page) and saved HTML pages."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from .cleaning import html_paragraphs, paragraphs
from .document import Block, Para, SourceDocument
from .sources import ImportProblem

_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CONTAINER_TAGS = {"html", "body", "div", "section", "article", "main", "header", "footer", "span", "form", "center"}


def decode_text(raw: bytes, display: str) -> str:
    """UTF-8 (or UTF-16 with a BOM), falling back to Windows-1252; binary files are refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    sample = raw[:65536]
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) // 100:
        raise ImportProblem(display, "binary file, not a text, HTML, DOCX or PDF document")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_plain_text(text: str, display: str) -> SourceDocument:
    """One row per line; tabs separate table cells, as they do when a table is copied out."""
    document = SourceDocument(display, "text")
    for line in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n ").split("\n"):
        if re.match(r"^ \S", line) and document.blocks and not document.blocks[-1].blank:
            document.blocks.append(Block(cells=((),)))  # a new page starts: copied text marks it with a space
        cells = [cell for cell in line.split("\t")]
        if len(cells) == 1 and " / " in line and _flattened_row(line):
            cells = _regroup(line.split(" / "))
        parsed = tuple(tuple(paragraphs(cell)) for cell in cells)
        document.blocks.append(Block(cells=parsed, table="\t" in line))
    return document


def _regroup(cells: list[str]) -> list[str]:
    """Flattened cells back into columns: one criterion per cell belongs in the criteria column."""
    criteria = [c for c in cells[1:] if re.match(r"^\s*\d{1,2}\.\d{1,2}", c)]
    others = [c for c in cells[1:] if c not in criteria]
    return [cells[0], " ".join(c.strip() for c in criteria), *others] if criteria else cells


def _flattened_row(line: str) -> bool:
    """A table row flattened into ``cell / cell / cell``: an outcome or criterion number after a slash."""
    return bool(re.search(r"(?:^|\s/\s)(?:LO\s?)?\d{1,2}(?:\.\d{1,2})?[a-z]?\s", line)) and bool(
        re.search(r"\s/\s(?:\d{1,2}\.\d{1,2}|[PMD]\d{1,2})\s", line)
    )


def read_html(text: str, display: str) -> SourceDocument:
    """Headings, paragraphs, list items and table rows of a saved web page, in reading order."""
    document = SourceDocument(display, "html")
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ImportProblem(display, f"not readable as HTML: {exc}") from None
    title = root.findtext(".//title")
    document.title = " ".join(title.split()) if title and title.strip() else None
    body = root.find("body")
    _walk_html(body if body is not None else root, document.blocks)
    return document


def _walk_html(element: lxml_html.HtmlElement, blocks: list[Block]) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("script", "style", "nav", "noscript", "template"):
            continue
        if tag == "table":
            _table_rows(child, blocks)
        elif tag in _CONTAINER_TAGS and any(isinstance(c.tag, str) for c in child):
            if child.text and child.text.strip():
                blocks.extend(Block(cells=((p,),), whole=True) for p in paragraphs(child.text))
            _walk_html(child, blocks)
        elif tag:
            for para in html_paragraphs(child):
                blocks.append(Block(cells=((para,),), heading=tag in _HEADING_TAGS, whole=True))
        if child.tail and child.tail.strip():
            blocks.extend(Block(cells=((p,),), whole=True) for p in paragraphs(child.tail))


def _table_rows(table: lxml_html.HtmlElement, blocks: list[Block]) -> None:
    for row in table.iter("tr"):
        cells: list[tuple[Para, ...]] = []
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            content = tuple(html_paragraphs(cell))
            span = int(cell.get("colspan", "1")) if cell.get("colspan", "1").isdigit() else 1
            cells.append(content)
            cells.extend(() for _ in range(min(span, 8) - 1))
        blocks.append(
            Block(cells=tuple(cells), table=True, heading=all(c.tag == "th" for c in row if isinstance(c.tag, str)))
        )
    blocks.append(Block(cells=((),)))
