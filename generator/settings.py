"""One source of settings for every command: the ``handbook`` plugin's options in ``mkdocs.yml``.

```python
settings = load_settings(Path("mkdocs.yml"))   # the defaults when there is no mkdocs.yml
settings.units_dir             # absolute; checked to exist when the options were read
settings.option("units_dir")   # 'mkdocs.yml: plugins.handbook.units_dir', for error messages
```

The options are declared once, as MkDocs config options that resolve folders against
``mkdocs.yml`` and check them (:mod:`generator.adapter.options`); the MkDocs plugin, ``handbook
build``, ``check``, ``new`` and ``schema`` all get the same :class:`Settings` from them.
Nothing here imports MkDocs, so building a :class:`Settings` by hand (tests, benchmarks) is
cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .printables.wording import DEFAULT_ASSESSMENT_METHODS

#: Where ``handbook`` looks for its settings when no ``--config-file`` is given.
CONFIG_FILE = "mkdocs.yml"
#: Where the printables cache lives unless ``printables.cache_dir`` says otherwise.
DEFAULT_CACHE_DIR = ".cache/handbook"
#: The most render processes ``printables.workers`` may ask for.
MAX_WORKERS = 64


@dataclass(frozen=True)
class PrintablesOptions:
    """The ``printables:`` options: whether and how workbooks, sheets, trackers and handbook PDFs are built."""

    enabled: bool = True
    in_serve: bool = False
    cache_dir: Path | None = None
    """Absolute; ``None`` means ``<root>/.cache/handbook``."""
    workers: int = 0
    """Render processes; 0 means one per CPU core."""
    prune: bool = True
    """Delete cached files this build no longer offers (off when several projects share a cache)."""
    default_methods: tuple[str, ...] = DEFAULT_ASSESSMENT_METHODS


@dataclass(frozen=True)
class Settings:
    """Where a project keeps its content and how it is built, with every folder absolute.

    ```yaml
    plugins:
      - handbook:
          units_dir: content/units
          qualifications_dir: content/qualifications
          templates_dir: site_templates
          printables: {enabled: true, workers: 0}
    ```
    """

    root: Path
    """The folder of ``mkdocs.yml`` (or the current folder when there is none)."""
    units_dir: Path
    templates_dirs: Sequence[Path] = ()
    site_name: str = "Qualification handbook"
    directory_urls: bool = True
    qualifications_dir: Path | None = None
    """``None`` means ``<root>/content/qualifications``; a folder that does not exist means no qualifications."""
    printables: PrintablesOptions = field(default_factory=PrintablesOptions)
    config_file: Path | None = None
    """The ``mkdocs.yml`` these settings were read from, if any."""

    @property
    def qualifications_folder(self) -> Path:
        """The folder qualification files are read from (it may not exist: then there are none)."""
        return self.qualifications_dir or self.root / "content" / "qualifications"

    @property
    def cache_dir(self) -> Path:
        """The printables cache folder."""
        return self.printables.cache_dir or self.root / DEFAULT_CACHE_DIR

    def option(self, name: str) -> str:
        """How to name option ``name`` in a message: where it is set, or that it is the default."""
        if self.config_file is None:
            return f"{name} (default; no {CONFIG_FILE})"
        return f"{self.config_file.name}: plugins.handbook.{name}"

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root when it is inside it, for messages."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def load_settings(config_file: Path | str = CONFIG_FILE, *, need_content: bool = True) -> Settings:
    """The settings of the project whose config is ``config_file``; the defaults beside it when it is missing.

    With ``need_content`` (every command but ``handbook new``), a missing units folder is a
    :class:`~generator.errors.SettingsError` naming the option and the path.
    """
    # Imported here: the options are MkDocs config options, and MkDocs is imported only by the adapter.
    from .adapter.options import read_settings

    return read_settings(Path(config_file), need_content=need_content)
