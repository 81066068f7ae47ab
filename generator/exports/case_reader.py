"""Read a CASE 1.1 package written by :mod:`generator.exports.case` back into units.

Used to prove the round trip (package -> units equal to the source units, for the fields a
package carries: see :func:`case_view`) and usable by anyone who wants the units back from a
published package. Only the package's own structure is trusted: items are found through
``isChildOf`` associations ordered by ``sequenceNumber``, never by list order.
"""

from __future__ import annotations

from collections import defaultdict

from ..content.model import Unit
from .case import (
    COMPONENT_TYPE,
    CRITERION_TYPE,
    DESCRIPTOR_TYPE,
    GRADING_TYPE,
    OUTCOME_TYPE,
    SUB_CRITERION_TYPE,
    UNIT_TYPE,
)


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


def _statement(item: dict) -> tuple[str, list[str] | None]:
    """An item's own text and bulleted range (the package keeps both in ``extensions``)."""
    extensions = item.get("extensions", {})
    if "bullets" in extensions:
        return extensions["statement"], extensions["bullets"]
    return item["fullStatement"], None


def _text_and_bullets(item: dict, **fields: object) -> dict:
    text, bullets = _statement(item)
    data: dict = {**fields, "text": text}
    if bullets:
        data["bullets"] = bullets
    return data


_UNIT_FACTS = (
    ("awardingBody", "awarding_body"),
    ("unitNumber", "unit_number"),
    ("unitCode", "unit_code"),
    ("sectorUnitNumber", "sector_unit_number"),
    ("otherCodes", "other_codes"),
    ("creditValue", "credit_value"),
    ("guidedLearningHours", "guided_learning_hours"),
    ("scqfCreditPoints", "scqf_credit_points"),
    ("urn", "urn"),
)


def _unit(package: dict, children: dict[str, list[dict]], unit_item: dict) -> Unit:
    facts = unit_item.get("extensions", {})
    data: dict = {"id": facts["unitId"], "title": unit_item["fullStatement"], "level": facts["level"]}
    data.update({name: facts[key] for key, name in _UNIT_FACTS if key in facts})
    if "statusEndDate" in unit_item:
        data["expiry_date"] = unit_item["statusEndDate"]
    outcomes, grading, descriptors = [], [], []
    below_unit = children.get(unit_item["identifier"], [])
    for outcome_item in _of_type(below_unit, OUTCOME_TYPE.title):
        number = int(outcome_item["humanCodingScheme"])
        outcome: dict = {"number": number, "text": outcome_item["fullStatement"], "criteria": []}
        if "assessedBy" in outcome_item.get("extensions", {}):
            outcome["assessed_by"] = outcome_item["extensions"]["assessedBy"]
        below = children.get(outcome_item["identifier"], [])
        for criterion_item in _of_type(below, CRITERION_TYPE.title):
            criterion = _text_and_bullets(criterion_item, number=criterion_item["humanCodingScheme"])
            subs = _of_type(children.get(criterion_item["identifier"], []), SUB_CRITERION_TYPE.title)
            if subs:
                criterion["sub_criteria"] = [_text_and_bullets(s, letter=s["listEnumeration"]) for s in subs]
            outcome["criteria"].append(criterion)
        for graded in _of_type(below, GRADING_TYPE.title):
            spans = graded.get("extensions", {}).get("outcomes")
            order = graded.get("extensions", {}).get("gradingOrder", 0)
            grading.append(
                (order, _text_and_bullets(graded, number=graded["humanCodingScheme"], outcome=spans or number))
            )
        outcomes.append(outcome)
    for descriptor_item in _of_type(below_unit, DESCRIPTOR_TYPE.title):
        components = _of_type(children.get(descriptor_item["identifier"], []), COMPONENT_TYPE.title)
        descriptors.append(
            {
                "number": descriptor_item["humanCodingScheme"],
                "title": descriptor_item["fullStatement"],
                "components": [_text_and_bullets(c, letter=c["listEnumeration"]) for c in components],
            }
        )
    data["learning_outcomes"] = outcomes
    if "grading" in facts:
        criteria = [criterion for _, criterion in sorted(grading, key=lambda pair: pair[0])]
        data["grading"] = {"scheme": facts["grading"], "criteria": criteria, "descriptors": descriptors}
    nos = _nos(package, unit_item)
    if nos is not None:
        data["nos"] = nos
    return Unit.model_validate(data)


def units_from_package(package: dict) -> list[Unit]:
    """The units of ``package``, in the document's order, validated by the unit model."""
    children = _children(package)
    document_id = package["CFDocument"]["identifier"]
    return [_unit(package, children, item) for item in _of_type(children.get(document_id, []), UNIT_TYPE.title)]


def case_view(unit: Unit) -> Unit:
    """``unit`` reduced to what a CASE package carries, for comparing a round trip.

    Carried: id, title, awarding body, every code, level, credit, GLH, SCQF credit points,
    expiry date, outcomes (with how they are assessed), criteria with their bulleted ranges
    and sub-criteria, grading scheme, grading criteria and grade descriptors, NOS mappings.
    Not carried: prose (purpose, assessment, guidance, evidence, third column, per-criterion
    content, grading note, resources, reading list), NOS statement and note, functional
    skills, status and the other dates, source.
    """
    data = unit.model_dump(
        include={
            "id",
            "title",
            "awarding_body",
            "unit_number",
            "unit_code",
            "sector_unit_number",
            "other_codes",
            "level",
            "credit_value",
            "guided_learning_hours",
            "scqf_credit_points",
            "urn",
            "expiry_date",
        }
    )
    data["learning_outcomes"] = [
        {
            "number": outcome.number,
            "text": outcome.text,
            "assessed_by": outcome.assessed_by,
            "criteria": [c.model_dump(include={"number", "text", "bullets", "sub_criteria"}) for c in outcome.criteria],
        }
        for outcome in unit.learning_outcomes
    ]
    if unit.grading:
        data["grading"] = unit.grading.model_dump(include={"scheme", "criteria", "descriptors"})
    if unit.nos and unit.nos.mappings:
        data["nos"] = {"mappings": [m.model_dump(exclude_none=True) for m in unit.nos.mappings]}
    return Unit.model_validate(data)
