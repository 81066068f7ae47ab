"""The MkDocs plugin: MkDocs config in, :class:`Settings` out; the prepared site in, ``Files`` out.

```yaml
plugins:
  - search
  - handbook:
      units_dir: content/units        # unit YAML files, relative to mkdocs.yml
      templates_dir: site_templates   # overrides for the packaged templates
      qualifications_dir: content/qualifications  # qualification YAML files
      printables:                     # workbooks, record sheets, trackers (see PrintablesConfig)
        enabled: true
```

The options are declared in :mod:`.options`; the order of the build's steps lives in
:func:`generator.build.prepare_site`. This plugin does what mkdocs-gen-files' does: it adds
the generated pages, assets and downloads to MkDocs' ``Files``, nothing more.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..build import PreparedSite, prepare_site
from ..errors import HandbookError
from ..settings import Settings
from ..site.pages import HOME, UNITS_INDEX
from ..site.qualification_pages import INDEXES_HOME, QUALIFICATIONS_INDEX
from .generated_files import generated_file
from .options import HandbookConfig, PrintablesConfig, to_settings
from .template_bytecode import THEME_BYTECODE_CACHE

__all__ = ["HandbookConfig", "HandbookPlugin", "PrintablesConfig"]

log = get_plugin_logger(__name__)


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Generates unit pages, indexes, assets and downloads in memory from ``content/``."""

    def __init__(self) -> None:
        self.prepared: PreparedSite | None = None
        self.settings: Settings | None = None
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = Path(config.config_file_path).resolve()
        self.settings = to_settings(
            self.config,
            config_file=config_file,
            root=config_file.parent,
            site_name=config.site_name,
            directory_urls=config.use_directory_urls,
        )
        if config.nav is None:
            config.nav = [{"Home": HOME}, {"Units": UNITS_INDEX}]
            config.nav += [{"Qualifications": QUALIFICATIONS_INDEX}, {"Indexes": INDEXES_HOME}]
        config.extra_css = ["assets/handbook.css", *config.extra_css]
        config.extra_css.append("assets/qualifications.css")
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.settings is not None
        options = self.settings.printables
        try:
            self.prepared = prepare_site(
                self.settings,
                with_home=not (Path(config.docs_dir) / HOME).is_file(),
                printables=options.enabled and (options.in_serve or not self.serving),
                report=log.info,
            )
        except HandbookError as exc:
            raise PluginError(str(exc)) from None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.prepared is not None
        for path, content in {**self.prepared.pages, **self.prepared.assets}.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(generated_file(config, path, content))
        for item in self.prepared.files:
            files.append(File.generated(config, item.site_path, abs_src_path=str(item.path)))
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = THEME_BYTECODE_CACHE
        return env

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        assert self.settings is not None
        folders = [self.settings.units_dir, self.settings.qualifications_folder, *self.settings.templates_dirs]
        for folder in folders:
            if folder.is_dir():
                server.watch(str(folder))
        return server
