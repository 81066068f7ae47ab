"""Import meets diff: importing a new edition of a unit that already has a unit file.

The draft goes to ``content/drafts/`` (outside the units folder, so the build does not publish
it), never over the unit file, and the summary shows what the new edition changes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..conftest import ROOT, SEEDS_DIR
from ..helpers import run_handbook

SEED = SEEDS_DIR / "000_1924047d488c4147.txt"
UNIT = ROOT / "content" / "units" / "r-503-0865.yml"


def _project(tmp_path: Path, text: str) -> Path:
    units = tmp_path / "content" / "units"
    units.mkdir(parents=True)
    (units / UNIT.name).write_text(text, encoding="utf-8")
    return tmp_path


def test_new_edition_is_drafted_beside_the_unit_with_its_diff(tmp_path: Path) -> None:
    # The unit as published says "the whole customer experience"; the document (the new edition) does not.
    published = UNIT.read_text(encoding="utf-8").replace(
        "Evaluate the customer experience", "Evaluate the whole customer experience"
    )
    project = _project(tmp_path, published)
    result = run_handbook(project, "import", str(SEED))
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "new edition of content/units/r-503-0865.yml: drafted beside it, never over it" in output
    assert "1.1 reworded: Evaluate the [-whole-] customer experience" in output
    assert "move content/drafts/r-503-0865.yml over content/units/r-503-0865.yml" in output
    assert (project / "content/units/r-503-0865.yml").read_text(encoding="utf-8") == published
    draft = (project / "content/drafts/r-503-0865.yml").read_text(encoding="utf-8")
    assert "Evaluate the customer experience" in draft
    # The draft's schema line resolves from its own folder.
    assert draft.splitlines()[0].startswith("# yaml-language-server: $schema=")
    # A second import does not replace the draft either.
    again = run_handbook(project, "import", str(SEED))
    assert again.returncode == 1
    assert "content/drafts/r-503-0865.yml: already exists; not overwritten" in again.stderr


def test_force_still_replaces_the_unit_file(tmp_path: Path) -> None:
    project = _project(tmp_path, UNIT.read_text(encoding="utf-8"))
    result = run_handbook(project, "import", str(SEED), "--force")
    assert result.returncode == 0, result.stderr
    assert not (project / "content" / "drafts").exists()
    assert (project / "content/units/r-503-0865.yml").read_text(encoding="utf-8") != UNIT.read_text(encoding="utf-8")


def test_a_file_that_is_not_a_unit_is_still_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, "# an editor's own notes\n")
    result = run_handbook(project, "import", str(SEED))
    assert result.returncode == 1
    assert "r-503-0865.yml: already exists; not overwritten" in result.stderr
    assert not (project / "content" / "drafts").exists()
    shutil.rmtree(project / "content")
