"""Repair conversion debris in one line or one cell of a unit document.

Text copied out of PDF viewers and web pages carries stray HTML tags and entities, bullet
glyphs mangled by conversion (``•`` read as ``e``, ``¢``, ``o`` or ``)``), odd spaces and
words run together. Each repair here is small and keeps the document's own words.
"""

from __future__ import annotations

import html
import re

from lxml import html as lxml_html

from .document import Para

#: Bullets as documents print them and as conversion mangles them; a lone one starts a list item.
BULLET_GLYPHS = "•●▪■◦○·∙‣⁃◆►➢✓-–—*¢§»>\uf0b7\uf0a7\uf076\uf0d8"
_BULLET = re.compile(rf"^\s*(?:[{re.escape(BULLET_GLYPHS)}]|[eoO)v.Ø])\s+(?=\S)")
_LONE_BULLET = re.compile(rf"^\s*[{re.escape(BULLET_GLYPHS)}]\s*$")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\ufeff]")
_NUMBER_STUCK = re.compile(r"(?<![\d.])(\d{1,2}\.\d{1,2})(?=[A-Z][a-z])")
_OUTCOME_STUCK = re.compile(r"^((?:LO\s?)?\d{1,2})(?=[A-Z][a-z])")
_SENTENCE_STUCK = re.compile(r"(?<!www\.)(?<!://)(?<=[a-z]{2}[.;:])(?=[A-Z][a-z])")
_WORD_BEFORE_NUMBER = re.compile(r"(?<=[a-z])(?=\d{1,2}\.\d{1,2}\s+[A-Z])")

_INLINE_BULLET = re.compile(r"\s+[•●▪◦]\s+")

_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "tr", "br", "td", "th", "ul", "ol"}


def looks_like_html(text: str) -> bool:
    """Whether a line of plain text carries HTML markup (a table cell pasted from a web page)."""
    return bool(re.search(r"</?(?:p|ul|ol|li|br|div|span|strong|em|b|i)\b[^<>]*>", text, re.IGNORECASE))


def clean_text(text: str) -> str:
    """One line of text with entities decoded, stray tags dropped and spacing repaired."""
    text = html.unescape(text)
    text = _TAG.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    text = _NUMBER_STUCK.sub(r"\1 ", text)
    text = _OUTCOME_STUCK.sub(r"\1 ", text)
    text = _WORD_BEFORE_NUMBER.sub(" ", text)
    return _SENTENCE_STUCK.sub(" ", text)


def split_bullet(text: str) -> tuple[bool, str]:
    """``(True, rest)`` where ``text`` starts with a bullet glyph, else ``(False, text)``."""
    match = _BULLET.match(text)
    if match and not re.match(r"^\s*\.\d", text):
        return True, text[match.end() :]
    return False, text


def is_lone_bullet(text: str) -> bool:
    """Whether a line holds nothing but a bullet glyph (its text is on the next line)."""
    return bool(_LONE_BULLET.match(text))


def paragraphs(text: str) -> list[Para]:
    """A cell of plain text (or of pasted HTML) as its paragraphs and list items."""
    if looks_like_html(text):
        return html_paragraphs(lxml_html.fragment_fromstring(text, create_parent="div"))
    cleaned = clean_text(text)
    if not cleaned:
        return []
    found: list[Para] = []
    for index, piece in enumerate(_INLINE_BULLET.split(cleaned)):
        bullet, rest = split_bullet(piece.strip())
        if rest:
            found.append(Para(rest, 1 if bullet or index > 0 else 0))
    return found


def html_paragraphs(element: lxml_html.HtmlElement) -> list[Para]:
    """The paragraphs and list items of an HTML element, in order, with their list depth.

    Lists pasted without ``<li>`` (items run together inside ``<ul>``, separated by ``•`` or
    `` - ``) are split at those glyphs.
    """
    found: list[Para] = []
    pending: list[str] = []

    def flush(depth: int, *, run_together: bool = True) -> None:
        text = clean_text(" ".join(pending))
        pending.clear()
        if not text:
            return
        if depth and not run_together:
            found.append(Para(text, depth))
            return
        if depth:
            for item in re.split(r"(?:^|\s)[•●▪◦·](?:\s|$)|\s-\s", " " + text):
                item = item.strip()
                if item:
                    found.append(Para(item, depth))
            return
        bullet, rest = split_bullet(text)
        found.append(Para(rest, 1 if bullet else 0))

    def walk(node: lxml_html.HtmlElement, depth: int) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        inner = depth + 1 if tag in ("ul", "ol") else depth
        if tag in _BLOCK_TAGS:
            flush(depth)
        if tag in ("script", "style", "head", "title"):
            return
        if node.text:
            pending.append(node.text)
        for child in node:
            walk(child, inner)
            if child.tail:
                pending.append(child.tail)
        if tag in _BLOCK_TAGS:
            flush(inner if tag in ("ul", "ol") else depth, run_together=tag != "li")

    walk(element, 0)
    flush(0)
    return found
