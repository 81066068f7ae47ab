"""Profile one ``mkdocs build`` of a synthetic catalogue and say where the time goes.

Run from the repository root (not collected by pytest)::

    .venv/bin/python tests/benchmarks/profile_build.py --units 1000
    .venv/bin/python tests/benchmarks/profile_build.py --units 1000 --save build.prof   # for snakeviz etc.

The build runs in this process under cProfile (which slows Python code down about twice,
evenly enough for shares to hold). It prints the cumulative seconds and the share of the
whole build of the stages that matter, ours and MkDocs' own; stages overlap where one runs
inside another (the search plugin runs inside page building, for instance).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.synthetic import write_project  # noqa: E402

#: (label, file name ending, function name) of the stages reported, in pipeline order.
STAGES = (
    ("whole build (mkdocs.commands.build.build)", "mkdocs/commands/build.py", "build"),
    ("handbook: load and check units", "generator/content/catalogue.py", "load_units"),
    ("handbook: render unit pages (Jinja)", "generator/site/pages.py", "generate_pages"),
    ("handbook: Markdown filter for prose", "generator/site/render.py", "render_markdown"),
    ("handbook: hand pages to MkDocs (on_files)", "generator/adapter/plugin.py", "on_files"),
    ("mkdocs: read and convert Markdown of pages", "mkdocs/commands/build.py", "_populate_page"),
    ("  of which raw HTML blocks (Markdown's HTML parser)", "markdown/preprocessors.py", "run"),
    ("mkdocs: build pages (theme + plugins)", "mkdocs/commands/build.py", "_build_page"),
    ("  of which material search: index every page", "material/plugins/search/plugin.py", "on_page_context"),
    ("  of which theme templates (Jinja)", "overrides/main.html", "root"),
    ("mkdocs: copy theme files", "mkdocs/structure/files.py", "copy_static_files"),
)


def main(argv: list[str] | None = None) -> int:
    """Build a catalogue under cProfile and print the stage table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000, help="catalogue size (default 1000)")
    parser.add_argument("--save", type=Path, help="also write the raw profile here")
    args = parser.parse_args(argv)

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory(prefix="handbook-profile-") as folder:
        project = write_project(Path(folder) / "project", args.units, repo=REPO, seeded=True)
        config = load_config(str(project / "mkdocs.yml"))
        profile = cProfile.Profile()
        profile.enable()
        build(config)
        profile.disable()
    if args.save:
        profile.dump_stats(args.save)

    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    totals: dict[tuple[str, str], float] = {}
    for (filename, _, function), (_, _, _, cumulative, _) in stats.items():
        key = (filename.replace("\\", "/"), function)
        totals[key] = max(totals.get(key, 0.0), cumulative)

    def seconds(ending: str, function: str) -> float:
        return sum(t for (name, func), t in totals.items() if name.endswith(ending) and func == function)

    whole = seconds(*STAGES[0][1:]) or 1.0
    print(f"profile of one mkdocs build, {args.units:,} units (cProfile; seconds are inflated, shares hold)")
    for label, ending, function in STAGES:
        spent = seconds(ending, function)
        print(f"{label:<55}{spent:>9.2f} s{100 * spent / whole:>7.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
