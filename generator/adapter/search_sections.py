"""Material's search sections of a generated page, found without Python's HTML parser.

Part of the MkDocs adapter. Material's search plugin (``material/plugins/search/plugin.py``)
indexes a page by feeding its HTML to ``Parser``, an ``html.parser.HTMLParser`` that splits it
into sections at headings with ids; that parse is the largest single cost of building our
pages (each unit page is a few hundred table cells). Generated pages are HTML we made, always
well formed: tags in one form (``<tag attr="value">``), no comments, no stray ``<``. For those,
:func:`search_sections` reads the tags with one regular expression and applies the same rules
as ``Parser`` (which text is kept, how white space collapses, which heading starts a section,
the ``<p>``/``<li>``... markers and the permalinks left out) to make the same ``Section``
objects; Material's own ``create_entry_for_section`` then makes the entries. Anything outside
that form (a page with ``data-search-exclude``, a comment, an unquoted attribute) returns None
and the page is indexed by Material's parser. ``tests/test_site_html.py`` checks the search
index is the same to the byte as Material's, and ``tests/test_search_sections.py`` compares
sections on every generated page of the test projects.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from material.plugins.search.plugin import Element, Section, void

#: One tag: end tag, name, attributes (double-quoted values or none), self-closing slash.
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<]*")?)*)\s*(/?)>')
_ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
#: Elements whose content Material leaves out of the index (its ``Parser.skip``).
_SKIPPED = frozenset({"object", "script", "style"})
#: Elements Material keeps as markers in the indexed text (its ``Parser.keep``).
_KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: What Material's parser treats specially, or what the one expression does not read the same.
_UNSUPPORTED = re.compile(r"data-search-exclude|linenodiv|<!|<\?")


def search_sections(content: str) -> list[Section] | None:
    """Material's ``Parser(...).data`` for ``content``, or None where that needs Material's parser."""
    if _UNSUPPORTED.search(content):
        return None
    reader = _Reader()
    position = 0
    in_script = False
    for match in _TAG.finditer(content):
        start = match.start()
        name = match.group(2).lower()
        if in_script:
            # Script content is raw text to the parser, up to its own end tag, and never indexed.
            if not (match.group(1) and name == "script"):
                continue
            in_script = False
        elif start > position:
            text = content[position:start]
            if "<" in text:
                return None
            reader.data(html.unescape(text) if "&" in text else text)
        position = match.end()
        if match.group(1):
            if match.group(3) or match.group(4):
                return None
            reader.end(name)
            continue
        reader.start(name, match.group(3))
        if match.group(4):
            reader.end(name)
        elif name == "script":
            in_script = True
    if in_script:
        return None
    rest = content[position:]
    if rest:
        if "<" in rest:
            return None
        reader.data(html.unescape(rest) if "&" in rest else rest)
    return reader.sections


def _attributes(text: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2)
        # The last of a repeated attribute wins, as in Material's ``dict(attrs)``.
        found[match.group(1).lower()] = html.unescape(value) if value and "&" in value else value
    return found


class _Reader:
    """Material's ``Parser`` rules, for elements without ``data-search-exclude``.

    ``Parser`` compares elements by tag name, so "the section's heading is open" means "an
    element with the heading's tag is open"; the open tags are kept as names for that.
    """

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.open: list[str] = []
        self.permalink: list[bool] = []
        """For each open element: is it a permalink (``<a class="headerlink">``), left out of titles."""
        self.permalinks = 0
        self.skipped = 0

    def _current(self) -> Section:
        if self.section is None:
            self.section = Section(Element("hx"))
            self.sections.append(self.section)
        return self.section

    def _target(self, section: Section) -> list[str]:
        return section.title if section.el.tag in self.open else section.text

    def start(self, tag: str, attribute_text: str) -> None:
        if tag in void:
            return
        self.open.append(tag)
        permalink = False
        if tag in _SKIPPED:
            self.skipped += 1
        elif tag in _HEADINGS:
            attributes = _attributes(attribute_text) if attribute_text else {}
            if "id" in attributes:
                depth = len(self.open)
                if tag != "h1" and not self.sections:
                    self.section = Section(Element("hx"), depth)
                    self.sections.append(self.section)
                self.section = Section(Element(tag, attributes), depth)
                if self.sections:
                    self.section.id = attributes["id"]
                self.sections.append(self.section)
        elif tag == "a" and attribute_text and "headerlink" in attribute_text:
            permalink = _attributes(attribute_text).get("class") == "headerlink"
            self.permalinks += permalink
        self.permalink.append(permalink)
        section = self._current()
        if not self.skipped and tag in _KEPT:
            self._target(section).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            return
        section = self._current()
        if section.depth > len(self.open):
            for earlier in reversed(self.sections):
                if earlier.depth <= len(self.open):
                    section.depth = float("inf")
                    self.section = section = earlier
                    break
        self.open.pop()
        self.permalinks -= self.permalink.pop()
        if tag in _SKIPPED:
            self.skipped -= 1
            return
        if not self.skipped and tag in _KEPT:
            data = self._target(section)
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def data(self, text: str) -> None:
        if self.skipped:
            return
        if "pre" not in self.open:
            text = text.replace("\n", " ") if not text.isspace() else " "
        section = self._current()
        if section.el.tag in self.open:
            if not self.permalinks:
                section.title.append(html.escape(text, quote=False))
        elif text.isspace():
            if not section.text or not section.text[-1].isspace() or "pre" in self.open:
                section.text.append(text)
        else:
            section.text.append(html.escape(text, quote=False))


def index_generated_pages(search_plugin: Any, is_generated: Callable[[Any], bool]) -> bool:
    """Make Material's search plugin index pages ``is_generated`` accepts with :func:`search_sections`.

    Returns False (nothing changed) when the plugin is not Material's search as this module knows it.
    """
    index = getattr(search_plugin, "search_index", None)
    original = getattr(index, "add_entry_from_context", None)
    if index is None or original is None or not hasattr(index, "create_entry_for_section"):
        return False
    if getattr(original, "handbook_sections", False):
        return True

    def add_entry_from_context(page: Any) -> None:
        sections = search_sections(page.content) if is_generated(page) else None
        if sections is None:
            original(page)
            return
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        for section in sections:
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)

    add_entry_from_context.handbook_sections = True  # type: ignore[attr-defined]
    index.add_entry_from_context = add_entry_from_context
    return True
