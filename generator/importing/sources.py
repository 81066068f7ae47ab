"""Read a source file into rows: choose the reader by the file's content, refuse what is not a document."""

from __future__ import annotations

from pathlib import Path

from ..errors import HandbookError
from .document import SourceDocument

#: Largest source file accepted, in bytes. A unit specification is tens of kilobytes as text and
#: a few hundred as a PDF; a bigger file is a whole qualification pack or not a unit at all.
MAX_SOURCE_BYTES = 20_000_000
#: Most characters of text accepted from one source, after reading.
MAX_TEXT_CHARS = 1_000_000


class ImportProblem(HandbookError):
    """A source that cannot be imported; the message is one line naming the file."""

    def __init__(self, path: str, message: str, line: int = 1, column: int = 1) -> None:
        self.path = path
        super().__init__(f"{path}:{line}:{column}: (file): {message}")


def kind_of(raw: bytes, suffix: str) -> str:
    """``pdf``, ``docx``, ``html`` or ``text``: from the file's first bytes, then its name."""
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return "docx"
    head = raw[:2048].lstrip().lower()
    if suffix in (".html", ".htm", ".xhtml") or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_source(path: Path, display: str) -> SourceDocument:
    """Read ``path`` into rows, or raise :class:`ImportProblem` saying why it cannot be imported."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(display, f"cannot read file: {exc.strerror}") from None
    if not raw.strip():
        raise ImportProblem(display, "file is empty; nothing to import")
    if len(raw) > MAX_SOURCE_BYTES:
        raise ImportProblem(display, f"file is {len(raw):,} bytes; the limit is {MAX_SOURCE_BYTES:,}")
    kind = kind_of(raw, path.suffix.lower())
    if kind == "pdf":
        from .read_pdf import read_pdf  # pdfplumber is only loaded for PDFs

        document = read_pdf(raw, display)
    elif kind == "docx":
        from .read_docx import read_docx

        document = read_docx(raw, display)
    else:
        from .read_text import decode_text, read_html, read_plain_text

        text = decode_text(raw, display)
        if len(text) > MAX_TEXT_CHARS:
            raise ImportProblem(
                display, f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,} (one unit per file)"
            )
        document = read_html(text, display) if kind == "html" else read_plain_text(text, display)
    text_size = sum(len(block.text) for block in document.blocks)
    if text_size > MAX_TEXT_CHARS:
        raise ImportProblem(
            display, f"text is {text_size:,} characters; the limit is {MAX_TEXT_CHARS:,} (one unit per file)"
        )
    if not any(not block.blank for block in document.blocks):
        raise ImportProblem(display, "no text found in the document")
    return document
