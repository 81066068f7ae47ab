"""All units of a project, loaded, validated and cross-checked before anything is rendered."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..caches import process_cache
from ..errors import ContentErrors, ContentProblem
from . import unit_cache
from .discovery import CONTENT_SUFFIXES, discover
from .levels import UnitLevel
from .limits import unit_limit_errors
from .loader import Document, load_model
from .model import Unit

UNIT_SUFFIXES = CONTENT_SUFFIXES


@dataclass(frozen=True)
class SourcedUnit:
    """A validated unit and the file it came from."""

    unit: Unit
    document: Document

    @property
    def path(self) -> str:
        """The source file, relative to the project root."""
        return self.document.path


@dataclass(frozen=True)
class Catalogue:
    """Every unit, in a stable order (by id), with lookups the pages need."""

    units: tuple[SourcedUnit, ...]

    def __iter__(self) -> Iterator[Unit]:
        return (entry.unit for entry in self.units)

    def __len__(self) -> int:
        return len(self.units)

    def get(self, unit_id: str) -> Unit | None:
        """The unit with ``unit_id`` (compared ignoring case), if any."""
        wanted = unit_id.casefold()
        return next((unit for unit in self if unit.id.casefold() == wanted), None)

    def by_level(self) -> list[tuple[UnitLevel, list[Unit]]]:
        """Units grouped by level: RQF/QCF Entry 1-3 and 1-8, then CQFW, SCQF, Access to HE and
        'not stated' (see :attr:`UnitLevel.sort_key`), lowest level first within a framework."""
        levels = sorted({unit.level for unit in self}, key=lambda level: level.sort_key)
        return [(level, [unit for unit in self if unit.level == level]) for level in levels]


def find_unit_files(units_dir: Path, *, root: Path | None = None) -> list[Path]:
    """Every unit file in ``units_dir`` by the discovery rule (:func:`.discovery.discover`).

    Files the rule refuses (links leaving the project) are left out; :func:`build_catalogue`
    and ``handbook check`` report them.
    """
    return discover(units_dir, root=root or units_dir.parent.parent).files


#: Parsed units of this process, reused while their files are unchanged (see :mod:`.unit_cache`).
UNIT_CACHE: unit_cache.StampCache[SourcedUnit] = process_cache(unit_cache.StampCache(), content=True)


def load_unit(path: Path, *, root: Path) -> SourcedUnit:
    """Read, parse and validate one unit file, within what printables hold; raises :class:`ContentErrors`."""
    unit, document = load_model(path, Unit, root=root)
    errors = unit_limit_errors(unit, document)
    if errors:
        raise ContentErrors(errors)
    return SourcedUnit(unit, document.kept_as_text())


def load_units(
    paths: Iterable[Path],
    *,
    root: Path,
    cache: unit_cache.StampCache[SourcedUnit] | None = UNIT_CACHE,
    loaded: Callable[[], None] | None = None,
) -> tuple[list[SourcedUnit], list[ContentProblem]]:
    """Load every file, collecting all errors instead of stopping at the first.

    Unchanged files come from ``cache`` (pass ``None`` to read every file afresh); ``loaded``
    is called after each file (for a progress display).
    """
    paths = list(paths)
    units: list[SourcedUnit] = []
    errors: list[ContentProblem] = []
    for path in paths:
        try:
            if cache is None:
                entry = load_unit(path, root=root)
            else:
                entry = cache.load(path, root, lambda p: load_unit(p, root=root))
        except ContentErrors as exc:
            errors.extend(exc.errors)
        else:
            units.append(entry)
        if loaded is not None:
            loaded()
    if cache is not None:
        cache.forget_missing({path.parent for path in paths}, paths)
    return units, errors


def check_file_names(units: Iterable[SourcedUnit]) -> list[ContentProblem]:
    """Errors for unit files not named after their id (``<id>.yml``, compared ignoring case)."""
    errors: list[ContentProblem] = []
    for entry in units:
        stem = Path(entry.path).name.rsplit(".", 1)[0]
        if stem.casefold() != entry.unit.id.casefold():
            errors.append(
                entry.document.error(
                    ("id",), f"the file is named {Path(entry.path).name!r}; name it {entry.unit.id + '.yml'!r}"
                )
            )
    return errors


def check_unique(units: Iterable[SourcedUnit]) -> list[ContentProblem]:
    """Errors for ids (ignoring case) and unit reference numbers used by two files."""
    errors: list[ContentProblem] = []
    seen: dict[tuple[str, str], SourcedUnit] = {}
    for entry in units:
        keys = [("id", entry.unit.id.casefold())]
        if entry.unit.urn:
            keys.append(("urn", entry.unit.urn))
        for field, value in keys:
            first = seen.setdefault((field, value), entry)
            if first is not entry:
                shown = getattr(entry.unit, field)
                errors.append(
                    entry.document.error(
                        (field,),
                        f"{shown!r} is already used by {first.path}"
                        + (" (ids are compared ignoring case)" if field == "id" else ""),
                    )
                )
    return errors


def build_catalogue(units_dir: Path, *, root: Path, loaded: Callable[[], None] | None = None) -> Catalogue:
    """Load and cross-check every unit in ``units_dir``; raise all errors at once (``loaded``: as in load_units)."""
    found = discover(units_dir, root=root)
    units, errors = load_units(found.files, root=root, loaded=loaded)
    errors.extend(found.errors)
    errors.extend(check_file_names(units))
    errors.extend(check_unique(sorted(units, key=lambda e: e.path)))
    if errors:
        raise ContentErrors(errors)
    return Catalogue(tuple(sorted(units, key=lambda e: e.unit.id.casefold())))
