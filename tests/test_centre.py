"""The plugin's ``centre`` options: read by MkDocs and by every ``handbook`` command alike, with
defaults from ``site_name`` and ``theme.logo``. The centre here is fictional."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.adapter.options import read_settings
from generator.adapter.plugin import HandbookPlugin
from generator.build import printables_settings
from generator.errors import SettingsError
from generator.printables.branding import Centre

PNG = b"\x89PNG\r\n\x1a\n"  # only read as bytes here


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "units").mkdir(parents=True)
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    (tmp_path / "docs" / "assets" / "theme-logo.png").write_bytes(PNG)
    (tmp_path / "branding").mkdir()
    (tmp_path / "branding" / "centre.png").write_bytes(PNG)
    return tmp_path


def write_config(project: Path, centre: str = "") -> Path:
    config = project / "mkdocs.yml"
    config.write_text(
        "site_name: Riverside College (fictional)\n"
        "theme:\n  name: mkdocs\n  logo: assets/theme-logo.png\n"
        "plugins:\n  - handbook:\n      printables: {enabled: false}\n" + centre,
        encoding="utf-8",
    )
    return config


def test_the_centre_defaults_to_the_site_name_and_the_theme_logo(project: Path) -> None:
    settings = read_settings(write_config(project))
    assert settings.centre == Centre(
        name="Riverside College (fictional)", logo=(project / "docs" / "assets" / "theme-logo.png").resolve()
    )


def test_the_centre_block_sets_every_detail(project: Path) -> None:
    block = (
        "      centre:\n"
        "        name: Quayside Training (fictional)\n"
        "        logo: branding/centre.png\n"
        "        address: |\n          1 Quay Street\n          Riverside RV1 1AA\n"
        "        contact: assessment@quayside.example\n"
        "        accent_colour: '#1f6f8b'\n"
    )
    centre = read_settings(write_config(project, block)).centre
    assert centre.name == "Quayside Training (fictional)"
    assert centre.logo == project / "branding" / "centre.png"
    assert centre.address_lines == ["1 Quay Street", "Riverside RV1 1AA"]
    assert centre.details == ["1 Quay Street", "Riverside RV1 1AA", "assessment@quayside.example"]
    assert centre.accent == "#1F6F8B"


def test_a_theme_logo_that_is_a_url_or_missing_gives_no_logo(project: Path) -> None:
    config = write_config(project)
    config.write_text(config.read_text().replace("assets/theme-logo.png", "https://example.org/logo.png"))
    assert read_settings(config).centre.logo is None
    config.write_text(config.read_text().replace("https://example.org/logo.png", "assets/none.png"))
    assert read_settings(config).centre.logo is None


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("accent_colour: blue", "Sub-option 'accent_colour': expected a colour such as '#1F6F8B', got 'blue'"),
        ("logo: branding/none.png", "Sub-option 'logo': The path"),
    ],
)
def test_bad_centre_options_are_one_line_naming_the_option(project: Path, block: str, message: str) -> None:
    config = write_config(project, f"      centre:\n        {block}\n")
    with pytest.raises(SettingsError) as raised:
        read_settings(config)
    text = str(raised.value)
    assert text.startswith(f"{config.as_posix()}: plugins.handbook.centre: ") and "\n" not in text
    assert message in text


def test_mkdocs_gives_the_plugin_the_same_centre(project: Path) -> None:
    config = load_config(str(write_config(project)))
    plugin = config.plugins["handbook"]
    assert isinstance(plugin, HandbookPlugin)
    plugin.on_config(config)
    assert plugin.settings is not None
    assert plugin.settings.centre == read_settings(project / "mkdocs.yml").centre
    assert plugin.settings.centre.logo == (project / "docs" / "assets" / "theme-logo.png").resolve()


def test_the_build_hands_the_centre_to_the_printables(project: Path) -> None:
    settings = read_settings(write_config(project))
    assert printables_settings(settings).centre == settings.centre
