"""Benchmark: seconds per unit for each printable format, cold (empty cache) and warm (all cached).

Not a test: it prints figures. Run from the repository root:

    .venv/bin/python tests/benchmarks/bench_printables.py [--units DIR] [--repeat N] [--workers N]

"cold" renders each unit's file with an empty cache (in this process, one at a time, so
the figure is the render cost of one file), as wall-clock seconds and as CPU seconds (which
other jobs on a shared machine disturb less); "warm" is a whole ``build_printables`` run
whose files are all cached, per file. The last line times whole runs through the process
pool, as ``mkdocs build`` does.

``--docx-against REV`` then times the workbook DOCX alone, per unit (the seeds and the
fictional 40-criterion unit), against the renderer of git revision ``REV`` in this process,
interleaved; ``--docx-only`` skips everything else.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path

from generator.content.catalogue import build_catalogue
from generator.content.loader import load_model
from generator.content.model import Unit
from generator.printables import docx_package
from generator.printables.branding import NO_CENTRE
from generator.printables.determinism import document_datetime
from generator.printables.engine import quiet_weasyprint
from generator.printables.pipeline import KINDS, PrintablesSettings, build_printables, render_printable
from generator.printables.workbook_docx import render_workbook_docx
from generator.site.render import make_environment

ROOT = Path(__file__).resolve().parents[2]
MANY_CRITERIA = ROOT / "tests" / "printables" / "fictional-many-criteria.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=Path, default=ROOT / "content" / "units")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0, help="pool size for the whole-run lines (0: CPU count)")
    parser.add_argument("--docx-against", metavar="REV", help="time the workbook DOCX against this git revision's")
    parser.add_argument("--docx-only", action="store_true", help="only the workbook DOCX figures")
    args = parser.parse_args()
    quiet_weasyprint()

    catalogue = build_catalogue(args.units, root=args.units.parent.parent)
    units = list(catalogue)
    if args.docx_against or args.docx_only:
        docx_figures([*units, load_model(MANY_CRITERIA, Unit, root=ROOT)[0]], args.repeat, args.docx_against)
        if args.docx_only:
            return
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


def _docx_renderer_at(revision: str) -> Callable[[Unit], bytes]:
    """``render_workbook_docx`` as it was at ``revision`` (its ``docx_controls`` too), loaded beside this one."""
    loaded = {}
    for name in ("docx_controls", "workbook_docx"):
        source = subprocess.run(
            ["git", "show", f"{revision}:generator/printables/{name}.py"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        assert source, f"no generator/printables/{name}.py at {revision}"
        module = types.ModuleType(f"generator.printables._at_{name}")
        module.__package__ = "generator.printables"
        sys.modules[module.__name__] = module
        exec(compile(source.replace("from .docx_controls ", "from ._at_docx_controls "), name, "exec"), vars(module))
        loaded[name] = module
    return loaded["workbook_docx"].render_workbook_docx


def docx_figures(units: list[Unit], repeat: int, against: str | None) -> None:
    """Cold CPU ms per workbook DOCX, unit by unit, this renderer against ``against``'s, interleaved."""
    renderers: dict[str, Callable[[Unit], bytes]] = {"this": render_workbook_docx}
    if against:
        renderers[against] = _docx_renderer_at(against)
    for render in renderers.values():  # imports and the prepared parts, outside the figures
        render(units[0])
    start = time.process_time()
    docx_package._prepared.cache_clear()
    docx_package.prepared_package(NO_CENTRE, document_datetime())
    prepared_ms = (time.process_time() - start) * 1000
    best: dict[tuple[str, str], float] = {}
    for _ in range(repeat):
        for unit in units:
            for name, render in renderers.items():
                start = time.process_time()
                render(unit)
                took = (time.process_time() - start) * 1000
                best[name, unit.id] = min(best.get((name, unit.id), took), took)
    names = list(renderers)
    print(f"workbook DOCX cold CPU ms, best of {repeat}: " + ", ".join(names))
    for unit in units:
        figures = "  ".join(f"{best[name, unit.id]:8.1f}" for name in names)
        print(f"  {unit.id:<26}{len(unit.criteria):>3} criteria {figures}")
    seeds = units[:-1]
    for name in names:
        median = statistics.median(best[name, unit.id] for unit in seeds)
        print(f"{name}: median seed unit {median:.1f} ms, 40 criteria {best[name, units[-1].id]:.1f} ms")
    if against:
        ratios = [best["this", unit.id] / best[against, unit.id] for unit in units]
        print(f"docx ratio this/{against}: {statistics.median(ratios):.3f} (median over units)")
    print(f"prepared parts, once per process and centre: {prepared_ms:.1f} ms CPU")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
