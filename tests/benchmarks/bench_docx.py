"""Benchmark: the workbook DOCX alone, cold CPU ms per unit, against an earlier revision's renderer.

Not a test: it prints figures. Run from the repository root:

    .venv/bin/python tests/benchmarks/bench_docx.py [--against REV] [--repeat N]

Each seed unit and the fictional 40-criterion unit is rendered by this checkout's
``render_workbook_docx`` and, with ``--against``, by the one of git revision ``REV`` loaded
beside it, interleaved in one process (the ratio line compares them). The parts every
workbook shares are prepared once per process and centre; their cost is printed on its own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.content.catalogue import build_catalogue  # noqa: E402
from generator.content.loader import load_model  # noqa: E402
from generator.content.model import Unit  # noqa: E402
from generator.printables import docx_package  # noqa: E402
from generator.printables.branding import NO_CENTRE  # noqa: E402
from generator.printables.determinism import document_datetime  # noqa: E402
from generator.printables.workbook_docx import render_workbook_docx  # noqa: E402

MANY_CRITERIA = ROOT / "tests" / "printables" / "fictional-many-criteria.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=Path, default=ROOT / "content" / "units")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", metavar="REV", help="time the workbook DOCX against this git revision's")
    args = parser.parse_args()
    units = list(build_catalogue(args.units, root=args.units.parent.parent))
    docx_figures([*units, load_model(MANY_CRITERIA, Unit, root=ROOT)[0]], args.repeat, args.against)


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
