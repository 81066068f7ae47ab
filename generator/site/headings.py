"""Headings of generated pages, and the pages' HTML made without a Markdown pass.

A generated page is HTML blocks (from the partials, with prose already through the ``markdown``
filter) and headings, which templates write as ``{{ heading(2, "Assessment") }}``. A page is
rendered one of two ways:

- **Markdown** (``handbook generate``, a template a project overrides, the tests' goldens): a
  heading is a Markdown line (``## Assessment``), and the page is Markdown that any engine
  converts; the HTML blocks pass through it untouched.
- **HTML** (the MkDocs plugin): a heading is the very HTML the site's Markdown would give that
  line (id, permalink, any heading extension), converted once per distinct heading for the
  whole build by :class:`HtmlHeadings`, and the page is the HTML Python-Markdown would make of
  the Markdown form, whitespace included (see :func:`html_body`), with its table of contents.

Python-Markdown takes about 4 ms for a unit page; the HTML form costs a few string operations.
``tests/test_page_html.py`` checks the two forms give the same HTML and the same contents.
Nothing here knows about MkDocs: the plugin supplies the site's Markdown as ``convert``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown.extensions.toc import nest_toc_tokens, unique
from markupsafe import Markup, escape

#: A Markdown document holding one heading line -> (its HTML, its table-of-contents tokens).
HeadingConverter = Callable[[str], tuple[str, list[dict[str, Any]]]]

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
#: What a converted heading must look like to be spliced into a page: one element, with an id.
_ONE_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(?:(?!</?h[1-6][ >]).)*</h\1>', re.DOTALL)
#: Where :func:`html_body` finds the headings in a rendered page (NUL, which Markdown would drop).
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
#: Whitespace-only lines, as Python-Markdown's NormalizeWhitespace empties them.
_SPACE_LINE = re.compile(r"(?<=\n) +\n")


def md_escape(text: str) -> str:
    """Text safe inside a Markdown heading: Markdown punctuation is backslash-escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def markdown_heading(level: int, text: str) -> str:
    """The Markdown line of a heading (``## text``), its text escaped for Markdown."""
    return "#" * level + " " + md_escape(text)


@dataclass(frozen=True)
class MadeHeading:
    """One heading as the site's Markdown makes it on its own."""

    html: str
    id: str
    token: dict[str, Any] | None
    """Its table-of-contents entry, or None when the toc's depth leaves it out."""


class HtmlHeadings:
    """Headings made by the site's own Markdown, once per distinct heading, for every page.

    ``key`` names the Markdown configuration (two objects with the same key make the same
    headings), so caches keyed by the site context survive rebuilds of the same site.
    """

    def __init__(self, convert: HeadingConverter, key: Hashable) -> None:
        self._convert = convert
        self.key = key
        self._made: dict[tuple[int, str], MadeHeading | None] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HtmlHeadings) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def make(self, level: int, text: str) -> MadeHeading | None:
        """The heading ``text`` at ``level`` as the site's Markdown makes it, or None if it is not one element."""
        key = (level, text)
        if key not in self._made:
            html, tokens = self._convert(str(escape(markdown_heading(level, text))))
            match = _ONE_HEADING.fullmatch(html)
            if match is None or len(tokens) > 1:
                self._made[key] = None
            else:
                self._made[key] = MadeHeading(html, match.group(2), tokens[0] if tokens else None)
        return self._made[key]


@dataclass
class PageHeadings:
    """The ``heading`` function of one page's templates: Markdown lines, or placeholders for HTML."""

    style: HtmlHeadings | None = None
    """None: write Markdown headings; else make them with this style."""
    made: list[MadeHeading] = field(default_factory=list)
    failed: bool = False
    """A heading the site's Markdown does not make as one element: the page needs the Markdown pass."""

    def __call__(self, level: int, text: str) -> Markup:
        if self.style is None:
            return Markup("#" * level + " ") + escape(md_escape(text))  # noqa: S704 - hashes and a space
        made = self.style.make(level, text)
        if made is None:
            self.failed = True
            return Markup("")
        self.made.append(made)
        return Markup(f"\x00{len(self.made) - 1}\x00")  # noqa: S704 - a placeholder of digits, replaced by html_body


@dataclass(frozen=True)
class HtmlBody:
    """A page's HTML as Python-Markdown would make it of the page's Markdown form."""

    html: str
    toc: list[dict[str, Any]]
    """The nested table-of-contents tokens (``toc_tokens`` of Python-Markdown's toc extension)."""


def html_body(rendered: str, headings: PageHeadings) -> HtmlBody | None:
    """The page's HTML from its rendered templates (headings as placeholders), or None if it needs Markdown.

    Python-Markdown passes HTML blocks through as they are but normalises the text around
    them: it expands tabs, drops STX/ETX and carriage returns and empties whitespace-only lines
    (its ``NormalizeWhitespace``), ends each HTML block with a blank line, starts each heading
    on the next line, and strips the ends. The same is done here with string operations. Two
    blank lines in a row (between blocks Markdown would make them one, inside a block it keeps
    them) send the page to the Markdown pass.
    """
    if headings.failed:
        return None
    text = rendered.replace("\x02", "").replace("\x03", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.expandtabs(4)
    text += "\n\n"
    if "\n " in text:
        text = _SPACE_LINE.sub("\n", text)
    parts = _PLACEHOLDER.split(text)
    if parts[1::2] != [str(index) for index in range(len(headings.made))]:
        return None  # a NUL from the data, not only our placeholders
    blocks: list[str] = []
    used: set[str] = set()
    tokens: list[dict[str, Any]] = []
    for index, part in enumerate(parts):
        if index % 2:
            blocks.append(_place_heading(headings.made[int(part)], used, tokens))
            continue
        if "\x00" in part:
            return None
        raw = part.strip("\n")
        if "\n\n\n" in raw:
            # Markdown keeps one blank line between blocks but every blank line inside one;
            # telling the two apart needs its HTML parser, so such a page keeps the Markdown pass.
            return None
        if raw.strip():
            blocks.append(raw + "\n")
    return HtmlBody("\n".join(blocks).strip(), nest_toc_tokens(tokens))


def _place_heading(made: MadeHeading, used: set[str], tokens: list[dict[str, Any]]) -> str:
    """The heading's HTML with an id unique on the page, as the toc extension numbers repeats."""
    anchor = unique(made.id, used)
    html = made.html
    if anchor != made.id:
        html = html.replace(f'id="{made.id}"', f'id="{anchor}"', 1).replace(f'href="#{made.id}"', f'href="#{anchor}"')
    if made.token is not None:
        tokens.append({**made.token, "id": anchor, "children": []})
    return html


def markdown_headings(extensions: Sequence[Any], configs: Mapping[str, Any]) -> HtmlHeadings:
    """Headings made by a Python-Markdown with ``extensions`` and their ``configs`` (as MkDocs makes its own)."""
    md = markdown.Markdown(extensions=list(extensions), extension_configs=dict(configs))

    def convert(source: str) -> tuple[str, list[dict[str, Any]]]:
        html = md.reset().convert(source)
        return html, list(getattr(md, "toc_tokens", []))

    return HtmlHeadings(convert, key=repr((list(extensions), sorted(configs.items(), key=lambda item: item[0]))))
