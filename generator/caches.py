"""The process's in-memory caches, cleared together.

Parsed units (:mod:`generator.content.unit_cache`), rendered pages
(:mod:`generator.site.page_cache`), compiled theme templates, template environments and
code digests live for the life of the process, because ``mkdocs serve`` rebuilds with a new
plugin object each time. Each registers how to empty it here, so one call forgets them all
(a test fixture calls it between tests). The printables cache on disk is another matter: it
is keyed by its inputs, and a project may simply delete its folder.

```python
from generator.caches import clear_caches
clear_caches()
```
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

Clearable = TypeVar("Clearable")

_CLEARERS: list[Callable[[], None]] = []
_CONTENT_CLEARERS: list[Callable[[], None]] = []


def process_cache(cache: Clearable, *, content: bool = False) -> Clearable:
    """Register ``cache`` (an object or ``functools.cache`` function with ``clear``/``cache_clear``); returns it.

    ``content``: the cache holds the catalogue's content (parsed units, rendered pages), which
    only a next build in this process can use; :func:`release_content_caches` empties it.
    """
    clear = getattr(cache, "cache_clear", None) or cache.clear
    _CLEARERS.append(clear)
    if content:
        _CONTENT_CLEARERS.append(clear)
    return cache


def clear_caches() -> None:
    """Empty every registered cache of this process."""
    for clear in _CLEARERS:
        clear()


def release_content_caches() -> None:
    """Empty the caches that hold the catalogue's content, keeping compiled templates and digests.

    For a build that is the process's last (``mkdocs build``): once MkDocs has the pages, the
    units and page texts kept for a next build would only stay in memory while MkDocs works.
    """
    for clear in _CONTENT_CLEARERS:
        clear()
