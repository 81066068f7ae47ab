"""Parsed unit files cached by file stamp, so a rebuild re-reads only the files that changed.

Under ``mkdocs serve`` every rebuild loads the whole catalogue again, and MkDocs creates a
new plugin object each time, so the cache lives here, at module level, for the life of the
process. An entry is keyed by the file's absolute path and the project root (error messages
show paths relative to the root) and is reused only while the file's stamp is unchanged:
modification time in nanoseconds, size, inode and change time. Files whose modification time
was within :data:`RACY_SECONDS` of reading them are not trusted (as Git treats "racily clean"
files): a second write in the same clock tick with the same size would leave the stamp
unchanged, so such a file is parsed again on the next build until it has aged.

Failures are cached too: an unchanged broken file gives the same errors without being parsed
again. A file that cannot be stat'ed is loaded uncached (it gives its own error), and files
that have gone from their folder are dropped from the cache by :func:`forget_missing`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from ..errors import ContentErrors

T = TypeVar("T")

#: Files modified less than this long before they were read are parsed again next time.
RACY_SECONDS = 2


class FileStamp(NamedTuple):
    """What identifies one version of a file without reading it."""

    mtime_ns: int
    size: int
    inode: int
    ctime_ns: int


def stamp_of(path: Path) -> FileStamp | None:
    """The stamp of ``path``, or None when it cannot be stat'ed."""
    try:
        info = path.stat()
    except OSError:
        return None
    return FileStamp(info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)


@dataclass(frozen=True)
class _Entry(Generic[T]):
    stamp: FileStamp
    trusted: bool
    result: T | ContentErrors


class StampCache(Generic[T]):
    """Results of loading files, reused while each file's stamp is unchanged."""

    def __init__(self) -> None:
        self._entries: dict[tuple[Path, Path], _Entry[T]] = {}
        self._lock = threading.Lock()
        self.loads = 0
        """How many times a file was actually loaded (misses), for tests and benchmarks."""

    def __len__(self) -> int:
        return len(self._entries)

    def load(self, path: Path, root: Path, loader: Callable[[Path], T]) -> T:
        """``loader(path)``, or its cached result while the file is unchanged.

        Raises the cached :class:`~generator.errors.ContentErrors` for an unchanged broken file.
        """
        key = (path.absolute(), root.absolute())
        stamp = stamp_of(path)
        with self._lock:
            entry = self._entries.get(key)
        if entry is not None and entry.trusted and entry.stamp == stamp:
            return _unwrap(entry.result)
        if stamp is None:
            with self._lock:
                self._entries.pop(key, None)
            return loader(path)
        trusted = time.time_ns() - stamp.mtime_ns > RACY_SECONDS * 1_000_000_000
        self.loads += 1
        result: T | ContentErrors
        try:
            result = loader(path)
        except ContentErrors as exc:
            result = exc
        with self._lock:
            self._entries[key] = _Entry(stamp, trusted, result)
        return _unwrap(result)

    def forget_missing(self, folders: Iterable[Path], present: Iterable[Path]) -> None:
        """Drop entries for files in ``folders`` that are not among ``present`` (deleted or renamed)."""
        folder_names = {folder.absolute() for folder in folders}
        keep = {path.absolute() for path in present}
        with self._lock:
            for key in [k for k in self._entries if k[0].parent in folder_names and k[0] not in keep]:
                del self._entries[key]

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()


def _unwrap(result: T | ContentErrors) -> T:
    if isinstance(result, ContentErrors):
        # A fresh exception each time: re-raising one object would grow its traceback.
        raise ContentErrors(result.errors)
    return result
