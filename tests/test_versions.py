"""Unit versions: the diff as data, ``handbook diff`` on files and git revisions, and history.

The fixture is a FICTIONAL unit in three versions (tests/fixtures/versions/): version 2 rewords
AC 1.2, adds AC 2.4 and raises the credit value; version 3 removes AC 1.1 (so 1.2 and 1.3 are
renumbered), rewords 2.1 and 2.2 and changes the evidence rule.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.versions.diff import diff_units, similarity, word_changes
from generator.versions.history import file_history, git_histories, load_unit_text, unit_at_revision
from generator.versions.report import format_diff
from tests.helpers import run_handbook

VERSIONS = Path(__file__).parent / "fixtures" / "versions"
GOLDENS = Path(__file__).parent / "goldens" / "versions"


def _version(n: int):
    path = VERSIONS / f"fict-ver-001.v{n}.yml"
    return load_unit_text(path.read_text(encoding="utf-8"), path.name)


@pytest.mark.parametrize(("old", "new"), [(1, 2), (2, 3), (1, 3)])
def test_diff_matches_expected_data(old: int, new: int, update_goldens: bool) -> None:
    data = diff_units(_version(old), _version(new)).to_data()
    golden = GOLDENS / f"diff-v{old}-v{new}.json"
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_each_kind_of_change_is_named() -> None:
    diff = diff_units(_version(1), _version(3))
    kinds = {(c.old_number, c.new_number): c.kind for c in diff.criteria}
    assert kinds == {
        ("1.1", None): "removed",
        ("1.2", "1.1"): "renumbered and reworded",
        ("1.3", "1.2"): "renumbered",
        ("2.1", "2.1"): "reworded",
        ("2.2", "2.2"): "reworded",
        (None, "2.4"): "added",
    }
    fields = {c.field: (c.old, c.new) for c in diff.fields}
    assert fields == {"credit_value": (4, 5), "evidence.minimum_methods": (1, 2)}


def test_renumbered_criterion_is_not_reported_as_removed_and_added() -> None:
    diff = diff_units(_version(2), _version(3))
    assert diff.counts() == {
        "added": 0,
        "removed": 1,
        "renumbered": 2,
        "reworded": 2,
        "renumbered and reworded": 0,
    }


def test_wording_difference_is_marked_inside_the_sentence() -> None:
    text = format_diff(diff_units(_version(1), _version(2)))
    assert "1.2 reworded: Explain why visitors must wear a {+visible+} badge {+at all times+}" in text
    assert "2.4 added: Sign visitors out when they leave" in text
    assert "credit_value: 4 -> 5" in text


def test_same_unit_has_no_changes() -> None:
    diff = diff_units(_version(2), _version(2))
    assert diff.unchanged
    assert "no changes" in format_diff(diff)


def test_word_changes_and_similarity() -> None:
    runs = word_changes("Greet visitors politely", "Greet all visitors")
    assert [(r.kind, r.text) for r in runs] == [
        ("same", "Greet"),
        ("added", "all"),
        ("same", "visitors"),
        ("removed", "politely"),
    ]
    assert similarity("Greet visitors", "greet visitors.") == 1.0
    assert similarity("Greet visitors", "Sign out leavers") == 0.0


def test_handbook_diff_on_two_files(tmp_path: Path) -> None:
    result = run_handbook(
        tmp_path, "diff", str(VERSIONS / "fict-ver-001.v1.yml"), str(VERSIONS / "fict-ver-001.v2.yml")
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("fict-ver-001: version 1 -> version 2\n")
    as_json = run_handbook(
        tmp_path, "diff", "--format", "json", "--exit-code",
        str(VERSIONS / "fict-ver-001.v1.yml"), str(VERSIONS / "fict-ver-001.v2.yml"),
    )  # fmt: skip
    assert as_json.returncode == 1  # --exit-code: they differ
    assert json.loads(as_json.stdout)["summary"]["added"] == 1


def test_handbook_diff_reports_bad_input_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("id: x\ntitle: t\nlevel: 99\nlearning_outcomes: []\n", encoding="utf-8")
    result = run_handbook(tmp_path, "diff", "broken.yml", str(VERSIONS / "fict-ver-001.v1.yml"))
    assert result.returncode == 2
    assert result.stderr.startswith("broken.yml:3:8: level:")
    assert "Traceback" not in result.stderr
    missing = run_handbook(tmp_path, "diff", "nope.yml", "broken.yml")
    assert missing.returncode == 2
    assert missing.stderr == "handbook diff: nope.yml: no such file\n"
    no_revision = run_handbook(tmp_path, "diff", "broken.yml")
    assert "--from REV" in no_revision.stderr


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.invalid"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def make_history(repo: Path) -> Path:
    """A git repository whose content/units/fict-ver-001.yml went through versions 1, 2 and 3."""
    units = repo / "content" / "units"
    units.mkdir(parents=True, exist_ok=True)
    _git(repo, "init", "-q", "-b", "main")
    unit = units / "fict-ver-001.yml"
    for n, date in (
        (1, "2024-09-02T10:00:00+00:00"),
        (2, "2025-03-03T10:00:00+00:00"),
        (3, "2026-03-02T10:00:00+00:00"),
    ):
        text = (VERSIONS / f"fict-ver-001.v{n}.yml").read_text(encoding="utf-8")
        if n == 3:  # version 3 as it was first committed: no date, one typo fixed later
            text = text.replace("  date: 2026-03-01\n", "").replace("visitor list", "visitor lst")
        unit.write_text(text, encoding="utf-8")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"version {n}", date=date)
        _git(repo, "tag", f"v{n}")
    unit.write_text(unit.read_text(encoding="utf-8").replace("visitor lst", "visitor list"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "version 3: typo", date="2026-03-05T10:00:00+00:00")
    return unit


def test_git_history_newest_commit_per_label(tmp_path: Path) -> None:
    unit = make_history(tmp_path)
    history = git_histories([unit])[unit]
    assert [v.label for v in history] == ["3", "2", "1"]
    # Version 3 says what its newest commit says (typo fixed) and is dated by its first commit.
    assert "day's visitor list" in history[0].unit.learning_outcomes[1].criteria[1].text
    assert str(history[0].date) == "2026-03-02"
    # Versions 1 and 2 carry their own publication dates.
    assert [str(v.date) for v in history[1:]] == ["2025-03-01", "2024-09-01"]


def test_git_history_outside_git_is_empty(tmp_path: Path) -> None:
    unit = tmp_path / "fict-ver-001.yml"
    shutil.copy(VERSIONS / "fict-ver-001.v1.yml", unit)
    assert git_histories([unit]) == {unit: []}


def test_unit_at_revision_and_handbook_diff_between_revisions(tmp_path: Path) -> None:
    unit = make_history(tmp_path)
    assert unit_at_revision(unit, "v1").version.label == "1"
    result = run_handbook(tmp_path, "diff", "fict-ver-001", "--from", "v1", "--to", "v2")
    assert result.returncode == 0, result.stderr
    assert "2.4 added: Sign visitors out when they leave" in result.stdout
    against_file = run_handbook(tmp_path, "diff", "content/units/fict-ver-001.yml", "--from", "v2")
    assert "1.3 renumbered 1.2: Identify who to contact when a visitor arrives" in against_file.stdout
    unknown = run_handbook(tmp_path, "diff", "fict-ver-001", "--from", "v9")
    assert unknown.returncode == 2
    assert unknown.stderr == "handbook diff: content/units/fict-ver-001.yml: no such file at revision 'v9'\n"


def test_file_history_follows_previous_files(make_tree) -> None:
    v1 = (VERSIONS / "fict-ver-001.v1.yml").read_text(encoding="utf-8")
    v2 = (VERSIONS / "fict-ver-001.v2.yml").read_text(encoding="utf-8")
    v3 = (VERSIONS / "fict-ver-001.v3.yml").read_text(encoding="utf-8")
    root = make_tree(
        {
            "content/versions/fict-ver-001.v1.yml": v1,
            "content/versions/fict-ver-001.v2.yml": v2.replace(
                "  changes: AC 1.2", "  previous: fict-ver-001.v1.yml\n  changes: AC 1.2"
            ),
            "content/units/fict-ver-001.yml": v3.replace(
                "  changes: AC 1.1", "  previous: ../versions/fict-ver-001.v2.yml\n  changes: AC 1.1"
            ),
        }
    )
    path = root / "content/units/fict-ver-001.yml"
    current = load_unit_text(path.read_text(encoding="utf-8"), "x")
    history = file_history(path, current, root=root)
    assert [(v.label, str(v.date), v.source) for v in history] == [
        ("2", "2025-03-01", "content/versions/fict-ver-001.v2.yml"),
        ("1", "2024-09-01", "content/versions/fict-ver-001.v1.yml"),
    ]


def test_file_history_refuses_a_loop(make_tree) -> None:
    v2 = (VERSIONS / "fict-ver-001.v2.yml").read_text(encoding="utf-8")
    root = make_tree(
        {
            "content/units/fict-ver-001.yml": v2.replace(
                "  changes: AC 1.2", "  previous: fict-ver-001.yml\n  changes: AC 1.2"
            ),
        }
    )
    path = root / "content/units/fict-ver-001.yml"
    with pytest.raises(ContentErrors, match="leads back to a version already read"):
        file_history(path, load_unit_text(path.read_text(encoding="utf-8"), "x"), root=root)


def test_handbook_diff_finds_a_unit_in_the_units_dir_of_mkdocs_yml(tmp_path: Path) -> None:
    units = tmp_path / "data" / "units"
    units.mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Fictional\nplugins:\n  - handbook:\n      units_dir: data/units\n", encoding="utf-8"
    )
    unit = units / "fict-ver-001.yml"
    shutil.copy(VERSIONS / "fict-ver-001.v1.yml", unit)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "version 1")
    shutil.copy(VERSIONS / "fict-ver-001.v2.yml", unit)
    result = run_handbook(tmp_path, "diff", "fict-ver-001", "--from", "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("fict-ver-001: version 1 -> version 2\n")
