"""The Jinja environment over ``site_templates/`` and the safe Markdown filter.

Templates are looked up in one ordered search path: a project's own template folder
first (so a centre can override a single partial), then the packaged defaults.
``StrictUndefined`` makes a misspelt variable fail the build; autoescape is on for
every template, so data is text unless it passes through the ``markdown`` filter,
which drops raw HTML and sanitises links.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path

import jinja2
import markdown as markdown_lib
import nh3
from markupsafe import Markup

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


def plain_prose_html(text: str) -> str | None:
    """The HTML Markdown gives ``text`` when it uses no Markdown syntax at all, else None.

    Most prose in a catalogue is plain paragraphs; Python-Markdown takes about 0.3 ms for each
    field however plain it is, which adds up to seconds over a thousand units. The test
    suite checks this shortcut against Python-Markdown on generated text.
    """
    if _MARKDOWN_CHARS.search(text):
        return None
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if not line:
            if current:
                paragraphs.append("\n".join(current))
                current = []
            continue
        if not (line[0].isalpha() or line[0] in _PLAIN_LINE_STARTS) or line[-1].isspace():
            return None
        current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def render_markdown(text: str | None) -> Markup:
    """Markdown prose to sanitised HTML: raw HTML escaped, only http(s)/mailto links kept."""
    if not text:
        return Markup("")
    html = plain_prose_html(text)
    if html is None:
        html = _markdown_converter().reset().convert(text)
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    return Markup(cleaned)  # noqa: S704 - sanitised by nh3 just above


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
    return env
