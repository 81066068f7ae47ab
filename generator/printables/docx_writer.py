"""The body of a Word document (WordprocessingML) written as text: paragraphs, runs and tables.

Why text and not python-docx or lxml: the workbook body is a few fixed shapes (a paragraph
of runs, a two-column table, a content control) repeated hundreds of times. Built through
python-docx, a 40-criterion workbook took about 400 ms of CPU (style lookups by name,
schema-ordered inserts, every cell scanned again per row); even bare lxml calls cost a
microsecond or more for each of its ~20,000 elements. Written as strings it takes a few
milliseconds. The XML is what python-docx wrote (the same elements, attributes and order,
compared part by part in canonical form when this writer replaced it; the goldens of
``tests/printables/test_docx_writer.py`` keep what the files mean), and safety rests on two rules:

- every text goes through :func:`text` (element content) or :func:`attribute` (attribute
  values), which escape what XML requires, as lxml would;
- :func:`check_xml_characters` refuses the finished document if it holds a character XML 1.0
  cannot carry (``handbook check`` refuses those in the content already, so this is the
  last guard, the error lxml would have raised).

```python
body = WordBody({"Heading 1": "Heading1", "Table Grid": "TableGrid", "Normal": None})
body.heading("About this unit", 1)
table = body.table((2835, 7030), caption="About this unit", header=("Unit detail", "Value"))
table.add_row([[run("Level", bold=True)], [run("3")]])
body.xml()  # '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>About ...'
```
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..content.limits import NOT_IN_XML

#: Paragraph, table and character style ids by style name (``None`` for the default style,
#: which a paragraph carries by having no ``w:pStyle``), as the document's styles part has them.
StyleIds = Mapping[str, str | None]

_BREAKS = re.compile(r"([\t\n\r])")
_TABLE_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)


def text(value: str) -> str:
    """``value`` escaped for element content."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """``value`` escaped for a double-quoted attribute; tabs and line breaks kept as character
    references, since a parser would turn them into spaces (attribute-value normalisation)."""
    escaped = text(value).replace('"', "&quot;")
    if "\t" in value or "\n" in value or "\r" in value:
        escaped = escaped.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    return escaped


def check_xml_characters(xml: str) -> None:
    """Raise ``ValueError`` if ``xml`` holds a character XML 1.0 cannot carry."""
    found = NOT_IN_XML.search(xml)
    if found:
        raise ValueError(f"text holds U+{ord(found.group()):04X}, which a Word document cannot carry")


def _t(value: str) -> str:
    # As python-docx: leading or trailing white space is kept by xml:space="preserve".
    if len(value.strip()) < len(value):
        return f'<w:t xml:space="preserve">{text(value)}</w:t>'
    return f"<w:t>{text(value)}</w:t>"


def _run_content(value: str) -> str:
    """``value`` as run content, as python-docx writes it: a tab is ``w:tab``, a line break ``w:br``."""
    if not value:
        return ""
    if "\t" not in value and "\n" not in value and "\r" not in value:
        return _t(value)
    parts = []
    for piece in _BREAKS.split(value):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\n", "\r"):
            parts.append("<w:br/>")
        elif piece:
            parts.append(_t(piece))
    return "".join(parts)


def run(value: str, *, bold: bool = False, break_after: bool = False) -> str:
    """A run of ``value`` (bold if asked), ending in a line break with ``break_after``."""
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    end = "<w:br/>" if break_after else ""
    return f"<w:r>{properties}{_run_content(value)}{end}</w:r>"


def paragraph(
    content: str = "", *, style_id: str | None = None, keep_next: bool = False, page_break_before: bool = False
) -> str:
    """A ``w:p`` holding ``content`` (runs and controls, as XML)."""
    properties = (
        (f'<w:pStyle w:val="{attribute(style_id)}"/>' if style_id else "")
        + ("<w:keepNext/>" if keep_next else "")
        + ("<w:pageBreakBefore/>" if page_break_before else "")
    )
    if properties:
        return f"<w:p><w:pPr>{properties}</w:pPr>{content}</w:p>"
    return f"<w:p>{content}</w:p>" if content else "<w:p/>"


@dataclass
class Row:
    """A table row: each cell a list of paragraphs' content (runs and controls, as XML)."""

    cells: Sequence[Sequence[str]]
    header: bool = False
    """A header row: repeats on every page the table spans, and never splits."""
    min_height: int | None = None
    """At least this tall, in twentieths of a point (twips)."""


@dataclass
class Table:
    """A table with a ``Table Grid`` style, a caption for screen readers and fixed column widths."""

    style_id: str
    widths: tuple[int, ...]
    """Column widths in twips."""
    caption: str
    fixed_layout: bool = True
    rows: list[Row] = field(default_factory=list)
    keep_together: bool = False
    """No row splits and every row but the last keeps with the next: Word and LibreOffice
    then keep the table on one page."""

    def add_row(self, cells: Sequence[Sequence[str]], *, min_height: int | None = None) -> None:
        """A body row whose cells hold the given paragraphs' content."""
        self.rows.append(Row(cells, min_height=min_height))

    def xml(self) -> str:
        """The ``w:tbl`` element."""
        layout = '<w:tblLayout w:type="fixed"/>' if self.fixed_layout else ""
        parts = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{attribute(self.style_id)}"/><w:tblW w:type="auto" w:w="0"/>'
            f'{layout}{_TABLE_LOOK}<w:tblCaption w:val="{attribute(self.caption)}"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{width}"/>' for width in self.widths),
            "</w:tblGrid>",
        ]
        cell_starts = [f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>' for width in self.widths]
        last = len(self.rows) - 1
        for index, row in enumerate(self.rows):
            properties = (
                ("<w:cantSplit/>" if row.header or self.keep_together else "")
                + (f'<w:trHeight w:val="{row.min_height}" w:hRule="atLeast"/>' if row.min_height else "")
                + ("<w:tblHeader/>" if row.header else "")
            )
            parts.append(f"<w:tr><w:trPr>{properties}</w:trPr>" if properties else "<w:tr>")
            keep_next = self.keep_together and index < last
            for start, cell in zip(cell_starts, row.cells, strict=True):
                parts.append(start)
                parts.extend(paragraph(content, keep_next=keep_next) for content in cell)
                parts.append("</w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        return "".join(parts)


class WordBody:
    """The block content of a document body, in order: paragraphs and tables."""

    def __init__(self, style_ids: StyleIds) -> None:
        self._style_ids = style_ids
        self._blocks: list[str | Table] = []

    def style_id(self, name: str) -> str | None:
        """The id of the style called ``name`` (``KeyError`` if the document has none)."""
        return self._style_ids[name]

    def paragraph(
        self,
        content: str = "",
        style: str | None = None,
        *,
        keep_next: bool = False,
        page_break_before: bool = False,
    ) -> None:
        """A paragraph of ``content`` (runs and controls, as XML) in the style called ``style``."""
        style_id = self.style_id(style) if style else None
        self._blocks.append(
            paragraph(content, style_id=style_id, keep_next=keep_next, page_break_before=page_break_before)
        )

    def text(self, value: str, style: str | None = None, *, bold: bool = False, keep_next: bool = False) -> None:
        """A paragraph holding ``value`` in one run."""
        self.paragraph(run(value, bold=bold) if value or bold else "", style, keep_next=keep_next)

    def heading(self, value: str, level: int, *, keep_next: bool = False, page_break_before: bool = False) -> None:
        """A heading: ``Title`` at level 0, else ``Heading <level>``."""
        style = "Title" if level == 0 else f"Heading {level}"
        self.paragraph(run(value) if value else "", style, keep_next=keep_next, page_break_before=page_break_before)

    def table(
        self, widths: tuple[int, ...], *, caption: str, header: Sequence[str], fixed_layout: bool = True
    ) -> Table:
        """A new table at this point of the body, its first row ``header`` in bold."""
        style_id = self.style_id("Table Grid")
        assert style_id is not None
        table = Table(style_id, widths, caption, fixed_layout)
        table.rows.append(Row([[run(label, bold=True)] for label in header], header=True))
        self._blocks.append(table)
        return table

    def xml(self) -> str:
        """The body's content, every table written out."""
        return "".join(block if isinstance(block, str) else block.xml() for block in self._blocks)
