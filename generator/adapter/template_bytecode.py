"""An in-memory Jinja bytecode cache for the life of the process.

MkDocs builds a new theme environment for every build, so under ``mkdocs serve`` each rebuild
compiles the theme's templates again (about half a second for mkdocs-material). With this
cache a template is compiled once per process and then loaded from its bytecode; Jinja keys
each entry by template name and file and checks a checksum of the source, so an edited
template is compiled afresh.
"""

from __future__ import annotations

import threading

import jinja2
import jinja2.bccache

from ..caches import process_cache


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in a dict; safe to share between environments of one process."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` from the cache, if it holds this template."""
        with self._lock:
            code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the compiled template of ``bucket``."""
        code = bucket.bytecode_to_string()
        with self._lock:
            self._store[bucket.key] = code

    def clear(self) -> None:
        """Forget every compiled template."""
        with self._lock:
            self._store.clear()


#: The cache the MkDocs plugin gives the theme environment on every build.
THEME_BYTECODE_CACHE = process_cache(MemoryBytecodeCache())
