"""Exported files kept between builds, keyed by everything that goes into them.

The same mechanism as the printables (:class:`generator.printables.cache.RenderCache`, keys
from :func:`~generator.printables.cache.input_key`), in its own ``exports/`` folder of the
cache: a key covers the units' and qualification's data, the identifier namespace, the base
address, the URL style, the source date and the exporting code, so any change renders the
file again. Unchanged files are read back instead of rebuilt, which matters at 1,000 units
(see the README's figures). Without a cache folder, everything is rendered.
"""

from __future__ import annotations

import functools
import importlib.metadata
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import __version__
from ..printables.cache import RenderCache, input_key


@functools.cache
def code_digest() -> str:
    """A hash of the exporting code (this package) and of the XLSX library's version."""
    package = Path(__file__).resolve().parent
    sources = [p.name + "\0" + p.read_text(encoding="utf-8") for p in sorted(package.glob("*.py"))]
    return input_key(__version__, "XlsxWriter==" + importlib.metadata.version("XlsxWriter"), *sources)


class ExportCache:
    """Looks up, stores and prunes exported files under ``<cache_dir>/exports``."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.store = RenderCache(cache_dir / "exports") if cache_dir is not None else None
        self.used: list[Path] = []
        self.rendered = 0
        self.reused = 0

    def get_or_render(self, parts: Iterable[str], suffix: str, render: Callable[[], bytes]) -> bytes:
        """The file for ``parts`` (its inputs) from the cache, or ``render()`` stored there."""
        return self.get_or_render_file(parts, suffix, render)[0]

    def get_or_render_file(
        self, parts: Iterable[str], suffix: str, render: Callable[[], bytes]
    ) -> tuple[bytes, Path | None]:
        """As :meth:`get_or_render`, with the cache file that holds the bytes (``None`` without a cache)."""
        if self.store is None:
            self.rendered += 1
            return render(), None
        key = input_key(code_digest(), suffix, *parts)
        path = self.store.get(key, suffix)
        if path is not None:
            self.reused += 1
            data = path.read_bytes()
        else:
            self.rendered += 1
            data = render()
            path = self.store.put(key, suffix, data)
        self.used.append(path)
        return data, path

    def prune(self) -> None:
        """Delete cached exports this build did not use."""
        if self.store is not None:
            self.store.prune(self.used)
