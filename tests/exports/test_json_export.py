"""Unit JSON: every file valid against the schema the site publishes beside it, and the same
unit as the source; the list names every unit with working relative addresses."""

from __future__ import annotations

import json
import posixpath

import jsonschema
import pytest

from generator.content.model import Unit
from generator.content.schema import SCHEMA_DIR, schema_text
from generator.exports.unit_json import EXPORT_VERSION, PUBLISHED_SCHEMAS

from .case_checks import format_checker
from .conftest import Project, files_by_path


def validator(files: dict[str, bytes], path: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(files[path])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=format_checker())


@pytest.mark.parametrize("project", ["seeds", "hostile", "shapes"])
def test_unit_files_match_the_published_schema_and_the_source(project: str, request: pytest.FixtureRequest) -> None:
    source: Project = request.getfixturevalue(project)
    files = files_by_path(source.export())
    unit_schema = validator(files, "exports/unit.schema.json")
    for unit in source.catalogue:
        document = json.loads(files[f"exports/units/{unit.slug}.json"])
        assert list(unit_schema.iter_errors(document)) == []
        assert document["version"] == EXPORT_VERSION
        assert Unit.model_validate(document["unit"]) == unit
        assert document["page"] == f"../../units/{unit.slug}/"
    units = json.loads(files["exports/units.json"])
    assert list(validator(files, "exports/units.schema.json").iter_errors(units)) == []
    assert [entry["id"] for entry in units["units"]] == [unit.id for unit in source.catalogue]
    for entry in units["units"]:
        assert posixpath.normpath(posixpath.join("exports", entry["json"])) in files


def test_the_schema_rejects_what_it_should(seeds: Project) -> None:
    files = files_by_path(seeds.export())
    schema = validator(files, "exports/unit.schema.json")
    document = json.loads(files["exports/units/r-503-0865.json"])
    for broken in (
        {**document, "version": 1},
        {**document, "extra": True},
        {**document, "unit": {**document["unit"], "level": "three"}},
        {**document, "unit": {k: v for k, v in document["unit"].items() if k != "title"}},
    ):
        assert list(schema.iter_errors(broken)) != []


def test_the_list_entry_of_a_unit(seeds: Project) -> None:
    units = json.loads(files_by_path(seeds.export())["exports/units.json"])
    assert units["units"][-1] == {
        "id": "r-503-0865",
        "title": "Improve the customer's experience in active leisure",
        "level": "3",
        "level_label": "Level 3",
        "codes": {"urn": "R/503/0865", "unit_number": "11", "sector_unit_number": "LM3 - 21"},
        "credit_value": 3,
        "guided_learning_hours": 15,
        "json": "units/r-503-0865.json",
        "page": "../units/r-503-0865/",
    }


def test_published_schemas_are_the_committed_ones(seeds: Project) -> None:
    files = files_by_path(seeds.export())
    site_names = {
        "unit-export.schema.json": "exports/unit.schema.json",
        "units-export.schema.json": "exports/units.schema.json",
    }
    for name, (model, title) in PUBLISHED_SCHEMAS.items():
        assert files[site_names[name]].decode() == schema_text(model, title) == (SCHEMA_DIR / name).read_text()


def test_addresses_without_directory_urls(seeds: Project) -> None:
    files = files_by_path(seeds.export(directory_urls=False))
    assert json.loads(files["exports/units/r-503-0865.json"])["page"] == "../../units/r-503-0865.html"
