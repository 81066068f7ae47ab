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
from .document import Block, SourceDocument, line_block
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
            for page in pdf.pages:
                document.blocks.extend(_page_rows(page))
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


def _page_rows(page: pdfplumber.page.Page) -> list[Block]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    placed: list[tuple[float, list[Block]]] = []
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes)) if boxes else page
    previous_bottom: float | None = None
    lines = outside.extract_text_lines(keep_blank_chars=False)
    body = _body_size(lines)
    for line in lines:
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
