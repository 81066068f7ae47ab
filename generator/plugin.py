"""The MkDocs plugin: adapts MkDocs events to the generator's stages, nothing more.

```yaml
plugins:
  - search
  - handbook:
      units_dir: content/units        # unit YAML files, relative to mkdocs.yml
      templates_dir: site_templates   # overrides for the packaged templates
      qualifications_dir: content/qualifications  # qualification YAML files
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .build import PreparedSite, Settings, prepare_site
from .errors import HandbookError
from .pages import HOME, UNITS_INDEX
from .qualification_pages import INDEXES_HOME, QUALIFICATIONS_INDEX

log = get_plugin_logger(__name__)


class HandbookConfig(Config):
    """Options of the ``handbook`` plugin."""

    units_dir = c.Type(str, default="content/units")
    """Folder of unit YAML files, relative to ``mkdocs.yml``."""
    templates_dir = c.Type(str, default="site_templates")
    """Folder searched for templates before the packaged ones, relative to ``mkdocs.yml``."""
    qualifications_dir = c.Type(str, default="content/qualifications")
    """Folder of qualification YAML files, relative to ``mkdocs.yml``."""


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Generates unit pages, indexes and assets in memory from ``content/``."""

    def __init__(self) -> None:
        self.prepared: PreparedSite | None = None
        self.settings: Settings | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        self.settings = Settings(
            root=root,
            units_dir=root / self.config.units_dir,
            templates_dirs=(root / self.config.templates_dir,),
            site_name=config.site_name,
            directory_urls=config.use_directory_urls,
            qualifications_dir=root / self.config.qualifications_dir,
        )
        if config.nav is None:
            config.nav = [{"Home": HOME}, {"Units": UNITS_INDEX}]
            config.nav += [{"Qualifications": QUALIFICATIONS_INDEX}, {"Indexes": INDEXES_HOME}]
        config.extra_css = ["assets/handbook.css", *config.extra_css]
        config.extra_css.append("assets/qualifications.css")
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.settings is not None
        user_home = (Path(config.docs_dir) / HOME).is_file()
        try:
            self.prepared = prepare_site(self.settings, with_home=not user_home)
        except HandbookError as exc:
            raise PluginError(str(exc)) from None
        log.info("Loaded %d units", len(self.prepared.catalogue))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.prepared is not None
        for path, content in {**self.prepared.pages, **self.prepared.assets}.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        assert self.settings is not None
        server.watch(str(self.settings.units_dir))
        if self.settings.qualifications_dir is not None and self.settings.qualifications_dir.is_dir():
            server.watch(str(self.settings.qualifications_dir))
        for folder in self.settings.templates_dirs:
            if folder.is_dir():
                server.watch(str(folder))
        return server
