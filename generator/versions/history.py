"""A unit's earlier versions: from the repository's git history, or from files the editor lists.

A *version* is what a unit file said under one ``version`` label. In a git repository the
history of each unit file is read with one ``git log`` for the whole units folder and one
``git cat-file --batch`` for the file contents, so a catalogue of any size costs two
processes, not two per unit. For each label the newest commit that carried it is taken
(what that version finally said); its date is the ``version.date`` the file gives, or else
the day of the first commit that carried the label. Revisions without a label, and
revisions that do not load (a broken commit), are skipped: history never stops a build.

Where there is no git, or the editor prefers files, ``version.previous`` names the previous
version's file (relative to the unit file, outside the units folder); each such file may
name its own previous file in turn.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..caches import process_cache
from ..content.loader import Document, display_path, parse_document, read_text, validate_document
from ..content.model import Unit
from ..errors import ContentErrors, ContentProblem, HandbookError

#: Most earlier versions kept per unit: the history of a unit is a handful of editions.
MAX_VERSIONS = 50
#: Longest chain of ``version.previous`` files followed (a loop is refused before this).
MAX_CHAIN = MAX_VERSIONS


class HistoryError(HandbookError):
    """A git revision or a previous-version file could not be read."""


@dataclass(frozen=True)
class UnitVersion:
    """One version of a unit: its label, its date and what it said."""

    label: str
    date: dt.date | None
    unit: Unit
    source: str
    """Where it came from: ``git <commit>``, a file path, or ``current``."""


def version_label(unit: Unit) -> str | None:
    """The unit's version label, or ``None`` when the file gives none."""
    version = getattr(unit, "version", None)
    return None if version is None else version.label


def version_date(unit: Unit) -> dt.date | None:
    """The publication date the unit's version record gives, if any."""
    version = getattr(unit, "version", None)
    return None if version is None else version.date


def load_unit_text(text: str, display: str) -> Unit:
    """A unit from YAML text (a revision's or a file's), checked like any unit file."""
    return validate_document(parse_document(text, display), Unit)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False, timeout=120
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HistoryError(f"git {args[0]}: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def git_toplevel(folder: Path) -> Path | None:
    """The root of the git work tree holding ``folder``, or ``None`` outside git (or without git)."""
    try:
        out = _git(folder, "rev-parse", "--show-toplevel")
    except HistoryError:
        return None
    return Path(out.decode("utf-8").strip())


def unit_at_revision(path: Path, revision: str) -> Unit:
    """The unit file ``path`` as it was at git ``revision`` (a commit, tag or branch name)."""
    top = git_toplevel(path.parent)
    if top is None:
        raise HistoryError(f"{path.name}: not in a git repository, so there is no revision '{revision}'")
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    try:
        text = _git(top, "show", f"{revision}:{relative}").decode("utf-8")
    except HistoryError:
        raise HistoryError(f"{relative}: no such file at revision '{revision}'") from None
    except UnicodeDecodeError:
        raise HistoryError(f"{relative}@{revision}: not UTF-8 text") from None
    return load_unit_text(text, f"{relative}@{revision}")


@dataclass(frozen=True)
class _Revision:
    commit: str
    day: dt.date
    path: str


def _revisions(top: Path, folder: Path) -> dict[str, list[_Revision]]:
    """Every committed revision of every file under ``folder``, newest first, by path."""
    relative = folder.resolve().relative_to(top.resolve()).as_posix() or "."
    out = _git(top, "log", "--no-renames", "--format=%x00%H %cI", "--name-only", "--", relative)
    revisions: dict[str, list[_Revision]] = {}
    for record in out.decode("utf-8", "replace").split("\0")[1:]:
        header, *names = record.strip("\n").split("\n")
        commit, stamp = header.split(" ", 1)
        day = dt.datetime.fromisoformat(stamp).astimezone(dt.UTC).date()
        for name in names:
            if name.strip():
                revisions.setdefault(name.strip(), []).append(_Revision(commit, day, name.strip()))
    return revisions


def _blobs(top: Path, wanted: Sequence[_Revision]) -> list[bytes | None]:
    """The contents of each ``commit:path``, ``None`` where the file was deleted in that commit."""
    if not wanted:
        return []
    request = "".join(f"{r.commit}:{r.path}\n" for r in wanted).encode("utf-8")
    out = _git(top, "cat-file", "--batch", stdin=request)
    blobs: list[bytes | None] = []
    position = 0
    for _ in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            blobs.append(None)
            continue
        size = int(header[2])
        blobs.append(out[position : position + size])
        position += size + 1
    return blobs


def git_histories(paths: Iterable[Path]) -> dict[Path, list[UnitVersion]]:
    """The earlier labelled versions of each unit file from git, newest first (empty outside git)."""
    paths = list(paths)
    if not paths:
        return {}
    folder = Path(_common_folder(paths))
    top = git_toplevel(folder)
    if top is None:
        return {path: [] for path in paths}
    try:
        by_path = _revisions(top, folder)
    except HistoryError:
        return {path: [] for path in paths}
    wanted: list[_Revision] = []
    for path in paths:
        relative = path.resolve().relative_to(top.resolve()).as_posix()
        wanted.extend(by_path.get(relative, ()))
    contents = dict(zip(wanted, _blobs(top, wanted), strict=True))
    histories: dict[Path, list[UnitVersion]] = {}
    for path in paths:
        relative = path.resolve().relative_to(top.resolve()).as_posix()
        histories[path] = _labelled_versions(by_path.get(relative, []), contents)
    return histories


def _common_folder(paths: Sequence[Path]) -> str:
    return os.path.commonpath([str(p.resolve().parent) for p in paths])


@process_cache
@functools.lru_cache(maxsize=4096)
def _committed_unit(blob: bytes) -> Unit:
    """A committed revision's unit, parsed once per process: every rebuild under ``mkdocs serve``
    reads the same history again, and committed blobs never change."""
    return load_unit_text(blob.decode("utf-8"), "(committed revision)")


def _labelled_versions(revisions: Sequence[_Revision], contents: dict[_Revision, bytes | None]) -> list[UnitVersion]:
    """Newest commit per label, dated by the label's first commit unless the file gives a date."""
    versions: list[UnitVersion] = []
    first_day: dict[str, dt.date] = {}
    for revision in revisions:  # newest first
        blob = contents.get(revision)
        if blob is None:
            continue
        try:
            unit = _committed_unit(blob)
        except (ContentErrors, UnicodeDecodeError):
            continue
        label = version_label(unit)
        if label is None:
            continue
        first_day[label] = revision.day
        if not versions or versions[-1].label != label:
            if any(v.label == label for v in versions):
                continue  # a label that comes back later in history: keep its newest appearance
            versions.append(UnitVersion(label, version_date(unit), unit, f"git {revision.commit[:12]}"))
    return [UnitVersion(v.label, v.date or first_day.get(v.label), v.unit, v.source) for v in versions[:MAX_VERSIONS]]


def file_history(path: Path, unit: Unit, *, root: Path, document: Document | None = None) -> list[UnitVersion]:
    """The chain of ``version.previous`` files behind ``unit`` (whose file is ``path``), newest first.

    Raises :class:`ContentErrors` at the ``version.previous`` line that names a missing file, a
    file outside the project or a loop, and at the line of an older file that is not a version of
    the same unit. ``document`` (the unit file, parsed) places the first of those errors.
    """
    versions: list[UnitVersion] = []
    seen = {path.resolve()}
    current_path, current = path, unit
    current_document = document or _parse(path, root)
    while len(versions) < MAX_CHAIN:
        version = getattr(current, "version", None)
        previous = None if version is None else version.previous
        if previous is None:
            break

        def refuse(message: str, at: Document = current_document) -> ContentErrors:
            return ContentErrors([at.error(("version", "previous"), message)])

        target = (current_path.parent / previous).resolve()
        if target in seen:
            raise refuse(f"'{previous}' leads back to a version already read")
        seen.add(target)
        try:
            target.relative_to(root.resolve())
        except ValueError:
            raise refuse(f"'{previous}' is outside the project") from None
        if not target.is_file():
            raise refuse(f"no file '{previous}' (relative to this file)")
        older_document = _parse(target, root)
        older = validate_document(older_document, Unit)
        if older.id != unit.id:
            raise ContentErrors([older_document.error(("id",), f"a previous version of '{unit.id}' must keep its id")])
        label = version_label(older)
        if label is None:
            raise ContentErrors([older_document.error(("version",), "a previous version needs its version label")])
        versions.append(UnitVersion(label, version_date(older), older, older_document.path))
        current_path, current, current_document = target, older, older_document
    return versions


def _parse(path: Path, root: Path) -> Document:
    display = display_path(path, root)
    return parse_document(read_text(path, display), display)


def previous_version_problems(path: Path, unit: Unit, document: Document, *, root: Path) -> list[ContentProblem]:
    """What ``handbook check`` reports about a unit's chain of ``version.previous`` files (empty when fine)."""
    if unit.version is None or unit.version.previous is None:
        return []
    try:
        file_history(path, unit, root=root, document=document)
    except ContentErrors as exc:
        return list(exc.errors)
    return []
