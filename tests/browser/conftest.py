"""Browser fixtures: a built site served on 127.0.0.1 and Debian's Chromium via Playwright.

Playwright's own browser download is not used (nothing may download at test time): the
tests launch ``/usr/bin/chromium`` from Debian's ``chromium`` package, which ``.ci/setup``
installs when it is missing.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright

from ..conftest import EPOCH, ROOT
from ..helpers import build_in_process, make_project
from .site_pages import DESKTOP, discover_pages

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Outside hosts fail at once instead of waiting on the network; the request is still
    # seen (and recorded) by the page, so the offline tests can fail on it.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
ARTIFACTS = ROOT / "tests" / "artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path, prefix: str = "") -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (optionally under a sub-path); yields the base URL."""
    root = directory
    if prefix:
        # A private copy: the site may be one every xdist worker reads (tests/conftest.py).
        root = Path(tempfile.mkdtemp(prefix="served-"))
        (root / prefix).parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(directory, root / prefix)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/" + (f"{prefix}/" if prefix else "")
    finally:
        server.shutdown()
        server.server_close()
        if prefix:
            shutil.rmtree(root, ignore_errors=True)


def build_project(project: Path) -> Path:
    """A real ``mkdocs build --strict`` of ``project`` (in this process); returns the site folder.

    Dated like the session's shared sites, so its downloads come from the shared printables cache.
    """
    return build_in_process(project, env=EPOCH)


def copy_project(destination: Path) -> Path:
    """A copy of this project's site sources in ``destination`` (see :func:`tests.helpers.make_project`)."""
    return make_project(destination)


@pytest.fixture(scope="session")
def site_url(seed_site: Path) -> Iterator[str]:
    """Base URL of the seed site served on 127.0.0.1."""
    with serve(seed_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'bash .ci/setup' (installs Debian's chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


#: How much faster than real time CSS transitions and animations run in test pages.
ANIMATION_SPEED = 100


def _record_requests(new_page: Page) -> Page:
    """Attach ``requested`` (every URL asked for, workers' too), ``failed`` (URL, why) and ``pending``
    (requests not yet finished or failed, which ``visit`` waits for) to a page.

    The page's CSS transitions and animations run :data:`ANIMATION_SPEED` times faster (Chrome
    DevTools' ``Animation.setPlaybackRate``, kept across navigations). They still run and end
    in the same state; the tests wait for them to end (``settle``) and check that end state, so
    a Tab walk waits a frame per stop instead of Material's 125 ms colour fades.
    """
    devtools = new_page.context.new_cdp_session(new_page)
    devtools.send("Animation.enable")
    devtools.send("Animation.setPlaybackRate", {"playbackRate": ANIMATION_SPEED})
    requested: list[str] = []
    failed: list[tuple[str, str]] = []
    pending: set[Request] = set()

    def on_request(request: Request) -> None:
        requested.append(request.url)
        pending.add(request)

    def on_failed(request: Request) -> None:
        pending.discard(request)
        failed.append((request.url, request.failure or "failed"))

    new_page.on("request", on_request)
    new_page.on("requestfinished", lambda request: pending.discard(request))
    new_page.on("requestfailed", on_failed)
    new_page.on(
        "response", lambda response: response.status >= 400 and failed.append((response.url, str(response.status)))
    )
    new_page.requested = requested  # type: ignore[attr-defined]
    new_page.failed = failed  # type: ignore[attr-defined]
    new_page.pending = pending  # type: ignore[attr-defined]
    return new_page


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page; ``page.requested`` lists every URL it requested, ``page.failed`` what failed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield _record_requests(context.new_page())
    context.close()


@contextmanager
def opened_pages(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open recorded pages (as ``page``) with a viewport of the given size; all closed on leaving."""
    contexts: list[BrowserContext] = []

    def open_(width: int = DESKTOP, height: int = 900) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        return _record_requests(context.new_page())

    try:
        yield open_
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open a recorded page (as ``page``) with a viewport of the given size, closed after the test."""
    with opened_pages(browser) as open_:
        yield open_


@pytest.fixture(scope="session")
def site_pages(seed_site: Path) -> list[str]:
    """Every page of the seed site, as a URL relative to the site root."""
    return discover_pages(seed_site)


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save a full-page screenshot into ``tests/artifacts/screenshots/<name>.png``."""

    def take(target: Page, name: str) -> Path:
        path = ARTIFACTS / "screenshots" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        target.screenshot(path=str(path), full_page=True)
        return path

    return take
