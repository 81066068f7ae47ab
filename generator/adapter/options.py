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
      centre:                                      # on every printable (see CentreConfig)
        name: Riverside College                    # default: site_name
        logo: docs/assets/logo.png                 # default: theme.logo
      exports:
        enabled: true
        namespace: 6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90   # the centre's own UUID, chosen once
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
from ..exports.identifiers import NamespaceError, parse_namespace
from ..printables.branding import ACCENT_PATTERN, Centre
from ..printables.wording import DEFAULT_ASSESSMENT_METHODS
from ..settings import CONFIG_FILE, DEFAULT_CACHE_DIR, MAX_WORKERS, ExportOptions, PrintablesOptions, Settings

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


class AccentColour(c.Type):
    """A ``#RGB`` or ``#RRGGBB`` colour."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not ACCENT_PATTERN.fullmatch(text):
            raise ValidationError(f"expected a colour such as '#1F6F8B', got {value!r}")
        return text.upper()


class CentreConfig(Config):
    """The centre named on every printable: workbook covers, record sheets, handbook covers, Word and Excel files.

    ```yaml
    centre:
      name: Riverside College           # default: site_name
      logo: docs/assets/logo.png        # relative to mkdocs.yml; default: theme.logo (in docs_dir)
      address: |
        1 Quay Street
        Riverside RV1 1AA
      contact: assessment@riverside.example, 01234 567890
      accent_colour: "#1F6F8B"          # rules and borders on the PDFs, Word headings
    ```

    A PNG, JPEG or GIF logo appears in every file; an SVG logo on the PDFs only (Word and
    Excel cannot embed one).
    """

    name = c.Optional(c.Type(str))
    """The centre's name; unset means the site's ``site_name``."""
    logo = c.Optional(c.File(exists=True))
    """An image file, relative to ``mkdocs.yml``; unset means ``theme.logo`` when it is a file in ``docs_dir``."""
    address = c.Type(str, default="")
    """Postal address; each line of a YAML block (``|``) prints on its own line."""
    contact = c.Type(str, default="")
    """Telephone, email or web address, printed under the address."""
    accent_colour = c.Optional(AccentColour())
    """A colour for rules and borders (never text), as ``#RRGGBB``."""


class Namespace(c.Type):
    """A UUID, written the usual way (``6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90``)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        try:
            return str(parse_namespace(text))
        except NamespaceError as exc:
            raise ValidationError(str(exc).removeprefix("exports.namespace: ")) from None


class ExportsConfig(Config):
    """Options of the open data exports (unit JSON, CASE 1.1 packages, Moodle frameworks, criteria sheets).

    ```yaml
    exports:
      enabled: true                                    # write exports/ into the site
      namespace: 6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90  # the centre's own UUID, chosen once, kept
    ```
    """

    enabled = c.Type(bool, default=True)
    """Write ``exports/`` into the site and link the files from unit and qualification pages."""
    namespace = c.Optional(Namespace())
    """The UUID every export identifier is derived from (UUID v5); unset: derived from ``site_url``."""


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
    history = c.Type(bool, default=True)
    """Each versioned unit's earlier versions, from git or ``version.previous`` files (``history: false``: none)."""
    centre = c.SubConfig(CentreConfig)
    """The centre's name, logo and contact details on every printable: see :class:`CentreConfig`."""
    exports = c.SubConfig(ExportsConfig)
    """Open data exports: see :class:`ExportsConfig`."""
    add_to_nav = c.Type(bool, default=True)
    """Append Units, Qualifications, Indexes and Downloads to a ``nav`` that does not list them."""


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
    theme_logo: Path | None = None,
    site_url: str | None = None,
) -> Settings:
    """Validated plugin options as :class:`Settings`; ``theme_logo`` is the theme's logo file, if local."""
    printables = options.printables
    centre = options.centre
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
        centre=Centre(
            name=centre.name if centre.name is not None else (site_name or ""),
            logo=Path(centre.logo) if centre.logo else theme_logo,
            address=centre.address,
            contact=centre.contact,
            accent=centre.accent_colour,
        ),
        exports=ExportOptions(enabled=options.exports.enabled, namespace=options.exports.namespace),
        site_url=site_url or None,
        config_file=config_file,
        history=options.history,
    )


def theme_logo_file(theme: Any, docs_dir: Path) -> Path | None:
    """The theme's ``logo`` as a file in ``docs_dir``, or ``None`` (unset, a URL, or missing)."""
    logo = theme.get("logo") if isinstance(theme, dict) or hasattr(theme, "get") else None
    if not isinstance(logo, str) or "://" in logo or logo.startswith("//"):
        return None
    path = (docs_dir / logo).resolve()
    return path if path.is_file() else None


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
        theme_logo=theme_logo_file(raw.get("theme"), where.parent / str(raw.get("docs_dir") or "docs"))
        if isinstance(raw, dict)
        else None,
        site_url=str(raw.get("site_url") or "") if isinstance(raw, dict) else None,
    )
