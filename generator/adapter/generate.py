"""``handbook generate --docs-dir DIR``: the whole docs folder as plain files, for any engine.

Part of the MkDocs adapter (it reads ``mkdocs.yml`` through MkDocs). The project's own pages
are copied, then every generated page (Markdown), asset and download is written beside them,
so MkDocs, ProperDocs or Zensical builds the site from ``DIR`` without the ``handbook``
plugin. The folder is published atomically, as ``handbook build`` publishes a site.
"""

from __future__ import annotations

import dataclasses
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..build import prepare_site
from ..errors import BuildFailed
from ..progress import Progress
from ..publish import check_target, publish_atomically
from ..settings import load_settings
from ..site.pages import HOME
from . import theme
from .site_build import _mkdocs_logging


@dataclass(frozen=True)
class Generated:
    """What ``handbook generate`` wrote."""

    docs_dir: Path
    pages: int
    assets: tuple[str, ...]
    downloads: int
    theme_dir: Path | None


def generate_docs(
    config_file: Path,
    docs_out: Path,
    *,
    theme_dir: Path | None,
    progress: Progress,
    stream: TextIO,
) -> Generated:
    """Write the project's docs folder with every generated page and download into ``docs_out``.

    ``theme_dir``, when given, receives the theme overrides the plugin would put on Material's
    search path (name it as ``theme.custom_dir``). Raises ``HandbookError`` subclasses.
    """
    with _mkdocs_logging(stream, verbose=False):
        try:
            config = load_config(str(config_file))
        except MkDocsException as exc:
            raise BuildFailed(str(exc)) from None
    docs_dir = Path(config.docs_dir)
    project = config_file.resolve().parent
    check_target(docs_out, [project, docs_dir])
    settings = load_settings(config_file)
    # Material's offline plugin turns directory URLs off; the links must be made for what is built.
    directory_urls = config.use_directory_urls and not theme.uses_offline_plugin(config)
    settings = dataclasses.replace(settings, directory_urls=directory_urls)
    prepared = prepare_site(
        settings,
        with_home=not (docs_dir / HOME).is_file(),
        printables=settings.printables.enabled,
        progress=progress,
    )

    def write(folder: Path) -> None:
        if docs_dir.is_dir():
            shutil.copytree(docs_dir, folder, dirs_exist_ok=True)
        for path, text in {**prepared.pages, **prepared.assets}.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for item in prepared.files:
            target = folder / item.site_path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item.path, target)

    progress.stage("writing files")
    published = publish_atomically(docs_out, write)
    if theme_dir is not None:
        check_target(theme_dir, [project, docs_dir, published.resolve()])
        publish_atomically(theme_dir, lambda folder: _copy_overrides(folder))
    del published  # absolute; the folder is named as the user gave it
    return Generated(docs_out, len(prepared.pages), tuple(prepared.assets), len(prepared.files), theme_dir)


def _copy_overrides(folder: Path) -> None:
    shutil.copytree(theme.packaged_overrides_dir(), folder, dirs_exist_ok=True)


def config_advice(result: Generated) -> str:
    """The lines of ``mkdocs.yml`` (or ``properdocs.yml``) that build the generated folder without the plugin."""
    css = [name for name in result.assets if name.endswith(".css")]
    lines = [
        "# Build it with MkDocs, ProperDocs or Zensical from a config without the handbook plugin:",
        f"docs_dir: {result.docs_dir.as_posix()}",
        f"extra_css: [{', '.join(css)}]",
    ]
    if result.theme_dir is not None:
        lines += ["theme:", "  name: material", f"  custom_dir: {result.theme_dir.as_posix()}"]
    lines += [
        "nav:  # your own pages, then the generated sections",
        "  - Units: units/index.md",
        "  - Qualifications: qualifications/index.md",
        "  - Indexes: indexes/index.md",
        "  - Downloads: downloads/index.md",
    ]
    lines.append(
        "# Zensical reads links in HTML as relative to the source file: give it, and the config this"
        " command read, use_directory_urls: false"
    )
    return "\n".join(lines)
