"""What a build keeps in memory and how it treats the garbage collector (issue 16, memory).

The figures are in ``tests/benchmarks/bench_build.py``; these tests check the mechanisms: a
one-shot build (``mkdocs build``) keeps no units or pages for a next build, frees the catalogue
(cycles included) once MkDocs has the pages, lets go of each generated page's source once
MkDocs has read it and of its HTML once written, and of unit JSON once copied; and every build
leaves the collector as it found it (thresholds, nothing frozen), so ``mkdocs serve`` frees an
old build's cycles.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.adapter.collector import BUILD_THRESHOLD0, BuildCollector
from generator.adapter.generated_files import StampedFile
from generator.content.catalogue import UNIT_CACHE, load_unit
from generator.content.loader import load_model
from generator.content.model import Unit
from generator.site.page_cache import PAGE_CACHE

from .conftest import ROOT
from .helpers import environment, make_project


class _Watch(BasePlugin):
    """Registered after the handbook plugin: what the collector and the page files look like mid-build."""

    def __init__(self) -> None:
        self.thresholds: list[tuple[int, int, int]] = []
        self.frozen: list[int] = []
        self.kept_sources: list[str] = []
        self.units: list[weakref.ref[Unit]] = []
        self.units_alive: list[int] = []
        self.page_files: dict[str, tuple[str, str]] = {}
        self.pages: list[Page] = []
        self.exports: list[File] = []

    def on_pre_build(self, config: Any) -> None:
        prepared = config.plugins["handbook"].prepared
        self.units = [weakref.ref(unit) for unit in prepared.catalogue]
        self.page_files = {path: (page.source, page.html) for path, page in prepared.pages.items()}

    def on_files(self, files: Any, config: Any) -> Any:
        for file in files:
            if file.src_uri in self.page_files:
                assert file.content_string == self.page_files[file.src_uri][0]  # what a plugin reading it gets
        self.exports = [file for file in files if file.src_uri.startswith("exports/units/")]
        return files

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        self.thresholds.append(gc.get_threshold())
        self.frozen.append(gc.get_freeze_count())
        self.units_alive.append(sum(ref() is not None for ref in self.units))
        if isinstance(page.file, StampedFile) and page.file.content_string:
            self.kept_sources.append(page.file.src_uri)
        if page.file.src_uri in self.page_files:
            assert html == self.page_files[page.file.src_uri][1]
            self.pages.append(page)
        return html


def _build(project: Path, command: str | None) -> _Watch:
    watch = _Watch()
    with environment({"NO_MKDOCS_2_WARNING": "1"}):
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins["watch"] = watch
        if command is not None:
            config.plugins.on_startup(command=command, dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return watch


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", printables=False)


def test_a_one_shot_build_keeps_no_units_or_pages_and_restores_the_collector(project: Path) -> None:
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    watch = _build(project, "build")
    assert watch.thresholds and all(t[0] == max(BUILD_THRESHOLD0, thresholds[0]) for t in watch.thresholds)
    assert all(count > frozen for count in watch.frozen)
    assert watch.kept_sources == []  # released once read: MkDocs has the page's Markdown
    assert len(UNIT_CACHE) == 0 and len(PAGE_CACHE) == 0
    # The catalogue is gone once MkDocs has the pages (Jinja's cycles that held it included).
    assert watch.units and watch.units_alive and set(watch.units_alive) == {0}
    # A generated page's HTML is let go of once written; so are the unit JSON files once copied.
    assert watch.pages and all(page.content == page.markdown == "" for page in watch.pages)
    assert watch.pages[0].toc.items and watch.pages[0].meta
    assert watch.exports and all(file.content_bytes == b"" for file in watch.exports)
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == frozen
    assert (project / "site" / "units" / "r-503-0865" / "index.html").is_file()


def test_a_serve_build_keeps_its_caches_for_the_next_rebuild(project: Path) -> None:
    thresholds = gc.get_threshold()
    watch = _build(project, "serve")
    assert len(UNIT_CACHE) == 3 and len(PAGE_CACHE) == 3
    assert watch.pages and all(page.content for page in watch.pages)
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0


def test_a_failed_build_restores_the_collector(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    (project / "content" / "units" / "r-503-0865.yml").write_text("id: [", encoding="utf-8")
    thresholds = gc.get_threshold()
    with pytest.raises(Abort):
        _build(project, "build")
    assert "content/units/r-503-0865.yml:1:6: (file): YAML syntax error" in caplog.text
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0


def test_the_collector_leaves_a_process_that_froze_objects_itself_alone() -> None:
    thresholds = gc.get_threshold()
    collector = BuildCollector()
    gc.freeze()
    try:
        # Frozen objects that die are still freed (the count may fall), but none may be added,
        # and the process's own frozen objects must stay frozen after the build.
        frozen = gc.get_freeze_count()
        collector.begin()
        collector.freeze()
        assert 0 < gc.get_freeze_count() <= frozen
        collector.end()
        assert 0 < gc.get_freeze_count() <= frozen and gc.get_threshold() == thresholds
    finally:
        collector.end()
        gc.unfreeze()


def test_a_loaded_unit_keeps_its_text_not_its_data_and_places_errors_the_same() -> None:
    path = ROOT / "content" / "units" / "ocr-unit-38.yml"
    _, full = load_model(path, Unit, root=ROOT)
    kept = load_unit(path, root=ROOT).document
    # Positions are not kept: they are found again from the text when an error asks.
    assert kept.data is None and kept.text == full.text and kept.known_positions is None
    locations = [("id",), ("learning_outcomes", 2, "criteria", 0, "text"), ("reading_list", "books", 1), ("nope",)]
    for location in locations:
        for at_key in (False, True):
            assert kept.error(location, "m", at_key=at_key) == full.error(location, "m", at_key=at_key)
    assert full.error(("learning_outcomes", 2, "criteria", 0, "text"), "m").line > 1


def test_a_build_left_unfinished_is_ended_by_the_next(project: Path) -> None:
    thresholds = gc.get_threshold()
    with environment({"NO_MKDOCS_2_WARNING": "1"}):
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        config.plugins.on_pre_build(config=config.plugins.on_config(config))
    assert gc.get_freeze_count() > 0 and gc.get_threshold() != thresholds
    _build(project, "build")
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0
