"""A reader of Moodle competency framework CSV that applies the importer's rules.

The rules are those of ``admin/tool/lpimportcsv`` as ``../shared/interop/MOODLE_CSV.md``
records them: reading (BOM, newlines, whole-file trim, blank lines, equal column counts),
the framework row (exactly one truthy "Is framework"; scale values and a valid scale
configuration; known taxonomy terms), the competency rows (ID number and short name
present and at most 100 characters; unique ID numbers under PHP's loose comparison;
parents that resolve; no cycles; description format 0/1/2/4; rule outcome 0-3; rule config
JSON or ``null``), and the tree built the importer's way (from the framework down,
siblings in file order). Anything the importer would reject, or drop silently, is a
problem; :attr:`MoodleFramework.competencies` counts what it would create.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

TAXONOMY_TERMS = {
    "",
    "behaviour",
    "competency",
    "concept",
    "domain",
    "indicator",
    "level",
    "outcome",
    "practice",
    "proficiency",
    "skill",
    "value",
}
PHP_NUMERIC = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*")


def php_truthy(text: str) -> bool:
    return text not in ("", "0")


def php_loose_key(text: str) -> object:
    """What PHP's ``==`` compares between two strings: numbers by value, other text as is."""
    return float(text) if PHP_NUMERIC.fullmatch(text) else text


@dataclass
class Competency:
    parent: str
    idnumber: str
    shortname: str
    description: str
    row: int
    children: list[Competency] = field(default_factory=list)


@dataclass
class MoodleFramework:
    framework: dict[str, str] | None = None
    roots: list[Competency] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    competencies: int = 0


def _scale_problems(values: str, configuration: str, where: str) -> list[str]:
    items = values.split(",") if values else []
    if not items:
        return [f"{where}: no scale values"]
    try:
        config = json.loads(configuration)
    except ValueError:
        return [f"{where}: scale configuration is not JSON"]
    if not isinstance(config, list) or not config or not isinstance(config[0], dict) or "scaleid" not in config[0]:
        return [f"{where}: scale configuration must be an array starting with {{scaleid}}"]
    rest = config[1:]
    problems = []
    for entry in rest:
        if not isinstance(entry, dict) or not 1 <= int(entry.get("id", 0)) <= len(items):
            problems.append(f"{where}: scale configuration entry {entry!r} names no scale item")
    if not any(isinstance(e, dict) and e.get("scaledefault") for e in rest):
        problems.append(f"{where}: no default scale value")
    if not any(isinstance(e, dict) and e.get("proficient") for e in rest):
        problems.append(f"{where}: no proficient scale value")
    return problems


def read_moodle_csv(data: bytes) -> MoodleFramework:
    """Parse ``data`` as the importer would and list every problem."""
    result = MoodleFramework()
    text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        result.problems.append("empty file")
        return result
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    width = len(rows[0])
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            result.problems.append(f"row {number}: {len(row)} columns, the header has {width}")
        for cell in row:
            if '\\"' in cell:
                result.problems.append(f"row {number}: a backslash before a quote (PHP's fgetcsv splits differently)")
    if width < 13:
        result.problems.append(f"{width} columns: no row can be the framework row")
        return result
    flat: dict[str, Competency] = {}
    frameworks = 0
    for number, raw in enumerate(rows[1:], start=2):
        row = raw + [""] * (14 - len(raw))
        where = f"row {number}"
        if php_truthy(row[12]):
            frameworks += 1
            result.framework = {"idnumber": row[1], "shortname": row[2], "taxonomy": row[13]}
            result.problems += _scale_problems(row[5], row[6], where)
            for term in row[13].split(","):
                if term not in TAXONOMY_TERMS:
                    result.problems.append(f"{where}: taxonomy term {term!r} is not allowed")
            if not row[1] or not row[2]:
                result.problems.append(f"{where}: the framework needs an ID number and a short name")
            continue
        if row[4] not in ("0", "1", "2", "4"):
            result.problems.append(f"{where}: description format {row[4]!r} is not 0, 1, 2 or 4")
        if row[7]:
            if row[8] not in ("0", "1", "2", "3"):
                result.problems.append(f"{where}: rule outcome {row[8]!r} is not 0-3")
            if row[9] != "null":
                try:
                    json.loads(row[9])
                except ValueError:
                    result.problems.append(f"{where}: rule config is neither JSON nor null")
        if row[5]:
            result.problems += _scale_problems(row[5], row[6], where)
        if not row[1] or not row[2]:
            result.problems.append(f"{where}: empty ID number or short name: dropped with its descendants")
        for name, value in (("ID number", row[1]), ("short name", row[2])):
            if len(value) > 100:
                result.problems.append(f"{where}: {name} is {len(value)} characters; Moodle keeps 100")
        key = row[1]
        same = [c for c in flat.values() if php_loose_key(c.idnumber) == php_loose_key(key)]
        if same:
            result.problems.append(f"{where}: ID number {key!r} repeats row {same[0].row}")
        flat[key] = Competency(row[0], row[1], row[2], row[3], number)
    if frameworks != 1:
        result.problems.append(f"{frameworks} framework rows, expected exactly 1")
        return result
    reached: set[int] = set()

    def attach(parent_idnumber: str, into: list[Competency]) -> None:
        for competency in flat.values():
            if competency.row in reached:
                continue
            if php_loose_key(competency.parent) == php_loose_key(parent_idnumber):
                reached.add(competency.row)
                into.append(competency)
                if competency.idnumber and competency.shortname:
                    result.competencies += 1
                    attach(competency.idnumber, competency.children)

    attach("", result.roots)
    for competency in flat.values():
        if competency.row not in reached:
            result.problems.append(
                f"row {competency.row}: parent {competency.parent!r} is never reached: dropped with its descendants"
            )
    return result
