"""Golden files of the seed units' exports, byte-identical rebuilds, the real site build and
``handbook export``."""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

import pytest

from ..conftest import ROOT
from ..helpers import make_project, run_handbook, run_mkdocs, set_plugin_options
from .conftest import NAMESPACE, SITE_URL, Project, files_by_path
from .moodle_reader import read_moodle_csv

GOLDENS = ROOT / "tests" / "goldens" / "exports"


def golden_files(seeds: Project) -> dict[str, bytes]:
    """Every export of the seeds but the XLSX (its bytes belong to XlsxWriter; its cells are tested)."""
    return {p: d for p, d in files_by_path(seeds.export()).items() if not p.endswith(".xlsx")}


def test_exports_match_goldens(seeds: Project, update_goldens: bool) -> None:
    files = golden_files(seeds)
    if update_goldens:
        for path, data in files.items():
            golden = GOLDENS / path.removeprefix("exports/")
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(data)
    on_disk = {p.relative_to(GOLDENS).as_posix() for p in GOLDENS.rglob("*") if p.is_file()}
    assert on_disk == {p.removeprefix("exports/") for p in files}, "run pytest --update-goldens"
    for path, data in files.items():
        assert data == (GOLDENS / path.removeprefix("exports/")).read_bytes(), f"{path}: run pytest --update-goldens"


def test_two_runs_are_byte_identical(hostile: Project) -> None:
    first, second = files_by_path(hostile.export()), files_by_path(hostile.export())
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first["exports/criteria/fict-exports.xlsx"])) as book:
        assert {info.date_time for info in book.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def configured(destination: Path, *, namespace: str | None = NAMESPACE, enabled: bool = True) -> Path:
    """A copy of the project with printables off (not under test here), a site_url, and exports options."""
    project = make_project(destination, printables=False)
    options = f"      exports:\n        enabled: {str(enabled).lower()}\n"
    if namespace is not None:
        options += f"        namespace: {namespace}\n"
    set_plugin_options(project, options)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"\nsite_url: {SITE_URL}\n")
    return project


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_real_build_publishes_the_exports_and_links_them(tmp_path: Path, seeds: Project) -> None:
    project = configured(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first = run_mkdocs(project, "build", "--strict", "--site-dir", "first", env=env)
    assert first.returncode == 0, first.stderr
    second = run_mkdocs(project, "build", "--strict", "--site-dir", "second", env=env)
    assert second.returncode == 0, second.stderr
    built, rebuilt = site_files(project / "first"), site_files(project / "second")
    exports = {p: d for p, d in built.items() if p.startswith("exports/")}
    assert {p: rebuilt[p] for p in exports} == exports
    # The build writes what the in-process export gives (SOURCE_DATE_EPOCH is the fixtures' date).
    assert exports == files_by_path(seeds.export())
    assert read_moodle_csv(exports["exports/moodle/sample-customer-service.csv"]).problems == []
    unit_page = built["units/r-503-0865/index.html"].decode()
    assert 'href="../../exports/units/r-503-0865.json" download>Unit data</a>' in unit_page
    page = built["qualifications/sample-customer-service/index.html"].decode()
    for target in (
        "exports/case/sample-customer-service.json",
        "exports/moodle/sample-customer-service.csv",
        "exports/criteria/sample-customer-service.csv",
        "exports/criteria/sample-customer-service.xlsx",
    ):
        assert f'href="../../{target}" download>' in page


@pytest.mark.slow
def test_exports_can_be_turned_off(tmp_path: Path) -> None:
    project = configured(tmp_path / "project", enabled=False)
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "exports").exists()
    assert "exports/" not in (project / "site" / "units" / "r-503-0865" / "index.html").read_text()


@pytest.mark.slow
def test_a_bad_namespace_stops_the_build_with_one_line(tmp_path: Path) -> None:
    project = configured(tmp_path / "project", namespace="not-a-uuid")
    result = run_handbook(project, "build", "--quiet")
    assert result.returncode == 1
    assert "option 'exports': Sub-option 'namespace': expected a UUID" in result.stderr
    assert "got 'not-a-uuid'" in result.stderr and "Traceback" not in result.stderr
    exported = run_handbook(project, "export")
    assert exported.returncode == 1
    assert exported.stderr.splitlines()[0].startswith("handbook export: mkdocs.yml: plugins.handbook.exports")
    assert "expected a UUID" in exported.stderr


def test_handbook_export_writes_the_formats_asked_for(tmp_path: Path) -> None:
    project = configured(tmp_path / "project")
    result = run_handbook(project, "export", "--format", "case", "--format", "moodle", "-o", "out")
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(project / "out").as_posix() for p in (project / "out").rglob("*") if p.is_file())
    assert written == [
        "case/catalogue.json",
        "case/sample-customer-service.json",
        "moodle/sample-customer-service.csv",
    ]
    assert "wrote 3 files (case, moodle) to out" in result.stdout
    document_id = str(uuid.uuid5(uuid.UUID(NAMESPACE), "handbook:document:catalogue"))
    assert document_id in (project / "out" / "case" / "catalogue.json").read_text()
    everything = run_handbook(project, "export")
    assert everything.returncode == 0, everything.stderr
    assert (project / "exports" / "units" / "r-503-0865.json").is_file()
    assert (project / "exports" / "criteria" / "sample-customer-service.xlsx").is_file()


def test_handbook_export_reports_bad_content(tmp_path: Path) -> None:
    project = configured(tmp_path / "project")
    (project / "content" / "units" / "broken.yml").write_text("id: broken\ntitle: x\nlevel: 9\n", encoding="utf-8")
    result = run_handbook(project, "export", "-o", "out")
    assert result.returncode == 1
    assert "content/units/broken.yml:3:8: level:" in result.stderr
    assert not (project / "out").exists()


def test_the_cache_reuses_files_until_an_input_changes(seeds: Project, tmp_path: Path) -> None:
    cold = seeds.export(cache_dir=tmp_path)
    assert (cold.rendered, cold.reused) == (5, 0)  # catalogue package; the sample's package, framework, CSV, XLSX
    warm = seeds.export(cache_dir=tmp_path)
    assert (warm.rendered, warm.reused) == (0, 5)
    assert files_by_path(warm) == files_by_path(cold) == files_by_path(seeds.export())
    # Cached files are not held in memory: the build copies them from the cache.
    assert all(item.data is None and item.size == item.cached.stat().st_size for item in warm.files if item.cached)
    moved = seeds.export(cache_dir=tmp_path, namespace="0b5e4c1a-7a4f-4c55-8f43-3a6f2c1d9e01")
    assert moved.rendered == 5
    # Files of earlier inputs are pruned: the cache holds this run's five.
    # (The render cache keeps its digests, pins and lock in dot-files beside them.)
    cached = [p for p in (tmp_path / "exports").rglob("*") if p.is_file()]
    assert len([p for p in cached if not any(part.startswith(".") for part in p.relative_to(tmp_path).parts)]) == 5


def test_a_partial_run_leaves_the_other_formats_cached(seeds: Project, tmp_path: Path) -> None:
    seeds.export(cache_dir=tmp_path)
    assert seeds.export(cache_dir=tmp_path, formats=("case",)).reused == 2
    assert seeds.export(cache_dir=tmp_path).reused == 5
