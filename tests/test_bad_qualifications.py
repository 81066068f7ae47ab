"""Bad qualifications as data: each broken file in tests/bad_qualifications gives exactly its expected errors.

The files are checked against the fictional units in tests/qualifications/units.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.catalogue import Catalogue, build_catalogue
from generator.content.qualifications import build_qualifications, check_qualifications, load_qualification_files
from generator.errors import ContentErrors, ContentProblem

from .conftest import ROOT

CASES = sorted((ROOT / "tests" / "bad_qualifications").glob("*.yml"))


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return build_catalogue(ROOT / "tests" / "qualifications" / "units", root=ROOT)


def errors_of(paths: list[Path], catalogue: Catalogue) -> list[ContentProblem]:
    entries, errors = load_qualification_files(paths, root=ROOT)
    checked, problems = check_qualifications(entries, catalogue)
    assert checked == []
    return sorted(set(errors + problems))


def test_there_are_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_qualification_gives_expected_errors(case: Path, catalogue: Catalogue, update_goldens: bool) -> None:
    found = [str(e) for e in errors_of([case], catalogue)]
    expected_file = case.with_suffix(".expected")
    if update_goldens:
        expected_file.write_text("\n".join(found) + "\n", encoding="utf-8")
    assert found, "a bad case must give at least one error"
    assert found == expected_file.read_text(encoding="utf-8").splitlines()


def test_duplicate_qualification_ids_are_refused(make_tree, catalogue: Catalogue) -> None:
    text = "id: {id}\ntitle: Fictional\nrules:\n  groups:\n    - {{name: A, kind: mandatory, units: [fict-a1]}}\n"
    folder = make_tree({"q/one.yml": text.format(id="fict-q"), "q/two.yml": text.format(id="FICT-Q")})
    with pytest.raises(ContentErrors) as raised:
        build_qualifications(folder / "q", catalogue, root=folder)
    assert [str(e) for e in raised.value.errors] == [
        "q/two.yml:1:5: id: 'FICT-Q' is already used by q/one.yml (ids are compared ignoring case)"
    ]


def test_every_error_of_every_file_is_reported_together(tmp_path: Path, catalogue: Catalogue) -> None:
    picked = [c for c in CASES if c.stem in ("unknown-unit", "no-groups", "glh-disagrees")]
    folder = tmp_path / "qualifications"
    folder.mkdir()
    for case in picked:
        shutil.copy(case, folder / case.name)
    with pytest.raises(ContentErrors) as raised:  # raised by the build's own stage, not by this test
        build_qualifications(folder, catalogue, root=tmp_path)
    assert {e.path.rsplit("/", 1)[-1] for e in raised.value.errors} == {p.name for p in picked}
    # The three files share the id 'fict-bad', which is a fourth error.
    assert "'fict-bad' is already used by" in raised.value.report()
    assert raised.value.report().endswith("4 errors found; nothing was built.")
