"""``handbook import`` as a user runs it: files written, summaries, refusals and bad inputs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

from ..conftest import ROOT, SEEDS_DIR
from ..helpers import print_html

HANDBOOK = str(Path(sys.executable).parent / "handbook")
SEED = SEEDS_DIR / "000_1924047d488c4147.txt"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([HANDBOOK, *args], capture_output=True, text=True, check=False, timeout=120, cwd=cwd)


def test_import_writes_a_draft_that_handbook_check_accepts(tmp_path: Path) -> None:
    units = tmp_path / "content" / "units"
    units.mkdir(parents=True)
    result = _run("import", str(SEED), "-o", "content/units", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = units / "r-503-0865.yml"
    assert written.is_file()
    assert "-> content/units/r-503-0865.yml (OCR/QCF unit table; text)" in result.stdout
    assert "found: title Improve the customer's experience in active leisure" in result.stdout
    assert "3 outcomes, 12 criteria" in result.stdout
    assert "review the lines marked '# CHECK:', then run: handbook check content/units/r-503-0865.yml" in result.stdout
    check = _run("check", "content/units/r-503-0865.yml", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert written.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_summary_lists_marks_and_facts_not_stated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = SEEDS_DIR / "004_a6f6ee7d95b42220.txt"
    assert main(["import", str(seed), "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "columns untangled" in out
    assert "learning_outcomes[4].criteria[0].text: untangled from table columns run together" in out
    assert "not stated (left out): urn, credit_value, guided_learning_hours" in out
    assert "reading_list: read from the resources list: check each book and link against it" in out
    assert "note: a web address of 514 characters (a redirect?) was not imported" in out
    text = (tmp_path / "ocr-unit-38.yml").read_text(encoding="utf-8")
    assert "level: 4  # CHECK: level read from the sentence 'This is a level four unit'" in text


def test_output_file_for_one_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "draft.yml"
    assert main(["import", str(SEED), "-o", str(target)]) == 0
    assert target.is_file()
    assert main(["import", str(SEED), str(SEEDS_DIR / "002_da5ba0a8c6eb8706.txt"), "-o", str(target)]) == 1
    assert "one output file for several sources; give a folder" in capsys.readouterr().err


def test_existing_file_is_never_overwritten_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "r-503-0865.yml"
    existing.write_text("# an editor's own file\n", encoding="utf-8")
    other = SEEDS_DIR / "002_da5ba0a8c6eb8706.txt"
    assert main(["import", str(other), str(SEED), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "r-503-0865.yml: already exists; not overwritten (use --force to replace it)" in err
    assert existing.read_text(encoding="utf-8") == "# an editor's own file\n"
    assert not (tmp_path / "ocr-unit-39.yml").exists()  # nothing of the run is written
    assert main(["import", str(other), str(SEED), "-o", str(tmp_path), "--force"]) == 0
    assert existing.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ocr-unit-39.yml", "r-503-0865.yml"]


def _no_text_pdf(path: Path) -> None:
    svg = "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='80'><rect width='200' height='80'/></svg>"
    print_html(f"<html><body>{svg}</body></html>", path)


BAD_INPUTS = {
    "empty.txt": ("", "file is empty; nothing to import"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary file, not a text, HTML"),
    "scan.pdf": (None, "PDF has no text layer (a scanned image?); OCR is not supported"),
    "no-criteria.txt": (
        "Unit title: A fictional unit with no criteria\nLevel: 2\n\nUnit aim\n\nIt prints no criteria at all.\n",
        "no assessment criteria found (numbered like '1.1'); is this a unit specification?",
    ),
    "huge.txt": ("1.1 Fictional criterion text repeated.\n" * 55_000, "characters; the limit is 1,000,000"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_gives_one_line_error_and_writes_nothing(name: str, tmp_path: Path) -> None:
    content, message = BAD_INPUTS[name]
    source = tmp_path / name
    if content is None:
        _no_text_pdf(source)
    elif isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = _run("import", name, "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [lines[0], "nothing imported."], result.stderr
    assert lines[0].startswith(f"{name}:1:1: (file): ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []


def test_import_has_help() -> None:
    result = subprocess.run([HANDBOOK, "import", "--help"], capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0
    assert "--force" in result.stdout


def test_copy_of_seed_keeps_its_name_in_the_header(tmp_path: Path) -> None:
    source = tmp_path / "seed-copy.txt"
    shutil.copy(SEED, source)
    assert main(["import", str(source), "-o", str(tmp_path)]) == 0
    text = (tmp_path / "r-503-0865.yml").read_text(encoding="utf-8")
    assert "# Draft imported by 'handbook import' from seed-copy.txt" in text
