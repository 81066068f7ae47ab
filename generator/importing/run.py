"""``handbook import``: read every source, draft every unit, check them, then write them all.

Nothing is written unless every source was read and every target is free (or ``--force``):
a bad source never leaves half an import behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.loader import display_path, read_text
from ..content.model import Unit
from ..content.scaffold import schema_reference
from ..errors import ContentErrors, HandbookError
from ..versions.diff import UnitDiff, diff_units
from ..versions.history import load_unit_text
from .build import build_draft
from .draft import Draft
from .sources import ImportProblem, read_source
from .writing import checked_text, write_file


@dataclass
class Imported:
    """One source's draft, its target file and the text to write there."""

    source: str
    target: Path
    draft: Draft
    text: str
    edition_of: Path | None = None
    """The unit file this draft is a new edition of (the draft is then written beside it, never over it)."""
    diff: UnitDiff | None = None
    """What the new edition changes, when the draft is a valid unit already."""


@dataclass
class ImportRun:
    """Every draft of a run, or the problems that stopped it."""

    imported: list[Imported] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _target(output: Path, draft: Draft, single: bool) -> Path:
    if output.suffix in (".yml", ".yaml") and not output.is_dir():
        if not single:
            raise HandbookError(f"{output.as_posix()}: one output file for several sources; give a folder")
        return output
    return output / f"{draft.data['id']}.yml"


def _existing_unit(path: Path, root: Path) -> Unit | None:
    """The unit in ``path`` when it is a valid unit file, else ``None``."""
    display = display_path(path, root)
    try:
        return load_unit_text(read_text(path, display), display)
    except (ContentErrors, OSError):
        return None


def _as_new_edition(item: Imported, drafts_dir: Path, schemas_dir: Path, root: Path, source: Path) -> Imported | None:
    """The draft redirected into ``drafts_dir`` when it is a new edition of the unit file it would replace."""
    existing = _existing_unit(item.target, root)
    if existing is None or existing.id != item.draft.data.get("id"):
        return None
    target = drafts_dir / item.target.name
    text = checked_text(
        item.draft,
        display_path(target, root),
        schema=schema_reference(drafts_dir, schemas_dir),
        source_note=source.name,
    )
    try:
        new = Unit.model_validate(item.draft.data)
    except ValueError:
        new = None  # marked fields still to fix: the summary says to diff after review
    diff = diff_units(existing, new) if new is not None else None
    return Imported(item.source, target, item.draft, text, edition_of=item.target, diff=diff)


def plan_import(
    sources: list[Path],
    output: Path,
    *,
    force: bool,
    root: Path,
    schemas_dir: Path,
    drafts_dir: Path | None = None,
) -> ImportRun:
    """Read and draft every source; nothing is written here.

    A draft whose unit file already exists in the output folder (same id, a valid unit) is a new
    edition: unless ``force``, it goes to ``drafts_dir`` instead, with the diff against the
    unit file, so the published unit is never replaced by an unreviewed draft.
    """
    run = ImportRun()
    for source in sources:
        display = display_path(source, root)
        try:
            if source.is_dir():
                raise ImportProblem(display, "is a folder; name the unit documents to import")
            draft = build_draft(read_source(source, display))
        except ImportProblem as exc:
            run.problems.append(str(exc))
            continue
        try:
            target = _target(output, draft, len(sources) == 1)
        except HandbookError as exc:
            run.problems.append(str(exc))
            return run
        shown = display_path(target, root)
        text = checked_text(draft, shown, schema=schema_reference(target.parent, schemas_dir), source_note=source.name)
        item = Imported(display, target, draft, text)
        if target.exists() and not force and drafts_dir is not None and output.is_dir():
            item = _as_new_edition(item, drafts_dir, schemas_dir, root, source) or item
        run.imported.append(item)
    seen: dict[str, str] = {}
    for item in run.imported:
        key = item.target.resolve().as_posix().casefold()
        if key in seen:
            run.problems.append(f"{item.source}: gives the same file as {seen[key]} ({item.target.as_posix()}); use -o")
        seen[key] = item.source
        if item.target.exists() and not force:
            shown = display_path(item.target, root)
            run.problems.append(f"{shown}: already exists; not overwritten (use --force to replace it)")
    return run


def write_import(run: ImportRun, *, force: bool) -> None:
    """Write every planned draft."""
    for item in run.imported:
        write_file(item.target, item.text, force=force)
