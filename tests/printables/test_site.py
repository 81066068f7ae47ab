"""Printables in a real ``mkdocs build``: files in the site, downloads boxes, cache reuse, serve."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.content.catalogue import build_catalogue
from generator.printables.pipeline import KINDS, render_printable
from generator.site.pages import relative_url
from generator.site.render import make_environment

from ..conftest import ROOT
from ..helpers import run_mkdocs

pytestmark = pytest.mark.slow

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    for folder in ("overrides", "site_templates", "content"):
        shutil.copytree(ROOT / folder, destination / folder)
    return destination


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("printables-site") / "project")
    result = run_mkdocs(project, "build", "--strict", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert re.search(r"printables: 12/12", result.stderr)
    return project


def test_every_unit_has_its_four_files(project: Path) -> None:
    for unit in build_catalogue(ROOT / "content" / "units", root=ROOT):
        folder = project / "site" / "downloads" / unit.slug
        assert sorted(p.name for p in folder.iterdir()) == sorted(kind.file_name(unit) for kind in KINDS)


def test_downloads_box_links_each_file_with_its_size(project: Path) -> None:
    for unit in build_catalogue(ROOT / "content" / "units", root=ROOT):
        page = project / "site" / "units" / unit.slug / "index.html"
        html = page.read_text(encoding="utf-8")
        box = html[html.index('<aside class="qh-downloads"') : html.index("</aside>")]
        links = re.findall(r'<a href="([^"]+)" download>', box)
        assert len(links) == len(KINDS)
        for link in links:
            target = (page.parent / link).resolve()
            assert target.is_file(), link
            kilobytes = -(-target.stat().st_size // 1024)
            assert f"{kilobytes} KB)" in box
        assert links[0] == relative_url(
            f"units/{unit.slug}.md", f"downloads/{unit.slug}/{unit.slug}-workbook.pdf", directory_urls=True
        )


def test_site_files_equal_a_render_in_another_process(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    env = make_environment([ROOT / "site_templates"])
    unit = build_catalogue(ROOT / "content" / "units", root=ROOT).get("r-503-0865")
    for kind in KINDS:
        built = (project / "site" / "downloads" / unit.slug / kind.file_name(unit)).read_bytes()
        assert built == render_printable(kind.name, unit, env), kind.name


def test_rebuild_reuses_the_cache_and_gives_identical_files(project: Path) -> None:
    before = digests(project / "site" / "downloads")
    result = run_mkdocs(project, "build", "--strict", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert "printables: 0 rendered, 12 reused from the cache" in result.stderr
    assert digests(project / "site" / "downloads") == before
    assert (project / ".cache" / "handbook").is_dir()
    assert sorted(p.name for p in (project / "content" / "units").iterdir()) == sorted(
        p.name for p in (ROOT / "content" / "units").iterdir()
    )


def test_cold_build_in_a_fresh_copy_is_byte_identical(project: Path, tmp_path: Path) -> None:
    other = copy_project(tmp_path / "other")
    result = run_mkdocs(other, "build", "--strict", env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert digests(other / "site" / "downloads") == digests(project / "site" / "downloads")


def _serve_project(tmp_path: Path, extra_options: str) -> Path:
    project = copy_project(tmp_path / "serve")
    for path in (project / "content" / "units").glob("*.yml"):
        if path.name != "r-503-0865.yml":
            path.unlink()
    # The sample qualification names the units just removed.
    for path in (project / "content" / "qualifications").glob("*.yml"):
        path.unlink()
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        "      templates_dir: site_templates\n", "      templates_dir: site_templates\n" + extra_options
    )
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    return project


def _prepare_as_serve(project: Path):
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    return config.plugins["handbook"]


def test_serve_skips_printables_by_default(tmp_path: Path) -> None:
    plugin = _prepare_as_serve(_serve_project(tmp_path, ""))
    assert plugin.prepared.files == []
    assert "qh-downloads" not in plugin.prepared.pages["units/r-503-0865.md"]


def test_serve_builds_printables_when_asked(tmp_path: Path) -> None:
    plugin = _prepare_as_serve(
        _serve_project(tmp_path, "      printables:\n        in_serve: true\n        workers: 1\n")
    )
    unit_files = [item for item in plugin.prepared.files if item.site_path.startswith("downloads/r-503-0865/")]
    assert len(unit_files) == len(KINDS)
    assert "qh-downloads" in plugin.prepared.pages["units/r-503-0865.md"]
