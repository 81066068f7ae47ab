"""The adapter's theme and nav helpers: generated sections join a site's nav, packaged overrides, offline shim."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.theme import Theme

from generator.adapter import theme
from generator.adapter.plugin import SECTIONS

from .conftest import ROOT


def test_sections_are_appended_where_the_nav_does_not_mention_them() -> None:
    nav = [{"Welcome": "index.md"}, {"Courses": [{"All units": "units/index.md"}, "about.md"]}]
    added = theme.join_nav(nav, SECTIONS)
    assert added == ["Qualifications", "Indexes", "Downloads"]
    assert nav[2:] == [
        {"Qualifications": "qualifications/index.md"},
        {"Indexes": "indexes/index.md"},
        {"Downloads": "downloads/index.md"},
    ]
    assert theme.join_nav(nav, SECTIONS) == []  # now all mentioned: nothing more is added


def test_a_section_listed_as_a_bare_path_counts_as_mentioned() -> None:
    nav = ["index.md", "./downloads/index.md", "units/index.md", "qualifications/index.md", "indexes/index.md"]
    assert theme.join_nav(nav, SECTIONS) == []


def _config(theme_object: Theme, plugins: dict | None = None, extra: dict | None = None) -> SimpleNamespace:
    return SimpleNamespace(theme=theme_object, plugins=plugins or {}, extra=extra or {})


def test_overrides_go_after_the_sites_own_custom_dir(tmp_path: Path) -> None:
    own = tmp_path / "own-overrides"
    own.mkdir()
    material = Theme(name="material", custom_dir=str(own))
    config = _config(material)
    assert theme.add_theme_overrides(config)  # type: ignore[arg-type]
    assert material.dirs[0] == str(own)
    assert Path(material.dirs[1]) == theme.packaged_overrides_dir().resolve()
    assert (Path(material.dirs[1]) / "main.html").is_file()
    theme.add_theme_overrides(config)  # type: ignore[arg-type]
    assert len([d for d in material.dirs if Path(d) == theme.packaged_overrides_dir().resolve()]) == 1


def test_other_themes_are_left_alone() -> None:
    plain = SimpleNamespace(name="readthedocs", dirs=["x"], custom_dir=None)
    assert not theme.add_theme_overrides(_config(plain))  # type: ignore[arg-type]
    assert plain.dirs == ["x"]


def test_offline_shim_from_the_cdn_is_swapped_for_the_packaged_copy() -> None:
    offline = SimpleNamespace(config={"enabled": True})
    config = _config(
        SimpleNamespace(),
        {"material/offline": offline},
        {"polyfills": ["https://unpkg.com/iframe-worker/shim", "x.js"]},
    )
    assert theme.uses_offline_plugin(config)  # type: ignore[arg-type]
    theme.local_iframe_worker(config)  # type: ignore[arg-type]
    assert config.extra["polyfills"] == [theme.IFRAME_WORKER_SITE_PATH, "x.js"]
    assert theme.IFRAME_WORKER_SOURCE.read_text(encoding="utf-8").startswith('"use strict"')
    assert not theme.uses_offline_plugin(
        _config(SimpleNamespace(), {"material/offline": SimpleNamespace(config={"enabled": False})})
    )  # type: ignore[arg-type]


def _centre_config(tmp_path: Path, *extra_options: str) -> MkDocsConfig:
    project = tmp_path / "centre"
    shutil.copytree(ROOT / "tests" / "centre_site", project)
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    options = "".join(f"      {line}\n" for line in extra_options)
    config_file.write_text(
        text.replace("      units_dir: content/units\n", f"      units_dir: content/units\n{options}")
    )
    config = load_config(str(config_file))
    return config.plugins.on_config(config)


def test_the_plugin_joins_the_nav_and_logs_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        config = _centre_config(tmp_path)
    assert [next(iter(item)) for item in config.nav] == [
        "Welcome",
        "About us",
        "Contact",
        "Units",
        "Qualifications",
        "Indexes",
        "Downloads",
    ]
    assert "added Units, Qualifications, Indexes, Downloads to the nav" in caplog.text
    assert config.use_directory_urls is False  # the offline plugin ran first: links are made for it


def test_add_to_nav_false_leaves_the_centres_nav_alone(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        config = _centre_config(tmp_path, "add_to_nav: false")
    assert [next(iter(item)) for item in config.nav] == ["Welcome", "About us", "Contact"]
    assert "to the nav" not in caplog.text
