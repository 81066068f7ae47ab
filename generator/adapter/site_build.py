"""``handbook build``: the real MkDocs build (site and every download), published atomically.

This module and :mod:`generator.plugin` are the only places that import MkDocs. The build
runs through MkDocs' Python API (``load_config`` then ``commands.build.build``, as
``mkdocs build`` does), with ``site_dir`` pointed at a temporary folder beside the output
folder; :func:`generator.publish.publish_atomically` swaps it in only when the build,
including every plugin's ``on_post_build`` (where downloads are written), succeeded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..errors import BuildFailed
from ..progress import Progress
from ..publish import check_target, publish_atomically


class _ProgressPlugin(BasePlugin):
    """Reports build stages and pages written; added to the loaded config, never to mkdocs.yml."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.progress.stage("checking content")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.progress.stage("building pages", total=len(files.documentation_pages()))
        return files

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.progress.advance()
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        # Registered last, so this runs after every other plugin has written its downloads.
        self.progress.stage("publishing")


class _StreamHandler(logging.Handler):
    """MkDocs' warnings and errors as plain lines: errors bare, so ``path:line:col`` comes first."""

    def __init__(self, stream: TextIO, verbose: bool) -> None:
        super().__init__(logging.DEBUG if verbose else logging.WARNING)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno < logging.ERROR:
            message = f"{record.levelname}: {message}"
        self.stream.write(message + "\n")
        self.stream.flush()


@contextmanager
def _mkdocs_logging(stream: TextIO, verbose: bool) -> Iterator[None]:
    logger = logging.getLogger("mkdocs")
    handler = _StreamHandler(stream, verbose)
    previous_level, previous_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
        logger.propagate = previous_propagate


def _load(config_file: Path, site_dir: Path, strict: bool) -> MkDocsConfig:
    return load_config(str(config_file), site_dir=str(site_dir), strict=strict)


def build_site(
    config_file: Path,
    output: Path | None,
    *,
    strict: bool = True,
    progress: Progress,
    stream: TextIO,
    verbose: bool = False,
) -> Path:
    """Build the project of ``config_file`` into ``output`` (default: its ``site_dir``), atomically.

    Raises :class:`BuildFailed` after MkDocs has printed its errors; the previous
    output folder is then untouched.
    """
    with _mkdocs_logging(stream, verbose):
        try:
            config = load_config(str(config_file), strict=strict)
        except MkDocsException as exc:
            raise BuildFailed(str(exc)) from None
        target = Path(output) if output is not None else Path(config.site_dir)
        check_target(target, [config_file.resolve().parent, Path(config.docs_dir)])

        def build_into(folder: Path) -> None:
            built = _load(config_file, folder, strict)
            built.plugins["handbook-progress"] = _ProgressPlugin(progress)
            built.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(built)
            except MkDocsException as exc:
                raise BuildFailed(str(exc)) from None
            finally:
                built.plugins.on_shutdown()

        return publish_atomically(target, build_into)
