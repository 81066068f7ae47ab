"""``units_dir`` in mkdocs.yml is the one place units live: every command follows it, and a bad one fails clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.cli import main

from .helpers import make_project, run_handbook, run_mkdocs

UNIT_IDS = ("ocr-unit-38", "ocr-unit-39", "r-503-0865")


def set_units_dir(project: Path, folder: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "units_dir: content/units" in text
    config.write_text(text.replace("units_dir: content/units", f"units_dir: {folder}"), encoding="utf-8")


@pytest.fixture
def moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample project with its units in ``data/units`` and mkdocs.yml saying so (no printables: faster)."""
    project = make_project(tmp_path / "project", printables=False)
    (project / "data").mkdir()
    shutil.move(project / "content" / "units", project / "data" / "units")
    set_units_dir(project, "data/units")
    monkeypatch.chdir(project)
    return project


def test_check_reads_units_from_units_dir(moved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "3 units, 1 qualification checked: no errors." in capsys.readouterr().out


def test_new_unit_writes_into_units_dir(moved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "unit", "--id", "fict-001", "--title", "Fictional unit", "--level", "2"]) == 0
    assert (moved / "data" / "units" / "fict-001.yml").is_file()
    assert not (moved / "content" / "units").exists()
    assert "wrote data/units/fict-001.yml" in capsys.readouterr().out


def test_mkdocs_build_reads_units_from_units_dir(moved: Path) -> None:
    config = load_config(str(moved / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    for unit_id in UNIT_IDS:
        assert (moved / "site" / "units" / unit_id / "index.html").is_file()
    assert (moved / "site" / "qualifications" / "sample-customer-service" / "index.html").is_file()


def test_handbook_build_reads_units_from_units_dir(moved: Path) -> None:
    assert main(["build", "--quiet", "--output", str(moved / "out")]) == 0
    for unit_id in UNIT_IDS:
        assert (moved / "out" / "units" / unit_id / "index.html").is_file()


@pytest.mark.parametrize("make_folder", [False, True], ids=["missing", "empty"])
def test_a_bad_units_dir_fails_every_command_naming_it(tmp_path: Path, make_folder: bool) -> None:
    project = make_project(tmp_path / "project", printables=False)
    set_units_dir(project, "nowhere")
    if make_folder:
        (project / "nowhere").mkdir()
    for result in (
        run_handbook(project, "check"),
        run_handbook(project, "build", "--quiet"),
        run_mkdocs(project, "build"),
    ):
        assert result.returncode != 0, result.args
        assert "units_dir" in result.stderr and "nowhere" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert "Loaded 0 units" not in result.stderr
    assert not (project / "site").exists()


def test_check_of_an_empty_folder_is_not_a_success(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["check", "--config-file", str(tmp_path / "none.yml"), str(tmp_path / "empty")]) == 1
    assert "no content files" in capsys.readouterr().err
