"""One discovery rule: check and build find the same unit files, and refuse the same ones.

Each case is a small tree of (fictional) files; every case is run through ``handbook
check`` (:func:`check_paths`) and through the build's loader (:func:`build_catalogue`),
which must agree on what is a unit and on every refusal.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.catalogue import build_catalogue
from generator.content.checking import check_paths
from generator.content.discovery import discover
from generator.errors import ContentErrors

from .helpers import run_handbook

UNIT = """\
id: {id}
title: A fictional unit
level: 2
learning_outcomes:
  - number: 1
    text: Know something
    criteria:
      - number: "1.1"
        text: Describe something
      - number: "1.2"
        text: Explain something
"""
SECRET = "ci-token-9f8e7d6c5b4a\n"


def make_project(tmp_path: Path, files: dict[str, str]) -> Path:
    project = tmp_path / "project"
    for relative, text in files.items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (project / "content" / "units").mkdir(parents=True, exist_ok=True)
    return project


def both(project: Path) -> tuple[list[str], list[str], list[str]]:
    """(unit ids the build loads, errors the build raises, errors check reports)."""
    result = check_paths([], project)
    try:
        catalogue = build_catalogue(project / "content" / "units", root=project)
    except ContentErrors as exc:
        built, build_errors = [], [str(e) for e in exc.errors]
    else:
        built, build_errors = [unit.id for unit in catalogue], []
    checked = sorted((entry.unit.id for entry in result.loaded.get("unit", [])), key=str.casefold)
    if not build_errors:
        assert checked == built, "check and build read different units"
    return built, build_errors, [str(e) for e in result.errors]


def test_units_in_subfolders_and_any_case_of_extension_are_read_by_check_and_build(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "content/units/fict-001.yml": UNIT.format(id="fict-001"),
            "content/units/level-3/fict-002.yaml": UNIT.format(id="fict-002"),
            "content/units/FICT-003.YML": UNIT.format(id="FICT-003"),
        },
    )
    built, build_errors, check_errors = both(project)
    assert built == ["fict-001", "fict-002", "FICT-003"]
    assert build_errors == check_errors == []


@pytest.mark.parametrize(
    "name",
    [".draft.yml", ".hidden/fict-009.yml", "fict-009.yml~", "#fict-009.yml#", ".#fict-009.yml", "fict-009.yml.bak"],
)
def test_hidden_files_and_editor_backups_are_skipped_by_check_and_build(tmp_path: Path, name: str) -> None:
    project = make_project(
        tmp_path,
        {"content/units/fict-001.yml": UNIT.format(id="fict-001"), f"content/units/{name}": UNIT.format(id="fict-009")},
    )
    built, build_errors, check_errors = both(project)
    assert built == ["fict-001"]
    assert build_errors == check_errors == []


def test_naming_a_skipped_file_to_check_is_refused_so_check_never_passes_what_the_build_skips(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path, {"content/units/.draft.yml": UNIT.format(id="draft")})
    result = check_paths(["content/units/.draft.yml"], project)
    assert [str(e) for e in result.errors] == [
        "content/units/.draft.yml:1:1: (file): hidden files and editor backups are not content;"
        " the build skips this file"
    ]


def test_a_file_not_named_after_its_id_is_an_error_in_check_and_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"content/units/name-a.yml": UNIT.format(id="name-b")})
    _, build_errors, check_errors = both(project)
    expected = ["content/units/name-a.yml:1:5: id: the file is named 'name-a.yml'; name it 'name-b.yml'"]
    assert build_errors == check_errors == expected


@pytest.mark.parametrize("target_text", ["root:x:0:0:root:/root:/bin/bash\n", SECRET, UNIT.format(id="fict-001")])
def test_a_link_leaving_the_project_is_refused_without_showing_its_target(tmp_path: Path, target_text: str) -> None:
    outside = tmp_path / "outside" / "secret.yml"
    outside.parent.mkdir()
    outside.write_text(target_text, encoding="utf-8")
    project = make_project(tmp_path, {})
    (project / "content" / "units" / "fict-001.yml").symlink_to(outside)
    built, build_errors, check_errors = both(project)
    expected = [
        "content/units/fict-001.yml:1:1: (file): a link that leaves the project;"
        " content is read only from inside the project"
    ]
    assert build_errors == check_errors == expected
    assert built == []
    result = run_handbook(project, "check")
    assert result.returncode == 1
    shown = result.stdout + result.stderr
    assert target_text.strip()[:8] not in shown
    assert str(tmp_path) not in shown and "outside" not in shown.replace("outside the project", "")


def test_a_linked_folder_leaving_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "fict-002.yml").write_text(UNIT.format(id="fict-002"), encoding="utf-8")
    project = make_project(tmp_path, {"content/units/fict-001.yml": UNIT.format(id="fict-001")})
    (project / "content" / "units" / "more").symlink_to(outside, target_is_directory=True)
    _, build_errors, check_errors = both(project)
    assert (
        build_errors
        == check_errors
        == [
            "content/units/more:1:1: (file): a link that leaves the project;"
            " content is read only from inside the project"
        ]
    )


def test_a_dangling_link_is_an_error_not_silence(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"content/units/fict-001.yml": UNIT.format(id="fict-001")})
    (project / "content" / "units" / "fict-002.yml").symlink_to(tmp_path / "gone.yml")
    _, build_errors, check_errors = both(project)
    assert (
        build_errors
        == check_errors
        == [
            "content/units/fict-002.yml:1:1: (file): a link to nothing (its target is missing or loops);"
            " remove it or point it at a file in the project"
        ]
    )


def test_a_link_inside_the_project_is_followed(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"shared/fict-001.yml": UNIT.format(id="fict-001")})
    (project / "content" / "units" / "fict-001.yml").symlink_to(Path("../../shared/fict-001.yml"))
    built, build_errors, check_errors = both(project)
    assert built == ["fict-001"]
    assert build_errors == check_errors == []


def test_a_link_loop_between_folders_ends(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"content/units/fict-001.yml": UNIT.format(id="fict-001")})
    (project / "content" / "units" / "again").symlink_to(Path("."), target_is_directory=True)
    found = discover(project / "content" / "units", root=project)
    assert [p.name for p in found.files] == ["fict-001.yml"]
    assert found.errors == []


def test_errors_show_paths_relative_to_the_project_even_through_a_linked_project_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"content/units/fict-001.yml": "titel: x\n"})
    alias = tmp_path / "alias"
    alias.symlink_to(project, target_is_directory=True)
    result = check_paths([], alias)
    assert {e.path for e in result.errors} == {"content/units/fict-001.yml"}
    assert not any(os.sep + "tmp" in str(e) for e in result.errors)


def test_new_unit_refuses_an_id_a_subfolder_already_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path, {"content/units/level-3/FICT-001.YAML": UNIT.format(id="FICT-001")})
    monkeypatch.chdir(project)
    assert main(["new", "unit", "--id", "fict-001", "--title", "Fictional", "--level", "2"]) == 1
    assert capsys.readouterr().err == (
        "handbook new unit: content/units/level-3/FICT-001.YAML: already exists; not overwritten\n"
    )
    assert not (project / "content" / "units" / "fict-001.yml").exists()
