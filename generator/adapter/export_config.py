"""``handbook export`` reads the project's ``mkdocs.yml`` the way a build does.

The plugin's own ``on_config`` resolves the content folders, so the command exports exactly
what ``mkdocs build`` would publish under ``exports/``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException, PluginError

from ..build import Settings
from ..errors import HandbookError
from ..exports.site_exports import FORMATS, ExportSettings
from .plugin import HandbookPlugin


class ConfigFailed(HandbookError):
    """``mkdocs.yml`` could not be read, or has no ``handbook`` plugin."""


def export_settings(config_file: Path, formats: tuple[str, ...] = FORMATS) -> tuple[Settings, ExportSettings]:
    """The content settings and export settings of the project configured by ``config_file``."""
    try:
        config = load_config(str(config_file))
        plugin = next((p for p in config.plugins.values() if isinstance(p, HandbookPlugin)), None)
        if plugin is None:
            raise ConfigFailed(f"{config_file}: no 'handbook' plugin in plugins")
        plugin.on_config(config)
    except (MkDocsException, PluginError) as exc:
        raise ConfigFailed(str(exc)) from None
    assert plugin.settings is not None
    exports = ExportSettings(
        namespace=plugin.config.exports.namespace,
        site_url=config.site_url,
        site_name=config.site_name,
        directory_urls=config.use_directory_urls,
        formats=formats,
    )
    return plugin.settings, exports
