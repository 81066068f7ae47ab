"""Benchmark: how long the exact rules solver and the evaluator take on a large qualification.

Run: ``.venv/bin/python tests/benchmarks/rule_solver.py``. Prints figures; asserts nothing.
The rules are fictional and sized beyond any real specification seen: 5 mandatory units,
two optional groups of 40 units, three pathways of 12 units, 3 barred pairs inside a group and
2 across groups, an overall
minimum credit and a level rule.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.rules.analysis import analyse
from generator.rules.ruleset import Group, PathwayRules, RuleSet, UnitFacts, evaluate


def large_rules(seed: int = 4) -> RuleSet:
    rng = random.Random(seed)
    ids = [f"u{n:03d}" for n in range(121)]
    units = {
        i: UnitFacts(i, f"Fictional unit {i}", rng.randint(2, 4), rng.randint(1, 8), rng.randint(5, 60)) for i in ids
    }
    groups = (
        Group("Mandatory", "mandatory", tuple(ids[:5])),
        Group("Optional A", "optional", tuple(ids[5:45]), min_credits=30, max_units=10),
        Group("Optional B", "optional", tuple(ids[45:85]), min_units=2, max_credits=40),
    )
    pathways = tuple(
        PathwayRules(
            f"Pathway {p}",
            (Group(f"Pathway {p} units", "optional", tuple(ids[85 + 12 * p : 97 + 12 * p]), min_credits=8),),
        )
        for p in range(3)
    )
    barred = tuple((ids[5 + 2 * n], ids[6 + 2 * n]) for n in range(3)) + tuple(
        (ids[20 + n], ids[60 + n]) for n in range(2)
    )
    return RuleSet("benchmark", groups, pathways, barred, 60, (3, 30), units)


def main() -> None:
    rules = large_rules()
    started = time.perf_counter()
    routes = analyse(rules)
    solve = time.perf_counter() - started
    started = time.perf_counter()
    analyse(rules, minimums=True)
    solve_minimums = time.perf_counter() - started
    # Memory is measured in a second run: tracing allocations slows Python down several times.
    tracemalloc.start()
    analyse(rules)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    selection = {"pathway": "Pathway 1", "units": list(rules.units)[:60]}
    started = time.perf_counter()
    for _ in range(1000):
        evaluate(rules, selection)
    per_verdict = (time.perf_counter() - started) / 1000
    units = len(rules.units)
    print(f"units: {units}, routes: {len(routes)}, barred pairs: {len(rules.barred)}")
    for route in routes:
        totals = route.totals
        span = f"up to {totals.max_credits} credits" if totals else "cannot be met"
        print(f"  {route.pathway}: {span}")
    print(f"solve (every route, exact): {solve:.2f} s, peak memory {peak / 1e6:.1f} MB")
    print(f"solve with the least totals too (for declared-total checks): {solve_minimums:.2f} s")
    print(f"evaluate one selection: {per_verdict * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
