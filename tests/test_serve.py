"""`mkdocs serve` regenerates a unit's page when its YAML file is saved."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, needle: str, deadline: float) -> str:
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if needle in last:
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url}")


def test_saved_unit_change_is_served(site_project) -> None:
    project: Path = site_project()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/units/r-503-0865/"
        _wait_for(url, "Improve the customer&#39;s experience", time.monotonic() + 60)
        unit_file = project / "content" / "units" / "r-503-0865.yml"
        text = unit_file.read_text(encoding="utf-8")
        unit_file.write_text(
            text.replace("Evaluate the customer experience", "Evaluate the EDITED experience"), "utf-8"
        )
        page = _wait_for(url, "Evaluate the EDITED experience", time.monotonic() + 60)
        assert 'id="ac-1-1"' in page
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_broken_unit_is_shown_in_the_browser_until_fixed(site_project) -> None:
    """A broken unit under a real `mkdocs serve`: every page answers with the errors, then recovers."""
    project: Path = site_project()
    unit_file = project / "content" / "units" / "r-503-0865.yml"
    good = unit_file.read_text(encoding="utf-8")
    unit_file.write_text(good.replace("\nlevel: 3\n", "\nlevel: 30\n"), "utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    error = "content/units/r-503-0865.yml:8:8: level: RQF/QCF levels are 1 to 8 (or Entry 1 to 3), got 30"
    try:
        base = f"http://127.0.0.1:{port}/"
        page = _wait_for(base + "units/r-503-0865/", error, time.monotonic() + 60)
        assert "<title>1 content error:" in page
        assert "livereload" in page  # MkDocs' reload script: the page reloads by itself after a save
        # Every address answers with the errors, the home page and an unknown one (404) too.
        _wait_for(base, error, time.monotonic() + 10)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "units/not-a-unit/", timeout=10)
        assert error in missing.value.read().decode("utf-8")

        unit_file.write_text(good, "utf-8")
        fixed = _wait_for(base + "units/r-503-0865/", 'id="ac-1-1"', time.monotonic() + 60)
        assert error not in fixed
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert error in stderr  # the terminal shows it too
