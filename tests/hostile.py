"""The hostile-content fixture and the checks that its payloads stayed inert.

``tests/fixtures/fict-hostile.yml`` (fictional) carries script, event-handler, link and
Markdown payloads in every text field. The session fixture ``hostile_site`` (tests/conftest.py)
builds a real site with it; :func:`live_markup` audits any HTML or HTML fragment for markup a
payload could have made live. Downloads are audited by file type through :data:`DOWNLOAD_AUDITS`, so each
new kind of printable (PDF, DOCX, ...) adds one function there.
"""

from __future__ import annotations

import csv
import html.parser
import io
import json
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

from .conftest import HOSTILE_UNIT as HOSTILE_UNIT  # re-exported: tests import it from here

HOSTILE_ID = "fict-hostile"

#: Elements a payload must never produce anywhere in a page (the theme uses none of them).
FORBIDDEN_TAGS = frozenset(
    {"iframe", "object", "embed", "base", "form", "input", "button", "details", "svg", "img", "style", "frame"}
)
#: Script-capable URL schemes.
LIVE_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "xlink:href", "poster"})


class _Audit(html.parser.HTMLParser):
    def __init__(self, *, theme_scripts: bool, forbid_elements: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.theme_scripts = theme_scripts
        self.forbid_elements = forbid_elements
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.forbid_elements and tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.problems.append("<meta http-equiv>")
        if tag == "script":
            if not self.theme_scripts:
                self.problems.append("<script> element")
            self._in_script = True
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name in URL_ATTRIBUTES and value and LIVE_SCHEMES.match(value):
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and ("pwned" in data or "alert(" in data):
            self.problems.append("payload inside a <script> element")


def live_markup(markup: str, *, theme_scripts: bool = True, forbid_elements: bool = True) -> list[str]:
    """Every live element, handler or URL a payload could have produced in ``markup``.

    With ``theme_scripts`` the theme's own ``<script>`` elements are allowed, as long as
    none carries payload text; without it (for fragments such as search entries) any
    script counts. ``forbid_elements`` also flags :data:`FORBIDDEN_TAGS`: use it on
    content, not on whole pages, whose header has the theme's own search form and icons.
    """
    audit = _Audit(theme_scripts=theme_scripts, forbid_elements=forbid_elements)
    audit.feed(markup)
    audit.close()
    return audit.problems


def page_content(page_html: str) -> str:
    """The article of a built page: everything generated from content, without the theme's frame."""
    match = re.search(r'<article class="md-content__inner[^"]*">(.*)</article>', page_html, re.S)
    assert match, "no article in page"
    return match.group(1)


def _audit_pdf(path: Path) -> list[str]:
    raw = path.read_bytes()
    problems = [f"PDF action {name.decode()}" for name in (b"/JavaScript", b"/JS ", b"/Launch") if name in raw]
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    if "pwned" not in text:
        problems.append("payload text missing: it was interpreted or dropped, not shown as text")
    return problems


def _audit_docx(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        problems = [f"active part {n}" for n in names if n.endswith((".bin", "vbaProject.bin")) or "activeX" in n]
        for name in names:
            if name.endswith(".rels"):
                rels = archive.read(name).decode("utf-8")
                problems += [f"{name}: {m}" for m in re.findall(r'Target="((?:javascript|data):[^"]*)"', rels)]
        document = archive.read("word/document.xml").decode("utf-8")
    if "pwned" not in document:
        problems.append("payload text missing: it was interpreted or dropped, not shown as text")
    return problems


def _audit_json(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    problems = [f"raw {character!r} in JSON" for character in "<>&" if character in text]
    if "pwned" not in json.dumps(json.loads(text)):
        problems.append("payload text missing: it was interpreted or dropped, not kept as data")
    return problems


def _audit_csv(path: Path) -> list[str]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return [f"cell {cell[:20]!r} starts a formula" for row in rows for cell in row if cell and cell[0] in "=+-@\t\r"]


#: Inertness audits for downloads, by file suffix; add one per new kind of printable.
DOWNLOAD_AUDITS: dict[str, Callable[[Path], list[str]]] = {
    ".pdf": _audit_pdf,
    ".docx": _audit_docx,
    ".json": _audit_json,
    ".csv": _audit_csv,
}


def hostile_downloads(site: Path) -> list[Path]:
    """Every download built for the hostile unit (matched by its id in the file name)."""
    return sorted(p for p in site.rglob("*") if p.suffix in DOWNLOAD_AUDITS and HOSTILE_ID in p.name)
