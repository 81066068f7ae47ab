"""The committed JSON Schema matches the model, and every unit file points at it."""

from __future__ import annotations

import json

import jsonschema
import yaml

from generator.content.schema import SCHEMA_DIR, stale_schemas

from .conftest import UNITS_DIR


def test_committed_schema_matches_model() -> None:
    assert stale_schemas() == [], "run 'handbook schema --write' and commit the result"


def test_unit_files_reference_the_schema_and_validate_against_it() -> None:
    schema = json.loads((SCHEMA_DIR / "unit.schema.json").read_text(encoding="utf-8"))
    for path in sorted(UNITS_DIR.glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../generator/schemas/unit.schema.json", path.name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        # YAML dates load as dates; the schema sees JSON, so compare as text.
        data = json.loads(json.dumps(data, default=str))
        jsonschema.validate(data, schema)


def test_schema_rejects_unknown_keys() -> None:
    schema = json.loads((SCHEMA_DIR / "unit.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert "title" in schema["properties"]
