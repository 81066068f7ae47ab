"""What every reader produces: rows of cells, each cell a list of paragraphs."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    """One paragraph of a cell; ``bullet`` is its list depth (0: not a list item)."""

    text: str
    bullet: int = 0


@dataclass(frozen=True)
class Block:
    """One row of the document: a line of text (one cell) or a table row (several).

    ``heading`` is set where the source marks the row as a heading (HTML ``<h2>``, a Word
    heading style); plain text has no such mark and headings are recognised by their words.
    """

    cells: tuple[tuple[Para, ...], ...]
    heading: bool = False
    table: bool = False
    whole: bool = False
    """A whole paragraph (HTML, Word), not a printed line that may have been wrapped."""
    wrapped: bool = False
    """A table row that is one printed line: its cells carry on the cells of the row above."""

    @property
    def text(self) -> str:
        """The row's text, cells separated by tabs, paragraphs by spaces."""
        return "\t".join(" ".join(p.text for p in cell) for cell in self.cells).strip()

    @property
    def blank(self) -> bool:
        """Whether the row holds no text at all."""
        return not self.text.strip()


def line_block(text: str, *, heading: bool = False, bullet: int = 0) -> Block:
    """A row of one cell holding one paragraph."""
    return Block(cells=((Para(text, bullet),),), heading=heading)


@dataclass
class SourceDocument:
    """A document read from one file: its rows in reading order, and what kind of file it was."""

    path: str
    kind: str
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    """The document's own title (HTML ``<title>``, Word or PDF properties), where it has one."""
