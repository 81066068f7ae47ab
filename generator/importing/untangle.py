"""Untangle table columns that a PDF conversion ran together line by line.

When a PDF table is copied out without its cell boundaries, each printed line holds a piece
of every column: ``5 Be able to monitor customer | 5.1 Describe methods of This may include:``.
Each printed line carries at most one line of each column, so the task is to choose, for
every line, where its column pieces start. The choice is made for all lines together by
dynamic programming, scored by what the document itself shows:

* hard cues: a criterion number starts the criteria column, a bullet glyph starts the third
  column, ``|`` is a cell border, a cell that ended with a full stop takes no more words
  (where the document's cells end with full stops);
* column widths, learned from the cleanly printed rows of the same table: a piece may not be
  much wider than its column, and a line that left room for the next word of its column was
  probably not wrapped there;
* a capitalised word after a lower-case one usually starts a new piece;
* a line with one piece most likely continues the column that ended the line before.

The result is a best reading, never certain: the caller marks every untangled field for review.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from PIL import ImageFont

from .cleaning import BULLET_GLYPHS

#: The printables' body font: its metrics stand in for the source document's proportional font.
FONT = Path(__file__).resolve().parent.parent / "printables" / "fonts" / "OpenSans-Regular.ttf"

_CRITERION = re.compile(r"^\d{1,2}\.\d{1,2}[a-z]?$")
_OUTCOME = re.compile(r"^\d{1,2}[.)]?$")
_GLYPH = re.compile(rf"^(?:[{re.escape(BULLET_GLYPHS)}]|[eo)¢])$")

_OVERFLOW = 10.0
_ROOM = 1.0
_CAPITAL = 4.0
_SWITCH = 2.0
_UNCLOSED = 40.0
_IMPOSSIBLE = float("inf")


@dataclass(frozen=True)
class Style:
    """What the clean part of the table shows about its columns."""

    widths: tuple[float, ...]
    """Widest clean line of each column, in characters."""
    full_stops: tuple[bool, ...]
    """Whether each column's cells end with a full stop (outcomes, criteria); the third never does."""


@dataclass(frozen=True)
class Untangled:
    """The column pieces of each line: ``pieces[line][column]`` is a string, maybe empty."""

    pieces: list[tuple[str, ...]]


def _is_glyph(words: list[str], index: int) -> bool:
    if index >= len(words):
        return False
    return _GLYPH.match(words[index]) is not None and index + 1 < len(words)


def _starts_criterion(words: list[str], index: int) -> bool:
    if index >= len(words):
        return False
    return _CRITERION.match(words[index]) is not None and index + 1 < len(words) and words[index + 1][:1].isupper()


def _starts_outcome(words: list[str], index: int) -> bool:
    return index == 0 and len(words) > 1 and _OUTCOME.match(words[0]) is not None and words[1][:1].isupper()


def _ends_cell(word: str) -> bool:
    return word.endswith(".") and not re.fullmatch(r"(?:e\.g|i\.e|etc|\d+(?:\.\d+)*)\.?", word)


@dataclass(frozen=True)
class _Line:
    words: list[str]
    borders: frozenset[int]


def _parse_line(text: str) -> _Line:
    words: list[str] = []
    borders: set[int] = set()
    for word in text.split():
        if word == "|":
            borders.add(len(words))
        else:
            words.append(word)
    return _Line(words, frozenset(borders))


def _splits(line: _Line, columns: int) -> list[tuple[int, ...]]:
    """Every way to cut ``line`` into ``columns`` pieces that the hard cues allow."""
    n = len(line.words)
    found = []
    for cuts in product(range(n + 1), repeat=columns - 1):
        if list(cuts) != sorted(cuts):
            continue
        bounds = (0, *cuts, n)
        if not line.borders <= {*cuts, 0, n}:
            continue
        ok = True
        for index in range(n):
            column = next(c for c in range(columns) if bounds[c] <= index < bounds[c + 1])
            if _starts_criterion(line.words, index) and columns > 1:
                ok = column == 1 and _starts_criterion(line.words, bounds[1])
            elif columns > 2 and _is_glyph(line.words, index):
                ok = column == 2 and index == bounds[2]
            elif _starts_outcome(line.words, index):
                ok = column == 0
            if not ok:
                break
        if ok:
            found.append(tuple(cuts))
    return found


def _pieces(line: _Line, cuts: tuple[int, ...]) -> list[list[str]]:
    bounds = (0, *cuts, len(line.words))
    return [line.words[bounds[c] : bounds[c + 1]] for c in range(len(bounds) - 1)]


@functools.cache
def _font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), 20)


def _length(words: list[str]) -> float:
    """Printed width of a piece, in average characters; a leading number or bullet hangs in the margin.

    Widths come from a real proportional font's metrics (Open Sans, shipped for the printables),
    not from counting characters: 'monitoring' and 'illicit' differ by half their length in print,
    and the wrap evidence depends on that difference.
    """
    if words and (_starts_criterion(words, 0) or _is_glyph(words, 0)):
        words = words[1:]
    return _text_width(" ".join(words))


@functools.lru_cache(maxsize=65536)
def _text_width(text: str) -> float:
    return _font().getlength(text) / 10.0


def printed_width(text: str) -> float:
    """:func:`_length` of a line of text."""
    return _length(text.split())


def _line_cost(pieces: list[list[str]], closed: tuple[bool, ...], style: Style) -> tuple[float, tuple[bool, ...]]:
    """The cost of one line's pieces given which columns are closed, and the columns closed after it."""
    cost = 0.0
    now = list(closed)
    for column, words in enumerate(pieces):
        if not words:
            continue
        opens = (column == 0 and _starts_outcome(words, 0)) or (column == 1 and _starts_criterion(words, 0))
        if column == 2 and _is_glyph(words, 0):
            opens = True
        if now[column] and not opens:
            return _IMPOSSIBLE, closed
        if opens and column < 2 and not now[column] and style.full_stops[column]:
            cost += _UNCLOSED
        now[column] = False
        cost += max(0, _length(words) - style.widths[column]) * _OVERFLOW
        for position, word in enumerate(words[1:], start=1):
            before = words[position - 1]
            if word[:1].isupper() and word[1:2].islower() and before[-1:] not in ".:;" and not _GLYPH.match(before):
                cost += _CAPITAL
            if (
                column < 2
                and style.full_stops[column]
                and _ends_cell(before)
                and not _starts_criterion(words, position)
            ):
                return _IMPOSSIBLE, closed
        if column < 2 and style.full_stops[column] and _ends_cell(words[-1]):
            now[column] = True
        if column == 2 and _ends_cell(words[-1]):
            now[column] = True
    return cost, tuple(now)


def _wrap_cost(before: list[list[str]], after: list[list[str]], style: Style) -> float:
    """Room left on a line for the next word of the same column: that word would have fitted there."""
    cost = 0.0
    rightmost_before = max((c for c, words in enumerate(before) if words), default=-1)
    filled_after = [c for c, words in enumerate(after) if words]
    if len(filled_after) == 1 and filled_after[0] != rightmost_before:
        cost += _SWITCH
    for column, (first, second) in enumerate(zip(before, after, strict=True)):
        if not first or not second:
            continue
        if _starts_criterion(second, 0) or _starts_outcome(second, 0) or _is_glyph(second, 0):
            continue
        room = style.widths[column] - _length([*first, second[0]])
        if room >= 0:
            cost += room * _ROOM
    return cost


def _widen(style: Style, lines: list[_Line]) -> Style:
    """Widths raised to fit outcome pieces the cues fix on both sides (an outcome number, then a border)."""
    widths = list(style.widths)
    for line in lines:
        if not _starts_outcome(line.words, 0):
            continue
        ends = sorted(i for i in range(1, len(line.words)) if i in line.borders or _starts_criterion(line.words, i))
        if ends and ends[0] in line.borders:
            widths[0] = max(widths[0], _length(line.words[: ends[0]]))
    return Style(tuple(widths), style.full_stops)


def untangle(lines: list[str], style: Style, closed: tuple[bool, ...]) -> Untangled:
    """The best reading of ``lines`` as ``len(style.widths)`` columns run together.

    ``closed`` says which columns start closed (a closed column takes words again only where
    a new outcome, criterion or bullet starts it).
    """
    columns = len(style.widths)
    parsed = [line for line in (_parse_line(text) for text in lines) if line.words]
    if not parsed:
        return Untangled([])
    style = _widen(style, parsed)
    options = [_splits(line, columns) or [tuple([len(line.words)] * (columns - 1))] for line in parsed]
    # best[(cuts, closed)] = (cost, path of cuts)
    best: dict[tuple[tuple[int, ...], tuple[bool, ...]], tuple[float, list[tuple[int, ...]]]] = {}
    for cuts in options[0]:
        cost, now = _line_cost(_pieces(parsed[0], cuts), closed, style)
        if cost < _IMPOSSIBLE:
            key = (cuts, now)
            if key not in best or cost < best[key][0]:
                best[key] = (cost, [cuts])
    for index in range(1, len(parsed)):
        following: dict[tuple[tuple[int, ...], tuple[bool, ...]], tuple[float, list[tuple[int, ...]]]] = {}
        before_pieces = {cuts: _pieces(parsed[index - 1], cuts) for cuts in options[index - 1]}
        after_pieces = {option: _pieces(parsed[index], option) for option in options[index]}
        line_costs: dict[tuple[tuple[int, ...], tuple[bool, ...]], tuple[float, tuple[bool, ...]]] = {}
        wrap_costs: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        for (cuts, state), (cost, path) in best.items():
            for option, after in after_pieces.items():
                if (option, state) not in line_costs:
                    line_costs[(option, state)] = _line_cost(after, state, style)
                line_cost, now = line_costs[(option, state)]
                if line_cost == _IMPOSSIBLE:
                    continue
                if (cuts, option) not in wrap_costs:
                    wrap_costs[(cuts, option)] = _wrap_cost(before_pieces[cuts], after, style)
                total = cost + line_cost + wrap_costs[(cuts, option)]
                key = (option, now)
                if key not in following or total < following[key][0]:
                    following[key] = (total, [*path, option])
        if not following:  # nothing fits the cues: keep the lines whole in the last column
            following = {
                (option, state): (cost, [*path, option])
                for (cuts, state), (cost, path) in best.items()
                for option in options[index][-1:]
            }
        best = following
    final = {
        key: cost + sum(_UNCLOSED for c in range(min(columns, 2)) if style.full_stops[c] and not key[1][c])
        for key, (cost, _) in best.items()
    }
    chosen = min(final, key=lambda key: final[key])
    path = best[chosen][1]
    return Untangled(
        [tuple(" ".join(words) for words in _pieces(line, cuts)) for line, cuts in zip(parsed, path, strict=True)]
    )
