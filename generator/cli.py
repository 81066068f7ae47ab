"""The ``handbook`` command: check content, write schemas, build the site.

```
handbook check [PATHS...]     validate units and qualifications without building
handbook schema --write       regenerate the committed JSON Schemas
```
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .catalogue import Catalogue, check_unique, find_unit_files, load_units
from .errors import ContentError
from .qualifications import check_qualifications, find_qualification_files, load_qualification_files
from .schema import readme_with_reference, stale_schemas, write_schemas

README = Path(__file__).resolve().parent.parent / "README.md"


def _unit_paths(paths: Sequence[str], root: Path) -> list[Path]:
    if not paths:
        return find_unit_files(root / "content" / "units")
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        found.extend(find_unit_files(path) if path.is_dir() else [path])
    return found


def _is_qualification_file(path: Path) -> bool:
    """In a folder named ``qualifications``, or pointing at the qualification schema on its first line."""
    if path.resolve().parent.name == "qualifications":
        return True
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return "qualification.schema.json" in handle.readline()
    except OSError:
        return False


def _split_qualifications(paths: list[Path], root: Path, given: bool) -> tuple[list[Path], list[Path]]:
    """Unit files and qualification files."""
    if not given:
        return paths, find_qualification_files(root / "content" / "qualifications")
    flags = [_is_qualification_file(p) for p in paths]
    return [p for p, q in zip(paths, flags, strict=True) if not q], [p for p, q in zip(paths, flags, strict=True) if q]


def _check_qualification_files(paths: list[Path], root: Path) -> tuple[int, list[ContentError]]:
    """Check qualification files against every unit in ``content/units``."""
    if not paths:
        return 0, []
    units, errors = load_units(find_unit_files(root / "content" / "units"), root=root)
    entries, load_errors = load_qualification_files(paths, root=root)
    checked, problems = check_qualifications(entries, Catalogue(tuple(units)))
    return len(checked), errors + load_errors + problems


def run_check(args: argparse.Namespace) -> int:
    """Validate units and report every error; 0 when clean, 1 otherwise."""
    root = Path.cwd()
    unit_paths, qualification_paths = _split_qualifications(_unit_paths(args.paths, root), root, bool(args.paths))
    units, errors = load_units(unit_paths, root=root)
    errors.extend(check_unique(units))
    qualifications, problems = _check_qualification_files(qualification_paths, root)
    errors.extend(problems)
    _report(sorted(set(errors)), len(units) + qualifications, args.format)
    return 1 if errors else 0


def _report(errors: list[ContentError], checked: int, output_format: str) -> None:
    if output_format == "json":
        print(json.dumps({"errors": [e.as_dict() for e in errors], "valid_files": checked}, indent=2))
        return
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error{'s' if len(errors) != 1 else ''} found.", file=sys.stderr)
    else:
        print(f"{checked} file{'s' if checked != 1 else ''} checked: no errors.")


def run_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas, or with ``--check`` fail when they are stale."""
    readme = README.read_text(encoding="utf-8") if README.is_file() else None
    if args.check:
        stale = [f"generator/schemas/{name}" for name in stale_schemas()]
        if readme is not None and readme_with_reference(readme) != readme:
            stale.append("README.md (field reference)")
        for name in stale:
            print(f"{name}: out of date; run 'handbook schema --write'", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas():
        print(f"wrote {path.name}")
    if readme is not None and readme_with_reference(readme) != readme:
        README.write_text(readme_with_reference(readme), encoding="utf-8")
        print("updated the field reference in README.md")
    return 0


def make_parser() -> argparse.ArgumentParser:
    """The argument parser, with ``--help`` on every subcommand."""
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate content without building", description="Validate unit YAML files.")
    check.add_argument("paths", nargs="*", help="files or folders (default: content/units and content/qualifications)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.set_defaults(run=run_check)

    schema = sub.add_parser("schema", help="write or check the JSON Schemas", description="Write the JSON Schemas.")
    mode = schema.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write generator/schemas/*.json (default)")
    mode.add_argument("--check", action="store_true", help="fail if the committed schemas are stale")
    schema.set_defaults(run=run_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``handbook`` command."""
    args = make_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
