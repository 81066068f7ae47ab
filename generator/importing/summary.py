"""What ``handbook import`` prints: per unit, what it found, what it marked and what was not stated."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..errors import HandbookError, format_field
from ..versions.diff import UnitDiff
from ..versions.report import format_diff
from .draft import Draft
from .run import ImportRun, plan_import, write_import


def found_summary(draft: Draft) -> str:
    """The facts and parts found, in one line."""
    data = draft.data
    outcomes = data.get("learning_outcomes", [])
    criteria = sum(len(o.get("criteria", [])) for o in outcomes)
    parts = []
    for key, label in (("title", "title"), ("unit_number", "unit number"), ("urn", "URN"), ("level", "level")):
        if key in data:
            parts.append(f"{label} {data[key]}")
    if "credit_value" in data:
        parts.append(f"{data['credit_value']} credit{'' if data['credit_value'] == 1 else 's'}")
    if "guided_learning_hours" in data:
        parts.append(f"{data['guided_learning_hours']} GLH")
    parts.append(f"{len(outcomes)} outcome{'s' if len(outcomes) != 1 else ''}, {criteria} criteria")
    grading = data.get("grading") or {}
    if grading.get("criteria"):
        parts.append(f"{len(grading['criteria'])} grading criteria (P/M/D)")
    if grading.get("descriptors"):
        parts.append(f"{len(grading['descriptors'])} grade descriptors")
    for key, label in (
        ("third_column_heading", "third column"),
        ("criterion_content_heading", "content beside each criterion"),
        ("purpose", "purpose"),
        ("assessment", "assessment"),
        ("evidence", "evidence"),
        ("guidance", "guidance"),
        ("nos", "NOS"),
        ("functional_skills", "functional skills"),
        ("resources", "resources"),
        ("reading_list", "reading list"),
        ("additional_information", "additional information"),
    ):
        if key in data:
            parts.append(label)
    return ", ".join(parts)


def _shown(path: Path) -> str:
    """``path`` as the user would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _print_edition(unit_file: Path, diff: UnitDiff | None, draft: Path, stream: TextIO) -> None:
    """What a new edition changes, against the unit file it is a new edition of."""
    print(f"  new edition of {_shown(unit_file)}: drafted beside it, never over it", file=stream)
    if diff is None:
        print(
            f"  compare once the marked fields are fixed: handbook diff {_shown(unit_file)} {_shown(draft)}",
            file=stream,
        )
        return
    for line in format_diff(diff).splitlines():
        print(f"    {line}", file=stream)
    print(f"  when reviewed, move {_shown(draft)} over {_shown(unit_file)}", file=stream)


def print_summary(run: ImportRun, stream: TextIO) -> None:
    """Each unit's summary, then the command to check them."""
    for item in run.imported:
        draft = item.draft
        print(f"{item.source} -> {_shown(item.target)} ({draft.layout})", file=stream)
        print(f"  found: {found_summary(draft)}", file=stream)
        if draft.marks:
            print(f"  marked '# CHECK:' ({len(draft.marks)}):", file=stream)
            for path, why in draft.marks.items():
                print(f"    {format_field(path)}: {why}", file=stream)
        if draft.not_stated:
            print(f"  not stated (left out): {', '.join(draft.not_stated)}", file=stream)
        for note in draft.notes:
            print(f"  note: {note}", file=stream)
        if item.edition_of is not None:
            _print_edition(item.edition_of, item.diff, item.target, stream)
    targets = " ".join(_shown(item.target) for item in run.imported)
    print(f"review the lines marked '# CHECK:', then run: handbook check {targets}", file=stream)


def run_import_command(
    sources: list[str], output: str | Path, *, force: bool, schemas_dir: Path, drafts_dir: Path | None = None
) -> int:
    """The command: 0 when every draft was written, 1 (and nothing written) otherwise."""
    try:
        run = plan_import(
            [Path(s) for s in sources],
            Path(output),
            force=force,
            root=Path.cwd(),
            schemas_dir=schemas_dir,
            drafts_dir=drafts_dir,
        )
        if run.problems:
            for problem in run.problems:
                print(problem, file=sys.stderr)
            print("nothing imported.", file=sys.stderr)
            return 1
        write_import(run, force=force)
    except HandbookError as exc:
        print(f"{exc}", file=sys.stderr)
        print("nothing imported.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or output}: cannot write: {exc.strerror}", file=sys.stderr)
        return 1
    print_summary(run, sys.stdout)
    return 0
