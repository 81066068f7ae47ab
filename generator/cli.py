"""The ``handbook`` command: check content, write schemas, build the site.

```
handbook check [PATHS...]     validate content without building
                              (every command reads the handbook plugin's options in mkdocs.yml)
handbook new unit --id ID --title TITLE --level N
                              write a valid, commented skeleton unit file
handbook new qualification --id ID --title TITLE --unit UNIT...
                              write a skeleton qualification file
handbook build [--output DIR] build the site and every download, published atomically
handbook schema --write       regenerate the committed JSON Schemas
```
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from .content.catalogue import find_unit_files
from .content.checking import check_paths, content_kinds
from .content.scaffold import write_new_qualification, write_new_unit
from .content.schema import readme_with_reference, stale_schemas, write_schemas
from .errors import ContentProblem, HandbookError
from .progress import Progress
from .settings import CONFIG_FILE, Settings, load_settings

README = Path(__file__).resolve().parent.parent / "README.md"


def _settings(args: argparse.Namespace, *, need_content: bool = True) -> Settings | None:
    """The project's settings, or ``None`` after printing why they cannot be read."""
    try:
        return load_settings(args.config_file, need_content=need_content)
    except HandbookError as exc:
        print(f"handbook {args.command}: {exc}", file=sys.stderr)
        return None


def run_check(args: argparse.Namespace) -> int:
    """Validate content and report every error; 0 when clean, 1 otherwise (and when nothing was checked)."""
    # Files named on the command line may be checked outside a project.
    settings = _settings(args, need_content=not args.paths)
    if settings is None:
        return 1
    if not args.paths and not find_unit_files(settings.units_dir):
        from .build import no_units_message

        print(f"handbook check: {no_units_message(settings)}", file=sys.stderr)
        return 1
    kinds = content_kinds(settings.units_dir, settings.qualifications_folder)
    result = check_paths(args.paths, settings.root, kinds)
    _report(result.errors, result.valid_files, args.format, result.counts())
    if not result.errors and not result.valid_files:
        print(f"handbook check: no content files in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    return 1 if result.errors else 0


def _report(errors: list[ContentProblem], checked: int, output_format: str, counts: dict[str, int]) -> None:
    if output_format == "json":
        report = {"errors": [e.as_dict() for e in errors], "valid_files": checked, "valid_by_kind": counts}
        print(json.dumps(report, indent=2))
        return
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error{'s' if len(errors) != 1 else ''} found.", file=sys.stderr)
    else:
        kinds = ", ".join(f"{count} {kind}{'s' if count != 1 else ''}" for kind, count in counts.items())
        print(f"{kinds or 'nothing'} checked: no errors.")


def _report_new(kind: str, write: Callable[[], Path]) -> int:
    """Run one ``handbook new`` writer; 1 (and nothing written) on bad arguments or an existing file."""
    try:
        path = write()
    except HandbookError as exc:
        for line in str(exc).splitlines():
            print(f"handbook new {kind}: {line}", file=sys.stderr)
        return 1
    print(f"wrote {path.as_posix()}; fill it in, then run: handbook check {path.as_posix()}")
    return 0


def _folder_for_new(args: argparse.Namespace, settings: Settings, folder: Path) -> Path:
    """``--dir``, or the settings' folder, shown relative to where the command runs when it can be."""
    if args.dir:
        return Path(args.dir)
    try:
        return folder.relative_to(Path.cwd())
    except ValueError:
        return folder


def run_new_unit(args: argparse.Namespace) -> int:
    """Write a skeleton unit file into ``--dir`` or the project's ``units_dir``."""
    settings = _settings(args, need_content=False)
    if settings is None:
        return 1
    folder = _folder_for_new(args, settings, settings.units_dir)
    return _report_new("unit", lambda: write_new_unit(folder, args.id, args.title, args.level))


def run_new_qualification(args: argparse.Namespace) -> int:
    """Write a skeleton qualification file into ``--dir`` or the project's ``qualifications_dir``."""
    settings = _settings(args, need_content=False)
    if settings is None:
        return 1
    folder = _folder_for_new(args, settings, settings.qualifications_folder)
    return _report_new("qualification", lambda: write_new_qualification(folder, args.id, args.title, args.unit))


def _stop_on_terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_build(args: argparse.Namespace) -> int:
    """Build the site into its output folder, swapping it in only when the whole build succeeded."""
    from .adapter.site_build import build_site  # imports MkDocs: only the build needs it

    output = Path(args.output) if args.output else None
    progress = Progress(sys.stderr, enabled=not args.quiet)
    previous = signal.signal(signal.SIGTERM, _stop_on_terminate)
    try:
        published = build_site(
            Path(args.config_file),
            output,
            strict=args.strict,
            progress=progress,
            stream=sys.stderr,
            verbose=args.verbose,
        )
    except HandbookError as exc:
        print(f"{exc}", file=sys.stderr)
        print("build failed; the previous site (if any) is unchanged.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nbuild interrupted; the previous site (if any) is unchanged.", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"build failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("build failed; the previous site (if any) is unchanged.", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    progress.finish(f"site published to {published}")
    return 0


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


def _config_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config-file",
        "-f",
        default=CONFIG_FILE,
        help=f"the MkDocs config whose handbook options to use (default: {CONFIG_FILE}; defaults when absent)",
    )


def make_parser() -> argparse.ArgumentParser:
    """The argument parser, with ``--help`` on every subcommand."""
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser(
        "check",
        help="validate content without building",
        description="Validate content files (default: every unit and qualification in the folders "
        "mkdocs.yml names) and print every error as 'path:LINE:COL: field: message'. Exit status 1 when "
        "there are errors or nothing to check.",
    )
    _config_file_option(check)
    check.add_argument("paths", nargs="*", help="files or folders to check (default: all content)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.set_defaults(run=run_check)

    new = sub.add_parser("new", help="write a skeleton content file", description="Write a new content file.")
    new_kind = new.add_subparsers(dest="kind", required=True)
    unit = new_kind.add_parser(
        "unit",
        help="write a skeleton unit file",
        description="Write <units_dir>/<ID>.yml (units_dir from mkdocs.yml; default content/units): a valid, "
        "commented skeleton to fill in. An existing file is never overwritten.",
    )
    unit.add_argument("--id", required=True, help="the unit's id and page address: letters, digits, hyphens")
    unit.add_argument("--title", required=True, help="the unit title, word for word")
    unit.add_argument("--level", required=True, type=int, help="qualification level, 1 to 8")
    unit.add_argument("--dir", help="folder to write into (default: units_dir of mkdocs.yml, else content/units)")
    _config_file_option(unit)
    unit.set_defaults(run=run_new_unit)

    qualification = new_kind.add_parser(
        "qualification",
        help="write a skeleton qualification file",
        description="Write <qualifications_dir>/<ID>.yml: a valid, commented skeleton with one mandatory "
        "group of the units given. An existing file is never overwritten.",
    )
    qualification.add_argument("--id", required=True, help="the qualification's id and page address")
    qualification.add_argument("--title", required=True, help="the qualification title, word for word")
    qualification.add_argument(
        "--unit", action="append", required=True, help="a unit id for the mandatory group (repeat for more)"
    )
    qualification.add_argument(
        "--dir", help="folder to write into (default: qualifications_dir of mkdocs.yml, else content/qualifications)"
    )
    _config_file_option(qualification)
    qualification.set_defaults(run=run_new_qualification)

    build = sub.add_parser(
        "build",
        help="build the site and every download, published atomically",
        description="Run the full MkDocs build into a temporary folder beside the output folder and swap it "
        "in only when everything succeeded: a failed or interrupted build leaves the previous site intact.",
    )
    build.add_argument("--output", "-o", help="output folder (default: site_dir of mkdocs.yml)")
    _config_file_option(build)
    build.add_argument(
        "--no-strict", dest="strict", action="store_false", help="do not fail on MkDocs warnings (default: strict)"
    )
    build.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    build.add_argument("--verbose", "-v", action="store_true", help="show MkDocs' log and tracebacks")
    build.set_defaults(run=run_build)

    schema = sub.add_parser("schema", help="write or check the JSON Schemas", description="Write the JSON Schemas.")
    mode = schema.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write generator/schemas/*.json (default)")
    mode.add_argument("--check", action="store_true", help="fail if the committed schemas are stale")
    schema.set_defaults(run=run_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``handbook`` command."""
    args = make_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # The reader (``| head``) went away; nothing more can be said to it.
        sys.stderr.close()
        return 1


if __name__ == "__main__":
    sys.exit(main())
