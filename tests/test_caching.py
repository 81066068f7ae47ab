"""The caches behind fast rebuilds: parsed units by file stamp, rendered unit pages, and
generated files that keep their stamp under ``mkdocs serve --dirty``.

Fictional: the units here come from tests/benchmarks/synthetic.py (made-up content).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pytest

from generator.build import environment_for
from generator.content.catalogue import Catalogue, find_unit_files, load_units
from generator.content.unit_cache import StampCache
from generator.site.pages import Download, SiteContext, generate_pages, unit_page_path
from tests.benchmarks.synthetic import unit_id, unit_yaml, write_project, write_units

from .conftest import ROOT, UNITS_DIR
from .helpers import run_mkdocs

#: A moment well before "now", so files written by a test count as settled (not racy).
LONG_AGO_NS = time.time_ns() - 3600 * 1_000_000_000


def settle(path: Path, offset_s: int = 0) -> None:
    """Give ``path`` a modification time an hour ago (plus ``offset_s``), as if saved long before."""
    moment = LONG_AGO_NS + offset_s * 1_000_000_000
    os.utime(path, ns=(moment, moment))


@pytest.fixture
def units_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "units"
    for path in write_units(folder, 3):
        settle(path)
    return folder


def load(folder: Path, cache: StampCache | None):
    return load_units(find_unit_files(folder), root=folder.parent, cache=cache)


def by_id(units) -> dict:
    return {entry.unit.id: entry for entry in units}


def test_unchanged_files_are_not_parsed_again(units_dir: Path) -> None:
    cache = StampCache()
    first, _ = load(units_dir, cache)
    assert cache.loads == 3
    second, errors = load(units_dir, cache)
    assert errors == []
    assert cache.loads == 3
    assert all(a is b for a, b in zip(first, second, strict=True))


def test_a_changed_file_invalidates_exactly_that_unit(units_dir: Path) -> None:
    cache = StampCache()
    before = by_id(load(units_dir, cache)[0])
    changed = units_dir / f"{unit_id(2)}.yml"
    changed.write_text(unit_yaml(2, revision=1), encoding="utf-8")
    settle(changed, offset_s=1)
    after = by_id(load(units_dir, cache)[0])
    assert cache.loads == 4
    assert after[unit_id(1)] is before[unit_id(1)]
    assert after[unit_id(3)] is before[unit_id(3)]
    assert after[unit_id(2)] is not before[unit_id(2)]
    assert after[unit_id(2)].unit.title.endswith("(revision 1)")


def test_same_size_rewrite_with_the_old_time_is_still_seen(units_dir: Path) -> None:
    cache = StampCache()
    load(units_dir, cache)
    path = units_dir / f"{unit_id(1)}.yml"
    text = path.read_text(encoding="utf-8")
    rewritten = text.replace("Fictional unit 1:", "Fictional unit X:")
    assert len(rewritten) == len(text)
    path.write_text(rewritten, encoding="utf-8")
    settle(path)  # same size, same modification time as before: only the change time differs
    units = by_id(load(units_dir, cache)[0])
    assert units[unit_id(1)].unit.title.startswith("Fictional unit X:")


def test_a_file_saved_just_now_is_parsed_again_until_it_settles(units_dir: Path) -> None:
    cache = StampCache()
    path = units_dir / f"{unit_id(1)}.yml"
    path.write_text(unit_yaml(1, revision=2), encoding="utf-8")
    load(units_dir, cache)
    load(units_dir, cache)
    assert cache.loads == 3 + 1  # the fresh file again; the settled two once only
    settle(path)
    load(units_dir, cache)
    load(units_dir, cache)
    assert cache.loads == 3 + 1 + 1


def test_a_deleted_file_disappears(units_dir: Path) -> None:
    cache = StampCache()
    load(units_dir, cache)
    (units_dir / f"{unit_id(3)}.yml").unlink()
    units, errors = load(units_dir, cache)
    assert sorted(by_id(units)) == [unit_id(1), unit_id(2)]
    assert errors == []
    assert len(cache) == 2


def test_a_broken_file_keeps_its_errors_until_fixed(units_dir: Path) -> None:
    cache = StampCache()
    path = units_dir / f"{unit_id(2)}.yml"
    path.write_text(unit_yaml(2).replace("title:", "titel:"), encoding="utf-8")
    settle(path)
    _, first = load(units_dir, cache)
    _, second = load(units_dir, cache)
    assert cache.loads == 3
    assert first == second
    assert any(e.field == "titel" and e.path.endswith(f"{unit_id(2)}.yml") for e in first)
    path.write_text(unit_yaml(2), encoding="utf-8")
    settle(path, offset_s=1)
    units, errors = load(units_dir, cache)
    assert errors == []
    assert len(units) == 3
    assert cache.loads == 4


def test_cached_loading_gives_what_uncached_loading_gives(tmp_path: Path) -> None:
    folder = tmp_path / "units"
    shutil.copytree(UNITS_DIR, folder)
    for bad in ("unknown-key.yml", "ac-skips.yml", "syntax-error.yml"):
        shutil.copy(ROOT / "tests" / "bad_units" / bad, folder / bad)
    write_units(folder, 2)
    for path in folder.iterdir():
        settle(path)
    cache = StampCache()
    plain = load(folder, None)
    for _ in range(2):  # filling the cache, then from it
        units, errors = load(folder, cache)
        assert [e.unit for e in units] == [e.unit for e in plain[0]]
        assert [e.path for e in units] == [e.path for e in plain[0]]
        assert errors == plain[1]
    assert cache.loads == len(list(folder.iterdir()))


def site(**changes) -> SiteContext:
    return SiteContext(**{"site_name": "Handbook", "build_date": dt.date(2026, 1, 1), **changes})


def test_unit_pages_are_rendered_again_only_when_their_inputs_change(tmp_path: Path, units_dir: Path) -> None:
    from generator.build import Settings
    from generator.site.page_cache import PageCache

    templates = tmp_path / "templates"
    templates.mkdir()
    env = environment_for(Settings(root=tmp_path, units_dir=units_dir, templates_dirs=(templates,)))
    unit_cache = StampCache()
    catalogue = Catalogue(tuple(load(units_dir, unit_cache)[0]))
    cache = PageCache()

    pages = generate_pages(env, catalogue, site(), cache=cache)
    assert cache.renders == 3
    assert pages == generate_pages(env, catalogue, site(), cache=None)
    assert generate_pages(env, catalogue, site(), cache=cache) == pages
    assert cache.renders == 3

    changed = units_dir / f"{unit_id(2)}.yml"
    changed.write_text(unit_yaml(2, revision=4), encoding="utf-8")
    settle(changed, offset_s=1)
    catalogue = Catalogue(tuple(load(units_dir, unit_cache)[0]))
    new_pages = generate_pages(env, catalogue, site(), cache=cache)
    assert cache.renders == 4
    assert new_pages == generate_pages(env, catalogue, site(), cache=None)
    assert new_pages[unit_page_path(catalogue.get(unit_id(1)))] == pages[unit_page_path(catalogue.get(unit_id(1)))]

    downloads = {unit_id(3): (Download("Workbook (PDF)", "../downloads/x.pdf", "pdf", 10),)}
    generate_pages(env, catalogue, site(downloads=downloads), cache=cache)
    assert cache.renders == 5  # only the unit whose downloads changed

    generate_pages(env, catalogue, site(downloads=downloads, build_date=dt.date(2026, 1, 2)), cache=cache)
    assert cache.renders == 8  # the site changed: every unit page

    smaller = Catalogue(tuple(e for e in catalogue.units if e.unit.id != unit_id(3)))
    generate_pages(env, smaller, site(downloads=downloads, build_date=dt.date(2026, 1, 2)), cache=cache)
    assert cache.renders == 8
    assert len(cache) == 2  # the removed unit's page is forgotten

    override = templates / "partials" / "reading_list.html.j2"
    override.parent.mkdir()
    override.write_text("<p>No reading list here.</p>\n", encoding="utf-8")
    settle(override)
    env = environment_for(Settings(root=tmp_path, units_dir=units_dir, templates_dirs=(templates,)))
    overridden = generate_pages(env, catalogue, site(), cache=cache)
    assert cache.renders == 11  # a template changed: every unit page (the third one again too)
    assert "No reading list here." in overridden[unit_page_path(catalogue.get(unit_id(1)))]


def test_a_template_saved_just_now_turns_the_page_cache_off(tmp_path: Path, units_dir: Path) -> None:
    from generator.build import Settings
    from generator.site.page_cache import PageCache

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "unused.j2").write_text("x", encoding="utf-8")
    env = environment_for(Settings(root=tmp_path, units_dir=units_dir, templates_dirs=(templates,)))
    catalogue = Catalogue(tuple(load(units_dir, None)[0]))
    cache = PageCache()
    generate_pages(env, catalogue, site(), cache=cache)
    generate_pages(env, catalogue, site(), cache=cache)
    assert cache.renders == 6


def test_the_page_cache_is_keyed_on_unit_data_not_identity(tmp_path: Path, units_dir: Path) -> None:
    from generator.build import Settings
    from generator.site.page_cache import PageCache

    env = environment_for(Settings(root=tmp_path, units_dir=units_dir))
    cache = PageCache()
    generate_pages(env, Catalogue(tuple(load(units_dir, None)[0])), site(), cache=cache)
    assert cache.renders == 3
    fresh = Catalogue(tuple(load(units_dir, None)[0]))  # new objects, same data
    generate_pages(env, fresh, site(), cache=cache)
    assert cache.renders == 3
    changed = units_dir / f"{unit_id(2)}.yml"
    changed.write_text(unit_yaml(2, revision=4), encoding="utf-8")
    generate_pages(env, Catalogue(tuple(load(units_dir, None)[0])), site(), cache=cache)
    assert cache.renders == 4


@pytest.mark.slow
def test_a_dirty_rebuild_rewrites_only_the_changed_unit_page(tmp_path: Path) -> None:
    """Real MkDocs builds in one process, as ``mkdocs serve --dirty`` runs them."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = write_project(tmp_path / "project", 4, repo=ROOT)
    for path in (project / "content" / "units").iterdir():
        settle(path)
    site_dir = tmp_path / "site"

    def build_once(dirty: bool) -> dict[str, int]:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
        build(config, dirty=dirty)
        # Generated pages only: MkDocs writes theme templates such as 404.html on every build.
        pages = [site_dir / "index.html", *(site_dir / "units").rglob("*.html")]
        return {str(p.relative_to(site_dir)): p.stat().st_mtime_ns for p in pages}

    first = build_once(dirty=False)
    time.sleep(0.1)
    assert build_once(dirty=True) == first  # nothing changed: nothing written

    changed = project / "content" / "units" / f"{unit_id(2)}.yml"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Be able to", "Be able, after editing, to", 1), encoding="utf-8"
    )
    settle(changed, offset_s=5)
    time.sleep(0.1)
    third = build_once(dirty=True)
    rewritten = sorted(page for page, mtime in third.items() if mtime != first[page])
    assert rewritten == [f"units/{unit_id(2)}/index.html"]
    assert "Be able, after editing, to" in (site_dir / rewritten[0]).read_text(encoding="utf-8")

    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Fictional unit 2:", "Fictional unit 2 renamed:"), encoding="utf-8"
    )
    settle(changed, offset_s=10)
    time.sleep(0.1)
    fourth = build_once(dirty=True)
    rewritten = sorted(page for page, mtime in fourth.items() if mtime != third[page])
    assert rewritten == ["units/index.html", f"units/{unit_id(2)}/index.html"]  # a title is in the index too
    assert "Fictional unit 2 renamed:" in (site_dir / "units" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_clean_build_is_the_same_with_warm_caches(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", 3, repo=ROOT)
    first = run_mkdocs(project, "build", "--strict", env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert first.returncode == 0, first.stderr
    pages = {p: p.read_bytes() for p in (project / "site").rglob("*.html")}
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for _ in range(2):  # in one process: the second build runs from the caches
        os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
        try:
            build(load_config(str(project / "mkdocs.yml")))
        finally:
            del os.environ["SOURCE_DATE_EPOCH"]
        assert {p: p.read_bytes() for p in (project / "site").rglob("*.html")} == pages


def test_theme_templates_compile_once_per_process_and_again_when_edited(tmp_path: Path) -> None:
    import jinja2

    from generator.adapter.template_bytecode import MemoryBytecodeCache

    cache = MemoryBytecodeCache()
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")

    def environment() -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
        env.bytecode_cache = cache  # as the plugin's on_env sets it on MkDocs' theme environment
        return env

    assert environment().get_template("page.html").render(name="A") == "Hello A"
    second = environment()
    compile_calls = []
    original = second.compile
    second.compile = lambda *a, **k: compile_calls.append(a) or original(*a, **k)  # type: ignore[method-assign]
    assert second.get_template("page.html").render(name="B") == "Hello B"
    assert compile_calls == []

    (tmp_path / "page.html").write_text("Goodbye {{ name }}", encoding="utf-8")
    third = environment()
    assert third.get_template("page.html").render(name="C") == "Goodbye C"


def test_clear_caches_empties_every_process_cache(tmp_path: Path, units_dir: Path) -> None:
    from generator.adapter.template_bytecode import THEME_BYTECODE_CACHE
    from generator.caches import clear_caches
    from generator.content.catalogue import UNIT_CACHE
    from generator.printables.pipeline import code_digest
    from generator.site.page_cache import PAGE_CACHE
    from generator.site.render import make_environment

    units, _ = load_units(find_unit_files(units_dir), root=tmp_path)
    generate_pages(make_environment(), Catalogue(tuple(units)), site())
    code_digest()
    THEME_BYTECODE_CACHE.dump_bytecode(_bucket())
    assert len(UNIT_CACHE) and len(PAGE_CACHE) and code_digest.cache_info().currsize
    clear_caches()
    assert len(UNIT_CACHE) == 0 and len(PAGE_CACHE) == 0 and code_digest.cache_info().currsize == 0
    assert THEME_BYTECODE_CACHE._store == {}


def _bucket():
    import jinja2
    import jinja2.bccache

    env = jinja2.Environment()
    bucket = jinja2.bccache.Bucket(env, "key", "checksum")
    bucket.code = compile("x = 1", "<test>", "exec")
    return bucket
