"""Read a CASE 1.1 package written by :mod:`generator.exports.case` back into units.

Used to prove the round trip (package -> units equal to the source units, for the fields a
package carries: see :func:`case_view`) and usable by anyone who wants the units back from a
published package. Only the package's own structure is trusted: items are found through
``isChildOf`` associations ordered by ``sequenceNumber``, never by list order.
"""

from __future__ import annotations

from collections import defaultdict

from ..content.model import Unit
from .case import CRITERION_TYPE, OUTCOME_TYPE, UNIT_TYPE


class PackageError(ValueError):
    """The package does not have the shape this generator writes."""


def _children(package: dict) -> dict[str, list[dict]]:
    """Each destination identifier's ``isChildOf`` children (as items), in sequence order."""
    items = {item["identifier"]: item for item in package.get("CFItems", [])}
    children: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for association in package.get("CFAssociations", []):
        if association["associationType"] != "isChildOf":
            continue
        child = items.get(association["originNodeURI"]["identifier"])
        if child is None:
            raise PackageError(f"association {association['identifier']}: origin is not an item of the package")
        parent = association["destinationNodeURI"]["identifier"]
        children[parent].append((association.get("sequenceNumber", 0), child))
    return {
        parent: [child for _, child in sorted(found, key=lambda pair: pair[0])] for parent, found in children.items()
    }


def _of_type(items: list[dict], title: str) -> list[dict]:
    return [item for item in items if item.get("CFItemType") == title]


def _nos(package: dict, unit_item: dict) -> dict | None:
    mappings = []
    for association in package.get("CFAssociations", []):
        if association["associationType"] != "isRelatedTo":
            continue
        if association["originNodeURI"]["identifier"] != unit_item["identifier"]:
            continue
        extensions = association.get("extensions", {})
        mapping = {"suite": extensions["nosSuite"]}
        for key, name in (("nosCode", "code"), ("nosTitle", "title")):
            if key in extensions:
                mapping[name] = extensions[key]
        if association.get("notes"):
            mapping["relationship"] = association["notes"]
        mappings.append(mapping)
    return {"mappings": mappings} if mappings else None


def units_from_package(package: dict) -> list[Unit]:
    """The units of ``package``, in the document's order, validated by the unit model."""
    children = _children(package)
    document_id = package["CFDocument"]["identifier"]
    units = []
    for unit_item in _of_type(children.get(document_id, []), UNIT_TYPE.title):
        facts = unit_item.get("extensions", {})
        data: dict = {
            "id": facts["unitId"],
            "title": unit_item["fullStatement"],
            "level": facts["level"],
            "learning_outcomes": [],
        }
        for key, name in (
            ("awardingBody", "awarding_body"),
            ("unitNumber", "unit_number"),
            ("sectorUnitNumber", "sector_unit_number"),
            ("creditValue", "credit_value"),
            ("guidedLearningHours", "guided_learning_hours"),
            ("urn", "urn"),
        ):
            if key in facts:
                data[name] = facts[key]
        if "statusEndDate" in unit_item:
            data["expiry_date"] = unit_item["statusEndDate"]
        for outcome_item in _of_type(children.get(unit_item["identifier"], []), OUTCOME_TYPE.title):
            criteria = _of_type(children.get(outcome_item["identifier"], []), CRITERION_TYPE.title)
            data["learning_outcomes"].append(
                {
                    "number": int(outcome_item["humanCodingScheme"]),
                    "text": outcome_item["fullStatement"],
                    "criteria": [{"number": c["humanCodingScheme"], "text": c["fullStatement"]} for c in criteria],
                }
            )
        nos = _nos(package, unit_item)
        if nos is not None:
            data["nos"] = nos
        units.append(Unit.model_validate(data))
    return units


def case_view(unit: Unit) -> Unit:
    """``unit`` reduced to what a CASE package carries, for comparing a round trip.

    Carried: id, title, awarding body, codes, level, credit, GLH, expiry date, outcomes and
    criteria (number and text), NOS mappings. Not carried: prose (purpose, assessment,
    guidance, evidence, third column, resources, reading list), NOS statement and note,
    functional skills.
    """
    data = unit.model_dump(
        include={
            "id",
            "title",
            "awarding_body",
            "unit_number",
            "sector_unit_number",
            "level",
            "credit_value",
            "guided_learning_hours",
            "urn",
            "expiry_date",
        }
    )
    data["learning_outcomes"] = [
        {
            "number": outcome.number,
            "text": outcome.text,
            "criteria": [{"number": c.number, "text": c.text} for c in outcome.criteria],
        }
        for outcome in unit.learning_outcomes
    ]
    if unit.nos and unit.nos.mappings:
        data["nos"] = {"mappings": [m.model_dump(exclude_none=True) for m in unit.nos.mappings]}
    return Unit.model_validate(data)
