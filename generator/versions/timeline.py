"""Each unit's versions for the site: newest first, each with what changed since the one before.

A unit has a history when its file gives a version label (``version: "3"``, or else the
document version under ``source.version``). Its earlier versions come from
``version.previous`` files where the editor lists them, otherwise from the repository's git
history (:mod:`generator.versions.history`). Units without a label have no history, so a
catalogue that never uses versions builds exactly as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.catalogue import Catalogue
from ..content.model import Unit, version_slug
from .diff import UnitDiff, diff_units
from .history import UnitVersion, file_history, git_histories


@dataclass(frozen=True)
class VersionEntry:
    """One version on the unit's Changes list."""

    label: str
    date: dt.date | None
    unit: Unit
    changes: str | None
    """The editor's own summary of this version's changes (Markdown), if given."""
    diff: UnitDiff | None
    """What changed since the version before it; ``None`` for the oldest version known."""
    current: bool

    @property
    def slug(self) -> str:
        """The address segment of this version: ``units/<unit>/v/<slug>/``."""
        return version_slug(self.label)


@dataclass(frozen=True)
class UnitHistory:
    """A unit's versions, newest (the current file) first."""

    unit_id: str
    entries: tuple[VersionEntry, ...]

    @property
    def current(self) -> VersionEntry:
        """The version the unit file records now."""
        return self.entries[0]

    @property
    def earlier(self) -> tuple[VersionEntry, ...]:
        """The versions before the current one, newest first."""
        return self.entries[1:]


def label_of(unit: Unit) -> str | None:
    """The unit's version label: ``version.label``, or else the source document's version."""
    if unit.version is not None:
        return unit.version.label
    source = getattr(unit, "source", None)
    return getattr(source, "version", None) or None


def date_of(unit: Unit) -> dt.date | None:
    """The version's publication date: ``version.date``, or else the source document's date when exact."""
    if unit.version is not None and unit.version.date is not None:
        return unit.version.date
    date = getattr(getattr(unit, "source", None), "date", None)
    return date if isinstance(date, dt.date) else None


def _entries(current: Unit, earlier: Sequence[UnitVersion]) -> tuple[VersionEntry, ...]:
    label = label_of(current)
    assert label is not None
    chain: list[tuple[str, dt.date | None, Unit]] = [(label, date_of(current), current)]
    for version in earlier:
        if version.label == label and chain[0][1] is None:
            # The current version as committed: it dates the current file when the file gives no date.
            chain[0] = (label, version.date or date_of(version.unit), current)
        if any(version.label == known for known, _, _ in chain):
            continue  # the same version as a newer entry (a committed copy of the current file)
        chain.append((version.label, version.date or date_of(version.unit), version.unit))
    entries = []
    for index, (version_label, date, unit) in enumerate(chain):
        older = chain[index + 1][2] if index + 1 < len(chain) else None
        changes = unit.version.changes if unit.version is not None else None
        diff = diff_units(older, unit) if older is not None else None
        entries.append(VersionEntry(version_label, date, unit, changes, diff, current=index == 0))
    return tuple(entries)


def build_histories(catalogue: Catalogue, root: Path, *, use_git: bool = True) -> dict[str, UnitHistory]:
    """The history of every unit that gives a version label, keyed by unit id."""
    labelled = [item for item in catalogue.units if label_of(item.unit) is not None]
    from_files = {item.unit.id for item in labelled if item.unit.version is not None and item.unit.version.previous}
    paths = {item.unit.id: root / item.path for item in labelled}
    from_git: Mapping[Path, list[UnitVersion]] = {}
    if use_git:
        from_git = git_histories([paths[item.unit.id] for item in labelled if item.unit.id not in from_files])
    histories: dict[str, UnitHistory] = {}
    for item in labelled:
        path = paths[item.unit.id]
        from_file = item.unit.id in from_files
        earlier = (
            file_history(path, item.unit, root=root, document=item.document) if from_file else from_git.get(path, [])
        )
        histories[item.unit.id] = UnitHistory(item.unit.id, _entries(item.unit, earlier))
    return histories


def version_owner(unit_id: str, entry: VersionEntry) -> str:
    """The downloads-box key of an earlier version's printables."""
    return f"version:{unit_id}:{entry.slug}"
