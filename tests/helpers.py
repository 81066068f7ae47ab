"""Small helpers shared by tests (importable, unlike conftest): the one project factory and the builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What a project is made of: the config, the theme overrides, the templates and the content.
PROJECT_FILES = ("mkdocs.yml",)
PROJECT_FOLDERS = ("overrides", "site_templates", "content")

#: The printables cache the test session shares between projects (set by the conftest).
_shared_cache: Path | None = None


def print_html(html: str, path: Path, **options: object) -> Path:
    """Print ``html`` to a PDF at ``path`` with WeasyPrint (test documents; no printable uses it)."""
    # Imported here: WeasyPrint (Pango through cffi) takes half a second to import, which every
    # xdist worker would pay while collecting, though only a few tests print.
    import weasyprint

    weasyprint.HTML(string=html).write_pdf(path, **options)
    return path


def share_printables_cache(folder: Path | None) -> None:
    """Make projects from :func:`make_project` render printables into ``folder`` (without pruning it)."""
    global _shared_cache
    _shared_cache = folder


def make_project(
    destination: Path,
    *,
    units: Path | None = None,
    qualifications: Path | None = None,
    unit_files: Mapping[str, str] | None = None,
    seed_units: bool = True,
    printables: bool = True,
    shared_cache: bool = True,
) -> Path:
    """A copy of this project's sources in ``destination``: the one way tests make a project.

    ``units``/``qualifications`` replace those content folders; ``unit_files`` adds unit files
    (``{name: YAML}``, dedented); ``seed_units=False`` starts with no units. ``printables=False``
    turns downloads off (faster, for tests that do not look at them). Otherwise printables go
    to the session's shared cache, so only the first build of the session renders them, unless
    ``shared_cache=False`` (a project with its own cold cache in ``.cache/handbook``).
    """
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, destination / name)
    for folder in PROJECT_FOLDERS:
        shutil.copytree(ROOT / folder, destination / folder)
    for name, source in (("units", units), ("qualifications", qualifications)):
        if source is not None:
            shutil.rmtree(destination / "content" / name)
            shutil.copytree(source, destination / "content" / name)
    if not seed_units:
        for path in (destination / "content" / "units").glob("*.yml"):
            path.unlink()
    for name, text in (unit_files or {}).items():
        (destination / "content" / "units" / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    options = ""
    if not printables:
        options = "      printables:\n        enabled: false\n"
    elif shared_cache and _shared_cache is not None:
        options = f"      printables:\n        cache_dir: {_shared_cache}\n        prune: false\n"
    if options:
        set_plugin_options(destination, options)
    return destination


def copy_site_sources(
    destination: Path, *, units: Path | None = None, qualifications: Path | None = None, printables: bool = True
) -> Path:
    """The older name of :func:`make_project`, still used by the unit-shape tests (branch ``model``)."""
    return make_project(destination, units=units, qualifications=qualifications, printables=printables)


def set_plugin_options(project: Path, options: str) -> None:
    """Add YAML lines (indented for the ``handbook`` entry) to the plugin's options in mkdocs.yml."""
    config = project / "mkdocs.yml"
    anchor = "      templates_dir: site_templates\n"
    text = config.read_text(encoding="utf-8")
    assert anchor in text, "mkdocs.yml no longer has the line the test helpers add options after"
    config.write_text(text.replace(anchor, anchor + options), encoding="utf-8")


@contextmanager
def environment(values: Mapping[str, str] | None) -> Iterator[None]:
    """Set environment variables for the duration (an in-process build reads ``SOURCE_DATE_EPOCH``)."""
    previous = {name: os.environ.get(name) for name in values or {}}
    os.environ.update(values or {})
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_in_process(project: Path, *, strict: bool = True, env: Mapping[str, str] | None = None) -> Path:
    """Build ``project`` as ``mkdocs build [--strict]`` does, in this process; returns the site folder.

    For tests that look at the built site: a subprocess adds only its start-up time. Tests of
    what the user sees on the terminal (errors, progress) use :func:`run_mkdocs` instead.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with environment({"NO_MKDOCS_2_WARNING": "1", **(env or {})}):
        config = load_config(str(project / "mkdocs.yml"), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return Path(config.site_dir)


def run_mkdocs(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``mkdocs`` of this environment in ``project``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=600,
        check=False,
    )


def run_handbook(
    cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``handbook`` command of this environment in ``cwd``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    handbook = str(Path(sys.executable).parent / "handbook")
    return subprocess.run(
        [handbook, *args], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=timeout, check=False
    )
