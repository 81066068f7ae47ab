"""Benchmark: how well and how fast ``handbook import`` reads unit documents.

Run with ``.venv/bin/python tests/benchmarks/bench_import.py`` (not collected by pytest).
Imports the three seed texts (compared with their hand transcriptions in content/units/)
and the fictional corpus in tests/importing/corpus/ in every form it is written for (text,
HTML, DOCX, PDF rendered on the fly), and prints per document: import time (read, draft,
check) and field accuracy:

* criteria exact: criteria whose number and text match word for word;
* outcomes exact: outcomes whose number and text match;
* facts: fact fields (title, level, credits, GLH, URN ...) equal to the expected value.

Figures are printed, never asserted: the tests assert exact results document by document.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.importing.build import build_draft  # noqa: E402
from generator.importing.sources import read_source  # noqa: E402
from generator.importing.writing import checked_text  # noqa: E402
from tests.importing.conftest import corpus_cases  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
SEED_UNITS = {
    "000_1924047d488c4147.txt": "r-503-0865",
    "002_da5ba0a8c6eb8706.txt": "ocr-unit-39",
    "004_a6f6ee7d95b42220.txt": "ocr-unit-38",
}
FACTS = (
    "title",
    "awarding_body",
    "unit_number",
    "sector_unit_number",
    "level",
    "credit_value",
    "guided_learning_hours",
    "urn",
    "expiry_date",
)


def import_once(path: Path) -> tuple[dict[str, Any], float]:
    """The draft's data as written to the file, and the seconds taken."""
    start = time.perf_counter()
    draft = build_draft(read_source(path, path.name))
    text = checked_text(draft, path.name, schema="unit.schema.json", source_note=path.name)
    seconds = time.perf_counter() - start
    return yaml.safe_load(text), seconds


def score(got: dict[str, Any], want: dict[str, Any]) -> tuple[int, int, int, int, int, int]:
    """(criteria right, criteria expected, outcomes right, outcomes expected, facts right, facts expected)."""
    got_outcomes = {o["number"]: o for o in got.get("learning_outcomes", [])}
    got_criteria = {(c["number"], c["text"]) for o in got.get("learning_outcomes", []) for c in o["criteria"]}
    criteria_right = criteria_total = outcomes_right = outcomes_total = 0
    for outcome in want.get("learning_outcomes", []):
        outcomes_total += 1
        if got_outcomes.get(outcome["number"], {}).get("text") == outcome.get("text"):
            outcomes_right += 1
        for criterion in outcome["criteria"]:
            criteria_total += 1
            criteria_right += (criterion["number"], criterion["text"]) in got_criteria
    facts = [key for key in FACTS if key in want]
    facts_right = sum(got.get(key) == want[key] for key in facts)
    return criteria_right, criteria_total, outcomes_right, outcomes_total, facts_right, len(facts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="corpus document names (default: all, and the seeds)")
    parser.add_argument("--forms", default="text,html,docx,pdf", help="comma-separated forms (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="imports per document; the fastest is shown")
    args = parser.parse_args()
    forms = set(args.forms.split(","))
    rows: list[tuple[str, str, float, tuple[int, ...]]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if not args.only:
            for seed, unit_id in SEED_UNITS.items():
                want = yaml.safe_load((ROOT / "content" / "units" / f"{unit_id}.yml").read_text(encoding="utf-8"))
                runs = [import_once(SEEDS / seed) for _ in range(args.repeat)]
                rows.append((f"seed {unit_id}", "text", min(s for _, s in runs), score(runs[0][0], want)))
        for case in corpus_cases():
            if case.form not in forms or (args.only and case.name not in args.only):
                continue
            path = case.write(work)
            runs = [import_once(path) for _ in range(args.repeat)]
            rows.append((case.name, case.form, min(s for _, s in runs), score(runs[0][0], case.expected)))
    print(f"{'document':28} {'form':5} {'seconds':>8} {'criteria':>9} {'outcomes':>9} {'facts':>7}")
    totals = [0] * 6
    for name, form, seconds, marks in rows:
        totals = [a + b for a, b in zip(totals, marks, strict=True)]
        print(
            f"{name:28} {form:5} {seconds:8.3f} {marks[0]:>4}/{marks[1]:<4} {marks[2]:>4}/{marks[3]:<4} "
            f"{marks[4]:>3}/{marks[5]:<3}"
        )

    def share(right: int, total: int) -> str:
        return f"{100 * right / total:.1f}%" if total else "n/a"

    print(
        f"accuracy: criteria exact {share(totals[0], totals[1])}, outcomes exact {share(totals[2], totals[3])}, "
        f"facts {share(totals[4], totals[5])} over {len(rows)} documents"
    )
    if rows:
        times = sorted(seconds for _, _, seconds, _ in rows)
        print(f"time per document: median {times[len(times) // 2]:.3f} s, slowest {times[-1]:.3f} s")


if __name__ == "__main__":
    main()
