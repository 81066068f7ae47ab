"""Unit prose (Markdown) as a small JSON tree, for print templates that are not HTML (Typst).

The Markdown goes through the site's own filter first (:func:`generator.site.render.render_markdown`:
Python-Markdown, then nh3 keeps only prose tags and http(s)/mailto links), so a PDF shows
exactly what the web page shows. The sanitised HTML then becomes nested lists and dicts:

```python
markdown_tree("Some *emphasis*.\\n\\n- one\\n- two")
# [{"t": "p", "c": ["Some ", {"t": "em", "c": ["emphasis"]}, "."]},
#  {"t": "ul", "c": [{"t": "li", "c": ["one"]}, {"t": "li", "c": ["two"]}]}]
```

A node is a string (text, whitespace collapsed except inside ``pre``) or ``{"t": tag, "c":
children}`` with ``href`` on ``a`` and ``start`` on ``ol``. Tags are those of
:data:`generator.site.render.ALLOWED_TAGS`. ``print/common.typ``'s ``markdown`` function
renders the tree; the text stays data, never Typst markup.
"""

from __future__ import annotations

import functools
import html.parser
import re
from typing import Any

from ..site.render import ALLOWED_TAGS, render_markdown

Node = str | dict[str, Any]
_SPACE = re.compile(r"\s+")
#: Tags whose children are blocks: whitespace-only text between them is layout, not content.
_BLOCK_CONTAINERS = frozenset({"root", "ul", "ol", "blockquote"})
_VOID = frozenset({"br", "hr"})
_BLOCKS = frozenset({"p", "ul", "ol", "pre", "blockquote", "hr"})


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict[str, Any] = {"t": "root", "c": []}
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            return
        node: dict[str, Any] = {"t": tag, "c": []}
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            node["href"] = values["href"]
        if tag == "ol" and (values.get("start") or "").isdigit():
            node["start"] = int(values["start"] or 1)
        self._stack[-1]["c"].append(node)
        if tag not in _VOID:
            self._stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in ALLOWED_TAGS:
            return
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth]["t"] == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        parent = self._stack[-1]
        if parent["t"] == "pre" or any(node["t"] == "pre" for node in self._stack):
            parent["c"].append(data)
            return
        if parent["t"] in _BLOCK_CONTAINERS and not data.strip():
            return
        text = _SPACE.sub(" ", data)
        children = parent["c"]
        if children and isinstance(children[-1], str):
            children[-1] += text
        else:
            children.append(text)


def _trim(nodes: list[Node]) -> list[Node]:
    """Leading and trailing spaces of a paragraph or list item removed (HTML would not show them)."""
    if nodes and isinstance(nodes[0], str):
        nodes[0] = nodes[0].lstrip()
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] = nodes[-1].rstrip()
    return [node for node in nodes if node != ""]


def _tidy(node: Node) -> Node:
    if isinstance(node, str):
        return node
    children = [_tidy(child) for child in node["c"]]
    if node["t"] in ("p", "li"):
        children = _trim(children)
    if any(isinstance(child, dict) and child["t"] in _BLOCKS for child in children):
        children = [child for child in children if not (isinstance(child, str) and not child.strip())]
    return {**node, "c": children}


@functools.lru_cache(maxsize=1024)
def _tree_of(text: str) -> tuple[Node, ...]:
    builder = _TreeBuilder()
    builder.feed(str(render_markdown(text)))
    builder.close()
    return tuple(_tidy(child) for child in builder.root["c"])


def markdown_tree(text: str | None) -> list[Node]:
    """Markdown prose as a list of block nodes (see the module docstring); empty for no text."""
    if not text:
        return []
    return list(_tree_of(text))
