"""Benchmark: CPU and wall milliseconds of one workbook PDF, cold, per unit, split by stage.

Not a test: it prints figures. Run from the repository root:

    .venv/bin/python tests/benchmarks/bench_workbook_pdf.py [--repeat N] [UNIT_FILE ...]

Each figure is the first render of that unit in a fresh process that has already rendered
another unit (``tests/fixtures/units/fict-incomplete.yml``), as a build's worker process
has: Typst's font index is made and the pages every workbook shares are laid out, but
nothing of this unit is. (Rendering the same unit again in one process is far cheaper,
because Typst remembers what it laid out; a best-of-N over repeats in one process would
measure that, not a cold render.) The median of ``--repeat`` fresh processes is printed,
with the stages: the data from the model, Typst, and the form fields (``pdf_forms``).
By default: the seed units and the fictional 40-criterion unit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WARM_UP = ROOT / "tests" / "fixtures" / "units" / "fict-incomplete.yml"
DEFAULT_UNITS = (
    *sorted((ROOT / "content" / "units").glob("*.yml")),
    ROOT / "tests" / "printables" / "fictional-many-criteria.yml",
)


def measure_one(unit_file: Path) -> None:
    """In this process: warm up on another unit, then time ``unit_file``'s workbook; print the figures."""
    from generator.content.loader import load_model
    from generator.content.model import Unit
    from generator.printables.layout import workbook_fields
    from generator.printables.pdf_forms import add_form_fields
    from generator.printables.pipeline import render_printable
    from generator.printables.typst_engine import compile_pdf, search_path
    from generator.printables.workbook_pdf import TEMPLATE, workbook_data
    from generator.site.render import make_environment

    env = make_environment([ROOT / "site_templates"])
    render_printable("workbook-pdf", load_model(WARM_UP, Unit, root=ROOT)[0], env)
    unit = load_model(unit_file, Unit, root=ROOT)[0]
    cpu, wall = time.process_time(), time.perf_counter()
    data = workbook_data(unit)
    after_data = time.process_time()
    pdf = compile_pdf(TEMPLATE, data, templates_dirs=search_path(env))
    after_typst = time.process_time()
    final = add_form_fields(pdf, workbook_fields(unit))
    end, end_wall = time.process_time(), time.perf_counter()
    figures = (end - cpu, end_wall - wall, after_data - cpu, after_typst - after_data, end - after_typst)
    print(" ".join(f"{1000 * value:.1f}" for value in figures), len(unit.assessable_items()), len(final))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("units", nargs="*", type=Path, default=list(DEFAULT_UNITS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        measure_one(args.one)
        return
    print(f"workbook PDF, cold, median of {args.repeat} fresh processes (ms)")
    print(f"{'unit':<28}{'items':>6}{'CPU':>8}{'wall':>8}{'data':>7}{'Typst':>7}{'fields':>8}{'KB':>6}")
    for unit_file in args.units:
        runs = []
        for _ in range(args.repeat):
            command = [sys.executable, __file__, "--one", str(unit_file)]
            out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
            runs.append([float(value) for value in out])
        cpu, wall, data, typst, fields, items, size = (statistics.median(column) for column in zip(*runs, strict=True))
        print(
            f"{unit_file.stem:<28}{items:>6.0f}{cpu:>8.0f}{wall:>8.0f}{data:>7.0f}{typst:>7.0f}{fields:>8.0f}"
            f"{size / 1024:>6.0f}"
        )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
