"""Benchmark: seconds per unit for each printable format, cold (empty cache) and warm (all cached).

Not a test: it prints figures. Run from the repository root:

    .venv/bin/python tests/benchmarks/bench_printables.py [--units DIR] [--repeat N] [--workers N]

"cold" renders each unit's file with an empty cache (in this process, one at a time, so
the figure is the render cost of one file), as wall-clock seconds and as CPU seconds (which
other jobs on a shared machine disturb less); "warm" is a whole ``build_printables`` run
whose files are all cached, per file. The last line times whole runs through the process
pool, as ``mkdocs build`` does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from generator.content.catalogue import build_catalogue
from generator.printables.engine import quiet_weasyprint
from generator.printables.pipeline import KINDS, PrintablesSettings, build_printables, render_printable
from generator.site.render import make_environment

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=Path, default=ROOT / "content" / "units")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0, help="pool size for the whole-run lines (0: CPU count)")
    args = parser.parse_args()
    quiet_weasyprint()

    catalogue = build_catalogue(args.units, root=args.units.parent.parent)
    units = list(catalogue)
    env = make_environment([ROOT / "site_templates"])
    for unit in units:  # warm up imports and font loading so the first figure is not skewed
        render_printable("record-sheet-pdf", unit, env)
        break

    print(f"{len(units)} units, {sum(len(u.criteria) for u in units)} criteria; best of {args.repeat}")
    print(f"{'format':<18}{'cold s/unit':>14}{'cold CPU s':>14}{'warm s/unit':>14}")
    with tempfile.TemporaryDirectory() as folder:
        settings = PrintablesSettings(cache_dir=Path(folder), templates_dirs=(ROOT / "site_templates",), workers=1)
        build_printables(catalogue, settings)
        warm_runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = build_printables(catalogue, settings)
            warm_runs.append(time.perf_counter() - start)
            assert not result.rendered
        warm_per_file = min(warm_runs) / (len(units) * len(KINDS))
    for kind in KINDS:
        cold, cpu = [], []
        for unit in units:
            runs, cpu_runs = [], []
            for _ in range(args.repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                render_printable(kind.name, unit, env)
                runs.append(time.perf_counter() - start)
                cpu_runs.append(time.process_time() - start_cpu)
            cold.append(min(runs))
            cpu.append(min(cpu_runs))
        print(f"{kind.name:<18}{statistics.mean(cold):>14.3f}{statistics.mean(cpu):>14.3f}{warm_per_file:>14.4f}")

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
    print(f"whole run, {files} files, {workers} worker processes: cold {cold_run:.2f} s, warm {warm_run:.3f} s")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
