"""One source of settings: the plugin's options, read the same way by MkDocs and every ``handbook`` command."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.adapter.options import read_settings
from generator.adapter.plugin import HandbookPlugin
from generator.errors import SettingsError
from generator.settings import MAX_WORKERS, load_settings

from .conftest import ROOT


def load_options(options: dict, project: Path) -> tuple[list, HandbookPlugin]:
    """Validate plugin ``options`` as MkDocs does for an ``mkdocs.yml`` in ``project`` (as mkdocstrings' tests do)."""
    plugin = HandbookPlugin()
    errors, _warnings = plugin.load_config(options, config_file_path=str(project / "mkdocs.yml"))
    return errors, plugin


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("content/units", "data/units", "content/qualifications"):
        (tmp_path / folder).mkdir(parents=True)
    return tmp_path


def test_folders_resolve_against_mkdocs_yml(project: Path) -> None:
    errors, plugin = load_options({"units_dir": "data/units", "printables": {"cache_dir": "tmp/c"}}, project)
    assert errors == []
    assert plugin.config.units_dir == str(project / "data" / "units")
    assert plugin.config.printables.cache_dir == str(project / "tmp" / "c")
    assert plugin.config.qualifications_dir == str(project / "content" / "qualifications")


def test_defaults(project: Path) -> None:
    errors, plugin = load_options({}, project)
    assert errors == []
    assert plugin.config.units_dir == str(project / "content" / "units")
    assert plugin.config.templates_dir == str(project / "site_templates")
    assert plugin.config.printables.workers == 0
    assert plugin.config.printables.enabled is True


def test_a_missing_units_folder_is_refused_naming_the_path(project: Path) -> None:
    errors, _ = load_options({"units_dir": "nowhere"}, project)
    assert [key for key, _ in errors] == ["units_dir"]
    assert str(project / "nowhere") in str(errors[0][1])


def test_a_missing_qualifications_folder_means_none(project: Path) -> None:
    errors, plugin = load_options({"qualifications_dir": "nowhere"}, project)
    assert errors == []
    assert plugin.config.qualifications_dir == str(project / "nowhere")


@pytest.mark.parametrize("workers", [-1, MAX_WORKERS + 1, "4", True])
def test_workers_is_bounded(project: Path, workers: object) -> None:
    errors, _ = load_options({"printables": {"workers": workers}}, project)
    assert [key for key, _ in errors] == ["printables"]
    assert "workers" in str(errors[0][1])


@pytest.mark.parametrize("workers", [0, 1, MAX_WORKERS])
def test_workers_in_range(project: Path, workers: int) -> None:
    errors, plugin = load_options({"printables": {"workers": workers}}, project)
    assert errors == []
    assert plugin.config.printables.workers == workers


def test_read_settings_takes_the_handbook_entry_of_mkdocs_yml(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: Fictional centre\nuse_directory_urls: false\nplugins:\n  - search\n"
        "  - handbook:\n      units_dir: data/units\n      printables:\n        workers: 2\n",
        encoding="utf-8",
    )
    settings = read_settings(project / "mkdocs.yml")
    assert settings.units_dir == project / "data" / "units"
    assert settings.root == project
    assert settings.site_name == "Fictional centre"
    assert settings.directory_urls is False
    assert settings.printables.workers == 2
    assert settings.cache_dir == project / ".cache" / "handbook"
    assert settings.qualifications_folder == project / "content" / "qualifications"


def test_read_settings_accepts_the_mapping_form_of_plugins(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  search: {}\n  handbook:\n    units_dir: data/units\n", encoding="utf-8"
    )
    assert read_settings(project / "mkdocs.yml").units_dir == project / "data" / "units"


def test_without_mkdocs_yml_the_defaults_beside_it(project: Path) -> None:
    settings = read_settings(project / "mkdocs.yml")
    assert settings.config_file is None
    assert settings.units_dir == project / "content" / "units"


def test_bad_options_are_one_line_naming_option_and_path(project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - handbook:\n      units_dir: nowhere\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(project / "mkdocs.yml")
    message = str(caught.value)
    assert "\n" not in message
    assert "plugins.handbook.units_dir" in message
    assert str(project / "nowhere") in message


def test_new_files_may_go_into_a_folder_not_made_yet(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "mkdocs.yml", need_content=False)
    assert settings.units_dir == tmp_path / "content" / "units"
    with pytest.raises(SettingsError, match="units_dir"):
        load_settings(tmp_path / "mkdocs.yml")


def test_the_repository_settings() -> None:
    settings = load_settings(ROOT / "mkdocs.yml")
    assert settings.units_dir == ROOT / "content" / "units"
    assert settings.templates_dirs == (ROOT / "site_templates",)
