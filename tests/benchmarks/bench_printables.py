"""Benchmark: CPU milliseconds per printable file, per format, and the 40-unit handbook PDF.

Not a test: it prints figures. Run from the repository root:

    .venv/bin/python tests/benchmarks/bench_printables.py [--units DIR | --synthetic N] [--repeat N]
        [--handbook-units N] [--workers N] [--against REV [--only-against]]

"cold" renders each unit's file with an empty cache (in this process, one at a time, so
the figure is the render cost of one file; the process's one-off costs, such as Typst
indexing the fonts, come first and are printed on their own line). Figures are CPU time
(other jobs on a shared machine disturb it less than wall time), the best of ``--repeat``
runs per unit, then the median over units: the median unit. The 150 ms target is for all
four formats of the median unit together. ``--against REV`` renders the same units with git
revision ``REV``'s form fields, tracker and print templates too, interleaved with this
checkout's in one process, and prints both and their ratio (``--only-against``: only that).
The handbook line renders one qualification of ``--handbook-units`` FICTIONAL synthetic
units (target: under 5 s). "warm" is a whole ``build_printables`` run whose files are all
cached, per file; the last lines time whole runs through the process pool, as ``mkdocs
build`` does, and give the machine's load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.content.catalogue import build_catalogue  # noqa: E402
from generator.content.model import Unit  # noqa: E402
from generator.content.qualifications import build_qualifications  # noqa: E402
from generator.printables.handbook_pdf import render_handbook_pdf  # noqa: E402
from generator.printables.pipeline import KINDS, PrintablesSettings, build_printables, render_printable  # noqa: E402
from generator.printables.record_sheet_pdf import render_record_sheet_pdf  # noqa: E402
from generator.printables.typst_engine import compiler  # noqa: E402
from generator.printables.wording import DEFAULT_ASSESSMENT_METHODS  # noqa: E402
from generator.printables.workbook_docx import render_workbook_docx  # noqa: E402
from generator.site.render import make_environment  # noqa: E402
from tests.benchmarks.synthetic import write_units  # noqa: E402

#: The issue 16 targets the figures are compared with.
UNIT_TARGET_MS = 150
HANDBOOK_TARGET_S = 5.0
QUALIFICATION = """\
# FICTIONAL qualification written by tests/benchmarks/bench_printables.py.
id: fict-bench
title: Fictional benchmark qualification
sample: true
description: |
  A **fictional** qualification grouping generated units.
rules:
  groups:
    - name: Fictional mandatory group
      kind: mandatory
      units: [{mandatory}]
    - name: Fictional optional group
      kind: optional
      units: [{optional}]
      min_units: 1
"""


def cpu_ms(action) -> float:
    start = time.process_time()
    action()
    return (time.process_time() - start) * 1000


def handbook_seconds(folder: Path, count: int, repeat: int) -> tuple[float, int]:
    """Best CPU seconds of the handbook PDF of a qualification of ``count`` synthetic units, and its size."""
    units_dir = folder / "content" / "units"
    paths = write_units(units_dir, count)
    ids = [path.stem for path in paths]
    qualifications = folder / "content" / "qualifications"
    qualifications.mkdir(parents=True)
    split = max(1, count // 4)
    (qualifications / "fict-bench.yml").write_text(
        QUALIFICATION.format(mandatory=", ".join(ids[:split]), optional=", ".join(ids[split:]) or ids[0]),
        encoding="utf-8",
    )
    catalogue = build_catalogue(units_dir, root=folder)
    entry = next(iter(build_qualifications(qualifications, catalogue, root=folder)))
    env = make_environment([ROOT / "site_templates"])
    size = 0
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        size = len(render_handbook_pdf(env, entry, catalogue, dt.date(2026, 1, 1)))
        runs.append(time.process_time() - start)
    return min(runs), size


Renderers = dict[str, Callable[[Unit], bytes]]
#: The printables modules ``--against`` loads from the other revision, in import order, with the
#: relative imports among them pointed at each other.
AGAINST_MODULES = ("pdf_forms", "tracker_xlsx", "workbook_pdf")


def renderers_at(revision: str, folder: Path) -> Renderers:
    """Each unit format rendered as git ``revision`` did: its form fields, tracker, workbook module
    and print templates (extracted into ``folder``), loaded beside this checkout's. The Word
    workbook is this checkout's."""
    loaded: dict[str, types.ModuleType] = {}
    for name in AGAINST_MODULES:
        source = subprocess.run(
            ["git", "show", f"{revision}:generator/printables/{name}.py"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        assert source, f"no generator/printables/{name}.py at {revision}"
        for other in loaded:
            source = source.replace(f"from .{other} ", f"from ._at_{other} ")
        module = types.ModuleType(f"generator.printables._at_{name}")
        module.__package__ = "generator.printables"
        sys.modules[module.__name__] = module
        exec(compile(source, f"{revision}:{name}.py", "exec"), vars(module))
        loaded[name] = module
    archive = subprocess.run(["git", "archive", revision, "site_templates/print"], cwd=ROOT, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    env = make_environment([folder / "site_templates"])
    methods = DEFAULT_ASSESSMENT_METHODS
    return {
        "workbook-pdf": lambda unit: loaded["workbook_pdf"].render_workbook_pdf(env, unit),
        "workbook-docx": render_workbook_docx,
        "record-sheet-pdf": lambda unit: render_record_sheet_pdf(env, unit, default_methods=methods),
        "tracker-xlsx": lambda unit: loaded["tracker_xlsx"].render_tracker_xlsx(unit, default_methods=methods),
    }


def against_figures(units: list[Unit], env, revision: str, repeat: int) -> None:
    """This checkout's four formats against ``revision``'s, unit by unit, interleaved (the order
    alternating), best of ``repeat`` per unit and side; the median unit of each."""
    with tempfile.TemporaryDirectory() as folder:
        sides: dict[str, Renderers] = {
            "this": {kind.name: lambda unit, k=kind.name: render_printable(k, unit, env) for kind in KINDS},
            revision: renderers_at(revision, Path(folder)),
        }
        for renderers in sides.values():  # imports, templates and the first file of each kind
            for render in renderers.values():
                render(units[0])
        load = os.getloadavg()[0]
        best: dict[tuple[str, str], list[float]] = {(side, kind.name): [] for side in sides for kind in KINDS}
        for unit in units:
            runs: dict[tuple[str, str], list[float]] = {key: [] for key in best}
            for turn in range(repeat):
                for side in list(sides)[:: 1 if turn % 2 == 0 else -1]:
                    for name, render in sides[side].items():
                        runs[side, name].append(cpu_ms(lambda render=render, unit=unit: render(unit)))
            for key, values in runs.items():
                best[key].append(min(values))
    print(f"against {revision}: cold CPU ms of the median unit, best of {repeat}, interleaved")
    print(f"{'format':<18}{'this':>10}{revision[:10]:>12}{'ratio':>8}")
    totals = {side: 0.0 for side in sides}
    for name in [kind.name for kind in KINDS] + ["all four formats"]:
        if name in (kind.name for kind in KINDS):
            this, other = (statistics.median(best[side, name]) for side in sides)
            totals["this"] += this
            totals[revision] += other
        else:
            this, other = totals["this"], totals[revision]
        print(f"{name:<18}{this:>10.1f}{other:>12.1f}{this / other:>8.2f}")
    print(f"load average {load:.1f} before these runs, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=Path, default=None, help="a units folder (default: --synthetic units)")
    parser.add_argument("--synthetic", type=int, default=20, help="FICTIONAL synthetic units to measure")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--handbook-units", type=int, default=40)
    parser.add_argument("--workers", type=int, default=0, help="pool size for the whole-run lines (0: CPU count)")
    parser.add_argument("--against", metavar="REV", help="also render with this git revision's, interleaved")
    parser.add_argument("--only-against", action="store_true", help="with --against: print only that comparison")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        units_dir = args.units or Path(scratch) / "units"
        if args.units is None:
            write_units(units_dir, args.synthetic)
        catalogue = build_catalogue(units_dir, root=units_dir.parent.parent)
        units = list(catalogue)
        env = make_environment([ROOT / "site_templates"])
        one_off = cpu_ms(compiler)
        if args.against:
            against_figures(units, env, args.against, args.repeat)
            if args.only_against:
                return
        warm_up = {kind.name: cpu_ms(lambda kind=kind: render_printable(kind.name, units[0], env)) for kind in KINDS}
        print(f"{len(units)} units, {sum(len(u.criteria) for u in units)} criteria; best of {args.repeat} per unit")
        print(
            f"one-off per process: Typst compiler and font index {one_off:.0f} ms CPU; first file of each kind"
            + (" (after the --against runs):" if args.against else ":")
        )
        print("  " + ", ".join(f"{name} {ms:.0f} ms" for name, ms in warm_up.items()))

        print(f"{'format':<18}{'cold CPU ms (median unit)':>28}{'min':>8}{'max':>8}")
        medians = {}
        for kind in KINDS:
            per_unit = [
                min(cpu_ms(lambda u=unit, k=kind.name: render_printable(k, u, env)) for _ in range(args.repeat))
                for unit in units
            ]
            medians[kind.name] = statistics.median(per_unit)
            print(f"{kind.name:<18}{medians[kind.name]:>28.1f}{min(per_unit):>8.1f}{max(per_unit):>8.1f}")
        total = sum(medians.values())
        print(
            f"{'all four formats':<18}{total:>28.1f}   "
            f"target <= {UNIT_TARGET_MS} ms: ratio {total / UNIT_TARGET_MS:.2f}"
        )

        seconds, size = handbook_seconds(Path(scratch) / "handbook", args.handbook_units, max(1, args.repeat - 1))
        print(
            f"handbook PDF, {args.handbook_units} units: {seconds:.2f} s CPU ({size // 1024} KB); "
            f"target < {HANDBOOK_TARGET_S:.0f} s: ratio {seconds / HANDBOOK_TARGET_S:.2f}"
        )

        with tempfile.TemporaryDirectory() as folder:
            settings = PrintablesSettings(cache_dir=Path(folder), templates_dirs=(ROOT / "site_templates",), workers=1)
            build_printables(catalogue, settings)
            warm_runs = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                result = build_printables(catalogue, settings)
                warm_runs.append(time.perf_counter() - start)
                assert not result.rendered
        print(f"warm (all cached): {min(warm_runs) / (len(units) * len(KINDS)) * 1000:.2f} ms per file")

        with tempfile.TemporaryDirectory() as folder:
            settings = PrintablesSettings(
                cache_dir=Path(folder), templates_dirs=(ROOT / "site_templates",), workers=args.workers
            )
            start = time.perf_counter()
            build_printables(catalogue, settings)
            cold_run = time.perf_counter() - start
            start = time.perf_counter()
            build_printables(catalogue, settings)
            warm_run = time.perf_counter() - start
        files = len(units) * len(KINDS)
        workers = settings.worker_count(files)
        print(
            f"whole run, {files} files, {workers} worker processes: cold {cold_run:.2f} s, warm {warm_run:.3f} s (wall)"
        )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
