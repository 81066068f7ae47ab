"""A folder of rendered files, each named by a hash of everything that went into it.

A rebuild asks the cache before rendering: same inputs, same key, no work. Keys come from
:func:`input_key` over the unit data, the templates, the fonts and the generator's own
code, so any change to any of them gives a new key and a fresh render. Writes are atomic
(write to a temporary file, then rename), so a crashed build never leaves half a file,
and parallel workers can share one folder.

```python
cache = RenderCache(Path(".cache/handbook"))
key = input_key("workbook-pdf", unit.model_dump_json(), templates_digest, code_digest())
path = cache.get(key, ".pdf") or cache.put(key, ".pdf", render())
```

Nothing damaged is ever reused: :meth:`RenderCache.put` stores a SHA-256 digest of the
bytes beside each file (under ``.digests/``), and :meth:`RenderCache.get` returns a file
only when its bytes still match it; a truncated, garbled or emptied file, or one without a
digest, is reported as missing, so it is rendered again (and replaced whole).

Builds of the same project may run at once. Every path a process asks :meth:`get` about is
*pinned* for that process (a list in ``.pins/``, locked while the process lives), and
:meth:`prune` deletes only files that neither it nor any running process has pinned. A
killed process's lock goes with it, so its pins stop counting at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Protocol

#: Temporary files older than this (seconds) are leftovers of a killed process and pruned.
STALE_TEMPORARY_SECONDS = 3600
DIGESTS = ".digests"
PINS = ".pins"
LOCK = ".lock"

#: This process's open, locked pin file per cache folder (see the module docstring).
_PIN_FILES: dict[Path, tuple[IO[str], str]] = {}


def input_key(*parts: str | bytes) -> str:
    """A SHA-256 hex digest over ``parts``; each part is length-prefixed so boundaries count."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _write_atomically(path: Path, data: bytes | Callable[[IO[bytes]], None]) -> None:
    """Write ``data`` (bytes, or a function that writes them to a stream) to ``path`` by renaming a temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            if callable(data):
                data(stream)
            else:
                stream.write(data)
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Writable(Protocol):
    """Where bytes are written: a binary file, or a stream that passes them on."""

    def write(self, data: bytes, /) -> int: ...


class _Hashing:
    """A binary stream's ``write`` that also feeds what it writes to a digest."""

    def __init__(self, stream: IO[bytes], digest: hashlib._Hash) -> None:
        self.stream = stream
        self.digest = digest

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.stream.write(data)


class RenderCache:
    """Rendered files under ``folder``, as ``<key[:2]>/<key><suffix>``, each with a verified digest."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path_for(self, key: str, suffix: str) -> Path:
        """Where the file for ``key`` lives (whether or not it exists yet)."""
        return self.folder / key[:2] / f"{key}{suffix}"

    def _digest_path(self, path: Path) -> Path:
        return self.folder / DIGESTS / path.parent.name / f"{path.name}.sha256"

    def get(self, key: str, suffix: str) -> Path | None:
        """The cached file for ``key``, or ``None`` when it is not there or is damaged.

        The path is pinned for this process either way (so a concurrent prune leaves it, and
        the file rendered for it next, alone). A file whose bytes do not match the digest
        stored when it was written is treated as never rendered.
        """
        path = self.path_for(key, suffix)
        self._pin([path])
        # A damaged file is not deleted here: another build may be writing that very file
        # (its bytes land before its digest), and the render that follows replaces it whole.
        return path if path.is_file() and self.verify(path) else None

    def verify(self, path: Path) -> bool:
        """Whether the file's bytes match the digest stored when it was put."""
        try:
            stored = self._digest_path(path).read_text(encoding="ascii").strip()
            with path.open("rb") as stream:  # in chunks: an export can be tens of MB
                actual = hashlib.file_digest(stream, "sha256").hexdigest()
        except (OSError, UnicodeDecodeError):
            return False
        return stored == actual

    def put(self, key: str, suffix: str, data: bytes) -> Path:
        """Store ``data`` under ``key`` atomically, with its digest, and return its path."""
        return self.put_written(key, suffix, lambda stream: stream.write(data))

    def put_written(self, key: str, suffix: str, write: Callable[[Writable], None]) -> Path:
        """As :meth:`put`, for bytes that ``write`` writes to a stream, so a large file is never held whole."""
        path = self.path_for(key, suffix)
        digest = hashlib.sha256()
        # The file first, then its digest: a kill between the two leaves a file without a
        # digest, which get() treats as missing.

        def written(stream: IO[bytes]) -> None:
            write(_Hashing(stream, digest))

        _write_atomically(path, written)
        _write_atomically(self._digest_path(path), digest.hexdigest().encode("ascii") + b"\n")
        return path

    def prune(self, keep: Iterable[Path]) -> int:
        """Delete cached files not in ``keep`` and not pinned by a running build; returns how many.

        ``keep`` becomes this process's pins. Temporary files are deleted once they are
        older than :data:`STALE_TEMPORARY_SECONDS` (a live writer renames its file in seconds).
        """
        if not self.folder.is_dir():
            return 0
        wanted = {Path(p).name for p in keep}
        removed = 0
        with self._locked():
            self._pin(sorted(wanted), replace=True, locked=True)
            wanted |= self._pinned_by_others()
            now = time.time()
            for path in [*self.folder.glob("??/*"), *self.folder.glob(f"{DIGESTS}/??/*")]:
                name = path.name.removesuffix(".sha256") if path.parent.parent.name == DIGESTS else path.name
                if name.startswith(".tmp-"):
                    with contextlib.suppress(OSError):
                        if now - path.stat().st_mtime > STALE_TEMPORARY_SECONDS:
                            path.unlink()
                    continue
                if name in wanted or not path.is_file():
                    continue
                path.unlink(missing_ok=True)
                removed += path.parent.parent.name != DIGESTS
        return removed

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the cache folder's lock: pin lists are read and written only under it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / LOCK).open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _pin(self, paths: Iterable[Path | str], *, replace: bool = False, locked: bool = False) -> None:
        names = [Path(p).name for p in paths]
        if not locked:
            with self._locked():
                self._pin(names, replace=replace, locked=True)
            return
        key = self.folder.resolve()
        stream, pin_name = _PIN_FILES.get(key, (None, ""))
        if stream is None or stream.closed or not (self.folder / PINS / pin_name).is_file():
            (self.folder / PINS).mkdir(exist_ok=True)
            handle, pin_path = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".pins", dir=self.folder / PINS)
            stream = os.fdopen(handle, "w", encoding="ascii")
            # Held until this process ends: a lock another process can take means the pins are stale.
            fcntl.flock(stream, fcntl.LOCK_EX)
            _PIN_FILES[key] = (stream, Path(pin_path).name)
            replace = True
        if replace:
            stream.seek(0)
            stream.truncate()
        stream.write("".join(f"{name}\n" for name in names))
        stream.flush()

    def _pinned_by_others(self) -> set[str]:
        """Names pinned by other running processes; pin files of ended processes are removed."""
        _, own = _PIN_FILES.get(self.folder.resolve(), (None, ""))
        pinned: set[str] = set()
        for pin_file in (self.folder / PINS).glob("*.pins"):
            if pin_file.name == own:
                continue
            try:
                with pin_file.open(encoding="ascii") as stream:
                    try:
                        fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except BlockingIOError:
                        pinned.update(line.strip() for line in stream)
                    else:
                        pin_file.unlink(missing_ok=True)  # its process has ended
            except OSError:
                continue
        return pinned
