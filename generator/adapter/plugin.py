"""The MkDocs plugin: adapts MkDocs events to the generator's stages, nothing more.

```yaml
plugins:
  - search
  - handbook:
      units_dir: content/units        # unit YAML files, relative to mkdocs.yml
      templates_dir: site_templates   # overrides for the packaged templates
      qualifications_dir: content/qualifications  # qualification YAML files
      printables:                     # workbooks, record sheets, trackers (see PrintablesConfig)
        enabled: true
      exports:                        # open data: JSON, CASE, Moodle, criteria (see ExportsConfig)
        namespace: 6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90
```
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..build import (
    PreparedSite,
    Settings,
    build_date,
    environment_for,
    load_catalogue,
    load_qualifications,
    prepare_site,
)
from ..content.catalogue import Catalogue
from ..errors import HandbookError
from ..printables.wording import DEFAULT_ASSESSMENT_METHODS
from ..site.pages import HOME, UNITS_INDEX
from ..site.qualification_pages import INDEXES_HOME, QUALIFICATIONS_INDEX
from .generated_files import generated_file
from .template_bytecode import THEME_BYTECODE_CACHE

if TYPE_CHECKING:
    from ..content.qualifications import Qualifications
    from ..exports.site_exports import SiteExports
    from ..printables.handbook_pdf import HandbookFile
    from ..printables.pipeline import PrintablesResult

log = get_plugin_logger(__name__)


class PrintablesConfig(Config):
    """Options of the printables (candidate workbooks, evidence record sheets, trackers).

    ```yaml
    printables:
      enabled: true                # build them with `mkdocs build`
      in_serve: false              # also build them during `mkdocs serve` (slower edits)
      cache_dir: .cache/handbook   # rendered files, keyed by their inputs; relative to mkdocs.yml
      workers: 0                   # render processes; 0 = one per CPU core
      default_assessment_methods:  # offered when a unit lists no evidence methods
        - Observation
        - Witness testimony
    ```
    """

    enabled = c.Type(bool, default=True)
    """Build printables and the downloads box of each unit page."""
    in_serve = c.Type(bool, default=False)
    """Also build them during ``mkdocs serve``; off by default so the editing loop stays fast."""
    cache_dir = c.Type(str, default=".cache/handbook")
    """Folder of cached renders, relative to ``mkdocs.yml``; safe to delete."""
    workers = c.Type(int, default=0)
    """Render processes; 0 means one per CPU core."""
    default_assessment_methods = c.ListOfItems(c.Type(str), default=list(DEFAULT_ASSESSMENT_METHODS))
    """Assessment methods offered in the tracker when a unit lists none of its own."""


class ExportsConfig(Config):
    """Options of the open data exports (unit JSON, CASE 1.1 packages, Moodle frameworks, criteria).

    ```yaml
    exports:
      enabled: true                                  # write exports/ into the site
      namespace: 6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90  # the centre's own UUID, chosen once, kept
    ```
    """

    enabled = c.Type(bool, default=True)
    """Write ``exports/`` into the site and link the files from unit and qualification pages."""
    namespace = c.Optional(c.Type(str))
    """The UUID every export identifier is derived from (UUID v5); default: derived from ``site_url``."""


class HandbookConfig(Config):
    """Options of the ``handbook`` plugin."""

    units_dir = c.Type(str, default="content/units")
    """Folder of unit YAML files, relative to ``mkdocs.yml``."""
    templates_dir = c.Type(str, default="site_templates")
    """Folder searched for templates before the packaged ones, relative to ``mkdocs.yml``."""
    qualifications_dir = c.Type(str, default="content/qualifications")
    """Folder of qualification YAML files, relative to ``mkdocs.yml``."""
    printables = c.SubConfig(PrintablesConfig)
    """Candidate workbooks, record sheets and trackers: see :class:`PrintablesConfig`."""
    exports = c.SubConfig(ExportsConfig)
    """Open data exports: see :class:`ExportsConfig`."""


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Generates unit pages, indexes and assets in memory from ``content/``."""

    def __init__(self) -> None:
        self.prepared: PreparedSite | None = None
        self.settings: Settings | None = None
        self.printed: PrintablesResult | None = None
        self.handbooks: list[HandbookFile] = []
        self.exported: SiteExports | None = None
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        if self.config.exports.namespace is not None:
            from ..exports.identifiers import NamespaceError, parse_namespace

            try:
                parse_namespace(self.config.exports.namespace)
            except NamespaceError as exc:
                raise PluginError(f"{config.config_file_path}: plugins.handbook.{exc}") from None
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
            catalogue = load_catalogue(self.settings)
            qualifications = load_qualifications(self.settings, catalogue)
            root = Path(config.config_file_path).resolve().parent
            self.printed = self._build_printables(catalogue, root)
            downloads = self.printed.downloads() if self.printed else None
            if self.printed is not None:
                downloads = {**(downloads or {}), **self._build_handbooks(catalogue, qualifications, root)}
            self.exported = self._build_exports(catalogue, qualifications, config)
            if self.exported is not None:
                downloads = {**(downloads or {}), **self.exported.downloads()}
            self.prepared = prepare_site(
                self.settings,
                with_home=not user_home,
                downloads=downloads,
                catalogue=catalogue,
                qualifications=qualifications,
            )
        except HandbookError as exc:
            raise PluginError(str(exc)) from None
        log.info("Loaded %d units", len(self.prepared.catalogue))

    def _build_printables(self, catalogue: Catalogue, root: Path) -> PrintablesResult | None:
        options = self.config.printables
        if not options.enabled or (self.serving and not options.in_serve):
            return None
        assert self.settings is not None
        # Imported here: WeasyPrint takes a second to load, and `mkdocs serve` usually skips printables.
        from ..printables.pipeline import PrintablesSettings, build_printables

        settings = PrintablesSettings(
            cache_dir=root / options.cache_dir,
            templates_dirs=self.settings.templates_dirs,
            default_methods=tuple(options.default_assessment_methods),
            workers=options.workers,
        )
        result = build_printables(
            catalogue, settings, progress=lambda done, total: log.info("printables: %d/%d", done, total)
        )
        log.info("printables: %d rendered, %d reused from the cache", len(result.rendered), len(result.reused))
        return result

    def _build_handbooks(self, catalogue: Catalogue, qualifications: Qualifications, root: Path) -> dict:
        """Each qualification's whole-handbook PDF (same engine, fonts and cache as the printables)."""
        assert self.settings is not None
        from ..printables.engine import quiet_weasyprint
        from ..printables.handbook_pdf import build_handbook_pdfs, handbook_downloads

        quiet_weasyprint()
        self.handbooks = build_handbook_pdfs(
            qualifications,
            catalogue,
            environment_for(self.settings),
            cache_dir=root / self.config.printables.cache_dir,
            build_date=build_date(),
            progress=lambda name: log.info("handbook PDF: %s rendered", name),
        )
        return handbook_downloads(self.handbooks)

    def _build_exports(
        self, catalogue: Catalogue, qualifications: Qualifications, config: MkDocsConfig
    ) -> SiteExports | None:
        """The open data exports (JSON, CASE, Moodle, criteria): in memory, cheap, so never cached."""
        options = self.config.exports
        if not options.enabled:
            return None
        from ..exports.site_exports import ExportSettings, build_exports

        settings = ExportSettings(
            namespace=options.namespace,
            site_url=config.site_url,
            site_name=config.site_name,
            directory_urls=config.use_directory_urls,
        )
        exported = build_exports(catalogue, qualifications, settings)
        for notice in exported.notices:
            log.info(notice)
        return exported

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.prepared is not None
        for path, content in {**self.prepared.pages, **self.prepared.assets}.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(generated_file(config, path, content))
        for item in self.printed.files if self.printed else ():
            files.append(File.generated(config, item.site_path, abs_src_path=str(item.path)))
        for handbook in self.handbooks:
            files.append(File.generated(config, handbook.site_path, abs_src_path=str(handbook.path)))
        for export in self.exported.files if self.exported else ():
            files.append(generated_file(config, export.site_path, export.data))
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = THEME_BYTECODE_CACHE
        return env

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        assert self.settings is not None
        server.watch(str(self.settings.units_dir))
        if self.settings.qualifications_dir is not None and self.settings.qualifications_dir.is_dir():
            server.watch(str(self.settings.qualifications_dir))
        for folder in self.settings.templates_dirs:
            if folder.is_dir():
                server.watch(str(folder))
        return server
