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
```
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from ..build import (
    PreparedSite,
    Settings,
    build_date,
    environment_for,
    load_catalogue,
    load_qualifications,
    prepare_site,
    render_assets,
)
from ..content.catalogue import Catalogue, find_unit_files
from ..errors import HandbookError
from ..printables.wording import DEFAULT_ASSESSMENT_METHODS
from ..site.downloads_page import DOWNLOADS_PAGE
from ..site.pages import HOME, UNITS_INDEX
from ..site.qualification_pages import INDEXES_HOME, QUALIFICATIONS_INDEX
from . import serve_errors, theme
from .generated_files import generated_file
from .template_bytecode import THEME_BYTECODE_CACHE

if TYPE_CHECKING:
    from ..content.qualifications import Qualifications
    from ..printables.handbook_pdf import HandbookFile
    from ..printables.pipeline import PrintablesResult

log = get_plugin_logger(__name__)

try:
    # How ProperDocs asks a plugin to declare that it supports ProperDocs: a run through the
    # `mkdocs` command then prints ProperDocs' notice (DISABLE_MKDOCS_2_WARNING=true hides
    # it). The entry point in the `properdocs.plugins` group is in pyproject.toml.
    import properdocs.replacement_warning
except ImportError:  # ProperDocs is optional: MkDocs alone runs the plugin just the same.
    pass
else:
    properdocs.replacement_warning.setup()

#: The generated sections, in the order they join a site's nav.
SECTIONS = (
    ("Units", UNITS_INDEX),
    ("Qualifications", QUALIFICATIONS_INDEX),
    ("Indexes", INDEXES_HOME),
    ("Downloads", DOWNLOADS_PAGE),
)


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
    add_to_nav = c.Type(bool, default=True)
    """Append Units, Qualifications, Indexes and Downloads to a ``nav`` that does not list them."""


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Generates unit pages, indexes and assets in memory from ``content/``."""

    def __init__(self) -> None:
        self.prepared: PreparedSite | None = None
        self.settings: Settings | None = None
        self.printed: PrintablesResult | None = None
        self.handbooks: list[HandbookFile] = []
        self.serving = False
        self.broken: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # Late, so that what other plugins set (Material's offline plugin turns off directory
    # URLs) is what the generated links are made for.
    @event_priority(-50)
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
            config.nav = [{"Home": HOME}, *({title: path} for title, path in SECTIONS)]
        elif self.config.add_to_nav:
            added = theme.join_nav(config.nav, SECTIONS)
            if added:
                log.info(
                    "added %s to the nav (list them in 'nav' to place them, or set add_to_nav: false)",
                    ", ".join(added),
                )
        theme.add_theme_overrides(config)
        if theme.uses_offline_plugin(config):
            theme.local_iframe_worker(config)
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
            self.prepared = prepare_site(
                self.settings,
                with_home=not user_home,
                downloads=downloads,
                catalogue=catalogue,
                qualifications=qualifications,
            )
        except HandbookError as exc:
            if not self.serving:
                raise PluginError(str(exc)) from None
            self._serve_errors(str(exc), with_home=not user_home)
            return
        self.broken = None
        if self.serving:
            serve_errors.remember_pages(list(self.prepared.pages))
        log.info("Loaded %d units", len(self.prepared.catalogue))

    def _serve_errors(self, errors: str, *, with_home: bool) -> None:
        """Finish the preview build with every page showing ``errors`` (see :mod:`.serve_errors`)."""
        assert self.settings is not None
        # Printed, not logged: MkDocs counts logged errors, and `serve --strict` would then
        # abort the build, which leaves the browser waiting again.
        print(errors, file=sys.stderr, flush=True)
        self.broken = errors
        self.printed, self.handbooks = None, []
        always = tuple(path for _, path in SECTIONS) + ((HOME,) if with_home else ())
        # Unit files are named after their id, so the page of a unit broken since the server
        # started is at hand too.
        always += tuple(f"units/{path.stem.lower()}.md" for path in find_unit_files(self.settings.units_dir))
        self.prepared = PreparedSite(
            Catalogue(()), serve_errors.placeholder_pages(always), render_assets(environment_for(self.settings))
        )

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
        if theme.uses_offline_plugin(config):
            source = str(theme.IFRAME_WORKER_SOURCE)
            files.append(File.generated(config, theme.IFRAME_WORKER_SITE_PATH, abs_src_path=source))
        return files

    def on_post_page(self, output: str, page: Any, config: MkDocsConfig) -> str:
        if self.broken is None:
            return output
        return serve_errors.error_page(self.broken, config.site_name)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if self.broken is None or template_name != "404.html":
            return output_content
        return serve_errors.error_page(self.broken, config.site_name)

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
