"""The render cache: a rebuild renders only what changed, and nothing when nothing did."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.content.catalogue import build_catalogue
from generator.printables.cache import RenderCache, input_key
from generator.printables.pipeline import KINDS, PrintablesSettings, build_printables

from ..conftest import ROOT

pytestmark = pytest.mark.slow

# FICTIONAL units, made up for these tests; small so each render is quick.
TINY_UNIT = """\
# FICTIONAL test unit: describes no real qualification.
id: {id}
title: {title}
level: 1
learning_outcomes:
  - number: 1
    text: Know the fictional widget
    criteria:
      - number: "1.1"
        text: Name the fictional widget
      - number: "1.2"
        text: Describe the fictional widget
"""


def write_unit(folder: Path, unit_id: str, title: str) -> None:
    (folder / f"{unit_id}.yml").write_text(textwrap.dedent(TINY_UNIT.format(id=unit_id, title=title)), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    units = tmp_path / "content" / "units"
    units.mkdir(parents=True)
    write_unit(units, "alpha", "Fictional alpha")
    write_unit(units, "beta", "Fictional beta")
    return tmp_path


def settings_for(project: Path, **overrides: object) -> PrintablesSettings:
    options = {
        "cache_dir": project / ".cache" / "handbook",
        "templates_dirs": (ROOT / "site_templates",),
        "workers": 1,
        **overrides,
    }
    return PrintablesSettings(**options)  # type: ignore[arg-type]


def build(project: Path, **overrides: object):
    catalogue = build_catalogue(project / "content" / "units", root=project)
    return build_printables(catalogue, settings_for(project, **overrides))


def test_unchanged_rebuild_renders_nothing(project: Path) -> None:
    first = build(project)
    assert len(first.rendered) == 2 * len(KINDS) and first.reused == []
    before = {item.site_path: item.path.read_bytes() for item in first.files}
    second = build(project)
    assert second.rendered == []
    assert sorted(second.reused) == sorted(before)
    assert {item.site_path: item.path.read_bytes() for item in second.files} == before


def test_changing_one_unit_renders_only_its_files(project: Path) -> None:
    build(project)
    write_unit(project / "content" / "units", "beta", "Fictional beta, renamed")
    result = build(project)
    assert sorted(result.rendered) == sorted(f"downloads/beta/beta-{kind.file_suffix}" for kind in KINDS)
    assert all(path.startswith("downloads/alpha/") for path in result.reused)


def test_changing_a_template_renders_only_what_uses_it(project: Path, tmp_path: Path) -> None:
    build(project)
    overrides = tmp_path / "overrides"
    (overrides / "print").mkdir(parents=True)
    template = (ROOT / "site_templates" / "print" / "record_sheet.typ").read_text(encoding="utf-8")
    changed = template.replace('"Evidence Record Sheet"', '"Fictional centre record sheet"')
    assert changed != template
    (overrides / "print" / "record_sheet.typ").write_text(changed, encoding="utf-8")
    result = build(project, templates_dirs=(overrides, ROOT / "site_templates"))
    assert sorted(result.rendered) == ["downloads/alpha/alpha-record-sheet.pdf", "downloads/beta/beta-record-sheet.pdf"]
    sheet = next(item.path for item in result.files if item.site_path.endswith("alpha-record-sheet.pdf"))
    assert (
        "Fictional centre record sheet"
        in subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True).stdout
    )


def test_changing_the_default_methods_renders_what_lists_them(project: Path) -> None:
    build(project)
    result = build(project, default_methods=("Fictional method",))
    assert sorted(result.rendered) == sorted(
        f"downloads/{unit}/{unit}-{suffix}"
        for unit in ("alpha", "beta")
        for suffix in ("record-sheet.pdf", "tracker.xlsx")
    )


def test_source_date_is_part_of_the_key(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert len(build(project).rendered) == 2 * len(KINDS)


def test_parallel_render_matches_serial_render(project: Path, tmp_path: Path) -> None:
    serial = build(project)
    parallel = build(project, workers=2, cache_dir=tmp_path / "parallel-cache")
    assert len(parallel.rendered) == 2 * len(KINDS)
    assert [i.path.read_bytes() for i in parallel.files] == [i.path.read_bytes() for i in serial.files]


def test_workers_render_with_the_source_date_of_the_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker processes' server keeps the environment it started with; each job brings its own date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build(project, workers=2, cache_dir=tmp_path / "dated")  # the workers' server may start now, with a date
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    serial = build(project, cache_dir=tmp_path / "serial")
    parallel = build(project, workers=2, cache_dir=tmp_path / "parallel")
    assert [i.path.read_bytes() for i in parallel.files] == [i.path.read_bytes() for i in serial.files]


def test_progress_is_reported_up_to_the_total(project: Path) -> None:
    catalogue = build_catalogue(project / "content" / "units", root=project)
    seen: list[tuple[int, int]] = []
    build_printables(catalogue, settings_for(project), progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2 * len(KINDS), 2 * len(KINDS))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_files_of_earlier_builds_are_pruned(project: Path) -> None:
    first = build(project)
    write_unit(project / "content" / "units", "beta", "Fictional beta, renamed")
    second = build(project)
    cached = sorted(p for p in (project / ".cache" / "handbook").glob("??/*"))
    assert cached == sorted(item.path for item in second.files)
    assert any(not item.path.exists() for item in first.files)


def test_cache_writes_are_atomic_and_keys_separate_parts(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    key = input_key("a", "bc")
    assert key != input_key("ab", "c")
    path = cache.put(key, ".pdf", b"data")
    assert cache.get(key, ".pdf") == path and path.read_bytes() == b"data"
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert cache.get(input_key("other"), ".pdf") is None


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:1000]), id="truncated"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:-40] + b"\0" * 40), id="garbled"),
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(lambda p: p.unlink(), id="missing"),
    ],
)
def test_a_damaged_cache_file_is_rendered_again_never_published(project: Path, damage) -> None:
    first = build(project)
    originals = {item.site_path: item.path.read_bytes() for item in first.files}
    victim = next(item for item in first.files if item.site_path.endswith("workbook.pdf"))
    damage(victim.path)
    second = build(project)
    assert second.rendered == [victim.site_path]
    assert {item.site_path: item.path.read_bytes() for item in second.files} == originals


def test_a_cache_file_without_its_digest_is_not_trusted(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    key = input_key("x")
    path = cache.put(key, ".pdf", b"%PDF-1.7 fictional")
    assert cache.get(key, ".pdf") == path
    next((tmp_path / ".digests").glob("??/*")).unlink()
    assert cache.get(key, ".pdf") is None
    assert cache.put(key, ".pdf", b"%PDF-1.7 fictional") == path
    assert cache.get(key, ".pdf") == path


PINNING_PROCESS = """
import sys, time
from pathlib import Path
from generator.printables.cache import RenderCache
RenderCache(Path(sys.argv[1])).get(sys.argv[2], ".pdf")
print("pinned", flush=True)
time.sleep(600)
"""


def test_prune_leaves_what_a_running_build_uses_and_forgets_a_killed_one(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path / "cache")
    theirs = input_key("theirs")
    mine = input_key("mine")
    their_file = cache.put(theirs, ".pdf", b"theirs")
    my_file = cache.put(mine, ".pdf", b"mine")
    with subprocess.Popen(
        [sys.executable, "-c", PINNING_PROCESS, str(cache.folder), theirs], stdout=subprocess.PIPE, text=True
    ) as other:
        try:
            assert other.stdout is not None and other.stdout.readline().strip() == "pinned"
            assert cache.prune([my_file]) == 0
            assert their_file.exists() and cache.get(theirs, ".pdf") == their_file
        finally:
            other.kill()
    assert cache.prune([my_file]) == 1
    assert not their_file.exists() and my_file.exists()
    assert len(list((cache.folder / ".pins").glob("*.pins"))) == 1  # the killed process's list is gone
