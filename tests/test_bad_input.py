"""Bad input as data: every broken case in tests/bad_units gives exactly its expected errors.

A case is a file ``NAME.yml``, or a folder ``NAME/`` of files checked together (for
problems between files, such as duplicate ids), beside ``NAME.expected``. Each case is
checked through the loader, through ``handbook check`` in-process and, all at once,
through the installed ``handbook`` command. Cases too big to keep in git are generated.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.content.checking import check_paths
from generator.content.loader import MAX_FILE_BYTES
from generator.content.model import MAX_TEXT_LENGTH

from .conftest import ROOT
from .helpers import run_handbook

BAD_UNITS = ROOT / "tests" / "bad_units"
CASES = sorted([*BAD_UNITS.glob("*.yml"), *(p for p in BAD_UNITS.iterdir() if p.is_dir())])
VALID_BODY = """\
level: 2
learning_outcomes:
  - number: 1
    text: Know something
    criteria:
      - number: "1.1"
        text: Describe something
"""


def expected_lines(case: Path) -> list[str]:
    return (BAD_UNITS / f"{case.stem}.expected").read_text(encoding="utf-8").splitlines()


def relative(case: Path) -> str:
    return case.relative_to(ROOT).as_posix()


def test_there_are_at_least_40_cases_each_with_its_expected_errors() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert expected_lines(case), f"{case.name}: empty .expected"
    stray = {p.stem for p in BAD_UNITS.glob("*.expected")} - {c.stem for c in CASES}
    assert not stray, f".expected files without a case: {sorted(stray)}"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_case_gives_expected_errors(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = check_paths([relative(case)], ROOT)
    assert [str(e) for e in result.errors] == expected_lines(case)
    if case.is_file():
        assert result.valid_files == 0


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_handbook_check_fails_with_the_message_on_stderr(
    case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["check", relative(case)]) == 1
    captured = capsys.readouterr()
    count = len(expected_lines(case))
    assert captured.err.splitlines() == [*expected_lines(case), f"{count} error{'s' if count != 1 else ''} found."]
    assert captured.out == ""


def test_installed_command_reports_every_case_without_a_traceback() -> None:
    files = [case for case in CASES if case.is_file()]
    result = run_handbook(ROOT, "check", *(relative(c) for c in files), timeout=120)
    assert result.returncode == 1
    # Errors come sorted by file, then by position within the file.
    expected = [line for case in sorted(files, key=relative) for line in expected_lines(case)]
    lines = result.stderr.splitlines()
    assert lines[:-1] == expected
    assert lines[-1] == f"{len(expected)} errors found."
    assert "Traceback" not in result.stderr


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return path.name


def test_file_over_the_size_limit_is_refused_with_the_limit(tmp_path: Path) -> None:
    header = f"# Fictional unit, padded past the limit.\nid: fict-001\ntitle: Fictional unit\n{VALID_BODY}".encode()
    name = _write(tmp_path / "huge.yml", header + b"#" * (MAX_FILE_BYTES + 1 - len(header)))
    result = check_paths([str(tmp_path / name)], tmp_path)
    assert [str(e) for e in result.errors] == [
        f"huge.yml:1:1: (file): file is {MAX_FILE_BYTES + 1:,} bytes; the limit is {MAX_FILE_BYTES:,}"
    ]


def test_field_over_the_length_limit_is_refused_with_the_limit(tmp_path: Path) -> None:
    title = "x" * (MAX_TEXT_LENGTH + 1)
    text = f"# Fictional unit with a runaway title.\nid: fict-001\ntitle: {title}\n{VALID_BODY}"
    _write(tmp_path / "long.yml", text.encode())
    result = check_paths([str(tmp_path / "long.yml")], tmp_path)
    assert [str(e) for e in result.errors] == [
        f"long.yml:3:8: title: is {MAX_TEXT_LENGTH + 1:,} characters long; the limit is {MAX_TEXT_LENGTH:,}"
    ]


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:builtins.exec",
        "!!python/object/apply:os.system",
        "!!python/object/new:builtins.exec",
        "!python/object/apply:builtins.exec",
    ],
)
def test_python_tags_are_refused_without_running_anything(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    python = f"open({str(marker)!r}, 'w').close()"
    payload = f'["touch {marker}"]' if tag.endswith("os.system") else f'["{python}"]'
    text = f"# Fictional unit.\nid: fict-001\ntitle: {tag} {payload}\n{VALID_BODY}"
    _write(tmp_path / "tagged.yml", text.encode())
    result = check_paths([str(tmp_path / "tagged.yml")], tmp_path)
    assert [e.field for e in result.errors] == ["title"]
    assert "is not allowed" in result.errors[0].message
    assert not marker.exists()


def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    _write(tmp_path / "bomb.yml", ("\n".join(lines) + "\n").encode())
    # A hang would hit the timeout; expanding 9**10 strings would take minutes and gigabytes.
    result = run_handbook(tmp_path, "check", "bomb.yml", timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "bomb.yml:1:4: (file): anchors and aliases (&name, *name) are not allowed; write the value out"
    )
