"""Publish a folder atomically: build beside the target, swap it in only on success.

:func:`publish_atomically` hands a fresh temporary folder (a sibling of the target, so
the swap is a rename on one file system) to a build function. Only when that returns
does the new folder replace the old one; if it raises, or the process is interrupted,
the temporary folder is removed and the published folder is untouched, byte for byte.

On Linux the swap is one ``renameat2(RENAME_EXCHANGE)`` call, so there is no moment
when the target is missing; elsewhere it falls back to two renames.

A published folder carries a marker file (:data:`MARKER`). :func:`check_target` refuses a
folder that holds anything but has no marker, so a build never deletes files it did not
write. Temporary folders carry the building process's id; one whose process has ended (a
build killed with SIGKILL cannot clean up) is removed by the next build.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import PublishError

#: Prefix of the temporary folders, which sit beside the target while a build runs.
TEMP_PREFIX = ".handbook-"
#: The file that marks a folder as a site this tool published (and may therefore replace).
MARKER = ".handbook-site"
MARKER_TEXT = "Published by `handbook build`; the next build replaces this whole folder.\n"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def check_target(target: Path, protected: list[Path]) -> None:
    """Refuse a target that is a file, or that is or contains one of ``protected`` (the project, its content)."""
    resolved = target.resolve()
    if resolved.exists() and not resolved.is_dir():
        raise PublishError(f"{target}: exists and is not a folder")
    for path in protected:
        path = path.resolve()
        if resolved == path or resolved in path.parents:
            raise PublishError(f"{target}: would replace {path}; choose a separate output folder")
    if resolved.parent == resolved:
        raise PublishError(f"{target}: cannot publish to the root of a file system")
    if resolved.is_dir() and not (resolved / MARKER).is_file() and any(resolved.iterdir()):
        raise PublishError(
            f"{target}: not empty and not a site published by `handbook build` (no {MARKER} file in it); "
            "nothing was changed. Choose a new or empty output folder"
        )


def publish_atomically(target: Path, build: Callable[[Path], None]) -> Path:
    """Run ``build(temporary_folder)``, then swap the result in as ``target``.

    Whatever ``build`` raises (including ``KeyboardInterrupt``) propagates after the
    temporary folder is removed; ``target`` is then exactly as it was.
    """
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(target)
    staging = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{target.name}-new-{os.getpid()}-", dir=target.parent))
    try:
        build(staging)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        _swap_in(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def remove_stale_folders(target: Path) -> list[Path]:
    """Remove temporary folders beside ``target`` left by builds whose process has ended."""
    removed = []
    for kind in ("new", "old"):
        for folder in target.parent.glob(f"{TEMP_PREFIX}{target.name}-{kind}-*"):
            pid = folder.name.removeprefix(f"{TEMP_PREFIX}{target.name}-{kind}-").split("-", 1)[0]
            if folder.is_dir() and not folder.is_symlink() and not (pid.isdigit() and _running(int(pid))):
                if kind == "old" and not target.exists():
                    folder.rename(target)  # killed mid-swap (two-rename fallback): the old site goes back
                    continue
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id exists (ids are reused, so this errs towards keeping)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap_in(staging: Path, target: Path) -> None:
    """Make ``staging`` the new ``target``; the old target (if any) ends up at ``staging`` for removal."""
    staging.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        return
    old = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{target.name}-old-{os.getpid()}-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        staging.rename(target)
    except BaseException:
        old.rename(target)
        raise
    old.rename(staging)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one system call where the platform has one (Linux ``renameat2``)."""
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(OSError, AttributeError):
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
        result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
        return result == 0
    return False
