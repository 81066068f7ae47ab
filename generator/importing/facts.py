"""The unit's facts: title, numbers, level, credits, hours, dates and awarding body.

Facts are read from label/value pairs (``Level:\\t3``, a two-column overview table, ``Credit
value 7``), wherever the document prints them. A fact found only indirectly (a title from
the evidence record sheet, a level from a sentence) is written with a ``# CHECK:`` mark; a
fact the document does not state is left out and reported, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

from pydantic_core import PydanticCustomError

from ..content import levels
from .document import Block
from .draft import Draft
from .layout import Layout

#: Awarding bodies by the names their documents print, as they are written in a unit file.
AWARDING_BODIES = {
    "OCR": "OCR",
    "Oxford Cambridge and RSA": "OCR",
    "Pearson": "Pearson",
    "Edexcel": "Pearson",
    "BTEC": "Pearson",
    "NCFE": "NCFE",
    "Gateway Qualifications": "Gateway Qualifications",
    "TLM": "TLM",
    "The Learning Machine": "TLM",
    "BCS": "BCS",
    "City & Guilds": "City & Guilds",
    "City and Guilds": "City & Guilds",
    "SQA": "SQA",
    "AQA": "AQA",
    "WJEC": "WJEC",
    "Highfield": "Highfield",
    "Open Awards": "Open Awards",
    "Ascentis": "Ascentis",
    "NOCN": "NOCN",
}
_BODY_NAMES = "|".join(re.escape(name) for name in sorted(AWARDING_BODIES, key=len, reverse=True))

LABELS: tuple[tuple[str, str], ...] = (
    ("title", r"unit title|title of unit|unit name|title"),
    ("sector_unit_number", r"sector unit (?:number|no\.?)"),
    (
        "urn",
        r"unit reference number|unit reference|urn|unit accreditation number|ofqual unit (?:number|reference)|"
        r"qca unit number|rqf unit number|unit code|unit reference code",
    ),
    ("unit_number", rf"(?:(?:{_BODY_NAMES})\s+)?unit\s+(?:number|no\.?)"),
    ("level", r"(?:unit |qcf |rqf |scqf |nqf )?level"),
    ("scqf_credit_points", r"scqf credit points|scqf credits|credit points"),
    ("credit_value", r"credit value|credits?"),
    ("guided_learning_hours", r"guided learning hours(?: \(glh\))?|glh"),
    ("expiry_date", r"(?:unit )?expiry date|last date for certification|expiry"),
    ("operational_start", r"operational start(?: date)?|start date"),
    ("operational_end", r"operational end(?: date)?|end date"),
    ("review_date", r"review date"),
    ("status", r"(?:unit )?status"),
    ("awarding_body", r"awarding (?:body|organisation)"),
    ("framework", r"framework"),
)
_LABELS = [(name, re.compile(rf"^(?:{pattern})\s*[:\-–]?$", re.IGNORECASE)) for name, pattern in LABELS]
_INLINE = [
    (name, re.compile(rf"^(?P<label>{pattern})\s*(?::|\t|\s)\s*(?P<value>\S.*)$", re.IGNORECASE))
    for name, pattern in LABELS
]
_NUMERIC = {
    "level",
    "credit_value",
    "scqf_credit_points",
    "guided_learning_hours",
    "urn",
    "unit_code",
    "expiry_date",
    "operational_start",
    "operational_end",
    "review_date",
    "sector_unit_number",
    "unit_number",
}
_DATES = ("expiry_date", "operational_start", "operational_end", "review_date")
_NOT_GIVEN = re.compile(r"^(not stated|not available|n/?a)$", re.IGNORECASE)
URN = re.compile(r"\b([A-Z])\s?/\s?(\d{3})\s?/\s?(\d{4})\b")
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_UNIT_HEADING = re.compile(
    r"^Unit\s+(?P<number>[A-Z]?\d{1,4}[A-Z]?)\s*(?:[:.\-–—]\s*|\s+)(?P<title>[A-Z][^\t]*?)"
    r"(?:\s*\((?P<code>[A-Z0-9/ ]{2,12})\))?(?:\s{2,}.*|\t.*)?$"
)


def _pairs(blocks: Iterable[Block]) -> list[tuple[str, str, str]]:
    """``(field, label, value)`` for every label/value pair in the rows."""
    found: list[tuple[str, str, str]] = []
    rows = [b for b in blocks if not b.blank]
    for index, block in enumerate(rows):
        cells = [" ".join(p.text for p in cell).strip() for cell in block.cells]
        if block.wrapped and found and cells and not cells[0] and any(cells[1:]):
            name, label, value = found[-1]  # the value carries on below its label
            found[-1] = (name, label, f"{value} {' '.join(c for c in cells[1:] if c)}")
            continue
        cells = [cell for cell in cells if cell] or [""]  # a line of an unruled table: its empty columns
        if len(cells) > 1:
            for position in range(0, len(cells) - 1, 2):
                name = _label(cells[position])
                if name and cells[position + 1]:
                    found.append((name, cells[position], cells[position + 1]))
            continue
        text = cells[0] if cells else ""
        name = _label(text)
        if name and index + 1 < len(rows) and len(rows[index + 1].text) < 120 and _label(rows[index + 1].text) is None:
            found.append((name, text, rows[index + 1].text))  # label and value on lines of their own
            continue
        for name, pattern in _INLINE:
            match = pattern.match(text)
            if match is None:
                continue
            has_colon = ":" in text[: match.start("value")]
            if name in _NUMERIC or has_colon:
                found.append((name, match["label"], match["value"].strip()))
            break
    return found


def _label(text: str) -> str | None:
    text = text.strip()
    for name, pattern in _LABELS:
        if pattern.match(text):
            return name
    return None


def parse_level(value: str) -> int | str | None:
    """A level as the model writes it (``3``, ``"Entry 3"``, ``"SCQF 6"``), from ``L3``, ``Entry Level 3`` ..."""
    text = " ".join(value.replace(":", " ").split())
    text = re.sub(r"^(?:rqf|qcf|nqf)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*\(.*\)$", "", text)
    text = re.sub(r"^(entry|scqf|cqfw(?: entry)?)\s+level\s+", r"\1 ", text, flags=re.IGNORECASE)
    text = re.sub(r"^entry level\s+", "Entry ", text, flags=re.IGNORECASE)
    text = re.sub(r"^l(\d)$", r"\1", text, flags=re.IGNORECASE)
    word = re.fullmatch(r"(?:level\s+)?(one|two|three|four|five|six|seven|eight)", text, re.IGNORECASE)
    if word:
        text = str(_WORD_NUMBERS[word[1].lower()])
    if text.lower() == "not stated":
        return None
    try:
        level = levels.parse_level(text)
    except PydanticCustomError:
        # 'Level 3: BTEC National': the level, then words about the qualification
        prefix = re.match(r"^((?:entry|scqf|cqfw(?: entry)?|access to he) \d{1,2}|\d{1,2})\b", text, re.IGNORECASE)
        if prefix is None or prefix[1] == text:
            return None
        return parse_level(prefix[1])
    if level.framework is levels.Framework.RQF and not level.entry:
        return level.number
    return str(level)


def parse_date(value: str) -> dt.date | None:
    """``31/12/2014``, ``2014-12-31`` or ``31 December 2014``."""
    text = value.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _whole_number(value: str) -> int | None:
    match = re.fullmatch(r"\s*(\d{1,4})(?:\s*(?:hours?|credits?|glh))?\s*", value, re.IGNORECASE)
    return int(match[1]) if match else None


def read_facts(layout: Layout, blocks: list[Block], draft: Draft, after_table: list[Block]) -> dict[str, object]:
    """Put the unit's facts into ``draft``; returns what else was read (framework, unit code).

    Facts are looked for before the first heading, on a record sheet, and in rows printed
    after the outcomes table without a heading (``after_table``).
    """
    extra: dict[str, object] = {}
    fact_rows = [*layout.named("facts"), *layout.named("record"), *after_table]
    for name, label, value in _pairs(fact_rows):
        if (draft.get((name,)) is not None or name in extra) and name != "other_code":
            continue
        _place(name, label, value, draft, extra)
    _title_from_record_sheet(layout, draft)
    _title_from_heading(fact_rows, draft, extra)
    _level_from_prose(blocks, draft)
    _awarding_body(blocks, draft)
    return extra


def _place(name: str, label: str, value: str, draft: Draft, extra: dict[str, object]) -> None:
    if name == "title":
        draft.put(("title",), value.strip().rstrip("."))
    elif name in ("credit_value", "guided_learning_hours", "scqf_credit_points"):
        number = _whole_number(value)
        if number is not None:
            draft.put((name,), number)
        elif _NOT_GIVEN.match(value.strip()):
            draft.put((name,), "not available" if "available" in value.lower() else "not stated")
        else:
            draft.notes.append(f"{label}: '{value}' is not a whole number; left out")
    elif name == "level":
        level = parse_level(value)
        if level is None:
            draft.notes.append(f"{label}: '{value}' is not a level this tool knows; left out")
        elif label.lower().startswith("scqf") and isinstance(level, int):
            extra["level"] = f"SCQF {level}"
        else:
            extra["level"] = level
    elif name == "urn":
        match = URN.search(value.upper())
        if match:
            draft.put(("urn",), f"{match[1]}/{match[2]}/{match[3]}")
        else:
            _place("unit_code", label, value, draft, extra)
    elif name == "unit_code":
        match = URN.fullmatch(value.strip().upper())
        if match:
            draft.put(("urn",), f"{match[1]}/{match[2]}/{match[3]}")
        elif len(value.strip()) <= 32:
            draft.put(("unit_code",), value.strip())
    elif name == "other_code":
        codes = draft.get(("other_codes",)) or []
        draft.put(("other_codes",), [*codes, {"label": label.strip().rstrip(":"), "code": value.strip()[:64]}])
    elif name == "status":
        status = value.strip().lower()
        if status in ("current", "withdrawn"):
            draft.put(("status",), status)
    elif name == "unit_number":
        body = re.match(rf"({_BODY_NAMES})\b", label)
        if body:
            draft.put(("awarding_body",), AWARDING_BODIES[body[1]])
        number = value.strip().removeprefix("Unit ").strip()
        if URN.fullmatch(number.upper()):
            _place("urn", label, number, draft, extra)
        elif len(number) <= 32:
            draft.put(("unit_number",), number)
    elif name == "sector_unit_number":
        draft.put(("sector_unit_number",), value.strip()[:32])
    elif name in _DATES:
        date = parse_date(value)
        if date:
            draft.put((name,), date)
    elif name == "awarding_body":
        draft.put(("awarding_body",), AWARDING_BODIES.get(value.strip(), value.strip()))
    elif name == "framework":
        extra["framework"] = value.strip()


def parse_unit_heading(text: str) -> tuple[str, str, str | None] | None:
    """``(number, title, code)`` from ``Unit 38 Manage the ... (F11)``, cut before any form fields after it."""
    match = _UNIT_HEADING.match(text.split("\t")[0])
    if not match:
        return None
    title = re.split(r"\s{2,}|\s+(?:Signature|Learner name|Candidate name|Date)\b", match["title"])[0].strip()
    code = match["code"]
    inner = re.search(r"\s*\(([A-Z0-9/ ]{2,12})\)$", title)
    if inner:
        title, code = title[: inner.start()], inner[1]
    return match["number"], title.strip().rstrip("."), code


def _title_from_heading(rows: list[Block], draft: Draft, extra: dict[str, object]) -> None:
    """``Unit 12: Title`` as a heading, or a page's first heading."""
    for block in rows[:12]:
        if block.text.startswith("Unit ") and len(block.cells) == 1:
            found = parse_unit_heading(block.text)
            if found is None:
                continue
            number, title, code = found
            if draft.get(("title",)) is None:
                draft.put(("title",), title)
            if draft.get(("unit_number",)) is None:
                draft.put(("unit_number",), number)
            _code(code, draft, extra)
            return
    if draft.get(("title",)) is None:
        headings = [b.text for b in rows[:6] if b.heading and not _label(b.text) and len(b.text) < 150]
        if headings:
            draft.put(("title",), headings[0], "title taken from the page's first heading")


def _code(code: str | None, draft: Draft, extra: dict[str, object]) -> None:
    """A code in brackets after a unit's title: its URN where it has that shape."""
    urn = URN.fullmatch((code or "").upper().strip())
    if urn and draft.get(("urn",)) is None:
        draft.put(("urn",), f"{urn[1]}/{urn[2]}/{urn[3]}")


def _title_from_record_sheet(layout: Layout, draft: Draft) -> None:
    """``Unit 38 Manage the achievement of customer satisfaction (F11)`` on an evidence record sheet."""
    for block in layout.named("record"):
        found = parse_unit_heading(block.text)
        if found is None:
            continue
        number, title, code = found
        if draft.get(("title",)) is None:
            draft.put(("title",), title, "title read from the record sheet line's unit heading")
        if draft.get(("unit_number",)) is None:
            draft.put(("unit_number",), number, "unit number read from the evidence record sheet")
        _code(code, draft, {})
        return


def _level_from_prose(blocks: list[Block], draft: Draft) -> None:
    if draft.get(("level",)) is not None:
        return
    for block in blocks:
        match = re.search(r"\bthis is a level (\w+) unit\b", block.text, re.IGNORECASE)
        if match:
            level = parse_level(match[1])
            if isinstance(level, int):
                draft.put(("level",), level, f"level read from the sentence '{match[0]}'")
                return


def _awarding_body(blocks: list[Block], draft: Draft) -> None:
    if draft.get(("awarding_body",)) is not None:
        return
    mentions: Counter[str] = Counter()
    for block in blocks:
        text = block.text
        copyright_line = re.search(rf"©\s*(?:copyright\s+)?({_BODY_NAMES})\b", text)
        if copyright_line:
            draft.put(("awarding_body",), AWARDING_BODIES[copyright_line[1]])
            return
        for match in re.finditer(rf"\b({_BODY_NAMES})\b", text):
            mentions[AWARDING_BODIES[match[1]]] += 1
    if mentions and mentions.most_common(1)[0][1] >= 2:  # one passing mention names no one
        body, count = mentions.most_common(1)[0]
        draft.put(("awarding_body",), body, f"awarding body inferred from {count} mention(s) in the text")
