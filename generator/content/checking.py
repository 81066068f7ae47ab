"""Check content without building: every kind of content file, loaded and cross-checked.

``handbook check`` calls :func:`check_paths`. Each kind of content (units, qualifications)
is one :class:`ContentKind` in :data:`KINDS`: where its files live, how to load them and
how to cross-check what was loaded. Adding a kind is one entry::

    QUALIFICATIONS = ContentKind(
        name="qualification",
        folder="content/qualifications",
        load=_load_qualifications,                # (paths, root) -> (loaded, errors)
        cross_check=_cross_check_qualifications,  # ({kind name: loaded}) -> errors
    )
    KINDS = (UNITS, QUALIFICATIONS)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from ..errors import ContentProblem
from .catalogue import Catalogue, SourcedUnit, check_file_names, check_unique, find_unit_files, load_units
from .discovery import check_explicit, discover
from .loader import Document
from .qualification_model import Qualification
from .qualifications import check_qualifications, load_qualification_files

Loader = Callable[[Sequence[Path], Path], tuple[list[Any], list[ContentProblem]]]
CrossCheck = Callable[[Mapping[str, Sequence[Any]]], list[ContentProblem]]


@dataclass(frozen=True)
class ContentKind:
    """One kind of content file and the stage functions that check it."""

    name: str
    folder: str
    """Where the project keeps these files: relative to the project root, or absolute (from the settings)."""
    load: Loader
    """Load files, collecting every error instead of stopping at the first."""
    cross_check: CrossCheck
    """Checks across files, given everything loaded, keyed by kind name."""

    @property
    def folder_name(self) -> str:
        """The last segment of :attr:`folder`: a file under a folder of this name is of this kind."""
        return PurePath(self.folder).name


def _load_units(paths: Sequence[Path], root: Path) -> tuple[list[Any], list[ContentProblem]]:
    from ..versions.history import previous_version_problems  # versions builds on content, not the reverse

    loaded, errors = load_units(paths, root=root)
    valid = []
    for item in loaded:
        problems = previous_version_problems(root / item.path, item.unit, item.document, root=root)
        errors.extend(problems)
        if not problems:
            valid.append(item)
    return valid, errors


def _cross_check_units(loaded: Mapping[str, Sequence[Any]]) -> list[ContentProblem]:
    units = loaded.get("unit", ())
    return [*check_file_names(units), *check_unique(units)]


UNITS = ContentKind(name="unit", folder="content/units", load=_load_units, cross_check=_cross_check_units)


@dataclass(frozen=True)
class _LoadedQualification:
    """A qualification that parsed, with the project's units to check its references against."""

    qualification: Qualification
    document: Document
    project_units: tuple[SourcedUnit, ...]


def _load_qualifications(
    paths: Sequence[Path], root: Path, units_dir: Path | None = None
) -> tuple[list[Any], list[ContentProblem]]:
    entries, errors = load_qualification_files(paths, root=root)
    if not entries:
        return [], errors
    # A qualification names units from the whole project, even when only it is being checked;
    # problems in those unit files are reported when the units themselves are checked.
    project_units, _ = load_units(find_unit_files(units_dir or root / UNITS.folder, root=root), root=root)
    return [_LoadedQualification(q, d, tuple(project_units)) for q, d in entries], errors


def _cross_check_qualifications(loaded: Mapping[str, Sequence[Any]]) -> list[ContentProblem]:
    entries = loaded.get("qualification", ())
    if not entries:
        return []
    units = {entry.unit.id.casefold(): entry for entry in entries[0].project_units}
    units.update((entry.unit.id.casefold(), entry) for entry in loaded.get("unit", ()))
    catalogue = Catalogue(tuple(sorted(units.values(), key=lambda e: e.unit.id.casefold())))
    _, errors = check_qualifications([(e.qualification, e.document) for e in entries], catalogue)
    return errors


QUALIFICATIONS = ContentKind(
    name="qualification",
    folder="content/qualifications",
    load=_load_qualifications,
    cross_check=_cross_check_qualifications,
)

#: Every kind of content, in the order they are checked; the first is the default for
#: files outside any kind's folder.
KINDS: tuple[ContentKind, ...] = (UNITS, QUALIFICATIONS)


def content_kinds(units_dir: Path, qualifications_dir: Path) -> tuple[ContentKind, ...]:
    """:data:`KINDS` with the project's own folders (from its settings)."""
    return (
        replace(UNITS, folder=str(units_dir)),
        replace(
            QUALIFICATIONS,
            folder=str(qualifications_dir),
            load=functools.partial(_load_qualifications, units_dir=units_dir),
        ),
    )


@dataclass
class CheckResult:
    """What a check found: the files loaded per kind and every error, sorted."""

    loaded: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[ContentProblem] = field(default_factory=list)

    @property
    def valid_files(self) -> int:
        """How many files loaded without error."""
        return sum(len(items) for items in self.loaded.values())

    def counts(self) -> dict[str, int]:
        """Valid files per kind name."""
        return {name: len(items) for name, items in self.loaded.items()}


def files_in(directory: Path, root: Path) -> tuple[list[Path], list[ContentProblem]]:
    """Every content file below ``directory`` by the discovery rule, and the files it refuses."""
    found = discover(directory, root=root)
    return found.files, found.errors


def kind_of(path: Path, kinds: Sequence[ContentKind] = KINDS) -> ContentKind:
    """The kind whose folder holds ``path``; else the kind named by its nearest enclosing folder; else the first."""
    parents = path.resolve().parents
    for kind in kinds:
        folder = Path(kind.folder)
        if folder.is_absolute() and folder.resolve() in parents:
            return kind
    by_folder = {kind.folder_name: kind for kind in kinds}
    for parent in parents:
        if parent.name in by_folder:
            return by_folder[parent.name]
    return kinds[0]


def collect_files(
    paths: Iterable[str], root: Path, kinds: Sequence[ContentKind] = KINDS, errors: list[ContentProblem] | None = None
) -> dict[str, list[Path]]:
    """Files to check per kind: the given files and folders, or every kind's folder when none are given.

    Every folder is read by the discovery rule the build uses (:func:`.discovery.discover`);
    a named file the build would skip, or a link leaving the project, is not checked but
    reported in ``errors``.
    """
    refused: list[ContentProblem] = [] if errors is None else errors
    grouped: dict[str, list[Path]] = {kind.name: [] for kind in kinds}
    items = list(paths)
    if not items:
        for kind in kinds:
            files, problems = files_in(root / kind.folder, root)
            grouped[kind.name] = files
            refused.extend(problems)
        return grouped
    for item in items:
        path = Path(item)
        if path.is_dir():
            found, problems = files_in(path, root)
            refused.extend(problems)
        else:
            problem = check_explicit(path, root=root)
            if problem is not None:
                refused.append(problem)
                continue
            found = [path]
        for file in found:
            grouped[kind_of(file, kinds).name].append(file)
    return grouped


def check_paths(paths: Iterable[str], root: Path, kinds: Sequence[ContentKind] = KINDS) -> CheckResult:
    """Load and cross-check content; paths in errors are relative to ``root``."""
    result = CheckResult()
    files = collect_files(paths, root, kinds, result.errors)
    for kind in kinds:
        if not files[kind.name]:
            continue  # a kind with no files is left out of the counts ("3 units checked")
        loaded, errors = kind.load(files[kind.name], root)
        result.loaded[kind.name] = loaded
        result.errors.extend(errors)
    for kind in kinds:
        result.errors.extend(kind.cross_check(result.loaded))
    result.errors = sorted(set(result.errors))
    return result
