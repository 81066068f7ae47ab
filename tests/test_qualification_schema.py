"""The qualification JSON Schema, the README reference, and the `handbook check` command on qualifications."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.content.schema import SCHEMA_DIR, readme_with_reference

from .conftest import ROOT

QUALIFICATION_FILES = sorted((ROOT / "content" / "qualifications").glob("*.yml")) + sorted(
    (ROOT / "tests" / "qualifications" / "good").glob("*.yml")
)


def test_qualification_files_reference_the_schema_and_validate_against_it() -> None:
    schema = json.loads((SCHEMA_DIR / "qualification.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    for path in QUALIFICATION_FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(
            "generator/schemas/qualification.schema.json"
        ), path.name
        assert (path.parent / first.split("=", 1)[1]).resolve() == SCHEMA_DIR / "qualification.schema.json"
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)


def test_readme_carries_the_qualification_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "#### Qualification (top level)" in readme
    assert "| `qualification_number` |  | Qualification number, format '500/9516/X'. |" in readme
    assert readme_with_reference(readme) == readme


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_covers_qualifications(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "3 units, 1 qualification checked: no errors.\n"
    broken = project / "content" / "qualifications" / "broken.yml"
    broken.write_text(
        "id: broken\ntitle: Broken\nrules:\n  groups:\n"
        "    - {name: A, kind: optional, units: [ocr-unit-39], min_units: 2}\n",
        encoding="utf-8",
    )
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/qualifications/broken.yml:5:66: rules.groups[0].min_units: 2 is more than the 1 unit(s) in the group",
        "1 error found.",
    ]
    assert main(["check", "content/qualifications/broken.yml", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"][0]["field"] == "rules.groups[0].min_units"
