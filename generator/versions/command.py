"""``handbook diff``: compare two versions of a unit, criterion by criterion.

```
handbook diff OLD.yml NEW.yml                 two files
handbook diff r-503-0865 --from v1.2          a unit (id or file) at a git revision against its file now
handbook diff r-503-0865 --from v1.2 --to HEAD
handbook diff OLD.yml NEW.yml --format json
```
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content.loader import display_path, read_text
from ..content.model import Unit
from ..errors import ContentErrors, HandbookError
from .diff import diff_units
from .history import load_unit_text, unit_at_revision
from .report import diff_json, format_diff


def add_diff_parser(sub: argparse._SubParsersAction) -> None:
    """The ``diff`` subcommand's arguments."""
    diff = sub.add_parser(
        "diff",
        help="compare two versions of a unit",
        description="Compare two versions of a unit criterion by criterion: added, removed, renumbered and "
        "reworded criteria (wording marked [-removed-] {+added+}), outcomes, and every other changed field. "
        "Give two files, or one unit (its id or file) with --from and optionally --to git revisions.",
    )
    diff.add_argument("units", nargs="+", metavar="UNIT", help="two unit files, or one unit id or file")
    diff.add_argument("--from", dest="from_revision", metavar="REV", help="git revision of the old version")
    diff.add_argument(
        "--to", dest="to_revision", metavar="REV", help="git revision of the new version (default: the file)"
    )
    diff.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    diff.add_argument(
        "--exit-code", action="store_true", help="exit with 1 when the versions differ, 0 when they are the same"
    )
    diff.add_argument("--units-dir", default=None, help="units folder for a unit id (default: units_dir of mkdocs.yml)")
    diff.add_argument("--config-file", "-f", default="mkdocs.yml", help="the MkDocs config whose units_dir to use")
    diff.set_defaults(run=run_diff)


def _unit_file(name: str, units_dir: Path) -> Path:
    path = Path(name)
    if path.suffix.lower() in {".yml", ".yaml"} or path.is_file():
        return path
    for suffix in (".yml", ".yaml"):
        candidate = units_dir / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    raise HandbookError(f"{name}: no unit file {units_dir.as_posix()}/{name}.yml")


def _load_file(path: Path, root: Path) -> Unit:
    if not path.is_file():
        raise HandbookError(f"{path.as_posix()}: no such file")
    display = display_path(path, root)
    return load_unit_text(read_text(path, display), display)


def _versions(args: argparse.Namespace, root: Path) -> tuple[Unit, Unit]:
    if len(args.units) == 2:
        if args.from_revision or args.to_revision:
            raise HandbookError("give two files, or one unit with --from: not both")
        return _load_file(Path(args.units[0]), root), _load_file(Path(args.units[1]), root)
    if len(args.units) != 1:
        raise HandbookError("give two unit files, or one unit with --from REV")
    if not args.from_revision:
        raise HandbookError("one unit given: say which revision to compare with (--from REV)")
    units_dir = Path(args.units_dir) if args.units_dir else _default_units_dir(args.config_file)
    path = _unit_file(args.units[0], units_dir)
    old = unit_at_revision(path, args.from_revision)
    new = unit_at_revision(path, args.to_revision) if args.to_revision else _load_file(path, root)
    return old, new


def _default_units_dir(config_file: str) -> Path:
    """The project's ``units_dir`` from its settings (the one settings object every command reads)."""
    from ..settings import load_settings

    return load_settings(Path(config_file), need_content=False).units_dir


def run_diff(args: argparse.Namespace) -> int:
    """Print the diff; 0 on success (1 with ``--exit-code`` when they differ), 2 on a problem."""
    root = Path.cwd()
    try:
        old, new = _versions(args, root)
    except ContentErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        return 2
    except HandbookError as exc:
        print(f"handbook diff: {exc}", file=sys.stderr)
        return 2
    diff = diff_units(old, new)
    if args.format == "json":
        sys.stdout.write(diff_json(diff))
    else:
        sys.stdout.write(format_diff(diff, colour=sys.stdout.isatty()))
    return 1 if args.exit_code and not diff.unchanged else 0
