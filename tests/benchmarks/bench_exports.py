"""Benchmark: what the open data exports cost per build, to decide whether they need a cache.

Writes N fictional units (tests/benchmarks/synthetic.py) and one fictional qualification of
all of them, loads them once, then times ``build_exports`` (every format) and each format
alone, best of three, and prints the figures. Run:

    .venv/bin/python -m tests.benchmarks.bench_exports --units 200
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from generator.build import load_catalogue, load_qualifications
from generator.exports.site_exports import FORMATS, ExportSettings, build_exports
from generator.settings import Settings

from .synthetic import unit_id, write_units

QUALIFICATION = """# FICTIONAL qualification for the exports benchmark.
id: fict-bench
title: Fictional benchmark qualification
sample: true
rules:
  groups:
    - name: Every unit
      kind: mandatory
      units: [{units}]
"""


def best_of(repeats: int, run) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_units(root / "content" / "units", args.units)
        (root / "content" / "qualifications").mkdir(parents=True)
        ids = ", ".join(unit_id(i) for i in range(1, args.units + 1))
        (root / "content" / "qualifications" / "fict-bench.yml").write_text(QUALIFICATION.format(units=ids))
        settings = Settings(root=root, units_dir=root / "content" / "units")
        catalogue = load_catalogue(settings)
        qualifications = load_qualifications(settings, catalogue)
        criteria = sum(len(unit.criteria) for unit in catalogue)
        print(f"{args.units} units, {criteria} criteria, 1 qualification of all of them")
        namespace = "6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90"
        for formats in (FORMATS, *((name,) for name in FORMATS)):
            options = ExportSettings(namespace=namespace, formats=formats)
            seconds = best_of(3, lambda options=options: build_exports(catalogue, qualifications, options))
            size = sum(item.size for item in build_exports(catalogue, qualifications, options).files)
            label = "all formats" if formats == FORMATS else formats[0]
            print(
                f"{label:12} {seconds * 1000:8.1f} ms  {seconds * 1000 / args.units:6.2f} ms/unit  {size / 1e6:6.2f} MB"
            )
        cached = ExportSettings(namespace=namespace, cache_dir=root / "cache")
        build_exports(catalogue, qualifications, cached)
        seconds = best_of(3, lambda: build_exports(catalogue, qualifications, cached))
        print(f"{'warm cache':12} {seconds * 1000:8.1f} ms  {seconds * 1000 / args.units:6.2f} ms/unit  (all formats)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
