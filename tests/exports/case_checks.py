"""Checks of a CASE 1.1 package: the shared CFPackage JSON Schema, then what a schema cannot say.

:func:`case_problems` returns every problem as a line (empty: the package is sound). The
schema is the copy OpenSALT vendors (``../shared/interop/case-v1p1-cfpackage-schema.json``),
checked as Draft 2020-12 with format checks (``uri`` and ``date-time`` need the
rfc3986-validator and rfc3339-validator packages: :func:`format_checker` refuses to run
without them, so a missing package cannot turn the format checks off silently).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache

import jsonschema

from ..conftest import ROOT

SCHEMA_PATH = ROOT.parent / "shared" / "interop" / "case-v1p1-cfpackage-schema.json"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


@cache
def format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    missing = {"uri", "date-time", "date"} - set(checker.checkers)
    assert not missing, f"format checks unavailable: {sorted(missing)} (install the test extras)"
    return checker


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=format_checker())


def schema_problems(package: dict) -> list[str]:
    return [
        f"schema: /{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator().iter_errors(package)
    ]


def structure_problems(package: dict) -> list[str]:
    """Identifiers unique and lower-case UUIDs; association ends resolve; every item reachable by
    exactly one ``isChildOf`` path from the document; no cycles; siblings numbered 1..n."""
    problems: list[str] = []
    document = package["CFDocument"]
    items = {item["identifier"]: item for item in package.get("CFItems", [])}
    types = {t["identifier"]: t for t in package.get("CFDefinitions", {}).get("CFItemTypes", [])}
    associations = package.get("CFAssociations", [])
    every = [document["identifier"], *(i["identifier"] for i in package.get("CFItems", []))]
    every += [a["identifier"] for a in associations] + list(types)
    seen: set[str] = set()
    for identifier in every:
        if not UUID.fullmatch(identifier):
            problems.append(f"identifier {identifier!r} is not a lower-case UUID")
        if identifier in seen:
            problems.append(f"identifier {identifier} is used twice")
        seen.add(identifier)
    uris = [document["uri"], *(i["uri"] for i in items.values()), *(a["uri"] for a in associations)]
    if len(set(uris)) != len(uris):
        problems.append("uri values are not unique")
    nodes = {document["identifier"]: document["uri"], **{k: v["uri"] for k, v in items.items()}}
    for item in items.values():
        link = item.get("CFItemTypeURI")
        if link is not None:
            if link["identifier"] not in types:
                problems.append(f"item {item['identifier']}: CFItemTypeURI does not resolve")
            elif types[link["identifier"]]["title"] != item.get("CFItemType"):
                problems.append(f"item {item['identifier']}: CFItemType disagrees with its CFItemTypeURI")
    parents: dict[str, list[str]] = defaultdict(list)
    siblings: dict[str, list[int]] = defaultdict(list)
    for association in associations:
        origin, destination = association["originNodeURI"], association["destinationNodeURI"]
        name = association["identifier"]
        if nodes.get(origin["identifier"]) != origin["uri"]:
            problems.append(f"association {name}: origin does not resolve to a node of the package")
        external = str(destination.get("targetType", "CASE")).startswith("ext:")
        if association["associationType"] == "isChildOf":
            if nodes.get(destination["identifier"]) != destination["uri"]:
                problems.append(f"association {name}: isChildOf destination does not resolve")
            parents[origin["identifier"]].append(destination["identifier"])
            siblings[destination["identifier"]].append(association.get("sequenceNumber", 0))
        elif not external and nodes.get(destination["identifier"]) != destination["uri"]:
            problems.append(f"association {name}: destination does not resolve")
    for identifier in items:
        if len(parents[identifier]) != 1:
            problems.append(f"item {identifier} has {len(parents[identifier])} isChildOf parents, expected 1")
    for parent, numbers in siblings.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            problems.append(f"children of {parent} are numbered {sorted(numbers)}, expected 1..{len(numbers)}")
    for identifier in items:
        path, current = [identifier], identifier
        while current != document["identifier"]:
            if not parents[current]:
                problems.append(f"item {identifier} is not reachable from the document")
                break
            current = parents[current][0]
            if current in path:
                problems.append(f"item {identifier} is in an isChildOf cycle")
                break
            path.append(current)
    return problems


def case_problems(package: dict) -> list[str]:
    """Every problem of ``package``: schema first, then structure."""
    return schema_problems(package) + structure_problems(package)
