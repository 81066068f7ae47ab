"""Read a PDF's text layer with pdfplumber: ruled tables as rows of cells, other text as lines.

pdfplumber (on pdfminer.six) is used rather than a bare text dump because it finds the ruled
tables awarding bodies print outcomes in, so cells arrive separated instead of run together.
No OCR: a scan without a text layer is refused with a clear message.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from .cell_lines import join_wrapped
from .cleaning import clean_text, paragraphs
from .document import Block, Para, SourceDocument, line_block
from .outcomes import grade_roles, is_header_row, outcome_columns
from .sources import ImportProblem

#: Most pages read from one PDF: a unit is a few pages; a whole specification is refused.
MAX_PAGES = 60


def read_pdf(raw: bytes, display: str) -> SourceDocument:
    """The PDF's rows, page by page, top to bottom."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    document = SourceDocument(display, "pdf")
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ImportProblem(display, f"PDF has {len(pdf.pages)} pages; the limit is {MAX_PAGES} (one unit)")
            title = pdf.metadata.get("Title")
            if isinstance(title, str) and title.strip():
                document.title = " ".join(title.split())
            edges: list[float] = []  # column starts of an unruled table, carried across pages
            for page in pdf.pages:
                document.blocks.extend(_page_rows(page, edges))
    except ImportProblem:
        raise
    except PDFPasswordIncorrect:
        raise ImportProblem(display, "PDF is encrypted; save an unprotected copy first") from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ImportProblem(display, f"not a readable PDF ({type(exc).__name__})") from None
    if not any(not block.blank for block in document.blocks):
        raise ImportProblem(
            display, "PDF has no text layer (a scanned image?); OCR is not supported: import its text instead"
        )
    return document


def _inside(obj: dict[str, float], box: tuple[float, float, float, float]) -> bool:
    middle_x = (obj["x0"] + obj["x1"]) / 2
    middle_y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]


def _size(line: dict[str, Any]) -> float:
    sizes = [round(char.get("size", 0.0), 1) for char in line.get("chars", ())]
    return max(sizes, default=0.0)


def _body_size(lines: list[dict[str, Any]]) -> float:
    """The commonest text size on the page: larger lines are headings."""
    counts = Counter(round(char.get("size", 0.0), 1) for line in lines for char in line.get("chars", ()))
    return counts.most_common(1)[0][0] if counts else 0.0


def _pieces(words: list[dict[str, Any]], size: float) -> list[tuple[float, float, str]]:
    """A line's words grouped where the gap is wider than a word space: cells printed side by side."""
    pieces: list[tuple[float, float, str]] = []
    for word in sorted(words, key=lambda w: w["x0"]):
        if pieces and word["x0"] - pieces[-1][1] <= size * 0.4:
            pieces[-1] = (pieces[-1][0], word["x1"], f"{pieces[-1][2]} {word['text']}")
        else:
            pieces.append((word["x0"], word["x1"], word["text"]))
    return pieces


def _line_words(page: Any, lines: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The words of each text line (pdfplumber's words keep ligatures whole)."""
    found: list[list[dict[str, Any]]] = [[] for _ in lines]
    for word in page.extract_words(keep_blank_chars=False):
        middle = (word["top"] + word["bottom"]) / 2
        for index, line in enumerate(lines):
            if line["top"] - 1 <= middle <= line["bottom"] + 1:
                found[index].append(word)
                break
    return found


def _cells(pieces: list[tuple[float, float, str]], edges: list[float]) -> tuple[tuple[Para, ...], ...]:
    columns: list[list[str]] = [[] for _ in edges]
    for x0, _, text in pieces:
        column = max((k for k, edge in enumerate(edges) if edge <= x0 + 4), default=0)
        columns[column].append(text)
    return tuple(tuple(paragraphs(" ".join(texts))) for texts in columns)


def positional_rows(page: Any, lines: list[dict[str, Any]], body: float, edges: list[float]) -> dict[int, Block]:
    """Rows of tables printed without rules, read by where their words stand on the page.

    A line whose pieces (words separated by more than a space) form a table header, such as
    ``Learning outcomes | Assessment criteria | Exemplification``, gives the column starts; every
    line below it is a row with its pieces in the columns they start in, until a heading or a line
    whose text runs across a column start (prose). Rows are ``wrapped``: one printed line each,
    carrying on the cells of the row above. Elsewhere a line of two or more pieces (``Level:  3``)
    is a row of its own. ``edges`` carries the column starts from page to page (updated in place).
    """
    pieces = [_pieces(words, _size(line) or body) for words, line in zip(_line_words(page, lines), lines, strict=True)]
    rows: dict[int, Block] = {}
    for index, (line, found) in enumerate(zip(lines, pieces, strict=True)):
        if not found:
            continue
        candidate = Block(cells=tuple((Para(text),) for _, _, text in found), table=True)
        header = len(found) >= 2 and (
            is_header_row(candidate) or grade_roles(candidate) is not None or outcome_columns(candidate)
        )
        if header and not _aligned(found, edges):
            edges[:] = [x0 for x0, _, _ in found]
            rows[index] = Block(cells=_cells(found, edges), table=True)
            continue
        if edges and (_size(line) > body * 1.1 or _crosses(found, edges)):
            edges.clear()
        if edges:
            rows[index] = Block(cells=_cells(found, edges), table=True, wrapped=True)
        elif len(found) >= 2:
            edges[:] = [x0 for x0, _, _ in found]  # a table without a header: its first line's columns
            rows[index] = candidate
    return rows


def _aligned(found: list[tuple[float, float, str]], edges: list[float]) -> bool:
    """Whether every piece starts at one of the column starts (a header's wrapped or repeated line)."""
    return bool(edges) and all(any(abs(x0 - edge) <= 4 for edge in edges) for x0, _, _ in found)


def _crosses(found: list[tuple[float, float, str]], edges: list[float]) -> bool:
    """Whether a piece of the line runs across the start of the next column: prose, not a table row."""
    return any(x0 < edge - 4 < x1 for x0, x1, _ in found for edge in edges[1:])


def _page_rows(page: pdfplumber.page.Page, edges: list[float]) -> list[Block]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    placed: list[tuple[float, list[Block]]] = []
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes)) if boxes else page
    previous_bottom: float | None = None
    lines = outside.extract_text_lines(keep_blank_chars=False)
    body = _body_size(lines)
    positioned = positional_rows(outside, lines, body, edges)
    for position, line in enumerate(lines):
        size = _size(line)
        heading = size > body * 1.1
        last = placed[-1][1][-1] if placed else None
        gap = line["top"] - previous_bottom if previous_bottom is not None else 0.0
        if heading and last is not None and last.heading and gap < size * 0.6:
            # a heading wrapped onto a second line: one heading
            placed[-1][1][-1] = line_block(f"{last.text} {clean_text(line['text'])}", heading=True)
            previous_bottom = line["bottom"]
            continue
        rows: list[Block] = []
        if previous_bottom is not None and gap > line["bottom"] - line["top"]:
            rows.append(Block(cells=((),)))
        previous_bottom = line["bottom"]
        if heading:
            rows.append(line_block(clean_text(line["text"]), heading=True))
        elif position in positioned:
            rows.append(positioned[position])
        else:
            rows.append(Block(cells=(tuple(paragraphs(line["text"])),)))
        placed.append((line["top"], rows))
    for table in tables:
        rows = []
        for cells in table.extract():
            texts = [cell for cell in cells if cell is not None]  # None: the cell to the left spans here
            rows.append(Block(cells=tuple(tuple(join_wrapped(text.split("\n"))) for text in texts), table=True))
        rows.append(Block(cells=((),)))
        placed.append((table.bbox[1], rows))
    placed.sort(key=lambda item: item[0])
    return [row for _, rows in placed for row in rows]
