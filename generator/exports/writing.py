"""Bytes of exported files: JSON and CSV written one way, and files written to a folder.

Exports must stay inert whatever a unit says, in every program that opens them:

- JSON: ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026`` (the same
  string to any JSON reader), so a file served or sniffed as HTML holds no markup;
- CSV: a cell beginning with ``=``, ``+``, ``-``, ``@`` (or tab or carriage return) is
  prefixed with an apostrophe, so a spreadsheet shows it as text instead of running it as
  a formula (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: First characters a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFile:
    """One exported file: its path under the site root, its bytes, and how a page offers it.

    ``page`` names the page that links to it (``data:<unit id>`` or
    ``data:qualification:<id>``); files no page offers leave it empty.
    """

    site_path: str
    data: bytes | None
    """The bytes, or None when :attr:`cached` holds them (a build need not hold every export in memory)."""
    label: str = ""
    description: str = ""
    page: str = ""
    cached: Path | None = None
    """The export cache's file holding the bytes, when there is one (the build copies it from there)."""

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        if self.data is None:
            assert self.cached is not None
            return self.cached.stat().st_size
        return len(self.data)

    def read(self) -> bytes:
        """The file's bytes (from the cache file when they are not held)."""
        if self.data is None:
            assert self.cached is not None
            return self.cached.read_bytes()
        return self.data


def json_bytes(data: object) -> bytes:
    """``data`` as compact UTF-8 JSON with markup characters escaped, ending in a newline.

    Compact because the standard library's C encoder runs only without ``indent``: indenting
    made a 200-unit catalogue's CASE packages ten times slower to write (see the README).
    """
    return (json_text(data) + "\n").encode("utf-8")


def json_text(data: object) -> str:
    """``data`` as compact JSON text with markup characters escaped, as :func:`json_bytes` writes it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def neutralise(cell: str) -> str:
    """``cell`` made safe for spreadsheets: a leading formula character gets an apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV (RFC 4180: comma, double quotes, CRLF), every text cell neutralised."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if cell is None else neutralise(str(cell)) for cell in row])
    return out.getvalue().encode("utf-8")


def write_files(files: Iterable[ExportFile], folder: Path, *, strip_prefix: str = "") -> list[Path]:
    """Write every file under ``folder`` (its site path, less ``strip_prefix``); returns the paths."""
    written = []
    for item in files:
        relative = item.site_path.removeprefix(strip_prefix)
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if item.data is None:
            assert item.cached is not None
            shutil.copyfile(item.cached, path)
        else:
            path.write_bytes(item.data)
        written.append(path)
    return written
