"""Unit prose (Markdown) as plain paragraphs and list items, for writers that are not HTML.

The Markdown goes through the site's own sanitising filter first, so Word shows exactly
the text the web page shows, without any markup.
"""

from __future__ import annotations

import html.parser

from ..site.render import render_markdown

_BLOCK_STYLES = {"p": "Normal", "ul": "List Bullet", "ol": "List Number"}


class _Blocks(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._lists: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self._flush()
            self._lists.append(tag)
        elif tag in ("p", "li"):
            self._flush()
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li"):
            self._flush()
        elif tag in ("ul", "ol") and self._lists:
            self._flush()
            self._lists.pop()

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if text:
            style = _BLOCK_STYLES[self._lists[-1]] if self._lists else "Normal"
            self.blocks.append((style, text))

    def close(self) -> None:
        super().close()
        self._flush()


def markdown_blocks(text: str) -> list[tuple[str, str]]:
    """``text`` as (Word paragraph style, plain text) pairs: paragraphs and list items in order."""
    parser = _Blocks()
    parser.feed(str(render_markdown(text)))
    parser.close()
    return parser.blocks
