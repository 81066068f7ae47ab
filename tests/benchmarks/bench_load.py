"""Benchmark: CPU seconds to load N fictional units, this loader against another version of it.

Run with ``.venv/bin/python tests/benchmarks/bench_load.py [--units 1000] [--against FILE]``
(not collected by pytest). The units come from ``synthetic.py``; each round loads them all
through ``generator.content.catalogue.load_units`` with the unit cache off, in a fresh process, once
with ``generator/content/loader.py`` and once (if ``--against`` names a copy of an older
``loader.py``) with that file in its place, alternating. Prints the best CPU seconds of each.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

_CHILD = """
import importlib.util, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
if {loader!r}:
    import generator
    spec = importlib.util.spec_from_file_location("generator.content.loader", {loader!r})
    module = importlib.util.module_from_spec(spec)
    sys.modules["generator.content.loader"] = module
    spec.loader.exec_module(module)
from generator.content.catalogue import load_units
paths = sorted(Path({units!r}).glob("*.yml"))
start = time.process_time()
loaded, errors = load_units(paths, root=Path({units!r}).parent, cache=None)
took = time.process_time() - start
assert len(loaded) == len(paths) and not errors, errors[:3]
print(took)
"""


def _run(units: Path, loader: str) -> float:
    code = _CHILD.format(root=str(ROOT), loader=loader, units=str(units))
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(result.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", help="an older loader.py to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        units = Path(tmp) / "units"
        synthetic.write_units(units, args.units)
        versions = {"this loader": ""}
        if args.against:
            versions[f"against {args.against}"] = str(Path(args.against).resolve())
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, loader in versions.items():
                took = _run(units, loader)
                best[name] = min(best.get(name, took), took)
        for name, took in best.items():
            print(f"{name}: {took:.2f} s CPU for {args.units:,} units ({1000 * took / args.units:.2f} ms a unit)")


if __name__ == "__main__":
    main()
