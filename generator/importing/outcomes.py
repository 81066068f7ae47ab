"""The learning outcomes table: outcomes, their criteria and the optional third column.

Rows arrive in two shapes. Table rows (HTML, DOCX, ruled PDF tables, tab-separated text)
carry the columns as cells. Plain lines (text copied from a PDF) carry one column piece
each, and sometimes pieces of every column run together (see :mod:`.untangle`). Both are
turned into the same stream of :class:`Event` values, which :func:`assemble` builds into
outcomes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .cell_lines import join_wrapped
from .cleaning import clean_text
from .document import Block, Para
from .untangle import Style, printed_width, untangle

OUTCOME = re.compile(
    r"^(?:(?:learning\s+outcome|outcome|LO)\s*)?(?P<number>\d{1,2})(?![.\d]\d)[.:)]?(?:\s*[-–:]\s*|\s+)(?P<text>\S.*)$",
    re.IGNORECASE,
)
OUTCOME_ALONE = re.compile(r"^(?:(?:learning\s+outcome|outcome|LO)\s*)?(?P<number>\d{1,2})[.:)]?$", re.IGNORECASE)
CRITERION = re.compile(r"^(?:AC\s*)?(?P<number>\d{1,2}\.\d{1,2})(?P<letter>[a-z])?[.:)]?\s+(?P<text>\S.*)$")
CRITERION_ALONE = re.compile(r"^(?:AC\s*)?(?P<number>\d{1,2}\.\d{1,2})(?P<letter>[a-z])?[.:)]?$")
_INLINE_CRITERION = re.compile(r"\s+(?=(\d{1,2})\.(\d{1,2})\s+[A-Z])")
LEARNER_PHRASE = re.compile(
    r"^(?:the\s+)?(?:learner|candidate)s?\s+(?:will|can|must|should)(?:\s+be\s+able\s+to)?\s*:?$", re.IGNORECASE
)
HEADER_WORDS = re.compile(r"learning\s+outcomes?|assessment\s+criteria", re.IGNORECASE)
_HEADER_CELL = re.compile(
    r"(?:learning\s+outcomes?|assessment\s+criteria|outcomes?|(?:the\s+)?learner\s+(?:will|can)(?:\s+be\s+able\s+to)?)"
    r"(?:\s*:|\s*\([^)]*\))?",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(r"^(?:learning\s+outcomes?|assessment\s+criteria)\b", re.IGNORECASE)
_LABELLED = re.compile(r"^[A-Z][A-Za-z ]{1,40}:\s+\S")
_FURNITURE = re.compile(r"^(?:©|\(c\)\s|copyright\b|page \d+(?: of \d+)?$)", re.IGNORECASE)
_TANGLED = re.compile(r"\s\|\s|\S\s+\d{1,2}\.\d{1,2}\s+[A-Z]|[a-z,]\s+[•¢]\s+[A-Z]")

UNTANGLED = "untangled from table columns run together: check the words at the column breaks"


@dataclass
class Event:
    """One piece of the table in reading order: an outcome, a criterion, or third-column text."""

    kind: str  # "outcome", "outcome+", "criterion", "criterion+", "third"
    text: str = ""
    number: str = ""
    bullet: int = 0
    untangled: bool = False
    row: int = -1
    """The table row it was printed in (-1: not from a table row)."""
    outcome: int | None = None
    """For a grading criterion: the outcome its row belongs to, where the grid says."""


@dataclass
class CriterionDraft:
    """A criterion as read, before numbering checks."""

    number: str
    text: str
    untangled: bool = False
    row: int = -1
    bullets: list[str] = field(default_factory=list)
    sub_criteria: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class GradingDraft:
    """A Pass, Merit or Distinction criterion (P1, M2, D1) and the outcome its row gave, if any."""

    number: str
    text: str
    outcome: int | None
    bullets: list[str] = field(default_factory=list)


@dataclass
class OutcomeDraft:
    """An outcome as read; ``text`` may be empty where the document prints only criteria."""

    number: int
    text: str = ""
    criteria: list[CriterionDraft] = field(default_factory=list)
    third: list[Para] = field(default_factory=list)
    third_rows: list[int] = field(default_factory=list)
    untangled: bool = False


@dataclass
class OutcomesTable:
    """Everything read from the outcomes table."""

    outcomes: list[OutcomeDraft] = field(default_factory=list)
    third_heading: str | None = None
    untangled: bool = False
    trailing: list[Block] = field(default_factory=list)
    """Rows printed after the table without a heading of their own."""
    grading: list[GradingDraft] = field(default_factory=list)
    per_criterion: bool = False
    """Whether the third column is printed beside each criterion (examples of content, range)."""


def is_header_row(block: Block) -> bool:
    """Whether a row is the table's header (printed again after each page break)."""
    if len(block.cells) > 1:
        return any(_HEADER_CELL.fullmatch(" ".join(p.text for p in cell).strip(" :")) for cell in block.cells)
    text = block.text.strip()
    return bool(_HEADER_LINE.match(text)) and len(text) <= 90 and not text.endswith(".")


def header_cells(blocks: list[Block]) -> list[str]:
    """The header's column names, from a header row or from consecutive header lines."""
    for index, block in enumerate(blocks):
        if not is_header_row(block):
            continue
        if len(block.cells) > 1:
            return [" ".join(p.text for p in cell) for cell in block.cells]
        names = [block.text]
        for following in blocks[index + 1 : index + 8]:
            text = following.text
            if not text:
                continue
            if len(text) > 60 or OUTCOME.match(text) or CRITERION.match(text) or LEARNER_PHRASE.match(text):
                break
            names.append(text)
        return names
    return []


def _join(before: str, after: str) -> str:
    if not before:
        return after
    if before.endswith("-") and not before.endswith(" -") and after[:1].islower():
        return before + after
    return f"{before} {after}"


def _criteria_events(text: str, *, untangled: bool = False, bullet: int = 0, row: int = -1) -> list[Event]:
    """A criteria cell paragraph, split where criteria run together ('2.2 Check ... 2.3 Provide ...')."""
    events: list[Event] = []
    pieces = _INLINE_CRITERION.split(text)
    # re.split with two groups yields [text, major, minor, text, ...]
    chunks = [pieces[0]] + [pieces[i + 2] for i in range(1, len(pieces), 3)]
    for position, chunk in enumerate(chunks):
        chunk = chunk.strip()
        if not chunk:
            continue
        if bullet and position == 0:
            events.append(Event("criterion+", chunk, bullet=bullet, untangled=untangled, row=row))
            continue
        match = CRITERION.match(chunk)
        if match:
            number = match["number"] + (match["letter"] or "")
            events.append(Event("criterion", match["text"], number, untangled=untangled, row=row))
        elif LEARNER_PHRASE.match(chunk):
            continue
        else:
            events.append(Event("criterion+", chunk, untangled=untangled, row=row))
    return events


def _outcome_events(text: str, *, untangled: bool = False) -> list[Event]:
    if LEARNER_PHRASE.match(text) or HEADER_WORDS.fullmatch(text.strip(" :")):
        return []
    match = OUTCOME.match(text)
    if match and not CRITERION.match(text):
        return [Event("outcome", match["text"], match["number"], untangled=untangled)]
    return [Event("outcome+", text, untangled=untangled)]


def table_row_events(block: Block, row: int = -1) -> list[Event]:
    """Events of one table row: outcome cell, then criteria cell, then the third column.

    A row whose first cell is a criterion is a recording sheet's row: its other cells are
    for the assessor (evidence reference, date) and are not read.
    """
    events: list[Event] = []
    cells = list(block.cells)
    first = cells[0] if cells else ()
    if first and CRITERION.match(first[0].text):
        for para in first:
            events.extend(_criteria_events(para.text, bullet=para.bullet, row=row))
        return events
    for para in first:
        events.extend(_outcome_events(para.text))
    for para in cells[1] if len(cells) > 1 else ():
        events.extend(_criteria_events(para.text, bullet=para.bullet, row=row))
    for cell in cells[2:3]:
        kind = "third+" if block.wrapped else "third"
        events.extend(Event(kind, para.text, bullet=para.bullet, row=row) for para in cell)
    return events


_GRADE_CELL = re.compile(r"\b(pass|merit|distinction)\b", re.IGNORECASE)
_INLINE_GRADING = re.compile(r"\s+(?=[PMD]\d{1,2}\s+[A-Za-z])")
GRADING_CRITERION = re.compile(r"^(?P<number>[PMD]\d{1,2})\b[.:)]?\s*(?P<text>.*)$")


def grade_roles(block: Block) -> list[str] | None:
    """Column roles of a graded grid's header ('outcome', 'pass', 'merit', 'distinction', ''), or None."""
    roles = []
    for cell in block.cells:
        text = " ".join(p.text for p in cell)
        grade = _GRADE_CELL.search(text)
        if grade and len(text) < 200:
            roles.append(grade[1].lower())
        elif re.search(r"learning outcome|^LO\b|learner will", text, re.IGNORECASE):
            roles.append("outcome")
        else:
            roles.append("")
    if sum(role in ("pass", "merit", "distinction") for role in roles) < 2:
        return None
    if roles[0] == "" and " ".join(p.text for p in block.cells[0]).strip():
        roles[0] = "outcome"  # the grid's first column, before the grades, holds the outcomes
    return roles


def graded_row_events(block: Block, roles: list[str], previous: int | None) -> tuple[list[Event], int | None]:
    """A graded grid row: its outcome (where the grid has that column) and its P/M/D criteria.

    A row with nothing in the outcome column carries on the outcome above (``previous``); the
    outcome the row belongs to is returned with the events.
    """
    events: list[Event] = []
    outcome = previous if "outcome" in roles else None
    for role, cell in zip(roles, block.cells, strict=False):
        if role != "outcome":
            continue
        for para in cell:
            alone = OUTCOME_ALONE.match(para.text)
            found = [Event("outcome", "", alone["number"])] if alone else _outcome_events(para.text)
            events.extend(found)
            outcome = next((int(e.number) for e in found if e.kind == "outcome"), outcome)
    for role, cell in zip(roles, block.cells, strict=False):
        if role not in ("pass", "merit", "distinction"):
            continue
        for para in cell:
            for position, chunk in enumerate(_INLINE_GRADING.split(para.text)):
                match = GRADING_CRITERION.match(chunk)
                if match and not (para.bullet and position == 0):
                    events.append(Event("grading", match["text"], match["number"], outcome=outcome))
                elif chunk.strip():
                    grade = role[0].upper()
                    events.append(Event("grading+", chunk, grade, bullet=para.bullet, outcome=outcome))
    return events, outcome


def outcome_columns(block: Block) -> bool:
    """A header row naming one outcome per column: criteria then run row by row across the columns."""
    texts = [" ".join(p.text for p in cell) for cell in block.cells]
    filled = [t for t in texts if t]
    return len(filled) >= 2 and all(OUTCOME.match(t) and not CRITERION.match(t) for t in filled)


def outcome_column_events(header: Block, rows: list[Block]) -> list[Event]:
    """Outcomes from the header's cells, then each column's criteria, joined down the column."""
    events: list[Event] = []
    for cell in header.cells:
        for para in cell:
            events.extend(_outcome_events(para.text))
    columns: list[list[Event]] = [[] for _ in header.cells]
    for row in rows:
        for index, cell in enumerate(row.cells[: len(columns)]):
            for para in cell:
                columns[index].extend(_criteria_events(para.text))
    for column in columns:
        events.extend(column)
    return events


@dataclass
class _LineReader:
    """Plain lines to events, remembering which column the last piece went to."""

    columns: int
    events: list[Event] = field(default_factory=list)
    column: int = 0
    after_blank: bool = False
    widths: list[list[float]] = field(default_factory=lambda: [[], [], []])
    """Width of every clean printed line, by column: the column is at least as wide as each."""
    limits: list[list[float]] = field(default_factory=lambda: [[], [], []])
    """Width of a wrapped line plus the next word of its paragraph: the column is narrower than each."""
    continued: bool = False
    previous_line: tuple[int, str] | None = None

    def last_text(self, kind: str) -> str:
        """The text of the last outcome or criterion event (``kind``) so far."""
        for event in reversed(self.events):
            if event.kind in (kind, kind + "+"):
                return event.text
        return ""

    def feed(self, para: Para) -> None:
        """Turn one clean line into an event in the column it belongs to."""
        text = para.text
        if LEARNER_PHRASE.match(text):
            return
        outcome, criterion = OUTCOME.match(text), CRITERION.match(text)
        self.continued = False
        if criterion:
            self.column = 1
            self.events.extend(_criteria_events(text))
        elif outcome and not para.bullet:
            self.column = 0
            self.events.append(Event("outcome", outcome["text"], outcome["number"]))
        elif para.bullet or self._third_starts(text):
            self.column = 2
            self.events.append(Event("third", text, bullet=para.bullet))
        elif self.column == 2:
            last = self.events[-1] if self.events else None
            if last is not None and last.kind == "third" and not self.after_blank:
                last.text = _join(last.text, text)
                self.continued = True
            else:
                self.events.append(Event("third", text))
        else:
            self.events.append(Event("outcome+" if self.column == 0 else "criterion+", text))
            self.continued = not self.after_blank
        self.after_blank = False

    def measure(self, text: str) -> None:
        """Record one printed line's width in the column it went to, and what wrapping it shows."""
        self.widths[self.column].append(printed_width(text))
        previous = self.previous_line
        if self.continued and previous is not None and previous[0] == self.column:
            self.limits[self.column].append(printed_width(f"{previous[1]} {text.split()[0]}"))
        self.previous_line = (self.column, text)

    def width(self, column: int, default: float) -> float:
        """The column's width: just under the narrowest wrap limit where the lines agree, else the widest line."""
        widest = max(self.widths[column], default=default)
        limit = min(self.limits[column], default=None)
        return limit - 0.5 if limit is not None and limit - 0.5 > widest else widest

    def _third_starts(self, text: str) -> bool:
        if self.columns < 3 or not self.events:
            return False
        if self.column == 1 and self.after_blank:
            return True
        return self.column == 1 and text.endswith(":") and self.last_text("criterion").endswith(".")


def _full_stops(events: list[Event]) -> tuple[bool, bool, bool]:
    def ends(kinds: tuple[str, ...]) -> bool:
        texts: list[str] = []
        for event in events:
            if event.kind == kinds[0]:
                texts.append(event.text)
            elif event.kind == kinds[1] and texts:
                texts[-1] = _join(texts[-1], event.text)
        return bool(texts) and sum(t.endswith(".") for t in texts) * 2 > len(texts)

    return ends(("outcome", "outcome+")), ends(("criterion", "criterion+")), False


def _printed(block: Block) -> str:
    """A plain line as printed, its bullet glyph put back (the untangler reads glyphs as cues)."""
    return " ".join(("• " if p.bullet else "") + p.text for p in block.cells[0])


def is_page_furniture(text: str) -> bool:
    """A running footer or header: a copyright line, a page number."""
    return bool(_FURNITURE.match(text))


def line_events(blocks: list[Block], columns: int, header_names: frozenset[str]) -> tuple[list[Event], bool]:
    """Events from plain lines; a stretch of lines with columns run together is untangled."""
    reader = _LineReader(columns)
    index = 0
    untangled = False
    pending = ""
    while index < len(blocks):
        block = blocks[index]
        text = block.text
        if not text:
            reader.after_blank = True
            reader.previous_line = None
            index += 1
            continue
        if is_header_row(block) or text in header_names or is_page_furniture(text):
            index += 1
            continue
        if columns >= 2 and _TANGLED.search(text):
            stretch = [
                _printed(b)
                for b in blocks[index:]
                if not (is_header_row(b) or b.text in header_names or is_page_furniture(b.text))
            ]
            reader.events.extend(_untangled_events(stretch, reader, columns))
            untangled = True
            break
        if OUTCOME_ALONE.match(text) or CRITERION_ALONE.match(text):
            pending = f"{pending} {text}".strip()  # a number printed on a line of its own
            index += 1
            continue
        if pending and re.match(r"^\d", text):
            pending = ""  # a page number, not a number printed apart from its text
        for para in block.cells[0]:
            reader.feed(Para(f"{pending} {para.text}".strip(), para.bullet) if pending else para)
            pending = ""
        reader.measure(text)
        index += 1
    return reader.events, untangled


def _untangled_events(lines: list[str], reader: _LineReader, columns: int) -> list[Event]:
    stops = _full_stops(reader.events)
    defaults = (28, 28, 28)
    widths = tuple(reader.width(c, defaults[c]) for c in range(columns))
    style = Style(widths, stops[:columns])
    result = untangle(lines, style, tuple([False, True, False][:columns]))
    events: list[Event] = []
    third_lines: list[str] = []
    for pieces in result.pieces:
        for column, piece in enumerate(pieces):
            if not piece:
                continue
            if column == 0:
                events.extend(_outcome_events(piece, untangled=True))
            elif column == 1:
                events.extend(_criteria_events(piece, untangled=True))
            else:
                third_lines.append(piece)
    events.extend(Event("third", p.text, bullet=p.bullet, untangled=True) for p in join_wrapped(third_lines))
    return _order_untangled(events)


def _order_untangled(events: list[Event]) -> list[Event]:
    """Outcome pieces first, then criteria, then the third column: all of one outcome's stretch."""
    rank = {"outcome": 0, "outcome+": 0, "criterion": 1, "criterion+": 1, "third": 2}
    return sorted(events, key=lambda event: rank[event.kind])


_SUB_CRITERION = re.compile(r"^\(?(?P<letter>[a-z])[).]\s+(?P<text>\S.*)$")


def assemble(events: list[Event], grading: list[GradingDraft] | None = None) -> list[OutcomeDraft]:
    """Outcomes from events; criteria before any outcome start outcome 1 (a recording sheet).

    Bullets under a criterion become its range (``bullets``), lettered lines its sub-criteria;
    P/M/D criteria are collected into ``grading``.
    """
    outcomes: list[OutcomeDraft] = []
    grading = grading if grading is not None else []
    for event in events:
        text = clean_text(event.text)
        current = outcomes[-1] if outcomes else None
        if event.kind == "outcome":
            same = next((o for o in outcomes if o.number == int(event.number)), None)
            if same is not None and (not same.text or same.text == text):
                same.text = same.text or text  # the outcome listed again in a grading grid
                outcomes.remove(same)
                outcomes.append(same)
            else:
                outcomes.append(OutcomeDraft(int(event.number), text, untangled=event.untangled))
        elif event.kind == "outcome+" and current is not None:
            current.text = _join(current.text, text)
        elif event.kind == "criterion":
            _add_criterion(outcomes, current, event, text)
        elif event.kind == "criterion+" and current is not None and current.criteria:
            _continue_criterion(current.criteria[-1], event, text)
        elif (
            event.kind == "third+"
            and current is not None
            and current.third
            and not event.bullet
            and current.third_rows[-1] == event.row
        ):
            last = current.third[-1]
            if last.text.endswith(":") and not last.bullet:
                current.third.append(Para(text, event.bullet))
                current.third_rows.append(current.third_rows[-1])
            else:
                current.third[-1] = Para(_join(last.text, text), last.bullet)  # a wrapped line of the cell
        elif event.kind in ("third", "third+") and current is not None:
            current.third.append(Para(text, event.bullet))
            current.third_rows.append(event.row)
        elif event.kind == "grading":
            grading.append(GradingDraft(event.number, text, event.outcome))
        elif event.kind == "grading+" and any(g.number.startswith(event.number) for g in grading):
            last = next(g for g in reversed(grading) if g.number.startswith(event.number))
            if event.bullet or last.text.endswith(":") or last.bullets:
                last.bullets.append(text)
            else:
                last.text = _join(last.text, text)
    return outcomes


def _add_criterion(outcomes: list[OutcomeDraft], current: OutcomeDraft | None, event: Event, text: str) -> None:
    number = event.number
    base, letter = (number[:-1], number[-1]) if number[-1].isalpha() else (number, "")
    if letter and current is not None and current.criteria and current.criteria[-1].number == base:
        current.criteria[-1].sub_criteria.append({"letter": letter, "text": text})  # '1.2a' under 1.2
        return
    major = int(base.split(".")[0])
    owner = next((o for o in reversed(outcomes) if o.number == major), None)
    if owner is None and (current is None or current.criteria or current.number != major):
        owner = OutcomeDraft(major)
        outcomes.append(owner)
    owner = owner or current
    assert owner is not None
    criterion = CriterionDraft(number, text, event.untangled, event.row)
    _inline_sub_criteria(criterion)
    owner.criteria.append(criterion)
    owner.untangled = owner.untangled or event.untangled


_INLINE_LETTER = re.compile(r"\s+(?=\(?[a-z]\)\s)")


def _inline_sub_criteria(criterion: CriterionDraft) -> None:
    """'Show how to: a) wipe a surface b) store food' -> text 'Show how to:' and lettered parts a, b."""
    head, colon, tail = criterion.text.partition(": ")
    if not colon or not re.match(r"\(?a\)\s", tail):
        return
    parts = [_SUB_CRITERION.match(part.strip()) for part in _INLINE_LETTER.split(tail)]
    letters = [part["letter"] for part in parts if part]
    if len(letters) == len(parts) and letters == [chr(ord("a") + i) for i in range(len(letters))]:
        criterion.text = head + ":"
        criterion.sub_criteria = [{"letter": p["letter"], "text": p["text"]} for p in parts if p]


def _continue_criterion(last: CriterionDraft, event: Event, text: str) -> None:
    sub = _SUB_CRITERION.match(text)
    if sub and not event.bullet and (last.sub_criteria or last.text.endswith(":")):
        last.sub_criteria.append({"letter": sub["letter"], "text": sub["text"]})
    elif event.bullet and last.sub_criteria:
        last.sub_criteria[-1].setdefault("bullets", []).append(text)
    elif last.sub_criteria:
        last.sub_criteria[-1]["text"] = _join(last.sub_criteria[-1]["text"], text)  # a wrapped sub-criterion
    elif event.bullet:
        last.bullets.append(text)
    else:
        last.text = _join(last.text, text)
    last.untangled = last.untangled or event.untangled


def _per_criterion(outcomes: list[OutcomeDraft], heading: str | None) -> bool:
    """Whether the third column sits beside each criterion (one criterion per row) rather than each outcome."""
    rows_with_content = {row for o in outcomes for row in o.third_rows if row >= 0}
    if not rows_with_content or any(row < 0 for o in outcomes for row in o.third_rows):
        return False
    starts: dict[int, int] = {}
    for outcome in outcomes:
        for criterion in outcome.criteria:
            starts[criterion.row] = starts.get(criterion.row, 0) + 1
    if any(starts.get(row, 0) != 1 for row in rows_with_content):
        return False
    content_heading = bool(re.search(r"content|range|amplification", heading or "", re.IGNORECASE))
    several = any(len({c.row for c in o.criteria if c.row in rows_with_content}) > 1 for o in outcomes)
    return content_heading or several


def _starts_logical_row(block: Block) -> bool:
    """A printed line that starts a table row: a new outcome, or a criterion with content beside it."""
    texts = [" ".join(p.text for p in cell) for cell in block.cells]
    if texts and texts[0] and OUTCOME.match(texts[0]) and not CRITERION.match(texts[0]):
        return True
    third = block.cells[2][0] if len(block.cells) > 2 and block.cells[2] else None
    starts_item = third is not None and (bool(third.bullet) or third.text[:1].isupper())
    return bool(CRITERION.match(texts[1])) and starts_item


def _ends_table(block: Block) -> bool:
    """A plain line after a table that is not part of it: not an outcome, criterion, header or page furniture."""
    text = block.text
    if block.blank or is_page_furniture(text) or is_header_row(block):
        return False
    return not (
        OUTCOME.match(text) or CRITERION.match(text) or OUTCOME_ALONE.match(text) or CRITERION_ALONE.match(text)
    )


def read_outcomes(blocks: list[Block]) -> OutcomesTable:
    """The outcomes table from the rows of its section."""
    names = header_cells(blocks)
    columns = max(2, min(3, len(names))) if names else 2
    table = OutcomesTable()
    if len(names) >= 3:
        table.third_heading = names[2].strip()
    events: list[Event] = []
    plain: list[Block] = []

    def flush_plain() -> None:
        found, untangled = line_events(plain, columns, frozenset(names))
        events.extend(found)
        table.untangled = table.untangled or untangled
        plain.clear()

    table_seen = False
    roles: list[str] | None = None
    grid_outcome: int | None = None
    logical_row = 0
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if len(block.cells) > 1 and block.wrapped and grade_roles(block) is not None:
            index += 1  # a wrapped line of the grid's header ('... the pass and merit criteria ...')
            continue
        if len(block.cells) > 1 and grade_roles(block) is not None:
            flush_plain()
            roles = grade_roles(block)
            table_seen = table_seen or block.table
            index += 1
            continue
        if len(block.cells) > 1 and is_header_row(block) and not block.wrapped:
            roles = None
        if len(block.cells) > 1 and roles is not None:
            found, grid_outcome = graded_row_events(block, roles, grid_outcome)
            events.extend(found)
            index += 1
            continue
        if len(block.cells) > 1 and outcome_columns(block):
            flush_plain()
            rows = []
            index += 1
            while index < len(blocks) and (len(blocks[index].cells) > 1 or blocks[index].blank):
                if _LABELLED.match(blocks[index].text.strip()):
                    table.trailing = blocks[index:]  # 'Unit title: ...' below the table: facts, not criteria
                    index = len(blocks)
                    break
                if not blocks[index].blank:
                    rows.append(blocks[index])
                index += 1
            events.extend(outcome_column_events(block, rows))
            table_seen = True
            continue
        if block.wrapped and _starts_logical_row(block):
            logical_row = index
        if len(block.cells) > 1:
            flush_plain()
            table_seen = table_seen or block.table
            if not is_header_row(block):
                events.extend(table_row_events(block, logical_row if block.wrapped else index))
        elif table_seen and _ends_table(block):
            table.trailing = blocks[index:]  # the table has ended; what follows is not part of it
            break
        else:
            plain.append(block)
        index += 1
    flush_plain()
    table.outcomes = assemble(events, table.grading)
    table.per_criterion = _per_criterion(table.outcomes, table.third_heading)
    if not any(o.third for o in table.outcomes):
        table.third_heading = None
    return table
