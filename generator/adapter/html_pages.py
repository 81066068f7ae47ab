"""Generated pages handed to MkDocs already made to HTML: no Markdown pass, the same page.

Part of the MkDocs adapter. A generated page stays a normal MkDocs page (its ``File`` is in
``Files``, so nav, URLs, ``serve`` and every plugin's events work as for any page); only its
two costly steps are replaced, by :class:`HtmlGeneratedPage`:

- ``read_source`` takes the metadata the generator already has instead of parsing YAML front
  matter;
- ``render`` takes the HTML, table of contents and anchors the generator made (see
  :mod:`generator.site.headings`) instead of running Python-Markdown, unless a plugin changed
  the page's Markdown (its HTML) in ``on_page_markdown`` or supplied its own source, in which
  case the page is rendered by MkDocs as usual (keeping our table of contents).

The HTML is what MkDocs' own ``Page.render`` makes of the Markdown form (``tests/test_page_html.py``
and ``tests/test_site_html.py`` compare them). Links in generated pages are raw HTML, which
MkDocs never rewrites: the generator makes them relative for the site's URL style.
"""

from __future__ import annotations

import html
import logging
import os
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..site.headings import HtmlHeadings, markdown_headings
from ..site.pages import HtmlPage

#: ``HANDBOOK_PAGES=markdown`` sends generated pages through MkDocs' Markdown pass, as before
#: (to compare the two, or for a plugin that needs their Markdown).
PAGES_VARIABLE = "HANDBOOK_PAGES"

#: Anchors of a page as MkDocs collects them from raw HTML: every id, and the name of every <a>.
_ANCHOR = re.compile(r'\sid="([^"]*)"|<a\s[^>]*?\bname="([^"]*)"')

_styles: dict[str, HtmlHeadings] = {}


def html_headings(config: MkDocsConfig) -> HtmlHeadings | None:
    """The headings of the site's Markdown (its extensions and their settings), or None for the Markdown pass."""
    if os.environ.get(PAGES_VARIABLE, "").strip().lower() == "markdown":
        return None
    style = markdown_headings(config.markdown_extensions, config.mdx_configs or {})
    # Kept per configuration, so `mkdocs serve` converts each distinct heading once per session.
    return _styles.setdefault(str(style.key), style)


def anchor_ids(page_html: str) -> set[str]:
    """The ids (and ``<a name>``) in ``page_html``, as MkDocs' raw HTML handler finds them."""
    found = set()
    for match in _ANCHOR.finditer(page_html):
        value = match.group(1) if match.group(1) is not None else match.group(2)
        found.add(html.unescape(value) if "&" in value else value)
    return found


class HtmlGeneratedPage(Page):
    """A generated page whose HTML, contents and anchors were made with the page."""

    generated: HtmlPage

    def read_source(self, config: MkDocsConfig) -> None:
        """The page's metadata as its front matter would give it, and its HTML as its Markdown."""
        if config.plugins.on_page_read_source(page=self, config=config) is not None:
            del self.generated  # another plugin supplies the source: MkDocs reads it as usual
            self.__class__ = Page
            super().read_source(config)
            return
        self.markdown = self.generated.html
        self.meta = dict(self.generated.meta)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """The page's own HTML, unless a plugin changed its Markdown (then MkDocs renders that).

        The generated page is let go of afterwards: the page holds its HTML, made once.
        """
        generated = self.generated
        del self.generated
        if self.markdown != generated.html:
            super().render(config, files)
            if not self.toc.items:
                # Our headings are raw HTML in that Markdown, which the toc extension does not see.
                self.toc = get_toc(generated.toc)
            return
        self.content = generated.html
        self.toc = get_toc(generated.toc)
        self._title_from_render = None
        self.present_anchor_ids = anchor_ids(generated.html)
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}

    def release(self) -> None:
        """Let go of the page's text once it is written (a one-shot build; see the plugin's ``on_post_page``).

        Its Markdown is its HTML, the same string, so both go; its table of contents, anchors
        and metadata stay for the checks and plugins that run after the pages are built.
        """
        self.markdown = self.content = ""


def adopt(page: Page, generated: Any) -> Page:
    """Make ``page`` an :class:`HtmlGeneratedPage` when ``generated`` is a page made to HTML."""
    if isinstance(generated, HtmlPage) and type(page) is Page:
        # The same object, not a copy: the nav and its neighbours' links already hold it.
        page.__class__ = HtmlGeneratedPage
        page.generated = generated  # type: ignore[attr-defined]
    return page
