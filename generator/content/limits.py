"""What the published files can hold, checked when content is loaded, so ``check`` finds it.

Every printable has limits of its own: Word and Excel files are XML, which cannot hold most
control characters (YAML escapes such as ``"\\x01"`` can still put them in a value); Word's
document properties hold at most 255 characters, and they carry the unit's title; a
spreadsheet cell holds at most 32,767 characters, and the tracker lists every criterion in
full. :func:`unit_limit_errors` reports each breach at its ``path:line:col``, so what
``handbook check`` accepts the build can publish.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from ..errors import ContentProblem

if TYPE_CHECKING:
    from .loader import Document
    from .model import Unit

#: Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, surrogates, U+FFFE/U+FFFF).
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Longest text one spreadsheet cell holds (Excel's limit).
MAX_CELL_LENGTH = 32_767
#: Longest unit title: Word's document properties hold 255 characters, and the workbook's
#: title property is "Candidate workbook: Unit <number> <title>".
MAX_TITLE_LENGTH = 190
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _only_dates(value: Any) -> Any:
    """Accept a date (YAML ``2025-07-31`` or the text ``"2025-07-31"``), never a number.

    Pydantic alone would read ``1419984000`` as Unix seconds. A date with a time of day
    passes through to pydantic, which refuses it with its own message.
    """
    if isinstance(value, dt.date) or (isinstance(value, str) and _DATE.fullmatch(value.strip())):
        return value
    raise PydanticCustomError("date_type", "expected a date as YYYY-MM-DD, got '{value}'", {"value": value})


Date = Annotated[dt.date, BeforeValidator(_only_dates)]
"""A calendar date, written ``YYYY-MM-DD``; numbers (Unix seconds) and times are refused."""


def _strings(data: Any, location: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        yield location, data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            yield from _strings(value, (*location, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*location, index))


def may_hold(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a value parsed from YAML ``text`` could hold a character ``pattern`` matches.

    For :data:`NOT_IN_XML` and :data:`BIDI_CONTROLS`, whose only ASCII characters are C0
    controls (which YAML's reader refuses unless escaped): such a character is either in a
    non-ASCII text itself or written as an escape (``"\\x01"``), which needs a backslash.
    Valid files are then never walked value by value.
    """
    return "\\" in text or (not text.isascii() and pattern.search(text) is not None)


def xml_errors(document: Document) -> list[ContentProblem]:
    """A value holding a character no Word, Excel or PDF file can carry, one error each."""
    if not may_hold(NOT_IN_XML, document.text):
        return []
    errors = []
    for location, text in _strings(document.data):
        found = NOT_IN_XML.search(text)
        if found:
            errors.append(
                document.error(
                    location,
                    f"holds the control character U+{ord(found.group()):04X} (written as a YAML escape?), "
                    "which Word and Excel files cannot hold; delete it",
                )
            )
    return errors


def unit_limit_errors(unit: Unit, document: Document) -> list[ContentProblem]:
    """Every value of ``unit`` that a printable could not hold whole."""
    errors = xml_errors(document)
    if len(unit.title) > MAX_TITLE_LENGTH:
        errors.append(
            document.error(
                ("title",),
                f"is {len(unit.title):,} characters; the limit is {MAX_TITLE_LENGTH} "
                "(Word files carry the title in properties of at most 255 characters)",
            )
        )
    cells: list[tuple[tuple[str | int, ...], int]] = []
    for o, outcome in enumerate(unit.learning_outcomes):
        cells.append((("learning_outcomes", o, "text"), len(f"LO{outcome.number} {outcome.text}")))
        for c, criterion in enumerate(outcome.criteria):
            cells.append((("learning_outcomes", o, "criteria", c, "text"), len(criterion.text)))
    for m, method in enumerate(unit.evidence.methods if unit.evidence else ()):
        cells.append((("evidence", "methods", m, "method"), len(method.method)))
    for location, length in cells:
        if length > MAX_CELL_LENGTH:
            errors.append(
                document.error(
                    location,
                    f"is {length:,} characters; the evidence tracker's spreadsheet cells hold at most "
                    f"{MAX_CELL_LENGTH:,}, so shorten it",
                )
            )
    return errors


_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE, RLE, LRO, RLO: closed by PDF
_ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI: closed by PDI
_PDF, _PDI = "\u202c", "\u2069"
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def close_bidi(text: str) -> str:
    """``text`` with every bidi embedding, override or isolate it opens closed at the end of its line.

    An unclosed right-to-left override (U+202E) in a title would reverse whatever a page,
    record sheet or spreadsheet prints after it on the same line (a NOS code, the site
    name). Closed where the value's line ends, it can reorder only its own text.
    """
    if not BIDI_CONTROLS.search(text):
        return text
    lines = []
    for line in text.split("\n"):
        open_: list[str] = []
        for char in line:
            if char in _EMBEDDINGS:
                open_.append(_PDF)
            elif char in _ISOLATES:
                open_.append(_PDI)
            elif char == _PDF and open_ and open_[-1] == _PDF:
                open_.pop()
            elif char == _PDI and _PDI in open_:
                while open_.pop() != _PDI:
                    pass
        lines.append(line + "".join(reversed(open_)))
    return "\n".join(lines)


def close_bidi_in(data: Any) -> Any:
    """``data`` (parsed YAML) with :func:`close_bidi` applied to every string value."""
    if isinstance(data, str):
        return close_bidi(data)
    if isinstance(data, Mapping):
        return {key: close_bidi_in(value) for key, value in data.items()}
    if isinstance(data, list):
        return [close_bidi_in(value) for value in data]
    return data
