"""Benchmark: how well and how fast ``handbook import`` reads unit documents.

Run with ``.venv/bin/python tests/benchmarks/bench_import.py`` (not collected by pytest).
Imports the three seed texts (compared with their hand transcriptions in content/units/)
and the fictional corpus in tests/importing/corpus/ in every form it is written for (text,
HTML, DOCX, PDF rendered on the fly), and prints per document: import time (read, draft,
check) and field accuracy:

* criteria exact: criteria (and P/M/D grading criteria) whose number and text match word for word;
* outcomes exact: outcomes whose number and text match;
* facts: fact fields (title, level, credits, GLH, URN ...) equal to the expected value.

``pdf-u`` rows print each PDF again with its tables unruled (no cell borders), the known weak spot:
their columns arrive run together and are untangled (and marked) by the importer.

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
from weasyprint import HTML

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.importing.build import build_draft  # noqa: E402
from generator.importing.sources import ImportProblem, read_source  # noqa: E402
from generator.importing.writing import checked_text  # noqa: E402
from tests.importing.conftest import CORPUS, corpus_cases  # noqa: E402
from tests.importing.render import to_html  # noqa: E402

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
    got_outcomes = {o["number"]: o for o in (got.get("learning_outcomes") or [])}
    got_criteria = {
        (c["number"], c["text"]) for o in (got.get("learning_outcomes") or []) for c in o.get("criteria", [])
    }
    got_criteria |= {(c["number"], c["text"]) for c in (got.get("grading") or {}).get("criteria", [])}
    criteria_right = criteria_total = outcomes_right = outcomes_total = 0
    for outcome in want.get("learning_outcomes", []):
        outcomes_total += 1
        if got_outcomes.get(outcome["number"], {}).get("text") == outcome.get("text"):
            outcomes_right += 1
        for criterion in outcome.get("criteria", []):
            criteria_total += 1
            criteria_right += (criterion["number"], criterion["text"]) in got_criteria
    for criterion in (want.get("grading") or {}).get("criteria", []):
        criteria_total += 1
        criteria_right += (criterion["number"], criterion["text"]) in got_criteria
    facts = [key for key in FACTS if key in want]
    facts_right = sum(got.get(key) == want[key] for key in facts)
    return criteria_right, criteria_total, outcomes_right, outcomes_total, facts_right, len(facts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="corpus document names (default: all, and the seeds)")
    parser.add_argument(
        "--forms",
        default="text,html,docx,pdf,pdf-unruled",
        help="comma-separated forms (default: all; pdf-unruled prints the PDF's tables without rules)",
    )
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
            wanted = case.form in forms or (case.form == "pdf" and "pdf-unruled" in forms)
            if not wanted or (args.only and case.name not in args.only):
                continue
            path = case.write(work)
            runs = [import_once(path) for _ in range(args.repeat)]
            rows.append((case.name, case.form, min(s for _, s in runs), score(runs[0][0], case.expected)))
            if case.form == "pdf" and "pdf-unruled" in forms:
                unruled = work / f"{case.name}-unruled.pdf"
                text = (CORPUS / f"{case.name}.txt").read_text(encoding="utf-8")
                HTML(string=to_html(text).replace("border:1px solid #000;", "border:none;")).write_pdf(unruled)
                try:
                    runs = [import_once(unruled) for _ in range(args.repeat)]
                except ImportProblem:
                    rows.append((case.name, "pdf-u", 0.0, score({}, case.expected)))
                    continue
                rows.append((case.name, "pdf-u", min(s for _, s in runs), score(runs[0][0], case.expected)))
    print(f"{'document':28} {'form':5} {'seconds':>8} {'criteria':>9} {'outcomes':>9} {'facts':>7}")
    for name, form, seconds, marks in rows:
        print(
            f"{name:28} {form:5} {seconds:8.3f} {marks[0]:>4}/{marks[1]:<4} {marks[2]:>4}/{marks[3]:<4} "
            f"{marks[4]:>3}/{marks[5]:<3}"
        )

    def share(right: int, total: int) -> str:
        return f"{100 * right / total:.1f}%" if total else "n/a"

    for label, chosen in (
        ("accuracy", [r for r in rows if r[1] != "pdf-u"]),
        ("unruled PDF", [r for r in rows if r[1] == "pdf-u"]),
    ):
        if not chosen:
            continue
        sums = [sum(r[3][k] for r in chosen) for k in range(6)]
        print(
            f"{label}: criteria exact {share(sums[0], sums[1])}, outcomes exact {share(sums[2], sums[3])}, "
            f"facts {share(sums[4], sums[5])} over {len(chosen)} documents"
        )
    if rows:
        times = sorted(seconds for _, _, seconds, _ in rows)
        print(f"time per document: median {times[len(times) // 2]:.3f} s, slowest {times[-1]:.3f} s")


if __name__ == "__main__":
    main()
