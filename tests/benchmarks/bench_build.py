"""Benchmark: the handbook's site build against stock MkDocs + Material on the same pages.

Run from the repository root (not collected by pytest)::

    .venv/bin/python tests/benchmarks/bench_build.py                 # 100, 1,000 and 4,000 units
    .venv/bin/python tests/benchmarks/bench_build.py --sizes 10,50   # a quick run
    .venv/bin/python tests/benchmarks/bench_build.py --sizes 1000 --printables-sizes none --repeat 3

For each size N it writes a catalogue of N fictional units (see ``synthetic.py``) into a temp
folder and times, each in a fresh process:

- ``handbook build``: ``mkdocs build --strict`` of the catalogue (site only);
- ``plain mkdocs``: stock MkDocs + Material building the very Markdown our generator produces
  (``prepare_site(...).pages``) written as plain files into a ``docs/`` folder, with the same
  theme, Markdown extensions and nav, and no handbook plugin;
- ``handbook check``: ``handbook check content/units`` alone;
- printables (workbook PDF and DOCX, record sheet, tracker of every unit) cold, warm (nothing
  changed) and with one unit changed, at the smallest N unless ``--printables-sizes`` says.

It prints one table (wall seconds, peak resident memory of the process, site size, the mean
size of a unit page and the size of the units index) and ends with the line
``ratio <handbook seconds / plain seconds at the largest N>``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.synthetic import unit_id, unit_yaml, write_project  # noqa: E402

#: A fixed build date, so both builds render exactly the same pages.
EPOCH = "1767225600"


@dataclass
class Row:
    """One measured command."""

    units: int
    what: str
    seconds: float
    cpu_seconds: float
    peak_mb: float
    site_bytes: int | None = None
    unit_page_bytes: int | None = None
    index_page_bytes: int | None = None


def run_measured(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Run ``command``: its wall seconds, CPU seconds and the peak resident memory of the process in MB."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command[1:])} failed in {cwd}:\n{output.decode(errors='replace')[-3000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def site_figures(site: Path, unit_count: int) -> tuple[int, int, int]:
    """Total bytes of the site, mean bytes of a unit page, bytes of the units index page."""
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    unit_pages = [site / "units" / unit_id(i) / "index.html" for i in range(1, unit_count + 1)]
    mean = round(statistics.fmean(p.stat().st_size for p in unit_pages))
    return total, mean, (site / "units" / "index.html").stat().st_size


def write_plain_project(project: Path, plain: Path) -> None:
    """The same pages as plain Markdown files, with the same theme and nav, for stock MkDocs.

    Runs in a child process (``--write-plain``): this process must stay small, because a
    child's peak memory as the kernel reports it includes what it inherited at fork.
    """
    from generator.build import Settings, prepare_site

    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = Settings(
        root=project,
        units_dir=project / "content" / "units",
        templates_dirs=(project / "site_templates",),
        site_name=config["site_name"],
        directory_urls=config.get("use_directory_urls", True),
    )
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    prepared = prepare_site(settings)
    docs = plain / "docs"
    for path, text in {**prepared.pages, **prepared.assets}.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config["docs_dir"] = "docs"
    config["plugins"] = [p for p in config.get("plugins", []) if not (isinstance(p, dict) and "handbook" in p)]
    config["extra_css"] = ["assets/handbook.css"]
    shutil.copytree(project / "overrides", plain / "overrides")
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def bench_site(workdir: Path, count: int, repeat: int) -> list[Row]:
    """Handbook build, plain MkDocs build and ``handbook check`` for ``count`` units."""
    project = write_project(workdir / f"handbook-{count}", count, repo=REPO)
    plain = workdir / f"plain-{count}"
    run_measured([sys.executable, __file__, "--write-plain", str(project), str(plain)], REPO)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    builds = {"plain mkdocs": plain, "handbook build": project}
    runs: dict[str, list[tuple[float, float, float]]] = {what: [] for what in builds}
    for _ in range(repeat):  # alternate, so a busy moment on the machine hits both alike
        for what, folder in builds.items():
            runs[what].append(run_measured(mkdocs, folder))
    rows = [
        Row(count, what, *best(runs[what]), *site_figures(folder / "site", count)) for what, folder in builds.items()
    ]
    check = [sys.executable, "-m", "generator.cli", "check", "content/units"]
    rows.append(Row(count, "handbook check", *best([run_measured(check, project) for _ in range(repeat)])))
    return rows


def best(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """The fastest wall and CPU seconds of several runs, and the highest peak memory."""
    return min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)


def bench_printables(workdir: Path, count: int) -> list[Row]:
    """Printables of every unit: cold (empty cache), warm (nothing changed), one unit changed.

    Each run is ``build_printables`` in a fresh process (``--printables``), with the worker
    pool the MkDocs build uses (one process per core).
    """
    project = workdir / f"handbook-{count}"
    command = [sys.executable, __file__, "--printables", str(project)]
    rows = []
    for what in ("printables cold", "printables warm"):
        rows.append(Row(count, what, *run_measured(command, REPO)))
    changed = project / "content" / "units" / f"{unit_id(1)}.yml"
    changed.write_text(unit_yaml(1, revision=1), encoding="utf-8")
    rows.append(Row(count, "printables 1 changed", *run_measured(command, REPO)))
    for row, line in zip(rows, (project / "printables.log").read_text().splitlines()[-3:], strict=True):
        row.what += f" ({line})"
    return rows


def run_printables(project: Path) -> None:
    """Build every unit's printables of ``project`` into its cache; log what was rendered."""
    from generator.content.catalogue import build_catalogue
    from generator.printables.pipeline import PrintablesSettings, build_printables

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    catalogue = build_catalogue(project / "content" / "units", root=project)
    settings = PrintablesSettings(
        cache_dir=project / ".cache" / "handbook", templates_dirs=(project / "site_templates",), workers=0
    )
    result = build_printables(catalogue, settings)
    with (project / "printables.log").open("a", encoding="utf-8") as log:
        log.write(f"{len(result.rendered)} rendered, {len(result.reused)} reused\n")


def print_table(rows: list[Row]) -> None:
    """The results as an aligned text table."""

    def number(value: int | None) -> str:
        return "-" if value is None else f"{value:,}"

    header = ("units", "what", "seconds", "cpu s", "peak MB", "site MB", "B/unit page", "B/units index")
    lines = [header]
    for row in rows:
        site_mb = "-" if row.site_bytes is None else f"{row.site_bytes / 1e6:.1f}"
        lines.append(
            (
                f"{row.units:,}",
                row.what,
                f"{row.seconds:.2f}",
                f"{row.cpu_seconds:.2f}",
                f"{row.peak_mb:.0f}",
                site_mb,
                number(row.unit_page_bytes),
                number(row.index_page_bytes),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        cells = [cell.ljust(widths[i]) if i == 1 else cell.rjust(widths[i]) for i, cell in enumerate(line)]
        print("  ".join(cells))


def seconds_of(rows: list[Row], count: int, what: str, *, cpu: bool = False) -> float:
    """The measured wall (or CPU) seconds of ``what`` at ``count`` units."""
    row = next(r for r in rows if r.units == count and r.what == what)
    return row.cpu_seconds if cpu else row.seconds


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table, the growth and the final ratio line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,4000", help="comma-separated unit counts (default 100,1000,4000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per build; the fastest is reported")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temp folder)")
    parser.add_argument(
        "--printables-sizes",
        default=None,
        help="unit counts to time printables at (default: the smallest of --sizes; 'none' to skip)",
    )
    parser.add_argument("--write-plain", nargs=2, type=Path, metavar=("PROJECT", "PLAIN"), help=argparse.SUPPRESS)
    parser.add_argument("--printables", type=Path, metavar="PROJECT", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write_plain:
        write_plain_project(*args.write_plain)
        return 0
    if args.printables:
        run_printables(args.printables)
        return 0
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    if args.printables_sizes is None:
        printables_sizes = [min(sizes)]
    elif args.printables_sizes == "none":
        printables_sizes = []
    else:
        printables_sizes = [int(size) for size in args.printables_sizes.split(",") if size.strip()]

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    try:
        for count in sizes:
            print(f"bench: {count:,} units ...", file=sys.stderr, flush=True)
            rows += bench_site(workdir, count, args.repeat)
            if count in printables_sizes:
                rows += bench_printables(workdir, count)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)

    print_table(rows)
    if len(sizes) > 1:
        small, large = sorted(sizes)[-2:]
        for what in ("handbook build", "plain mkdocs"):
            wall = seconds_of(rows, large, what) / seconds_of(rows, small, what)
            cpu = seconds_of(rows, large, what, cpu=True) / seconds_of(rows, small, what, cpu=True)
            print(
                f"growth {what}: time({large:,}) / time({small:,}) = {wall:.2f} wall, {cpu:.2f} cpu"
                f" (linear: {large / small:.2f})"
            )
    largest = max(sizes)
    cpu_ratio = seconds_of(rows, largest, "handbook build", cpu=True) / seconds_of(
        rows, largest, "plain mkdocs", cpu=True
    )
    print(f"cpu ratio {cpu_ratio:.2f} (CPU seconds, less disturbed by a busy machine)")
    ratio = seconds_of(rows, largest, "handbook build") / seconds_of(rows, largest, "plain mkdocs")
    print(f"ratio {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
