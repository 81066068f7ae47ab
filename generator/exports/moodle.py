"""A qualification as a Moodle competency framework, in the CSV that Moodle's admin tool
"Import competency framework" (``tool_lpimportcsv``) reads.

The importer reads 14 columns by position (the header labels below are the current
English ones; Moodle never compares them). One row is the framework (``Is framework`` = 1)
with the scale and the taxonomy; then one row per unit (top level: empty parent), per
learning outcome (parent: its unit), per assessment criterion and grading criterion (parent:
its outcome; a P/M/D criterion spanning outcomes sits under the first) and per sub-criterion
(parent: its criterion).

- ID numbers: the qualification id for the framework; ``<unit id>`` for a unit (``unit-<id>``
  when the id looks like a number to PHP, whose loose ``==`` would match ``1`` with ``01``);
  ``<unit id>/LO<n>`` for an outcome; ``<unit id>/<n.m>`` for a criterion, ``<unit id>/<n.m><letter>``
  for a sub-criterion, ``<unit id>/P1`` for a grading criterion. All stay under
  Moodle's 100-character limit (unit ids are at most 64 characters).
- Short names are cut to 100 characters (Moodle's limit) with an ellipsis; the full text
  is the description.
- Descriptions are plain text (format 2), which Moodle escapes when it shows them, so no
  unit text can become markup there.
- Scale: ``Not yet competent,Competent`` (Moodle's own default competency scale, so an
  import reuses it), "Competent" the default and proficient value.
- Rules: a unit, an outcome and a criterion with sub-criteria are completed when all their
  children are (``core_competency\\competency_rule_all``, outcome 2 "complete the
  competency"). A graded unit (Merit or Distinction criteria, or grade descriptors) gets no
  rules, because a Pass needs only some of its children: the assessor completes it.
- Taxonomy per depth: competency (unit), outcome, indicator (criterion), indicator (sub-criterion).
- Grade descriptors (Access to HE) are not competencies a learner completes, so they are left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ..content.model import Unit
from ..content.qualification_model import Qualification
from .case import with_bullets
from .unit_facts import unit_code
from .writing import csv_bytes

MOODLE_DIR = "exports/moodle"
HEADER = (
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
)
FORMAT_PLAIN = "2"
SCALE_VALUES = "Not yet competent,Competent"
#: The importer replaces ``scaleid`` with the scale it finds or creates; item 2 ("Competent")
#: is the default and the proficient value.
SCALE_CONFIGURATION = json.dumps(
    [{"scaleid": ""}, {"id": 2, "scaledefault": 1, "proficient": 1}],
    separators=(",", ":"),
)
RULE_ALL = "core_competency\\competency_rule_all"
OUTCOME_NONE, OUTCOME_COMPLETE = "0", "2"
TAXONOMY = "competency,outcome,indicator,indicator"
SHORT_NAME_LIMIT = 100

#: What PHP's is_numeric accepts (leading whitespace, sign, decimals, exponent).
_PHP_NUMERIC = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*")


def moodle_path(qualification: Qualification) -> str:
    """``exports/moodle/<slug>.csv``."""
    return f"{MOODLE_DIR}/{qualification.slug}.csv"


def short_name(text: str) -> str:
    """``text`` on one line, cut to Moodle's 100 characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= SHORT_NAME_LIMIT else line[: SHORT_NAME_LIMIT - 1].rstrip() + "…"


def plain(text: str) -> str:
    """Text for a Moodle cell: a backslash before a double quote is kept apart from it.

    Moodle parses with PHP's ``fgetcsv``, whose escape character is the backslash: ``\\"``
    inside a quoted field would not close it, so a record could split differently from
    what RFC 4180 writers mean. A reversed-solidus look-alike (U+29F5) takes its place.
    """
    return text.replace('\\"', '\u29f5"')


def unit_idnumber(unit: Unit) -> str:
    """The unit's ID number: its id, or ``unit-<id>`` when PHP would read the id as a number."""
    return f"unit-{unit.id}" if _PHP_NUMERIC.fullmatch(unit.id) else unit.id


def _row(parent: str, idnumber: str, name: str, description: str, *, rule: bool) -> list[str]:
    return [
        parent,
        idnumber,
        plain(short_name(name)),
        plain(description),
        FORMAT_PLAIN,
        "",
        "",
        RULE_ALL if rule else "",
        OUTCOME_COMPLETE if rule else OUTCOME_NONE,
        "null",
        "",
        "",
        "",
        "",
    ]


def framework_rows(qualification: Qualification, units: Sequence[Unit]) -> list[list[str]]:
    """The CSV rows (header first) of the qualification's competency framework."""
    framework = [
        "",
        qualification.id,
        plain(short_name(qualification.title)),
        plain(qualification.description or qualification.title),
        FORMAT_PLAIN,
        SCALE_VALUES,
        SCALE_CONFIGURATION,
        "",
        "",
        "",
        "",
        "",
        "1",
        TAXONOMY,
    ]
    rows = [list(HEADER), framework]
    for unit in units:
        rows.extend(unit_rows(unit))
    return rows


def unit_rows(unit: Unit) -> list[list[str]]:
    """The rows of one unit: the unit, then each outcome with its criteria and grading criteria."""
    unit_id = unit_idnumber(unit)
    code = unit_code(unit)
    rules = not unit.graded
    rows = [_row("", unit_id, f"{code} {unit.title}" if code else unit.title, unit.title, rule=rules)]
    grading = unit.grading.criteria if unit.grading else []
    for outcome in unit.learning_outcomes:
        outcome_id = f"{unit_id}/LO{outcome.number}"
        # Moodle offers a rule only on a competency with children; an exam-assessed outcome may have none.
        has_children = bool(outcome.criteria) or any(g.outcomes[0] == outcome.number for g in grading)
        label = f"LO{outcome.number} {outcome.text}"
        rows.append(_row(unit_id, outcome_id, label, outcome.text, rule=rules and has_children))
        for criterion in outcome.criteria:
            criterion_id = f"{unit_id}/{criterion.number}"
            text = with_bullets(criterion.text, criterion.bullets)
            subs = criterion.sub_criteria or []
            rows.append(_row(outcome_id, criterion_id, f"{criterion.number} {text}", text, rule=rules and bool(subs)))
            for sub in subs:
                sub_text = with_bullets(sub.text, sub.bullets)
                label = f"{criterion.number} {sub.letter})"
                rows.append(
                    _row(criterion_id, f"{criterion_id}{sub.letter}", f"{label} {sub_text}", sub_text, rule=False)
                )
        for graded in (g for g in grading if g.outcomes[0] == outcome.number):
            text = with_bullets(graded.text, graded.bullets)
            rows.append(_row(outcome_id, f"{unit_id}/{graded.number}", f"{graded.number} {text}", text, rule=False))
    return rows


def moodle_csv(qualification: Qualification, units: Sequence[Unit]) -> bytes:
    """The framework as CSV bytes (UTF-8, no BOM, comma-separated)."""
    return csv_bytes(framework_rows(qualification, units))
