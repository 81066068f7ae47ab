"""``handbook import``: read every source, draft every unit, check them, then write them all.

Nothing is written unless every source was read and every target is free (or ``--force``):
a bad source never leaves half an import behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.loader import display_path
from ..content.scaffold import schema_reference
from ..errors import HandbookError
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


def plan_import(sources: list[Path], output: Path, *, force: bool, root: Path) -> ImportRun:
    """Read and draft every source; nothing is written here."""
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
        text = checked_text(draft, shown, schema=schema_reference(target.parent), source_note=source.name)
        run.imported.append(Imported(display, target, draft, text))
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
