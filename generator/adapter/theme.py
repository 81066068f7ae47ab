"""What the plugin adds to a site's theme and nav, so a centre's own MkDocs site copies no file.

Part of the MkDocs adapter. The theme overrides (skip link, header buttons, breadcrumbs) are
packaged with the plugin and put on the theme's search path after the site's own
``custom_dir``, so a centre's overrides still win. The generated sections join the centre's
own ``nav`` where it does not mention them. With Material's ``offline`` plugin the search
worker shim it would load from a CDN is replaced by a packaged copy, so the site still makes no
outside request.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

#: Where the packaged copy of the ``iframe-worker`` shim is published in the site.
IFRAME_WORKER_SITE_PATH = "assets/handbook/iframe-worker.js"
IFRAME_WORKER_SOURCE = Path(__file__).resolve().parent / "vendor" / "iframe-worker" / "shim.js"


def packaged_overrides_dir() -> Path:
    """The packaged theme overrides (``overrides/`` of this project, ``_overrides`` in a wheel)."""
    package = Path(__file__).resolve().parent.parent
    bundled = package / "_overrides"
    return bundled if bundled.is_dir() else package.parent / "overrides"


def add_theme_overrides(config: MkDocsConfig) -> bool:
    """Put the packaged overrides on Material's search path, after the site's ``custom_dir``.

    Returns False (and changes nothing) for other themes: the overrides extend Material's.
    """
    theme = config.theme
    if theme.name != "material":
        return False
    folder = packaged_overrides_dir().resolve()
    if any(Path(existing).resolve() == folder for existing in theme.dirs):
        return True
    theme.dirs.insert(1 if theme.custom_dir else 0, str(folder))
    return True


def uses_offline_plugin(config: MkDocsConfig) -> bool:
    """Whether Material's ``offline`` plugin is on (the site is meant to open from disk)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return plugin is not None and bool(getattr(plugin, "config", {}).get("enabled", True))


def local_iframe_worker(config: MkDocsConfig) -> None:
    """Swap the CDN copy of the search worker shim Material's offline plugin adds for ours."""
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [
        IFRAME_WORKER_SITE_PATH if "iframe-worker" in str(script) else script for script in polyfills
    ]


def _mentioned_paths(nav: Iterable[Any]) -> set[str]:
    found: set[str] = set()
    for item in nav:
        if isinstance(item, str):
            found.add(posixpath.normpath(item))
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    found.add(posixpath.normpath(value))
                elif isinstance(value, list):
                    found |= _mentioned_paths(value)
        elif isinstance(item, list):
            found |= _mentioned_paths(item)
    return found


def join_nav(nav: list[Any], sections: Sequence[tuple[str, str]]) -> list[str]:
    """Append to ``nav`` each ``(title, path)`` section it does not mention; returns the titles added."""
    mentioned = _mentioned_paths(nav)
    added = []
    for title, path in sections:
        if posixpath.normpath(path) not in mentioned:
            nav.append({title: path})
            added.append(title)
    return added
