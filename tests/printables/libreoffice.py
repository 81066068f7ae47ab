"""Recalculate a spreadsheet in LibreOffice (headless) and read back what its cells show.

openpyxl reads formulas but cannot evaluate them, and XlsxWriter stores a placeholder
result; a real spreadsheet application is the only honest check that a formula computes
what it should. LibreOffice trusts the results stored in an XLSX file unless told to
recalculate on load, so the run uses its own profile that says "always recalculate".

```python
rows = recalculated_rows(xlsx_bytes, "Evidence tracker", tmp_path)
rows[47][3]   # the text cell D48 shows after recalculation
```
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice")

_RECALCULATE_ON_LOAD = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""
# CSV export options: comma, double quote, UTF-8, from row 1, formatted text as shown,
# and -1: every sheet to its own file (``<name>-<sheet>.csv``).
_CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def convert(source: Path | list[Path], target: str, outdir: Path, *, profile: Path, timeout: float = 180) -> None:
    """Convert ``source`` (one file or several, in one run) with LibreOffice headless to ``target``
    (a ``--convert-to`` filter) in ``outdir``.

    ``profile`` is the LibreOffice user profile folder the run uses (its own, so runs do not share state).
    """
    sources = source if isinstance(source, list) else [source]
    assert SOFFICE is not None, "LibreOffice (soffice) is not installed"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )


def recalculated_rows(data: bytes, sheet: str, workdir: Path) -> list[list[str]]:
    """The cells of ``sheet`` as LibreOffice shows them after recalculating every formula."""
    return recalculated_books({"book": data}, sheet, workdir)["book"]


def recalculated_books(books: dict[str, bytes], sheet: str, workdir: Path) -> dict[str, list[list[str]]]:
    """:func:`recalculated_rows` of every book (``{name: XLSX bytes}``), all in one LibreOffice run.

    LibreOffice opens, recalculates and exports each file on its own; one run saves its
    start-up (seconds) per file.
    """
    if SOFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: run .ci/setup")
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALCULATE_ON_LOAD, encoding="utf-8")
    sources = []
    for name, data in books.items():
        sources.append(workdir / f"{name}.xlsx")
        sources[-1].write_bytes(data)
    out = workdir / "csv"
    convert(sources, _CSV_FILTER, out, profile=profile)
    rows = {}
    for name in books:
        with (out / f"{name}-{sheet}.csv").open(encoding="utf-8", newline="") as handle:
            rows[name] = list(csv.reader(handle))
    return rows
