"""CASE 1.1 packages: valid against 1EdTech's CFPackage schema (as OpenSALT vendors it), sound
beyond what the schema can say, stable identifiers, and a round trip back into units."""

from __future__ import annotations

import copy
import json
import uuid

import pytest

from generator.exports.case import CATALOGUE_NAME, DocumentFacts, case_package, case_package_json
from generator.exports.case_reader import case_view, units_from_package
from generator.exports.identifiers import DEFAULT_NAMESPACE, PLACEHOLDER_BASE, Identifiers
from generator.exports.writing import json_bytes
from generator.site.qualification_pages import units_of

from .case_checks import case_problems, format_checker
from .conftest import NAMESPACE, SITE_URL, WHEN, Project, files_by_path


def packages(exports) -> dict[str, dict]:
    return {path: json.loads(data) for path, data in files_by_path(exports).items() if path.startswith("exports/case/")}


@pytest.mark.parametrize("site_url", [SITE_URL, None])
def test_every_package_is_valid_and_sound(
    seeds: Project, hostile: Project, shapes: Project, site_url: str | None
) -> None:
    found = [packages(project.export(site_url=site_url)) for project in (seeds, hostile, shapes)]
    assert [sorted(names) for names in found] == [
        ["exports/case/catalogue.json", "exports/case/sample-customer-service.json"],
        ["exports/case/catalogue.json", "exports/case/fict-exports.json", "exports/case/sample-customer-service.json"],
        ["exports/case/catalogue.json", "exports/case/fict-shapes.json"],
    ]
    for path, package in (pair for project in found for pair in project.items()):
        assert case_problems(package) == [], path
        assert package["CFDocument"]["caseVersion"] == "1.1"


@pytest.mark.parametrize("count", [0, 1, None])
def test_a_package_encoded_unit_by_unit_is_the_same_bytes(hostile: Project, shapes: Project, count: int | None) -> None:
    """``case_package_json`` encodes as it goes, to save memory; it must write what ``json_bytes`` writes."""
    ids = Identifiers.for_site(namespace=NAMESPACE, site_url=SITE_URL)
    facts = DocumentFacts(
        name=CATALOGUE_NAME, title="All <units> & more", creator="C", publisher="P", official_page="units/index.md"
    )
    for project in (hostile, shapes):
        units = list(project.catalogue)[:count]
        expected = json_bytes(case_package(facts, units, ids, when=WHEN))
        assert case_package_json(facts, units, ids, when=WHEN) == expected
        assert b"<" not in expected and b"\\u003c" in expected


def test_format_checks_are_on() -> None:
    checker = format_checker()
    assert not checker.conforms("not a uri", "uri")
    assert not checker.conforms("2023-11-14 10:00", "date-time")
    assert checker.conforms("https://handbook.example.invalid/exports/case/x.json#a", "uri")


@pytest.fixture(scope="module")
def catalogue_package(hostile: Project) -> dict:
    return packages(hostile.export())["exports/case/catalogue.json"]


BREAKAGES = {
    "duplicate identifier": lambda p: p["CFItems"][1].update(identifier=p["CFItems"][0]["identifier"]),
    "upper-case identifier": lambda p: p["CFItems"][0].update(identifier=p["CFItems"][0]["identifier"].upper()),
    "dangling association": lambda p: p["CFAssociations"][0]["originNodeURI"].update(
        identifier=str(uuid.uuid5(uuid.NAMESPACE_URL, "nowhere"))
    ),
    "unreachable item": lambda p: p["CFAssociations"].pop(0),
    "cycle": lambda p: p["CFAssociations"][1]["destinationNodeURI"].update(
        {k: p["CFAssociations"][2]["originNodeURI"][k] for k in ("identifier", "uri", "title")}
    ),
    "relative uri": lambda p: p["CFDocument"].update(uri="exports/case/catalogue.json"),
    "bad date-time": lambda p: p["CFItems"][0].update(lastChangeDateTime="yesterday"),
    "unknown field": lambda p: p["CFItems"][0].update(CFDocumentURI={}),
    "sequence gap": lambda p: p["CFAssociations"][0].update(sequenceNumber=7),
    "item type mismatch": lambda p: p["CFItems"][0].update(CFItemType="Standard"),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_the_checks_find_broken_packages(catalogue_package: dict, breakage: str) -> None:
    broken = copy.deepcopy(catalogue_package)
    BREAKAGES[breakage](broken)
    assert case_problems(broken) != []


def test_hierarchy_is_only_is_child_of_in_order(seeds: Project) -> None:
    package = packages(seeds.export())["exports/case/sample-customer-service.json"]
    kinds = {a["associationType"] for a in package["CFAssociations"]}
    assert kinds == {"isChildOf", "isRelatedTo"}
    document = package["CFDocument"]["identifier"]
    top = sorted(
        (a["sequenceNumber"], a["originNodeURI"]["title"])
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf" and a["destinationNodeURI"]["identifier"] == document
    )
    # The sample's order: its mandatory group, then the optional group as listed.
    assert [title for _, title in top] == ["R/503/0865", "39", "38"]


def test_items_carry_codes_types_and_facts(seeds: Project) -> None:
    package = packages(seeds.export())["exports/case/catalogue.json"]
    by_code = {(i["CFItemType"], i.get("humanCodingScheme")): i for i in package["CFItems"]}
    unit = by_code[("Unit", "R/503/0865")]
    assert unit["fullStatement"] == "Improve the customer's experience in active leisure"
    assert unit["extensions"] == {
        "unitId": "r-503-0865",
        "level": "3",
        "levelFramework": "RQF/QCF",
        "levelLabel": "Level 3",
        "creditValue": 3,
        "guidedLearningHours": 15,
        "urn": "R/503/0865",
        "unitNumber": "11",
        "sectorUnitNumber": "LM3 - 21",
        "awardingBody": "OCR",
        "page": SITE_URL + "units/r-503-0865/",
    }
    assert ("Assessment Criterion", "1.2") in by_code and ("Learning Outcome", "1") in by_code
    assert {t["title"] for t in package["CFDefinitions"]["CFItemTypes"]} == {
        "Unit",
        "Learning Outcome",
        "Assessment Criterion",
        "Sub-criterion",
        "Grading Criterion",
        "Grade Descriptor",
        "Grade Descriptor Component",
    }
    related = [a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    assert {a["destinationNodeURI"]["title"] for a in related} >= {
        "F11 Manage the achievement of customer satisfaction"
    }
    assert all(a["destinationNodeURI"]["targetType"] == "ext:NOS" for a in related)


def test_identifiers_are_uuid5_of_the_documented_names(seeds: Project) -> None:
    package = packages(seeds.export())["exports/case/catalogue.json"]
    space = uuid.UUID(NAMESPACE)
    assert package["CFDocument"]["identifier"] == str(uuid.uuid5(space, "handbook:document:catalogue"))
    expected = str(uuid.uuid5(space, "handbook:item:catalogue:r-503-0865/ac/1.2"))
    criterion = next(i for i in package["CFItems"] if i["identifier"] == expected)
    assert criterion["humanCodingScheme"] == "1.2"
    assert criterion["uri"] == f"{SITE_URL}exports/case/catalogue.json#{expected}"


def test_identifiers_depend_on_the_namespace_only(seeds: Project) -> None:
    def identifiers(**options: object) -> list[str]:
        package = packages(seeds.export(**options))["exports/case/catalogue.json"]
        return [i["identifier"] for i in package["CFItems"]]

    same = identifiers()
    assert identifiers(site_url="https://elsewhere.example.invalid/") == same
    assert identifiers(site_url=None) == same
    other = identifiers(namespace="0b5e4c1a-7a4f-4c55-8f43-3a6f2c1d9e01")
    assert not set(other) & set(same)


def test_without_namespace_or_site_url(seeds: Project) -> None:
    ids = Identifiers.for_site(namespace=None, site_url=None)
    assert (ids.namespace, ids.base, ids.placeholder) == (DEFAULT_NAMESPACE, PLACEHOLDER_BASE, True)
    from_url = Identifiers.for_site(namespace=None, site_url="https://a.example.invalid")
    assert from_url.namespace == uuid.uuid5(uuid.NAMESPACE_URL, "https://a.example.invalid/")
    exports = seeds.export(namespace=None, site_url=None)
    document = packages(exports)["exports/case/catalogue.json"]["CFDocument"]
    assert document["uri"].startswith(PLACEHOLDER_BASE)
    assert "placeholder base" in document["notes"]
    assert any("placeholder base" in notice for notice in exports.notices)
    assert seeds.export().notices == []


def test_items_of_two_documents_never_share_identifiers(seeds: Project) -> None:
    found = packages(seeds.export())
    catalogue = {i["identifier"] for i in found["exports/case/catalogue.json"]["CFItems"]}
    qualification = {i["identifier"] for i in found["exports/case/sample-customer-service.json"]["CFItems"]}
    assert len(catalogue) == len(qualification) and not catalogue & qualification


@pytest.mark.parametrize("project", ["seeds", "hostile", "shapes"])
def test_round_trip_gives_back_the_units(project: str, request: pytest.FixtureRequest) -> None:
    source: Project = request.getfixturevalue(project)
    found = packages(source.export())
    assert units_from_package(found["exports/case/catalogue.json"]) == [case_view(u) for u in source.catalogue]
    for entry in source.qualifications:
        package = found[f"exports/case/{entry.qualification.slug}.json"]
        assert units_from_package(package) == [case_view(u) for u in units_of(entry, source.catalogue)]


def test_round_trip_follows_sequence_numbers_not_list_order(seeds: Project) -> None:
    package = packages(seeds.export())["exports/case/catalogue.json"]
    shuffled = copy.deepcopy(package)
    shuffled["CFItems"].reverse()
    shuffled["CFAssociations"].reverse()
    assert units_from_package(shuffled) == units_from_package(package)


def test_a_unit_with_an_expiry_date_ends_its_status(seeds: Project) -> None:
    unit = next(iter(seeds.catalogue)).model_copy(update={"expiry_date": WHEN.date()})
    ids = Identifiers.for_site(namespace=NAMESPACE, site_url=SITE_URL)
    facts = DocumentFacts(CATALOGUE_NAME, "Fictional", "Fictional centre", "Fictional centre", "units/index.md")
    package = case_package(facts, [unit], ids, when=WHEN)
    assert package["CFItems"][0]["statusEndDate"] == "2023-11-14"
    assert case_problems(package) == []
    assert units_from_package(package)[0].expiry_date == WHEN.date()


def test_sub_criteria_and_grading_criteria_are_items(shapes: Project) -> None:
    package = packages(shapes.export())["exports/case/fict-shapes.json"]
    items = {(i["CFItemType"], i.get("humanCodingScheme")): i for i in package["CFItems"]}
    sub = items[("Sub-criterion", "1.2 b)")]
    assert sub["listEnumeration"] == "b"
    assert sub["fullStatement"] == "clean surfaces, using:\n- hot water\n- detergent"
    assert sub["extensions"] == {"statement": "clean surfaces, using:", "bullets": ["hot water", "detergent"]}
    assert items[("Grading Criterion", "D1")]["extensions"] == {"gradingOrder": 6, "outcomes": [2, 3]}
    assert ("Grade Descriptor", "GD1") in items
    parents = {a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["title"] for a in package["CFAssociations"]}
    assert parents[sub["identifier"]] == "1.2"
    assert parents[items[("Grading Criterion", "P1")]["identifier"]] == "1"
    scqf = next(i for i in package["CFItems"] if i.get("extensions", {}).get("unitId") == "fict-scqf-first-aid")
    assert scqf["extensions"]["levelFramework"] == "SCQF"


def test_a_versioned_unit_carries_its_version(seeds: Project) -> None:
    unit = next(iter(seeds.catalogue))
    versioned = unit.model_validate({**unit.model_dump(), "version": {"label": "v2", "date": "2026-03-01"}})
    ids = Identifiers.for_site(namespace=NAMESPACE, site_url=SITE_URL)
    facts = DocumentFacts(CATALOGUE_NAME, "Fictional", "Fictional centre", "Fictional centre", "units/index.md")
    package = case_package(facts, [versioned], ids, when=WHEN)
    extensions = package["CFItems"][0]["extensions"]
    assert (extensions["unitVersion"], extensions["unitVersionDate"]) == ("v2", "2026-03-01")
    assert case_problems(package) == []
