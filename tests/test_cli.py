"""The `handbook` command: help on every subcommand, `check`, `new unit`, and content kinds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.content.checking import KINDS, UNITS, ContentKind, check_paths, collect_files
from generator.content.loader import load_model, parse_document, validate_document
from generator.content.model import Unit
from generator.content.scaffold import unit_skeleton
from generator.errors import ContentProblem

from .conftest import ROOT

HANDBOOK = str(Path(sys.executable).parent / "handbook")
SUBCOMMANDS = [[], ["check"], ["new"], ["new", "unit"], ["build"], ["schema"]]


@pytest.mark.parametrize("words", SUBCOMMANDS, ids=lambda w: " ".join(w) or "handbook")
def test_every_subcommand_has_help(words: list[str]) -> None:
    result = subprocess.run([HANDBOOK, *words, "--help"], capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: handbook")
    assert len(result.stdout.splitlines()) > 3


def test_check_passes_on_the_seed_units(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "3 units, 1 qualification checked: no errors.\n"


def test_check_json_lists_every_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check", "--format", "json", "tests/bad_units/many-errors.yml", "content/units"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid_files"] == 3
    assert report["valid_by_kind"] == {"unit": 3}
    assert [(e["line"], e["field"]) for e in report["errors"]] == [
        (2, "id"),
        (4, "level"),
        (5, "credit_value"),
        (6, "urn"),
    ]


def test_new_unit_writes_a_valid_commented_skeleton(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "content" / "units").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    title = 'Fictional unit: "quotes", colons # and a hash'
    assert main(["new", "unit", "--id", "fict-001", "--title", title, "--level", "2"]) == 0
    path = tmp_path / "content" / "units" / "fict-001.yml"
    assert capsys.readouterr().out.startswith("wrote content/units/fict-001.yml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# purpose: |" in text and "# reading_list:" in text
    unit = load_model(path, Unit, root=tmp_path)[0]
    assert (unit.id, unit.title, unit.level) == ("fict-001", title, 2)
    assert main(["check"]) == 0


def test_new_unit_schema_line_points_at_the_project_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    folder = tmp_path / "units"
    folder.mkdir()
    assert main(["new", "unit", "--id", "fict-001", "--title", "Fictional", "--level", "1", "--dir", str(folder)]) == 0
    first = (folder / "fict-001.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../generator/schemas/unit.schema.json"


def test_new_unit_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    units = tmp_path / "content" / "units"
    units.mkdir(parents=True)
    (units / "Fict-001.yml").write_text("# an editor's work in progress\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "unit", "--id", "fict-001", "--title", "Fictional", "--level", "2"]) == 1
    assert capsys.readouterr().err == (
        "handbook new unit: content/units/Fict-001.yml: already exists; not overwritten\n"
    )
    assert [p.name for p in units.iterdir()] == ["Fict-001.yml"]
    assert (units / "Fict-001.yml").read_text(encoding="utf-8") == "# an editor's work in progress\n"


def test_new_unit_explains_bad_arguments_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    units = tmp_path / "content" / "units"
    units.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert main(["new", "unit", "--id", "../escape", "--title", " ", "--level", "9"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "handbook new unit: --id: must be 1-64 letters, digits and hyphens, starting with a letter or digit "
        "(it becomes the page address), got '../escape'",
        "handbook new unit: --title: must not be empty",
        "handbook new unit: --level: must be less than or equal to 8, got 9",
    ]
    assert list(units.iterdir()) == []
    assert main(["new", "unit", "--id", "index", "--title", "Fictional", "--level", "2"]) == 1
    assert "'index' is a reserved name" in capsys.readouterr().err


def test_new_unit_needs_an_existing_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "unit", "--id", "fict-001", "--title", "Fictional", "--level", "2"]) == 1
    assert "content/units: folder does not exist" in capsys.readouterr().err
    assert not (tmp_path / "content").exists()


# A second kind of content plugs into `check` as one ContentKind; qualifications will be one.
def _load_notes(paths: Sequence[Path], root: Path) -> tuple[list[Any], list[ContentProblem]]:
    errors = [
        ContentProblem(p.relative_to(root).as_posix(), 1, 1, "(file)", "not a note") for p in paths if "bad" in p.name
    ]
    return [p.name for p in paths if "bad" not in p.name], errors


def _cross_check_notes(loaded: Mapping[str, Sequence[Any]]) -> list[ContentProblem]:
    return [ContentProblem("content/notes", 1, 1, "(folder)", f"{len(loaded['unit'])} units seen")]


def test_a_second_content_kind_plugs_into_check(make_tree) -> None:
    root = make_tree(
        {
            "content/units/fict-001.yml": (ROOT / "tests/bad_units/duplicate-id-case/a.yml").read_text(),
            "content/notes/first.yml": "note: fictional\n",
            "content/notes/bad.yml": "note: fictional\n",
        }
    )
    notes = ContentKind(name="note", folder="content/notes", load=_load_notes, cross_check=_cross_check_notes)
    kinds = (*KINDS, notes)
    assert {kind: [p.name for p in paths] for kind, paths in collect_files([], root, kinds).items()} == {
        "unit": ["fict-001.yml"],
        "qualification": [],
        "note": ["bad.yml", "first.yml"],
    }
    explicit = collect_files([str(root / "content")], root, kinds)
    assert [p.name for p in explicit["note"]] == ["bad.yml", "first.yml"]
    result = check_paths([], root, kinds)
    assert result.counts() == {"unit": 1, "note": 1}
    assert [str(e) for e in result.errors] == [
        "content/notes:1:1: (folder): 1 units seen",
        "content/notes/bad.yml:1:1: (file): not a note",
    ]
    assert KINDS[0] is UNITS


def test_skeleton_optional_fields_are_valid_when_uncommented(tmp_path: Path) -> None:
    text = unit_skeleton("fict-001", "Fictional", 2, schema="unit.schema.json", path="fict-001.yml")
    head, body = text.split("level: 2\n")
    uncommented = "".join(line[2:] if line.startswith("# ") else line for line in body.splitlines(keepends=True))
    unit = validate_document(parse_document(head + "level: 2\n" + uncommented, "fict-001.yml"), Unit)
    assert unit.evidence is not None and unit.reading_list is not None and unit.urn is not None


def test_new_qualification_writes_a_skeleton_that_passes_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Fictional: a qualification over the project's three seed units, in a copy of the content.
    shutil.copytree(ROOT / "content" / "units", tmp_path / "content" / "units")
    (tmp_path / "content" / "qualifications").mkdir()
    monkeypatch.chdir(tmp_path)
    arguments = ["new", "qualification", "--id", "fict-qual", "--title", "Fictional: a qualification"]
    assert main([*arguments, "--unit", "r-503-0865", "--unit", "ocr-unit-39"]) == 0
    path = tmp_path / "content" / "qualifications" / "fict-qual.yml"
    assert capsys.readouterr().out.startswith("wrote content/qualifications/fict-qual.yml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# barred:" in text
    assert main(["check"]) == 0
    assert "3 units, 1 qualification checked: no errors." in capsys.readouterr().out
    assert main([*arguments, "--unit", "r-503-0865"]) == 1
    assert capsys.readouterr().err == (
        "handbook new qualification: content/qualifications/fict-qual.yml: already exists; not overwritten\n"
    )


def test_new_qualification_naming_a_missing_unit_fails_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(ROOT / "content" / "units", tmp_path / "content" / "units")
    (tmp_path / "content" / "qualifications").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["new", "qualification", "--id", "fict-qual", "--title", "Fictional", "--unit", "no-such-unit"]) == 0
    capsys.readouterr()
    assert main(["check"]) == 1
    assert "content/qualifications/fict-qual.yml:" in capsys.readouterr().err
