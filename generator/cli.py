"""The ``handbook`` command: check content, write schemas, build the site.

```
handbook check [PATHS...]     validate content without building
                              (every command reads the handbook plugin's options in mkdocs.yml)
handbook new unit --id ID --title TITLE --level N
                              write a valid, commented skeleton unit file
handbook new qualification --id ID --title TITLE --unit UNIT...
                              write a skeleton qualification file
handbook build [-d DIR]       build the site and every download, published atomically
handbook generate --docs-dir DIR
                              write the docs folder with every generated page and download, for any engine
handbook export [--format case|moodle|json|criteria] [-o DIR]
                              write the open data exports (what the site has under exports/)
handbook schema --write       regenerate the committed JSON Schemas
handbook diff OLD NEW         compare two versions of a unit (or: UNIT --from REV [--to REV])
handbook import SOURCE... [-o PATH] [--force]
                              draft unit files from unit documents (text, HTML, DOCX, PDF)
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

from . import __version__
from .content.catalogue import find_unit_files
from .content.checking import check_paths, content_kinds
from .content.scaffold import write_new_qualification, write_new_unit
from .content.schema import (
    is_source_checkout,
    project_schema_dir,
    readme_with_reference,
    stale_schemas,
    write_schemas,
)
from .errors import ContentProblem, HandbookError
from .progress import Progress
from .settings import CONFIG_FILE, Settings, load_settings
from .versions.command import add_diff_parser

#: Where ``handbook import`` drafts a new edition of a unit that exists: beside the units folder.
DRAFTS_FOLDER = "drafts"

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
    schemas = project_schema_dir(settings.root)
    return _report_new("unit", lambda: write_new_unit(folder, args.id, args.title, args.level, schemas_dir=schemas))


def run_new_qualification(args: argparse.Namespace) -> int:
    """Write a skeleton qualification file into ``--dir`` or the project's ``qualifications_dir``."""
    settings = _settings(args, need_content=False)
    if settings is None:
        return 1
    folder = _folder_for_new(args, settings, settings.qualifications_folder)
    schemas = project_schema_dir(settings.root)
    return _report_new(
        "qualification",
        lambda: write_new_qualification(folder, args.id, args.title, args.unit, schemas_dir=schemas),
    )


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


def run_export(args: argparse.Namespace) -> int:
    """Write the open data exports of the project into a folder; 1 on bad content or config."""
    from .build import load_catalogue, load_qualifications
    from .exports.site_exports import EXPORTS_DIR, FORMATS, build_exports, export_settings
    from .exports.writing import write_files

    settings = _settings(args)
    if settings is None:
        return 1
    formats = tuple(name for name in FORMATS if name in (args.format or FORMATS))
    try:
        catalogue = load_catalogue(settings)
        exported = build_exports(
            catalogue, load_qualifications(settings, catalogue), export_settings(settings, formats)
        )
    except HandbookError as exc:
        print(f"{exc}", file=sys.stderr)
        print("export failed; nothing was written.", file=sys.stderr)
        return 1
    for notice in exported.notices:
        print(notice, file=sys.stderr)
    output = Path(args.output)
    written = write_files(exported.files, output, strip_prefix=EXPORTS_DIR + "/")
    print(f"wrote {len(written)} file{'s' if len(written) != 1 else ''} ({', '.join(formats)}) to {output.as_posix()}")
    return 0


def run_generate(args: argparse.Namespace) -> int:
    """Write the docs folder with every generated page and download as plain files."""
    from .adapter.generate import config_advice, generate_docs  # imports MkDocs

    progress = Progress(sys.stderr, enabled=not args.quiet)
    try:
        result = generate_docs(
            Path(args.config_file),
            Path(args.docs_dir),
            theme_dir=Path(args.theme_dir) if args.theme_dir else None,
            progress=progress,
            stream=sys.stderr,
        )
    except HandbookError as exc:
        print(f"{exc}", file=sys.stderr)
        print("generate failed; the previous folder (if any) is unchanged.", file=sys.stderr)
        return 1
    progress.finish(
        f"wrote {result.pages} generated pages and {result.downloads} downloads beside the project's pages "
        f"into {result.docs_dir}"
    )
    print(config_advice(result))
    return 0


def run_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas into the project (``schemas/`` beside ``mkdocs.yml``), or check them.

    In this package's own source tree they are the committed ``generator/schemas/`` and the
    README's field reference. Nothing is ever written into an installed package.
    """
    settings = _settings(args, need_content=False)
    if settings is None:
        return 1
    folder = project_schema_dir(settings.root)
    readme = README.read_text(encoding="utf-8") if is_source_checkout(settings.root) and README.is_file() else None
    shown = settings.relative(folder)
    if args.check:
        stale = [f"{shown}/{name}" for name in stale_schemas(folder)]
        if readme is not None and readme_with_reference(readme) != readme:
            stale.append("README.md (field reference)")
        for name in stale:
            print(f"{name}: out of date; run 'handbook schema --write'", file=sys.stderr)
        return 1 if stale else 0
    for path in write_schemas(folder):
        print(f"wrote {shown}/{path.name}")
    if readme is not None and readme_with_reference(readme) != readme:
        README.write_text(readme_with_reference(readme), encoding="utf-8")
        print("updated the field reference in README.md")
    return 0


def _config_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config-file",
        "-f",
        default=CONFIG_FILE,
        metavar="FILE",
        help=f"the MkDocs config whose handbook options to use (default: {CONFIG_FILE}; defaults when absent)",
    )


def run_import(args: argparse.Namespace) -> int:
    """Draft unit files from unit documents; nothing is written unless every source imports."""
    from .importing.summary import run_import_command  # loads the document readers only when asked

    settings = _settings(args, need_content=False)
    if settings is None:
        return 1
    output = Path(args.output) if args.output else settings.units_dir
    # A new edition of a unit goes beside the units folder, where the build does not publish it.
    drafts = settings.units_dir.parent / DRAFTS_FOLDER
    return run_import_command(
        args.sources, output, force=args.force, schemas_dir=project_schema_dir(settings.root), drafts_dir=drafts
    )


#: What ``handbook --help`` and the README say about exit statuses (MkDocs uses the same 0, 1 and 2).
EXIT_STATUSES = """exit status:
  0    success
  1    content errors, a failed build, or a setting that cannot be read
  2    the command line is wrong (unknown option, missing argument)
  130  interrupted (Ctrl-C or SIGTERM); a build leaves the previous site as it was"""


def version_text() -> str:
    """``handbook, version X from PATH (Python X.Y)``, as ``mkdocs --version`` words it."""
    package = Path(__file__).resolve().parent
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return f"handbook, version {__version__} from {package} (Python {python})"


def make_parser() -> argparse.ArgumentParser:
    """The argument parser, with ``--help`` on every subcommand."""
    parser = argparse.ArgumentParser(
        prog="handbook",
        description="Qualification handbooks: check content, write skeletons and schemas, build the site "
        "and every download. Each command has --help.",
        epilog=EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", "-V", action="version", version=version_text())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    unit.add_argument("--level", required=True, help="the level as the document states it: 3, Entry 3, SCQF 6 ...")
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
    build.add_argument(
        "--site-dir",
        "-d",
        "--output",
        "-o",
        dest="output",
        metavar="DIR",
        help="output folder (default: site_dir of mkdocs.yml)",
    )
    _config_file_option(build)
    build.add_argument(
        "--no-strict", dest="strict", action="store_false", help="do not fail on MkDocs warnings (default: strict)"
    )
    build.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    build.add_argument("--verbose", "-v", action="store_true", help="show MkDocs' log and tracebacks")
    build.set_defaults(run=run_build)

    importer = sub.add_parser(
        "import",
        help="draft unit files from unit documents (text, HTML, DOCX, PDF)",
        description="Read awarding bodies' unit documents and write one draft unit file each, with "
        "'# CHECK:' comments on every guess. Nothing is written if any source fails; an existing file is "
        "never replaced without --force.",
    )
    importer.add_argument("sources", nargs="+", help="unit documents: .txt, .html, .docx or .pdf")
    importer.add_argument(
        "--output",
        "-o",
        help="a folder, or one .yml file for one source (default: units_dir of mkdocs.yml, else content/units)",
    )
    importer.add_argument("--force", action="store_true", help="replace existing unit files")
    _config_file_option(importer)
    importer.set_defaults(run=run_import)

    export = sub.add_parser(
        "export",
        help="write the open data exports (JSON, CASE 1.1, Moodle CSV, criteria spreadsheets)",
        description="Write the catalogue and every qualification as data other systems import: unit JSON, "
        "CASE 1.1 packages, Moodle competency frameworks and criteria spreadsheets; the same files a build "
        "publishes under exports/. Identifiers come from exports.namespace in mkdocs.yml.",
    )
    export.add_argument(
        "--format",
        action="append",
        choices=("case", "moodle", "json", "criteria"),
        help="a format to write (repeat for more; default: all)",
    )
    export.add_argument("--output", "-o", default="exports", help="folder to write into (default: exports)")
    _config_file_option(export)
    export.set_defaults(run=run_export)

    generate = sub.add_parser(
        "generate",
        help="write the generated pages and downloads as plain files, for any engine",
        description="Copy the project's docs folder into DIR and write every generated page (Markdown), asset "
        "and download beside its pages, so MkDocs, ProperDocs or Zensical builds the site from DIR without the "
        "handbook plugin. DIR is replaced atomically; it may not be the project or its docs folder. Prints the "
        "config lines that build it.",
    )
    generate.add_argument("--docs-dir", required=True, metavar="DIR", help="the folder to write")
    generate.add_argument(
        "--theme-dir", metavar="DIR", help="also write the theme overrides here (for theme.custom_dir)"
    )
    _config_file_option(generate)
    generate.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    generate.set_defaults(run=run_generate)

    schema = sub.add_parser(
        "schema",
        help="write or check the JSON Schemas",
        description="Write the JSON Schemas that the '$schema' line of content files names into the project's "
        "schemas/ folder (beside mkdocs.yml; in this package's source tree: generator/schemas/ and the README's "
        "field reference). Nothing is written into the installed package.",
    )
    mode = schema.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write the schemas (default)")
    mode.add_argument("--check", action="store_true", help="exit 1 if the schemas are missing or stale")
    _config_file_option(schema)
    schema.set_defaults(run=run_schema)

    add_diff_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``handbook`` command."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # A bare `handbook` shows what it can do, as a bare `mkdocs` does.
        parser.print_help()
        return 0
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # The reader (``| head``) went away; nothing more can be said to it.
        sys.stderr.close()
        return 1


if __name__ == "__main__":
    sys.exit(main())
