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
import io
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import __version__
from ..printables.cache import RenderCache, Writable, input_key


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

    def get_or_write_file(
        self, parts: Iterable[str], suffix: str, write: Callable[[Writable], None]
    ) -> tuple[bytes | None, Path | None]:
        """The cache file for ``parts`` (its inputs), written by ``write`` unless it is there already.

        Returns ``(None, path)``, so a large export is never held in memory; without a cache,
        ``(the bytes write wrote, None)``.
        """
        if self.store is None:
            self.rendered += 1
            buffer = io.BytesIO()
            write(buffer)
            return buffer.getvalue(), None
        key = input_key(code_digest(), suffix, *parts)
        path = self.store.get(key, suffix)
        if path is not None:
            self.reused += 1
        else:
            self.rendered += 1
            path = self.store.put_written(key, suffix, write)
        self.used.append(path)
        return None, path

    def get_or_render_file(
        self, parts: Iterable[str], suffix: str, render: Callable[[], bytes]
    ) -> tuple[bytes | None, Path | None]:
        """As :meth:`get_or_write_file`, for a file ``render()`` makes whole."""

        def write(stream: Writable) -> None:
            stream.write(render())

        return self.get_or_write_file(parts, suffix, write)

    def prune(self) -> None:
        """Delete cached exports this build did not use."""
        if self.store is not None:
            self.store.prune(self.used)
