"""Small helpers shared by tests (importable, unlike conftest)."""

from __future__ import annotations

import os
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


def run_handbook(
    cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``handbook`` command of this environment in ``cwd``."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    handbook = str(Path(sys.executable).parent / "handbook")
    return subprocess.run(
        [handbook, *args], cwd=cwd, capture_output=True, text=True, env=full_env, timeout=timeout, check=False
    )
