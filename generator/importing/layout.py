"""Split a document's rows into sections by their headings, and name the layout it follows.

Awarding bodies print the same parts of a unit under a handful of headings; each heading
pattern here names the section it opens. Rows before the first heading are the unit's
facts (title, level, credits ...), wherever the document prints them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Block
from .outcomes import CRITERION, HEADER_WORDS, OUTCOME, is_header_row

#: Section names and the headings that open them (whole line, any case, optional colon).
SECTION_HEADINGS: tuple[tuple[str, str], ...] = (
    (
        "purpose",
        r"unit purpose and aims?|unit aims?|aims?|purpose|unit summary|summary|unit introduction|"
        r"introduction|about this unit|unit overview and aim",
    ),
    ("facts", r"overview|unit details|unit information"),
    ("grading", r"assessment and grading criteria|grading criteria|grading grid|assessment criteria and grading"),
    ("descriptors", r"grade descriptors?"),
    ("outcomes", r"learning outcomes?(?: and assessment criteria)?|assessment criteria|outcomes and criteria"),
    (
        "content",
        r"unit content|content|indicative content|essential content|examples of content|"
        r"what needs to be learnt|teaching content",
    ),
    ("evidence", r"evidence requirements?"),
    (
        "guidance",
        r"guidance on assessment and evidence requirements|assessment guidance|delivery guidance|"
        r"guidance for delivery|guidance|essential guidance for tutors|tutor guidance",
    ),
    (
        "assessment",
        r"assessment|assessment method|assessment methods|assessment requirements|"
        r"assessment information|method of assessment|assessment strategy",
    ),
    (
        "nos",
        r"national occupational standards.*|nos mapping.*|details of relationship between the unit and "
        r"(?:relevant )?national occupational standards|"
        r"relationship to (?:the )?(?:nos|national occupational standards)",
    ),
    ("functional_skills", r"functional skills signposting|functional skills|opportunities for functional skills"),
    ("resources", r"resources|essential resources|suggested resources|reading list|suggested reading"),
    ("additional", r"additional information|further information"),
    (
        "record",
        r"evidence record sheet|unit recording sheet|recording sheet|record of assessment|"
        r"candidate record|assessment record",
    ),
)
_HEADINGS = [
    (name, re.compile(rf"^(?:\d{{1,2}}\.?\s+)?(?:{pattern})\s*:?$", re.IGNORECASE))
    for name, pattern in SECTION_HEADINGS
]


@dataclass
class Section:
    """A run of rows under one heading."""

    name: str
    heading: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Layout:
    """The document cut into sections, in order; a name may occur more than once."""

    sections: list[Section]

    def named(self, name: str) -> list[Block]:
        """Every row of every section of that name, in order."""
        return [block for section in self.sections if section.name == name for block in section.blocks]

    def has(self, name: str) -> bool:
        """Whether the document has a section of that name."""
        return any(section.name == name and section.blocks for section in self.sections)


def heading_name(block: Block) -> str | None:
    """The section a row opens, or ``None`` for an ordinary row."""
    if len(block.cells) != 1 or len(block.cells[0]) != 1:
        return None
    text = block.text.strip()
    if len(text) > 120:
        return None
    for name, pattern in _HEADINGS:
        if pattern.match(text):
            return name
    return None


def split_sections(blocks: list[Block]) -> Layout:
    """Rows grouped under their headings; a repeated outcomes table header stays in its table."""
    sections = [Section("facts", "")]
    for block in blocks:
        name = heading_name(block)
        current = sections[-1]
        repeated = is_header_row(block) or block.text.strip() == current.heading
        if current.name in ("outcomes", "grading") and name in ("outcomes", "grading") and current.blocks and repeated:
            current.blocks.append(block)  # the table header, printed again after a page break
            continue
        if name is None and is_header_row(block) and current.name not in ("outcomes", "grading"):
            name = "outcomes"
        if name == "record":
            _move_title_line(current, sections)
        if name is not None:
            section = Section(name, block.text.strip())
            if name == "outcomes" or is_header_row(block):
                section.blocks.append(block)
            sections.append(section)
        elif _starts_table_without_heading(block, current):
            sections.append(Section("outcomes", "", [block]))
        else:
            current.blocks.append(block)
    return Layout([s for s in sections if s.blocks or s.name != "facts"])


def _move_title_line(current: Section, sections: list[Section]) -> None:
    """A recording sheet's first line (its qualification title) printed just above its heading."""
    rows = current.blocks
    while rows and rows[-1].blank:
        rows.pop()
    if len(rows) >= 2 and rows[-2].blank and len(rows[-1].text) < 90 and not rows[-1].text.endswith("."):
        sections.append(Section("record", "", [rows.pop()]))


def _starts_table_without_heading(block: Block, current: Section) -> bool:
    """A first outcome or criterion row where no table header was printed (a recording sheet)."""
    if current.name in ("outcomes", "grading", "content", "record", "descriptors"):
        return False
    first = block.cells[0][0].text if block.cells and block.cells[0] else ""
    if len(block.cells) > 1 and (CRITERION.match(first) or re.match(r"^(?:LO\s?)?\d{1,2}\s", first)):
        return True
    return bool(re.match(r"^LO\s?1\b", first)) and not HEADER_WORDS.search(block.text) and bool(OUTCOME.match(first))
