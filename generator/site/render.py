"""The Jinja environment over ``site_templates/`` and the safe Markdown filter.

Templates are looked up in one ordered search path: a project's own template folder
first (so a centre can override a single partial), then the packaged defaults.
``StrictUndefined`` makes a misspelt variable fail the build; autoescape is on for
every template, so data is text unless it passes through the ``markdown`` filter,
which drops raw HTML and sanitises links.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from pathlib import Path

import jinja2
import markdown as markdown_lib
import nh3
from markupsafe import Markup

from ..content.model import GRADE_LABELS
from .unit_view import unit_status
from .view import FILTERS

#: Tags the Markdown filter may produce: prose only, no headings, images or raw HTML.
ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "blockquote", "hr"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

_local = threading.local()


def default_templates_dir() -> Path:
    """The packaged default templates (``site_templates/`` of this project)."""
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_site_templates"
    return bundled if bundled.is_dir() else package.parent / "site_templates"


def _markdown_converter() -> markdown_lib.Markdown:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = markdown_lib.Markdown(extensions=["sane_lists"], output_format="html")
        # Raw HTML in data is shown as text, never passed through as markup.
        converter.preprocessors.deregister("html_block")
        converter.inlinePatterns.deregister("html")
        _local.converter = converter
    return converter


#: Characters that may start Markdown syntax (or need escaping) anywhere in a line.
_MARKDOWN_CHARS = re.compile(r"[*_`\[\]<>&\\\t\r]")
#: What a line of plain prose may start with: no list marker, heading, quote, code or rule.
_PLAIN_LINE_STARTS = "\"'(\u2018\u201c"
#: Blank lines between blocks (Markdown's blank line: nothing at all on it, here).
_BLANK_LINES = re.compile(r"\n{2,}")


def plain_prose_html(text: str) -> str | None:
    """The HTML Markdown gives ``text`` when it uses no Markdown syntax but simple lists, else None.

    Most prose in a catalogue is plain paragraphs, and lists of plain items (``- item`` lines
    after a blank line, as "This may include:" ranges are written); Python-Markdown takes
    0.3-0.7 ms for each field however plain it is, which adds up to seconds over a thousand
    units. The test suite checks this shortcut against Python-Markdown on generated text.
    """
    if _MARKDOWN_CHARS.search(text):
        return None
    blocks: list[str] = []
    previous_was_list = False
    for block in _BLANK_LINES.split(text.strip("\n")):
        lines = block.split("\n")
        is_list = lines[0].startswith("- ")
        if is_list and previous_was_list:
            return None  # a blank line between items makes a loose list (<li><p>)
        for line in lines:
            if is_list:
                if not line.startswith("- "):
                    return None  # a lazy continuation line, or a paragraph without a blank line
                line = line[2:]
            if not line or not (line[0].isalpha() or line[0] in _PLAIN_LINE_STARTS) or line[-1].isspace():
                return None
        if is_list:
            blocks.append("<ul>\n" + "".join(f"<li>{line[2:]}</li>\n" for line in lines) + "</ul>")
        else:
            blocks.append(f"<p>{block}</p>")
        previous_was_list = is_list
    return "\n".join(blocks)


def render_markdown(text: str | None) -> Markup:
    """Markdown prose to sanitised HTML: raw HTML escaped, only http(s)/mailto links kept."""
    if not text:
        return Markup("")
    html = plain_prose_html(text)
    if html is None:
        html = _markdown_converter().reset().convert(text)
    cleaned = _cleaner().clean(html)
    return Markup(cleaned)  # noqa: S704 - sanitised by nh3 just above


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """nh3's sanitiser with the filter's rules, made once: ``nh3.clean(html, **rules)`` converts
    the rules for every call, which took half of its time on a short paragraph."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
    )


def make_environment(extra_dirs: Iterable[Path] = ()) -> jinja2.Environment:
    """A Jinja environment searching ``extra_dirs`` first, then the packaged templates."""
    search_path = [str(p) for p in extra_dirs if p.is_dir()] + [str(default_templates_dir())]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search_path),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = render_markdown
    env.filters.update(FILTERS)
    env.globals["unit_status"] = unit_status
    env.globals["grade_labels"] = GRADE_LABELS
    from .history_pages import change_summary, field_label  # a cycle at import time otherwise

    env.filters["field_label"] = field_label
    env.filters["change_summary"] = change_summary
    return env
