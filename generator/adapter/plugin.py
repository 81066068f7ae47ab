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
      centre:                         # named on every printable (see CentreConfig)
        name: Riverside College       # default: site_name
        logo: docs/assets/logo.png    # default: theme.logo
        address: |
          1 Quay Street
          Riverside RV1 1AA
        contact: assessment@riverside.example
        accent_colour: "#1F6F8B"
      exports:                        # open data: JSON, CASE, Moodle, criteria (see ExportsConfig)
        namespace: 6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90
```

The options are declared in :mod:`.options`; the order of the build's steps lives in
:func:`generator.build.prepare_site`. This plugin does what mkdocs-gen-files' does: it adds
the generated pages, assets and downloads to MkDocs' ``Files``, nothing more.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..build import PreparedSite, environment_for, prepare_site, render_assets
from ..caches import release_content_caches
from ..content.catalogue import Catalogue, find_unit_files
from ..errors import HandbookError
from ..settings import Settings
from ..site.downloads_page import DOWNLOADS_PAGE
from ..site.headings import HtmlHeadings
from ..site.pages import HOME, UNITS_INDEX
from ..site.qualification_pages import INDEXES_HOME, QUALIFICATIONS_INDEX
from . import serve_errors, theme
from .collector import BUILD_COLLECTOR
from .generated_files import StampedFile, generated_file
from .html_pages import HtmlGeneratedPage, adopt, html_headings
from .options import CentreConfig, HandbookConfig, PrintablesConfig, theme_logo_file, to_settings
from .template_bytecode import THEME_BYTECODE_CACHE

__all__ = ["CentreConfig", "HandbookConfig", "HandbookPlugin", "PrintablesConfig"]

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


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Generates unit pages, indexes, assets and downloads in memory from ``content/``."""

    def __init__(self) -> None:
        self.prepared: PreparedSite | None = None
        self.settings: Settings | None = None
        self.serving = False
        self.one_shot = False
        self.broken: str | None = None
        self.headings: HtmlHeadings | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        # `mkdocs build` and `gh-deploy` build once: nothing need be kept for a next build.
        self.one_shot = command in ("build", "gh-deploy")

    def on_shutdown(self) -> None:
        # MkDocs keeps this object for the process (it has on_startup), and a later build
        # without on_startup (the API's build()) is not known to be the last.
        self.serving = self.one_shot = False

    # Late, so that what other plugins set (Material's offline plugin turns off directory
    # URLs) is what the generated links are made for.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = Path(config.config_file_path).resolve()
        self.settings = to_settings(
            self.config,
            config_file=config_file,
            root=config_file.parent,
            site_name=config.site_name,
            directory_urls=config.use_directory_urls,
            theme_logo=theme_logo_file(config.theme, Path(config.docs_dir)),
            site_url=config.site_url,
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
        self.headings = html_headings(config)
        if self.headings is not None:
            _index_generated_pages(config)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.settings is not None
        options = self.settings.printables
        with_home = not (Path(config.docs_dir) / HOME).is_file()
        BUILD_COLLECTOR.begin()
        try:
            self.prepared = prepare_site(
                self.settings,
                with_home=with_home,
                printables=options.enabled and (options.in_serve or not self.serving),
                report=log.info,
                # `handbook build` adds its progress display as a plugin (see site_build.py).
                progress=getattr(config.plugins.get("handbook-progress"), "progress", None),
                headings=self.headings,
            )
        except HandbookError as exc:
            if not self.serving:
                raise PluginError(str(exc)) from None
            self._serve_errors(str(exc), with_home=with_home)
            return
        self.broken = None
        if self.serving:
            serve_errors.remember_pages(list(self.prepared.pages))

    def _serve_errors(self, errors: str, *, with_home: bool) -> None:
        """Finish the preview build with every page showing ``errors`` (see :mod:`.serve_errors`)."""
        assert self.settings is not None
        # Printed, not logged: MkDocs counts logged errors, and `serve --strict` would then
        # abort the build, which leaves the browser waiting again.
        print(errors, file=sys.stderr, flush=True)
        self.broken = errors
        always = tuple(path for _, path in SECTIONS) + ((HOME,) if with_home else ())
        # Unit files are named after their id, so the page of a unit broken since the server
        # started is at hand too.
        always += tuple(f"units/{path.stem.lower()}.md" for path in find_unit_files(self.settings.units_dir))
        self.prepared = PreparedSite(
            Catalogue(()), serve_errors.placeholder_pages(always), render_assets(environment_for(self.settings))
        )

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.prepared is not None
        for path, content in {**self.prepared.pages, **self.prepared.assets}.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(generated_file(config, path, content, stamped=not self.one_shot))
        for item in self.prepared.files:
            files.append(File.generated(config, item.site_path, abs_src_path=str(item.path)))
        for path, data in self.prepared.exports.items():
            if isinstance(data, Path):
                files.append(File.generated(config, path, abs_src_path=str(data)))
            else:
                file = generated_file(config, path, data, stamped=not self.one_shot)
                file.release_after_copy = self.one_shot  # copied before the pages are built
                files.append(file)
        if theme.uses_offline_plugin(config):
            source = str(theme.IFRAME_WORKER_SOURCE)
            files.append(File.generated(config, theme.IFRAME_WORKER_SITE_PATH, abs_src_path=source))
        if self.one_shot:
            # MkDocs holds the pages now; the catalogue would only take memory while it works.
            self.prepared = None
            release_content_caches()
            # Template renders leave the catalogue in reference cycles (a Jinja macro and its
            # context), which freezing would keep for the rest of the build.
            BUILD_COLLECTOR.collect()
        BUILD_COLLECTOR.freeze()
        return files

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if self.broken is not None:
            return page
        # Pages made straight to HTML are adopted one by one (see .html_pages); their file holds the page.
        return adopt(page, getattr(page.file, "html_page", None))

    def on_page_markdown(self, markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
        if isinstance(page.file, StampedFile):
            page.file.release_content()
        return markdown

    def on_post_build(self, config: MkDocsConfig) -> None:
        BUILD_COLLECTOR.end()

    def on_build_error(self, error: Exception) -> None:
        BUILD_COLLECTOR.end()

    def _on_post_page_errors(self, output: str, page: Any, config: MkDocsConfig) -> str:
        if self.broken is None:
            return output
        return serve_errors.error_page(self.broken, config.site_name)

    # Last, after every other plugin's look at the page.
    @event_priority(-100)
    def _on_post_page_release(self, output: str, page: Any, config: MkDocsConfig) -> str:
        if self.one_shot and isinstance(page, HtmlGeneratedPage):
            # Written next, and no next build will read it: the page's HTML need not wait for the build's end.
            page.release()
        return output

    on_post_page = CombinedEvent(_on_post_page_errors, _on_post_page_release)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if self.broken is None or template_name != "404.html":
            return output_content
        return serve_errors.error_page(self.broken, config.site_name)

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


def _index_generated_pages(config: MkDocsConfig) -> None:
    """Material's search indexes generated pages without its HTML parser (see :mod:`.search_sections`)."""
    for plugin in config.plugins.values():
        if type(plugin).__module__ == "material.plugins.search.plugin":
            from .search_sections import index_generated_pages

            index_generated_pages(plugin, lambda page: isinstance(page, HtmlGeneratedPage))
