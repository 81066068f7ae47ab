"""CASE 1.1 packages (1EdTech Competencies and Academic Standards Exchange): a CFPackage per
qualification and one for the whole catalogue.

The qualification (or the catalogue) is the ``CFDocument``; each unit, learning outcome and
assessment criterion is a ``CFItem`` with a ``humanCodingScheme`` (the unit's code, ``1``
for an outcome, ``1.2`` for a criterion) and a ``CFItemType`` defined in ``CFDefinitions``.
The hierarchy is carried only by ``isChildOf`` associations (child is the origin, parent the
destination) numbered by ``sequenceNumber`` from 1 among siblings; NOS mappings are
``isRelatedTo`` associations to external nodes (``targetType`` ``ext:NOS``). Facts CASE has
no field for (level, credit, GLH, URN, unit id, the page) are in ``extensions``.

Identifiers and ``uri`` values come from :mod:`generator.exports.identifiers`. A record's
``uri`` is its package's address with the identifier as fragment
(``…/exports/case/<name>.json#<identifier>``), which resolves to the package holding it.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..content.model import SubCriterion, Unit
from ..printables.cache import Writable
from ..site.pages import page_url, unit_page_path
from .identifiers import Identifiers
from .unit_facts import unit_code
from .writing import json_text

CASE_DIR = "exports/case"
CATALOGUE_NAME = "catalogue"
LANGUAGE = "en"
NOS_TARGET_TYPE = "ext:NOS"


@dataclass(frozen=True)
class ItemType:
    """A ``CFItemType`` the packages use."""

    code: str
    title: str
    description: str
    hierarchy_code: str


UNIT_TYPE = ItemType("unit", "Unit", "A unit of a qualification, with its learning outcomes.", "1")
OUTCOME_TYPE = ItemType("learning-outcome", "Learning Outcome", "What the learner will know or be able to do.", "2")
CRITERION_TYPE = ItemType(
    "assessment-criterion", "Assessment Criterion", "What the learner can do to show the outcome is met.", "3"
)
SUB_CRITERION_TYPE = ItemType(
    "sub-criterion", "Sub-criterion", "A lettered part of an assessment criterion, assessed on its own.", "4"
)
GRADING_TYPE = ItemType(
    "grading-criterion", "Grading Criterion", "A Pass, Merit or Distinction criterion (P1, M1, D1 ...).", "3"
)
DESCRIPTOR_TYPE = ItemType(
    "grade-descriptor", "Grade Descriptor", "An Access to HE grade descriptor the unit is graded against.", "2"
)
COMPONENT_TYPE = ItemType(
    "grade-descriptor-component", "Grade Descriptor Component", "A component of a grade descriptor.", "3"
)
ITEM_TYPES: tuple[ItemType, ...] = (
    UNIT_TYPE,
    OUTCOME_TYPE,
    CRITERION_TYPE,
    SUB_CRITERION_TYPE,
    GRADING_TYPE,
    DESCRIPTOR_TYPE,
    COMPONENT_TYPE,
)
ITEM_TYPES_BY_TITLE = {item_type.title: item_type for item_type in ITEM_TYPES}


@dataclass(frozen=True)
class DocumentFacts:
    """What the ``CFDocument`` says: its name in addresses, title, source and facts."""

    name: str
    title: str
    creator: str
    publisher: str
    official_page: str
    description: str | None = None
    notes: tuple[str, ...] = ()
    extensions: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The document's part of every identifier name: ``catalogue`` or ``qualification/<slug>``."""
        return self.name if self.name == CATALOGUE_NAME else f"qualification/{self.name}"


def package_path(name: str) -> str:
    """Where a package is published: ``exports/case/<name>.json``."""
    return f"{CASE_DIR}/{name}.json"


def timestamp(when: dt.datetime) -> str:
    """A ``lastChangeDateTime``: RFC 3339 in UTC, whole seconds."""
    return when.astimezone(dt.UTC).replace(microsecond=0).isoformat()


class _Package:
    """Collects items and associations of one package in document order."""

    def __init__(self, facts: DocumentFacts, ids: Identifiers, when: str, directory_urls: bool) -> None:
        self.facts = facts
        self.ids = ids
        self.when = when
        self.directory_urls = directory_urls
        self.uri = ids.url(package_path(facts.name))
        self.document_id = ids.document(facts.key)
        self.items: list[dict] = []
        self.associations: list[dict] = []

    def link(self, identifier: str, title: str) -> dict:
        return {"title": title, "identifier": identifier, "uri": f"{self.uri}#{identifier}"}

    def document_link(self) -> dict:
        return {"title": self.facts.title, "identifier": self.document_id, "uri": self.uri}

    def type_link(self, item_type: ItemType) -> dict:
        identifier = self.ids.item_type(item_type.code)
        # Every package defines every type; the catalogue package is always published, so point there.
        return {
            "title": item_type.title,
            "identifier": identifier,
            "uri": self.ids.url(f"{package_path(CATALOGUE_NAME)}#{identifier}"),
        }

    def add_item(
        self,
        path: tuple[str, ...],
        item_type: ItemType,
        statement: str,
        code: str | None,
        position: int,
        parent: dict,
        extensions: dict | None = None,
        status_end: dt.date | None = None,
        enumeration: str | None = None,
        bullets: Sequence[str] | None = None,
    ) -> dict:
        identifier = self.ids.item(self.facts.key, *path)
        item: dict = {
            "identifier": identifier,
            "uri": f"{self.uri}#{identifier}",
            "fullStatement": with_bullets(statement, bullets),
        }
        if code:
            item["humanCodingScheme"] = code
        item["listEnumeration"] = enumeration or str(position)
        item["CFItemType"] = item_type.title
        item["CFItemTypeURI"] = self.type_link(item_type)
        item["language"] = LANGUAGE
        if status_end is not None:
            item["statusEndDate"] = status_end.isoformat()
        item["lastChangeDateTime"] = self.when
        if bullets:
            extensions = {**(extensions or {}), "statement": statement, "bullets": list(bullets)}
        if extensions:
            item["extensions"] = extensions
        self.items.append(item)
        link = self.link(identifier, code or statement[:100])
        self.associate("isChildOf", link, parent, sequence=position)
        return link

    def associate(
        self,
        kind: str,
        origin: dict,
        destination: dict,
        *,
        sequence: int | None = None,
        notes: str | None = None,
        extensions: dict | None = None,
    ) -> None:
        identifier = self.ids.association(self.facts.key, kind, origin["identifier"], destination["identifier"])
        association: dict = {"identifier": identifier, "associationType": kind}
        if sequence is not None:
            association["sequenceNumber"] = sequence
        association["uri"] = f"{self.uri}#{identifier}"
        association["originNodeURI"] = origin
        association["destinationNodeURI"] = destination
        association["lastChangeDateTime"] = self.when
        if notes:
            association["notes"] = notes
        if extensions:
            association["extensions"] = extensions
        self.associations.append(association)

    def add_unit(self, unit: Unit, position: int) -> None:
        unit_link = self.add_item(
            (unit.slug,),
            UNIT_TYPE,
            unit.title,
            unit_code(unit),
            position,
            self.document_link(),
            extensions=unit_extensions(unit, self.ids, self.directory_urls),
            status_end=unit.expiry_date,
        )
        grading = unit.grading.criteria if unit.grading else []
        for outcome in unit.learning_outcomes:
            outcome_link = self.add_item(
                (unit.slug, "lo", str(outcome.number)),
                OUTCOME_TYPE,
                outcome.text,
                str(outcome.number),
                outcome.number,
                unit_link,
                extensions={"assessedBy": outcome.assessed_by} if outcome.assessed_by != "portfolio" else None,
            )
            position = 0
            for position, criterion in enumerate(outcome.criteria, start=1):
                criterion_link = self.add_item(
                    (unit.slug, "ac", criterion.number),
                    CRITERION_TYPE,
                    criterion.text,
                    criterion.number,
                    position,
                    outcome_link,
                    bullets=criterion.bullets,
                )
                path = (unit.slug, "ac", criterion.number)
                self.add_lettered(path, SUB_CRITERION_TYPE, criterion.sub_criteria or [], criterion_link)
            for order, graded in enumerate(grading, start=1):
                if graded.outcomes[0] != outcome.number:
                    continue
                position += 1
                # The unit's own order of its grading criteria, which the tree alone cannot keep.
                spans: dict = {"gradingOrder": order}
                if len(graded.outcomes) > 1:
                    spans["outcomes"] = list(graded.outcomes)
                self.add_item(
                    (unit.slug, "grading", graded.number),
                    GRADING_TYPE,
                    graded.text,
                    graded.number,
                    position,
                    outcome_link,
                    extensions=spans,
                    bullets=graded.bullets,
                )
        descriptors = unit.grading.descriptors if unit.grading else []
        for number, descriptor in enumerate(descriptors, start=len(unit.learning_outcomes) + 1):
            descriptor_link = self.add_item(
                (unit.slug, "descriptor", descriptor.number),
                DESCRIPTOR_TYPE,
                descriptor.title,
                descriptor.number,
                number,
                unit_link,
            )
            path = (unit.slug, "descriptor", descriptor.number)
            self.add_lettered(path, COMPONENT_TYPE, descriptor.components, descriptor_link)
        self.add_nos(unit, unit_link)

    def add_lettered(
        self, path: tuple[str, ...], item_type: ItemType, parts: Sequence[SubCriterion], parent: dict
    ) -> None:
        """Lettered parts (sub-criteria, descriptor components): code ``1.2 a)``, enumeration ``a``."""
        for index, part in enumerate(parts, start=1):
            self.add_item(
                (*path, part.letter),
                item_type,
                part.text,
                f"{path[-1]} {part.letter})",
                index,
                parent,
                enumeration=part.letter,
                bullets=part.bullets,
            )

    def add_nos(self, unit: Unit, unit_link: dict) -> None:
        nos_page = self.ids.url(page_url("indexes/nos.md", directory_urls=self.directory_urls))
        for mapping in unit.nos.mappings if unit.nos else ():
            key = "/".join((mapping.suite, mapping.code or "", mapping.title or "")).casefold()
            title = " ".join(part for part in (mapping.code, mapping.title) if part) or mapping.suite
            node = {
                "title": title,
                "identifier": self.ids.external("nos", key),
                "uri": nos_page,
                "targetType": NOS_TARGET_TYPE,
            }
            extensions = {"nosSuite": mapping.suite}
            if mapping.code:
                extensions["nosCode"] = mapping.code
            if mapping.title:
                extensions["nosTitle"] = mapping.title
            self.associate("isRelatedTo", unit_link, node, notes=mapping.relationship, extensions=extensions)

    def document(self) -> dict:
        facts = self.facts
        document: dict = {
            "identifier": self.document_id,
            "uri": self.uri,
            "caseVersion": "1.1",
            "creator": facts.creator,
            "title": facts.title,
            "lastChangeDateTime": self.when,
            "officialSourceURL": self.ids.url(page_url(facts.official_page, directory_urls=self.directory_urls)),
            "publisher": facts.publisher,
        }
        if facts.description:
            document["description"] = facts.description
        document["language"] = LANGUAGE
        notes = list(facts.notes)
        if self.ids.placeholder:
            notes.append(
                f"Addresses use the placeholder base {self.ids.base} because the site has no site_url; "
                "identifiers are unaffected."
            )
        if notes:
            document["notes"] = "\n\n".join(notes)
        if facts.extensions:
            document["extensions"] = facts.extensions
        return document

    def definitions(self) -> dict:
        return {
            "CFItemTypes": [
                {
                    "identifier": self.ids.item_type(item_type.code),
                    "uri": self.type_link(item_type)["uri"],
                    "title": item_type.title,
                    "description": item_type.description,
                    "hierarchyCode": item_type.hierarchy_code,
                    "typeCode": item_type.code,
                    "lastChangeDateTime": self.when,
                }
                for item_type in ITEM_TYPES
            ]
        }


def with_bullets(statement: str, bullets: Sequence[str] | None) -> str:
    """A statement with its bulleted range as Markdown list lines, as CASE tools show it."""
    return statement + "".join(f"\n- {bullet}" for bullet in bullets or ())


def unit_extensions(unit: Unit, ids: Identifiers, directory_urls: bool) -> dict:
    """The unit facts CASE has no field for, under camelCase names (only those stated).

    ``level`` is the level as the unit states it (``3``, ``Entry 3``, ``SCQF 6``, ``not
    stated``); ``creditValue``, ``guidedLearningHours`` and ``scqfCreditPoints`` are numbers,
    or the text ``not stated`` / ``not available``.
    """
    facts = {
        "unitId": unit.id,
        "level": str(unit.level),
        "levelFramework": unit.level.framework.value,
        "levelLabel": unit.level.label,
        "creditValue": unit.credit_value,
        "guidedLearningHours": unit.guided_learning_hours,
        "scqfCreditPoints": unit.scqf_credit_points,
        "urn": unit.urn,
        "unitCode": unit.unit_code,
        "unitNumber": unit.unit_number,
        "sectorUnitNumber": unit.sector_unit_number,
        "otherCodes": [{"label": c.label, "code": c.code} for c in unit.other_codes] or None,
        "awardingBody": unit.awarding_body,
        "grading": unit.grading.scheme if unit.grading else None,
        "unitVersion": unit.version.label if unit.version else None,
        "unitVersionDate": unit.version.date.isoformat() if unit.version and unit.version.date else None,
        "page": ids.url(page_url(unit_page_path(unit), directory_urls=directory_urls)),
    }
    return {name: value for name, value in facts.items() if value is not None}


def case_package(
    facts: DocumentFacts,
    units: Sequence[Unit],
    ids: Identifiers,
    *,
    when: dt.datetime,
    directory_urls: bool = True,
) -> dict:
    """The CFPackage of ``units`` under the document ``facts``, as plain data ready for JSON."""
    package = _Package(facts, ids, timestamp(when), directory_urls)
    for position, unit in enumerate(units, start=1):
        package.add_unit(unit, position)
    return {
        "CFDocument": package.document(),
        "CFItems": package.items,
        "CFAssociations": package.associations,
        "CFDefinitions": package.definitions(),
    }


def case_package_json(
    facts: DocumentFacts,
    units: Sequence[Unit],
    ids: Identifiers,
    *,
    when: dt.datetime,
    directory_urls: bool = True,
) -> bytes:
    """``json_bytes(case_package(...))``, the same bytes, encoded unit by unit (see :func:`write_case_package`)."""
    buffer = io.BytesIO()
    write_case_package(buffer, facts, units, ids, when=when, directory_urls=directory_urls)
    return buffer.getvalue()


def write_case_package(
    stream: Writable,
    facts: DocumentFacts,
    units: Sequence[Unit],
    ids: Identifiers,
    *,
    when: dt.datetime,
    directory_urls: bool = True,
) -> None:
    """Write ``json_bytes(case_package(...))`` to ``stream``, unit by unit.

    The whole package as Python data is about four times the size of its JSON (a 1,000-unit
    catalogue's package, 37 MB of JSON, took 200 MB to build and encode at once), so each
    unit's items are encoded and written as soon as they are made, and its associations
    (which follow all items in the file) wait in a temporary file, not in memory.
    """
    package = _Package(facts, ids, timestamp(when), directory_urls)
    stream.write(b'{"CFDocument":' + json_text(package.document()).encode("utf-8") + b',"CFItems":[')
    with tempfile.TemporaryFile() as associations:
        items_written = associations_written = False
        for position, unit in enumerate(units, start=1):
            package.add_unit(unit, position)
            items_written = _write_chunk(stream, package.items, items_written)
            associations_written = _write_chunk(associations, package.associations, associations_written)
            package.items.clear()
            package.associations.clear()
        stream.write(b'],"CFAssociations":[')
        associations.seek(0)
        while chunk := associations.read(1 << 20):
            stream.write(chunk)
    stream.write(b'],"CFDefinitions":' + json_text(package.definitions()).encode("utf-8") + b"}\n")


def _write_chunk(stream: Writable, entries: list[dict], after_another: bool) -> bool:
    """Write ``entries`` as the next members of a JSON array; whether any member has been written so far."""
    if not entries:
        return after_another
    if after_another:
        stream.write(b",")
    stream.write(json_text(entries)[1:-1].encode("utf-8"))
    return True
