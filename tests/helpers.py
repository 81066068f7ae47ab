"""Small helpers shared by tests (importable, unlike conftest)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


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


def copy_site_sources(
    destination: Path, *, units: Path | None = None, qualifications: Path | None = None, printables: bool = True
) -> Path:
    """A copy of this project's site sources in ``destination``, optionally with other content folders.

    ``printables=False`` turns the downloads off, for tests that do not look at them (faster).
    """
    root = Path(__file__).resolve().parent.parent
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "mkdocs.yml", destination / "mkdocs.yml")
    for folder in ("overrides", "site_templates", "content"):
        shutil.copytree(root / folder, destination / folder)
    for name, source in (("units", units), ("qualifications", qualifications)):
        if source is not None:
            shutil.rmtree(destination / "content" / name)
            shutil.copytree(source, destination / "content" / name)
    if not printables:
        config = destination / "mkdocs.yml"
        text = config.read_text(encoding="utf-8").replace(
            "      templates_dir: site_templates\n",
            "      templates_dir: site_templates\n      printables:\n        enabled: false\n",
        )
        config.write_text(text, encoding="utf-8")
    return destination


def run_handbook(
    cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``handbook`` command of this environment in ``cwd``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    handbook = str(Path(sys.executable).parent / "handbook")
    return subprocess.run(
        [handbook, *args], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=timeout, check=False
    )
