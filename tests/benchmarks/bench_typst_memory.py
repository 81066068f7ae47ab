"""Benchmark: a worker process's memory (RSS) over many Typst documents, and their CPU cost.

Not a test: it prints figures. Run from the repository root:

    .venv/bin/python tests/benchmarks/bench_typst_memory.py [--units 300] [--every 50]

Renders the workbook PDF and the record sheet of ``--units`` different FICTIONAL synthetic
units (``tests/benchmarks/synthetic.py``) in this one process, as a build's worker does, and
prints the resident set size and the CPU seconds of the last ``--every`` units at each step.
Typst memoises layouts (comemo) across documents; this shows whether that memory stays bounded.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.content.catalogue import build_catalogue  # noqa: E402
from generator.printables.pipeline import render_printable  # noqa: E402
from generator.site.render import make_environment  # noqa: E402
from tests.benchmarks.synthetic import write_units  # noqa: E402


def rss_mb() -> float:
    """This process's resident set size now, in MB (from /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--every", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        units_dir = Path(scratch) / "content" / "units"
        write_units(units_dir, args.units)
        units = list(build_catalogue(units_dir, root=Path(scratch)))
        env = make_environment([ROOT / "site_templates"])
        print(f"{len(units)} units, workbook PDF + record sheet each, one process")
        print(f"{'documents':>10}{'RSS MB':>9}{'CPU s (last step)':>19}")
        print(f"{0:>10}{rss_mb():>9.0f}")
        cpu = time.process_time()
        for done, unit in enumerate(units, start=1):
            render_printable("workbook-pdf", unit, env)
            render_printable("record-sheet-pdf", unit, env)
            if done % args.every == 0 or done == len(units):
                now = time.process_time()
                print(f"{2 * done:>10}{rss_mb():>9.0f}{now - cpu:>19.2f}", flush=True)
                cpu = now
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
