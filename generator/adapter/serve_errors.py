"""``mkdocs serve`` with broken content: every page answers with the errors, and reloads when fixed.

Part of the MkDocs adapter. MkDocs' dev server holds every request until a rebuild succeeds,
so a plugin that raises on bad content leaves the browser waiting with nothing to show. Under
``serve`` the plugin instead finishes the build with each page (and the 404 page) replaced by
:func:`error_page`, which lists the errors as ``path:line:col: field: message``. MkDocs injects
its live-reload script before ``</body>``, so the page reloads by itself after the next save,
and shows the real page once the content is fixed. ``mkdocs build`` still stops on errors.
"""

from __future__ import annotations

import html
import re

#: Generated pages seen in this process's last good build, kept addressable while content is broken.
_last_good_pages: set[str] = set()

_LOCATED = re.compile(r"^\S.*?:\d+:\d+: ")

PLACEHOLDER = "---\ntitle: Content errors\n---\n\nThis page cannot be built until the content errors are fixed.\n"


def remember_pages(paths: set[str] | list[str]) -> None:
    """Record the generated pages of a good build (they get a placeholder while content is broken)."""
    _last_good_pages.clear()
    _last_good_pages.update(paths)


def placeholder_pages(always: tuple[str, ...]) -> dict[str, str]:
    """A placeholder for every page of the last good build and for ``always``."""
    return dict.fromkeys(sorted({*always, *_last_good_pages}), PLACEHOLDER)


def error_page(errors: str, site_name: str) -> str:
    """A standalone HTML page listing ``errors``, one per line, escaped."""
    lines = [line for line in errors.splitlines() if line.strip()]
    count = sum(1 for line in lines if _LOCATED.match(line))
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    title = f"{count} content error{'s' if count != 1 else ''}"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}: {html.escape(site_name)}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
  color: #1a1a1a; background: #fff; }}
h1 {{ color: #8a1c00; font-size: 1.5rem; }}
ul {{ padding-left: 1.2rem; }}
li {{ margin: 0.4rem 0; }}
code {{ font: 0.95rem/1.4 ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>{html.escape(title)}: the preview waits for a fix</h1>
<p>{html.escape(site_name)} cannot be built until these are fixed. Save the file and this page
reloads by itself.</p>
<ul class="qh-serve-errors">
{items}
</ul>
</main>
</body>
</html>
"""
