"""Benchmark: the handbook's site build against stock MkDocs + Material on the same pages.

Run from the repository root (not collected by pytest)::

    .venv/bin/python tests/benchmarks/bench_build.py                        # 1,000 and 4,000 units, 3 runs
    .venv/bin/python tests/benchmarks/bench_build.py --sizes 100,400 --repeat 1   # a quick run
    .venv/bin/python tests/benchmarks/bench_build.py --sizes 1000 --with-check --printables-sizes 20

For each size N it writes a catalogue of N fictional units recombined from the seed units'
wording (2-8 outcomes, 8-40 criteria, 3-12 paragraphs of guidance; ``synthetic.seeded_unit_yaml``)
into a temp folder, and builds it two ways, each run in a fresh process, alternating the two
(ABBA order) ``--repeat`` times:

- ``plain mkdocs``: stock MkDocs + Material building the very pages our generator produces
  (``prepare_site(...).pages`` written as plain Markdown files into ``docs/``), with the same
  theme, Markdown extensions and nav, and no handbook plugin;
- ``handbook build``: ``mkdocs build --strict`` of the catalogue (site only, printables off).

It prints the medians of wall seconds, CPU seconds (user + system, from ``wait4``), the share
of CPU spent in the garbage collector (``gc.callbacks``), peak resident memory (``ru_maxrss``),
the site's size and the mean bytes of a unit page; whether the two builds' unit pages are
byte-identical; then the ratios against the issue's targets (CPU ours/plain <= 0.8 at every
size, growth t(largest)/t(second largest) <= 4.0 for ours, peak memory ours/plain <= 1.2)
and the machine's load average before and after. The last line is ``ratio <CPU ours/plain
at the largest N>``. ``--with-check`` adds ``handbook check``; ``--printables-sizes`` adds
printables cold, warm and with one unit changed; ``--against DIR`` adds a third build, by
another checkout of this repository (``git archive REV | tar -x -C DIR``), in the same turns,
for before/after figures.

The first run of each build fills its export cache (``.cache/handbook``), so with
``--repeat 3`` the medians are of rebuilds with exports reused, as an editor's next build is.
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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.synthetic import seed_pool, seeded_unit_yaml, unit_id, write_project  # noqa: E402

#: A fixed build date, so both builds render exactly the same pages.
EPOCH = "1767225600"
PLAIN = "plain mkdocs"
OURS = "handbook build"
#: The issue's targets: CPU ours/plain, growth of ours, peak memory ours/plain.
CPU_RATIO_TARGET = 0.8
GROWTH_TARGET = 4.0
RSS_RATIO_TARGET = 1.2


@dataclass
class Run:
    """One measured process."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    gc_seconds: float | None = None


@dataclass
class Row:
    """The median of several runs of one command at one size."""

    units: int
    what: str
    runs: list[Run] = field(default_factory=list)
    site_bytes: int | None = None
    unit_page_bytes: int | None = None

    def median(self, name: str) -> float:
        """The median of one field over the runs."""
        return statistics.median(getattr(run, name) for run in self.runs)

    def gc_share(self) -> float | None:
        """Median share of CPU seconds spent collecting garbage, when measured."""
        if any(run.gc_seconds is None for run in self.runs):
            return None
        return statistics.median(run.gc_seconds / run.cpu_seconds for run in self.runs)  # type: ignore[operator]


def run_measured(command: list[str], cwd: Path, gc_file: Path | None = None) -> Run:
    """Run ``command`` in a fresh process: wall and CPU seconds, peak resident memory (MB), GC seconds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(command[1:])} failed in {cwd}:\n{output.decode(errors='replace')[-3000:]}")
    gc_seconds = float(gc_file.read_text().split()[0]) if gc_file is not None else None
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, gc_seconds)


def mkdocs_build_timing_gc(gc_file: Path) -> None:
    """``mkdocs build --strict --quiet`` in this process, writing the CPU seconds spent in GC to ``gc_file``."""
    import gc

    spent = 0.0
    started = 0.0
    collections = 0

    def timer(phase: str, info: dict[str, int]) -> None:
        nonlocal spent, started, collections
        if phase == "start":
            started = time.process_time()
        else:
            spent += time.process_time() - started
            collections += 1

    gc.callbacks.append(timer)
    from mkdocs.__main__ import cli

    try:
        cli.main(["build", "--strict", "--quiet"], standalone_mode=False)
    finally:
        gc_file.write_text(f"{spent} {collections}\n", encoding="utf-8")


def unit_pages(site: Path, unit_count: int) -> list[Path]:
    """The HTML file of every unit page of a built site."""
    return [site / "units" / unit_id(i) / "index.html" for i in range(1, unit_count + 1)]


def site_figures(site: Path, unit_count: int) -> tuple[int, int]:
    """Total bytes of the site and mean bytes of a unit page."""
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    mean = round(statistics.fmean(p.stat().st_size for p in unit_pages(site, unit_count)))
    return total, mean


def identical_unit_pages(one: Path, other: Path, unit_count: int) -> int:
    """How many unit pages of two built sites are byte-identical."""
    return sum(
        a.read_bytes() == b.read_bytes()
        for a, b in zip(unit_pages(one, unit_count), unit_pages(other, unit_count), strict=True)
    )


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
    # What the plugin's on_config adds: its stylesheets and the packaged theme overrides.
    config["extra_css"] = ["assets/handbook.css", *config.get("extra_css", []), "assets/qualifications.css"]
    config["theme"]["custom_dir"] = "overrides"
    shutil.copytree(project / "overrides", plain / "overrides")
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def against_label(against: Path) -> str:
    """The row name of the build by another checkout."""
    return f"handbook build ({against.name})"


def bench_site(workdir: Path, count: int, repeat: int, against: Path | None = None) -> tuple[list[Row], int]:
    """Plain MkDocs and handbook builds of ``count`` units, alternated; and how many unit pages match.

    ``against``: another checkout of this repository (its ``tests/benchmarks/bench_build.py``
    must take ``--mkdocs-build``), built from its own copy of the catalogue in the same turns.
    """
    project = write_project(workdir / f"handbook-{count}", count, repo=REPO, seeded=True)
    plain = workdir / f"plain-{count}"
    run_measured([sys.executable, __file__, "--write-plain", str(project), str(plain)], REPO)
    folders = {PLAIN: plain, OURS: project}
    scripts = {PLAIN: Path(__file__), OURS: Path(__file__)}
    if against is not None:
        label = against_label(against)
        folders[label] = write_project(workdir / f"against-{count}", count, repo=against, seeded=True)
        scripts[label] = against / "tests" / "benchmarks" / "bench_build.py"
    rows = {what: Row(count, what) for what in folders}
    gc_file = workdir / "gc.txt"
    for turn in range(repeat):  # ABBA: a busy moment or a warm disk cache favours neither
        order = list(folders) if turn % 2 == 0 else list(reversed(folders))
        for what in order:
            command = [sys.executable, str(scripts[what]), "--mkdocs-build", str(gc_file)]
            rows[what].runs.append(run_measured(command, folders[what], gc_file))
            print(f"bench: {count:,} units, {what}: {rows[what].runs[-1].cpu_seconds:.2f} s CPU", file=sys.stderr)
    for what, folder in folders.items():
        rows[what].site_bytes, rows[what].unit_page_bytes = site_figures(folder / "site", count)
    same = identical_unit_pages(plain / "site", project / "site", count)
    return list(rows.values()), same


def bench_check(workdir: Path, count: int, repeat: int) -> Row:
    """``handbook check`` of the catalogue of ``count`` units."""
    check = [sys.executable, "-m", "generator.cli", "check", "content/units"]
    project = workdir / f"handbook-{count}"
    return Row(count, "handbook check", [run_measured(check, project) for _ in range(repeat)])


def bench_printables(workdir: Path, count: int) -> list[Row]:
    """Printables of every unit: cold (empty cache), warm (nothing changed), one unit changed.

    Each run is ``build_printables`` in a fresh process (``--printables``), with the worker
    pool the MkDocs build uses (one process per core).
    """
    project = workdir / f"handbook-{count}"
    command = [sys.executable, __file__, "--printables", str(project)]
    rows = []
    for what in ("printables cold", "printables warm"):
        rows.append(Row(count, what, [run_measured(command, REPO)]))
    changed = project / "content" / "units" / f"{unit_id(1)}.yml"
    changed.write_text(seeded_unit_yaml(1, seed_pool(REPO / "content" / "units"), revision=1), encoding="utf-8")
    rows.append(Row(count, "printables 1 changed", [run_measured(command, REPO)]))
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
    """The medians as an aligned text table."""

    def number(value: int | None) -> str:
        return "-" if value is None else f"{value:,}"

    header = ("units", "what", "runs", "wall s", "cpu s", "gc %", "peak MB", "site MB", "B/unit page")
    lines = [header]
    for row in rows:
        gc_share = row.gc_share()
        lines.append(
            (
                f"{row.units:,}",
                row.what,
                str(len(row.runs)),
                f"{row.median('seconds'):.2f}",
                f"{row.median('cpu_seconds'):.2f}",
                "-" if gc_share is None else f"{100 * gc_share:.1f}",
                f"{row.median('peak_mb'):.0f}",
                "-" if row.site_bytes is None else f"{row.site_bytes / 1e6:.1f}",
                number(row.unit_page_bytes),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        cells = [cell.ljust(widths[i]) if i == 1 else cell.rjust(widths[i]) for i, cell in enumerate(line)]
        print("  ".join(cells))


def median_of(rows: list[Row], count: int, what: str, name: str) -> float:
    """The median ``name`` (``cpu_seconds``, ``peak_mb`` ...) of ``what`` at ``count`` units."""
    return next(r for r in rows if r.units == count and r.what == what).median(name)


def verdict(value: float, target: float) -> str:
    """``value (target <= target: met)`` for a ratio line."""
    return f"{value:.2f} (target <= {target:.1f}: {'met' if value <= target else 'NOT met'})"


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages."""
    return "/".join(f"{load:.2f}" for load in os.getloadavg())


def print_ratios(rows: list[Row], sizes: list[int], against: Path | None = None) -> None:
    """The ratio lines against the issue's targets (and against the other checkout's build)."""
    for count in sizes:
        cpu = median_of(rows, count, OURS, "cpu_seconds") / median_of(rows, count, PLAIN, "cpu_seconds")
        rss = median_of(rows, count, OURS, "peak_mb") / median_of(rows, count, PLAIN, "peak_mb")
        print(f"{count:,} units: cpu ratio ours/plain {verdict(cpu, CPU_RATIO_TARGET)}")
        print(f"{count:,} units: peak RSS ratio ours/plain {verdict(rss, RSS_RATIO_TARGET)}")
        if against is not None:
            label = against_label(against)
            cpu = median_of(rows, count, OURS, "cpu_seconds") / median_of(rows, count, label, "cpu_seconds")
            rss = median_of(rows, count, OURS, "peak_mb") / median_of(rows, count, label, "peak_mb")
            print(f"{count:,} units: ours / {label}: cpu {cpu:.2f}, peak RSS {rss:.2f}")
    if len(sizes) > 1:
        small, large = sorted(sizes)[-2:]
        for what in (OURS, PLAIN):
            growth = median_of(rows, large, what, "cpu_seconds") / median_of(rows, small, what, "cpu_seconds")
            shown = verdict(growth, GROWTH_TARGET) if what == OURS else f"{growth:.2f}"
            print(f"growth {what}: cpu({large:,}) / cpu({small:,}) = {shown} (linear: {large / small:.2f})")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table and the ratio lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000", help="comma-separated unit counts (default 1000,4000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build, alternated; medians are shown")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temp folder)")
    parser.add_argument("--with-check", action="store_true", help="also time `handbook check` at each size")
    parser.add_argument("--against", type=Path, help="also build with another checkout of this repository")
    parser.add_argument("--printables-sizes", default="none", help="unit counts to time printables at (default none)")
    parser.add_argument("--write-plain", nargs=2, type=Path, metavar=("PROJECT", "PLAIN"), help=argparse.SUPPRESS)
    parser.add_argument("--printables", type=Path, metavar="PROJECT", help=argparse.SUPPRESS)
    parser.add_argument("--mkdocs-build", type=Path, metavar="GC_FILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.mkdocs_build:
        mkdocs_build_timing_gc(args.mkdocs_build)
        return 0
    if args.write_plain:
        write_plain_project(*args.write_plain)
        return 0
    if args.printables:
        run_printables(args.printables)
        return 0
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    printables_sizes = [int(s) for s in args.printables_sizes.split(",") if s.strip() and s != "none"]

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    identical: list[str] = []
    load_before = load_average()
    try:
        for count in sizes:
            print(f"bench: {count:,} units ...", file=sys.stderr, flush=True)
            site_rows, same = bench_site(workdir, count, args.repeat, args.against)
            rows += site_rows
            identical.append(f"{same:,} of {count:,} at {count:,} units")
            if args.with_check:
                rows.append(bench_check(workdir, count, args.repeat))
            if count in printables_sizes:
                rows += bench_printables(workdir, count)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)

    print_table(rows)
    print(f"unit pages byte-identical in both builds: {'; '.join(identical)}")
    print(f"load average (1/5/15 min): {load_before} before, {load_average()} after")
    print_ratios(rows, sizes, args.against)
    largest = max(sizes)
    ratio = median_of(rows, largest, OURS, "cpu_seconds") / median_of(rows, largest, PLAIN, "cpu_seconds")
    print(f"ratio {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
