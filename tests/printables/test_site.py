"""Printables in a real ``mkdocs build``: files in the site, downloads boxes, cache reuse, serve."""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.content.catalogue import build_catalogue
from generator.printables.pipeline import KINDS, render_printable
from generator.settings import load_settings
from generator.site.pages import relative_url
from generator.site.render import make_environment

from ..conftest import EPOCH, ROOT
from ..helpers import build_in_process, make_project, run_mkdocs, set_plugin_options

pytestmark = pytest.mark.slow


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_unit_has_its_four_files(seed_site: Path) -> None:
    for unit in build_catalogue(ROOT / "content" / "units", root=ROOT):
        folder = seed_site / "downloads" / unit.slug
        assert sorted(p.name for p in folder.iterdir()) == sorted(kind.file_name(unit) for kind in KINDS)


def test_downloads_box_links_each_file_with_its_size(seed_site: Path) -> None:
    for unit in build_catalogue(ROOT / "content" / "units", root=ROOT):
        page = seed_site / "units" / unit.slug / "index.html"
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


def test_site_files_equal_a_render_in_another_process(seed_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    env = make_environment([ROOT / "site_templates"])
    unit = build_catalogue(ROOT / "content" / "units", root=ROOT).get("r-503-0865")
    centre = load_settings(seed_site.parent / "mkdocs.yml").centre
    assert centre.name, "the site's name names the centre on its downloads"
    for kind in KINDS:
        built = (seed_site / "downloads" / unit.slug / kind.file_name(unit)).read_bytes()
        assert built == render_printable(kind.name, unit, env, centre=centre), kind.name


def test_rebuild_reuses_the_cache_and_gives_identical_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = make_project(tmp_path / "project")
    site = build_in_process(project, env=EPOCH)
    before = digests(site / "downloads")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build_in_process(project, env=EPOCH)
    files = len(KINDS) * 3 + 1  # three units' printables and the sample qualification's handbook
    assert f"generator: printables: 0 rendered, {files} reused from the cache" in caplog.messages
    assert digests(site / "downloads") == before
    assert sorted(p.name for p in (project / "content" / "units").iterdir()) == sorted(
        p.name for p in (ROOT / "content" / "units").iterdir()
    )


def test_cold_build_in_a_fresh_copy_is_byte_identical(seed_site: Path, tmp_path: Path) -> None:
    """A fresh process with its own empty cache renders every file again, to the same bytes."""
    other = make_project(tmp_path / "other", shared_cache=False)
    result = run_mkdocs(other, "build", "--strict", env=EPOCH)
    assert result.returncode == 0, result.stderr
    files = len(KINDS) * 3 + 1
    assert f"printables: {files}/{files}" in result.stderr
    assert (other / ".cache" / "handbook").is_dir()
    assert digests(other / "site" / "downloads") == digests(seed_site / "downloads")


def _serve_project(tmp_path: Path, extra_options: str) -> Path:
    project = make_project(tmp_path / "serve", shared_cache=False)
    for path in (project / "content" / "units").glob("*.yml"):
        if path.name != "r-503-0865.yml":
            path.unlink()
    # The sample qualification names the units just removed.
    for path in (project / "content" / "qualifications").glob("*.yml"):
        path.unlink()
    set_plugin_options(project, extra_options)
    return project


def _prepare_as_serve(project: Path):
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    return config.plugins["handbook"]


def _page_text(plugin, name: str) -> str:
    """A prepared page's text: its Markdown source, or the HTML it was made to."""
    page = plugin.prepared.pages[name]
    return page if isinstance(page, str) else page.source


def test_serve_skips_printables_by_default(tmp_path: Path) -> None:
    plugin = _prepare_as_serve(_serve_project(tmp_path, ""))
    assert plugin.prepared.files == []
    assert 'aria-labelledby="downloads-heading"' not in _page_text(plugin, "units/r-503-0865.md")


def test_serve_builds_printables_when_asked(
    tmp_path: Path, shared_printables_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])  # the shared cache's files are for it
    options = f"      printables:\n        in_serve: true\n        cache_dir: {shared_printables_cache}\n"
    plugin = _prepare_as_serve(_serve_project(tmp_path, options))
    unit_files = [item for item in plugin.prepared.files if item.site_path.startswith("downloads/r-503-0865/")]
    assert len(unit_files) == len(KINDS)
    assert 'aria-labelledby="downloads-heading"' in _page_text(plugin, "units/r-503-0865.md")
