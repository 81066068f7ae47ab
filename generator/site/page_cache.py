"""Rendered unit pages reused across rebuilds while nothing they depend on has changed.

Under ``mkdocs serve`` every rebuild renders the whole catalogue again. A unit page depends
on the unit, the templates and the site context (site name, build date, URL style) and on
that unit's downloads, so a page is reused while:

- its unit's data are equal to last time's (compared as data, not by object identity, so a
  unit read afresh from an unchanged file, or from another copy of the project, still hits);
- its downloads are equal to last time's;
- the template files (every file in the environment's search path, by stamp) and the site
  context without its downloads are equal to last build's; otherwise the cache is emptied.

Nothing here knows about MkDocs; like the unit cache, it lives at module level because
MkDocs creates a new plugin object for every rebuild.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from ..caches import process_cache
from ..content.unit_cache import RACY_SECONDS, FileStamp, stamp_of


def templates_fingerprint(env: jinja2.Environment) -> tuple[tuple[str, FileStamp | None], ...] | None:
    """The path and stamp of every file the environment can load templates from.

    None, so nothing is cached, when the loader is not a plain file-system loader or a
    template was modified so recently that a second change could keep the same stamp.
    """
    loader = env.loader
    if not isinstance(loader, jinja2.FileSystemLoader):
        return None
    found = []
    recent = time.time_ns() - RACY_SECONDS * 1_000_000_000
    for folder in loader.searchpath:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                stamp = stamp_of(path)
                if stamp is None or stamp.mtime_ns > recent:
                    return None
                found.append((str(path), stamp))
    return tuple(found)


#: A rendered page: Markdown text, or a page made straight to HTML.
Page = TypeVar("Page")


class PageCache:
    """Unit pages of the last build, keyed by page path."""

    def __init__(self) -> None:
        self._context: Hashable = None
        self._pages: dict[str, tuple[object, Any, Any]] = {}
        self._lock = threading.Lock()
        self.renders = 0
        """How many pages were actually rendered (misses), for tests and benchmarks."""

    def __len__(self) -> int:
        return len(self._pages)

    def begin(self, env: jinja2.Environment, site: Any) -> None:
        """Start a build: empty the cache if the templates or the site context changed."""
        fingerprint = templates_fingerprint(env)
        context = None if fingerprint is None else (fingerprint, dataclasses.replace(site, downloads={}))
        with self._lock:
            if context is None or context != self._context:
                self._pages.clear()
            self._context = context

    def page(self, path: str, source: object, extra: Any, render: Callable[[], Page]) -> Page:
        """The cached page at ``path`` if ``source`` and ``extra`` equal last time's, else ``render()``."""
        with self._lock:
            entry = self._pages.get(path)
            usable = self._context is not None
        if usable and entry is not None and entry[0] == source and entry[1] == extra:
            return entry[2]
        text = render()
        self.renders += 1
        if usable:
            with self._lock:
                self._pages[path] = (source, extra, text)
        return text

    def keep_only(self, paths: set[str]) -> None:
        """End a build: forget pages not generated this time (their units are gone)."""
        with self._lock:
            for path in [p for p in self._pages if p not in paths]:
                del self._pages[path]

    def clear(self) -> None:
        """Forget every page."""
        with self._lock:
            self._pages.clear()
            self._context = None


#: The unit pages of this process, used by :func:`generator.pages.generate_pages` by default.
PAGE_CACHE = process_cache(PageCache(), content=True)
