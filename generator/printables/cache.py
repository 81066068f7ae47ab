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
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def input_key(*parts: str | bytes) -> str:
    """A SHA-256 hex digest over ``parts``; each part is length-prefixed so boundaries count."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class RenderCache:
    """Rendered files under ``folder``, as ``<key[:2]>/<key><suffix>``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path_for(self, key: str, suffix: str) -> Path:
        """Where the file for ``key`` lives (whether or not it exists yet)."""
        return self.folder / key[:2] / f"{key}{suffix}"

    def get(self, key: str, suffix: str) -> Path | None:
        """The cached file for ``key``, or ``None`` when it has not been rendered."""
        path = self.path_for(key, suffix)
        return path if path.is_file() else None

    def put(self, key: str, suffix: str, data: bytes) -> Path:
        """Store ``data`` under ``key`` atomically and return its path."""
        path = self.path_for(key, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=suffix, dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            Path(temporary).chmod(0o644)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return path

    def prune(self, keep: Iterable[Path]) -> int:
        """Delete cached files not in ``keep`` (files of earlier builds); returns how many."""
        wanted = {Path(p).resolve() for p in keep}
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.glob("??/*"):
            if path.is_file() and path.resolve() not in wanted:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
