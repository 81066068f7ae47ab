"""Data to PDF with Typst: bundled fonts only, data as JSON, tagged PDF/UA-1, byte-identical output.

This is the one place that calls Typst. A printable hands over a template name and plain
data (dicts, lists, strings, numbers); the template reads the data as JSON and lays it out:

```python
from generator.printables.typst_engine import compile_pdf

pdf_bytes = compile_pdf("print/record_sheet.typ", {"title": "Evidence record sheet: Unit 1", ...})
draft = compile_pdf("print/workbook.typ", data, ua=False)   # tagged, not declared PDF/UA-1
```

Templates (``site_templates/print/*.typ``) start with ``#import sys.inputs.common: *``
(``print/common.typ``, found on the same search path as the template, so a project may
override either) and ``#let data = json(bytes(sys.inputs.data))``.
Data never becomes Typst source, so a unit's text prints literally whatever it holds
(``#``, ``$``, ``]``, backslashes, bidi controls): Typst only ever sees it as strings.

Fonts: one Typst compiler per process, made on first use, sees the bundled Open Sans
(``fonts/``) and the fallback fonts of the Debian packages named in
:data:`generator.printables.font_set.FONT_PACKAGES`, nothing else: not the machine's fonts,
not the fonts built into Typst (``include_embedded_fonts=False``). Typst reads font folders
whole, so the allowed fallback files are linked into one folder of their own under the user's
cache folder (see :func:`typst_font_folder`), leaving out what ``font_set`` refuses
(colour emoji).

Dates: the PDF's creation date is ``SOURCE_DATE_EPOCH``; without it the templates set no
date (``sys.inputs.dated`` is empty) and Typst is given a fixed timestamp, so nothing in
the bytes comes from the clock.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
import typst

from ..site.render import default_templates_dir
from .determinism import source_datetime
from .font_set import FALLBACK_FAMILIES, FONTS_DIR, fallback_font_files, require_fonts

#: The shared pieces every template imports, found on the same search path as the template:
#: ``#import sys.inputs.common: *``.
COMMON = "print/common.typ"
#: What Typst is told the time is when ``SOURCE_DATE_EPOCH`` is unset (templates then set no date).
FIXED_TIMESTAMP = 0
_LOCK = threading.Lock()
#: Where a Typst diagnostic points: ``┌─ path:line:column`` (the path relative to the working folder).
_DIAGNOSTIC_PLACE = re.compile(r"┌─ (.+?):(\d+):(\d+)")


class TypstRenderError(RuntimeError):
    """A print template failed to compile: the template's name and Typst's message."""


def _links_folder_root() -> Path:
    """Where the font links live: the user's cache folder (temporary-file cleaners leave it alone)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qualification-handbook"
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path(tempfile.gettempdir())
    return cache if os.access(cache, os.W_OK) else Path(tempfile.gettempdir())


def _complete(folder: Path, files: list[Path]) -> bool:
    """Whether ``folder`` links exactly ``files``, every link resolving."""
    try:
        links = {link.name: link for link in folder.iterdir()}
    except OSError:
        return False
    return set(links) == {path.name for path in files} and all(link.exists() for link in links.values())


def typst_font_folder() -> Path:
    """A folder of links to the allowed fallback font files, shared by every process of this user.

    Named by a hash of the linked paths, so a changed font package gets a new folder; made
    under a temporary name and renamed into place, so concurrent workers never see half of
    it; checked before use and made again if anything removed a link.
    """
    files = fallback_font_files()
    digest = hashlib.sha256("\n".join(str(path) for path in files).encode()).hexdigest()[:16]
    root = _links_folder_root()
    folder = root / f"typst-fonts-{os.getuid()}-{digest}"
    if _complete(folder, files):
        return folder
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=root))
    for path in files:
        (staging / path.name).symlink_to(path)
    try:
        staging.rename(folder)
    except OSError:  # another process made it first
        shutil.rmtree(staging, ignore_errors=True)
    return folder


@functools.cache
def compiler() -> typst.Compiler:
    """The process's Typst compiler, its fonts the bundled and the named fallback fonts only.

    Made once: Typst indexes the fonts (about 0.1 s of CPU) and keeps what it has laid out
    for the next document. That memo does not grow without bound, so the compiler is never
    remade: over 600 documents of 300 different units in one process the resident size stays
    at 200-217 MB (``tests/benchmarks/bench_typst_memory.py``).
    """
    require_fonts()
    fonts = typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(FONTS_DIR), str(typst_font_folder())],
    )
    # The root is "/" so that a template may show the centre's logo wherever the project keeps it.
    return typst.Compiler(font_paths=fonts, ignore_system_fonts=True, root="/")


def _error_line(template_name: str, error: typst.TypstError) -> str:
    """``file:line:col: message (print/x.typ)``: where Typst's error is, as the project reports errors."""
    where = _DIAGNOSTIC_PLACE.search(error.diagnostic or "")
    if where is None:
        return f"{template_name}: {error.message}"
    file, line, column = where.groups()
    return f"{os.path.normpath(Path.cwd() / file)}:{line}:{column}: {error.message} (compiling {template_name})"


def search_path(env: jinja2.Environment) -> list[Path]:
    """The folders a Jinja environment searches for templates, for :func:`compile_pdf`'s ``templates_dirs``."""
    loader = env.loader
    return [Path(folder) for folder in getattr(loader, "searchpath", ())]


def template_path(template_name: str, templates_dirs: Sequence[Path] = ()) -> Path:
    """The file of ``template_name`` (``print/record_sheet.typ``): the first of ``templates_dirs``
    holding it, else the packaged templates (the same search as the Jinja templates)."""
    for folder in (*templates_dirs, default_templates_dir()):
        candidate = Path(folder) / template_name
        if candidate.is_file():
            return candidate.resolve()
    raise TypstRenderError(f"{template_name}: no such print template")


def compile_pdf(
    template_name: str,
    data: Mapping[str, Any],
    *,
    ua: bool = True,
    templates_dirs: Sequence[Path] = (),
) -> bytes:
    """Compile the Typst template ``template_name`` with ``data`` to PDF bytes, deterministically.

    ``data`` must be JSON-serialisable; the template reads it as
    ``json(bytes(sys.inputs.data))``. With ``ua`` the PDF is declared PDF/UA-1 (Typst then
    checks it: a title is required, and so on); without, it is still tagged. Typst's
    warnings are issued as Python warnings (:class:`typst.TypstWarning`); an error raises
    :class:`TypstRenderError` whose message starts ``file:line:col:``. ``templates_dirs`` are
    searched before the packaged templates.
    """
    path = template_path(template_name, templates_dirs)
    common = template_path(COMMON, templates_dirs)
    when = source_datetime()
    inputs = {
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        "dated": "1" if when is not None else "",
        "fonts": json.dumps(FALLBACK_FAMILIES),
        "common": str(common),
    }
    with _LOCK:  # one compiler per process, and Typst's compiler is not re-entrant
        try:
            pdf, problems = compiler().compile_with_warnings(
                input=str(path),
                format="pdf",
                sys_inputs=inputs,
                pdf_standards=["ua-1"] if ua else [],
                timestamp=int(when.timestamp()) if when is not None else FIXED_TIMESTAMP,
            )
        except typst.TypstError as exc:
            raise TypstRenderError(_error_line(template_name, exc)) from None
    for problem in problems:
        warnings.warn(problem, stacklevel=2)
    assert isinstance(pdf, bytes)
    return pdf
