"""The ``handbook`` plugin's options, declared once as MkDocs config options, and read into :class:`Settings`.

```yaml
plugins:
  - handbook:
      units_dir: content/units                     # must exist; relative to mkdocs.yml
      qualifications_dir: content/qualifications   # a missing folder means no qualifications
      templates_dir: site_templates                # overrides for the packaged templates
      printables:
        enabled: true
        workers: 0                                 # 0 = one per CPU core, at most 64
```

MkDocs resolves the folders against ``mkdocs.yml`` and refuses a missing one (as mkdocstrings'
``PluginConfig`` does), both for ``mkdocs build`` and, through :func:`read_settings`, for every
``handbook`` command.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from ..errors import SettingsError
from ..printables.wording import DEFAULT_ASSESSMENT_METHODS
from ..settings import CONFIG_FILE, DEFAULT_CACHE_DIR, MAX_WORKERS, PrintablesOptions, Settings

#: The plugin's name in ``mkdocs.yml`` (its entry point).
PLUGIN_NAME = "handbook"


class Workers(c.Type):
    """A number of render processes: 0 (one per CPU core) up to :data:`~generator.settings.MAX_WORKERS`."""

    def __init__(self, default: int = 0) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or not 0 <= number <= MAX_WORKERS:
            raise ValidationError(f"expected 0 (one per CPU core) to {MAX_WORKERS}, got {value!r}")
        return number


class PrintablesConfig(Config):
    """Options of the printables (candidate workbooks, evidence record sheets, trackers, handbook PDFs).

    ```yaml
    printables:
      enabled: true                # build them with `mkdocs build`
      in_serve: false              # also build them during `mkdocs serve` (slower edits)
      cache_dir: .cache/handbook   # rendered files, keyed by their inputs; relative to mkdocs.yml
      workers: 0                   # render processes; 0 = one per CPU core
      prune: true                  # delete cached files no longer offered (false: cache shared by projects)
      default_assessment_methods:  # offered when a unit lists no evidence methods
        - Observation
        - Witness testimony
    ```
    """

    enabled = c.Type(bool, default=True)
    """Build printables and the downloads box of each unit page."""
    in_serve = c.Type(bool, default=False)
    """Also build them during ``mkdocs serve``; off by default so the editing loop stays fast."""
    cache_dir = c.Dir(exists=False, default=DEFAULT_CACHE_DIR)
    """Folder of cached renders, relative to ``mkdocs.yml``; safe to delete."""
    workers = Workers()
    """Render processes; 0 means one per CPU core."""
    prune = c.Type(bool, default=True)
    """Delete cached files this build no longer offers; turn off when several projects share one ``cache_dir``."""
    default_assessment_methods = c.ListOfItems(c.Type(str), default=list(DEFAULT_ASSESSMENT_METHODS))
    """Assessment methods offered in the tracker when a unit lists none of its own."""


class HandbookConfig(Config):
    """Options of the ``handbook`` plugin; folders are absolute once validated."""

    units_dir = c.Dir(exists=True, default="content/units")
    """Folder of unit YAML files, relative to ``mkdocs.yml``; it must exist and hold units."""
    templates_dir = c.Dir(exists=False, default="site_templates")
    """Folder searched for templates before the packaged ones, relative to ``mkdocs.yml``."""
    qualifications_dir = c.Dir(exists=False, default="content/qualifications")
    """Folder of qualification YAML files, relative to ``mkdocs.yml``; a missing folder means no qualifications."""
    printables = c.SubConfig(PrintablesConfig)
    """Candidate workbooks, record sheets, trackers and handbook PDFs: see :class:`PrintablesConfig`."""


class _NewFileConfig(HandbookConfig):
    """The same options for ``handbook new``, which may be the first to write into a folder."""

    units_dir = c.Dir(exists=False, default="content/units")


def to_settings(
    options: HandbookConfig,
    *,
    config_file: Path | None,
    root: Path,
    site_name: str | None = None,
    directory_urls: bool = True,
) -> Settings:
    """Validated plugin options as :class:`Settings`."""
    printables = options.printables
    return Settings(
        root=root,
        units_dir=Path(options.units_dir),
        templates_dirs=(Path(options.templates_dir),),
        site_name=site_name or Settings.site_name,
        directory_urls=directory_urls,
        qualifications_dir=Path(options.qualifications_dir),
        printables=PrintablesOptions(
            enabled=printables.enabled,
            in_serve=printables.in_serve,
            cache_dir=Path(printables.cache_dir),
            workers=printables.workers,
            prune=printables.prune,
            default_methods=tuple(printables.default_assessment_methods),
        ),
        config_file=config_file,
    )


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The ``handbook`` entry's options in a parsed ``mkdocs.yml`` (``{}`` when it is listed bare or not at all)."""
    for name, options in _plugin_entries(config.get("plugins") or ()):
        if name == PLUGIN_NAME:
            return dict(options or {})
    return {}


def _plugin_entries(plugins: Any) -> Iterator[tuple[str, Any]]:
    # MkDocs accepts a mapping of plugins, or a list of names and one-key mappings.
    if isinstance(plugins, dict):
        yield from plugins.items()
        return
    for item in plugins:
        if isinstance(item, str):
            yield item, None
        elif isinstance(item, dict):
            yield from item.items()


def read_settings(config_file: Path, *, need_content: bool = True) -> Settings:
    """Read and check the plugin options of ``config_file`` without running MkDocs; defaults when it is missing.

    Raises :class:`SettingsError` with one line naming the option and the path.
    """
    exists = config_file.is_file()
    raw: dict[str, Any] = {}
    if exists:
        try:
            with config_file.open("rb") as handle:
                raw = yaml_load(handle) or {}
        except (ConfigurationError, OSError) as exc:
            raise SettingsError(f"{config_file.as_posix()}: {exc}") from None
    where = config_file.resolve()
    options = (_NewFileConfig if not need_content else HandbookConfig)(config_file_path=str(where))
    options.load_dict(plugin_options(raw) if isinstance(raw, dict) else {})
    failed, _warnings = options.validate()
    settings_file = config_file if exists else None
    if failed:
        key, error = failed[0]
        if exists:
            label = f"{config_file.as_posix()}: plugins.{PLUGIN_NAME}.{key}"
        else:
            label = f"{key} (default; no {CONFIG_FILE})"
        raise SettingsError(f"{label}: {error}")
    return to_settings(
        options,
        config_file=settings_file,
        root=where.parent,
        site_name=raw.get("site_name") if isinstance(raw, dict) else None,
        directory_urls=bool(raw.get("use_directory_urls", True)) if isinstance(raw, dict) else True,
    )
