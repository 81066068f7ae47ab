"""Reproducible output: one source date, and zip containers with fixed times and order.

``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) is the one clock every printable reads.
Without it, PDFs carry no dates at all and Office files (whose formats require a date)
carry :data:`ZIP_EPOCH`, so two builds of the same content are byte-identical either way.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Callable, Mapping

#: The earliest time a zip entry can hold; used when ``SOURCE_DATE_EPOCH`` is not set.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def source_datetime() -> dt.datetime | None:
    """The moment given by ``SOURCE_DATE_EPOCH`` (UTC, whole seconds), or ``None`` when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)


def document_datetime() -> dt.datetime:
    """The creation time written into Office documents: the source date, else :data:`ZIP_EPOCH`."""
    return max(source_datetime() or ZIP_EPOCH, ZIP_EPOCH)


def normalise_zip(
    data: bytes, when: dt.datetime | None = None, edits: Mapping[str, Callable[[bytes], bytes]] | None = None
) -> bytes:
    """``data`` (a zip archive) rewritten with fixed entry times, attributes and compression,
    each part named in ``edits`` passed through its function on the way.

    Entry order is kept: Office readers expect ``[Content_Types].xml`` first, and the
    libraries writing DOCX and XLSX already add parts in a stable order.
    """
    when = when or document_datetime()
    edits = edits or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            part = source.read(entry)
            if entry.filename in edits:
                part = edits[entry.filename](part)
            target.writestr(zip_entry(entry.filename, when), part, compresslevel=6)
    return out.getvalue()


def zip_entry(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    """A zip entry called ``name`` dated ``when`` (UTC), deflated, with fixed attributes."""
    stamp = when.astimezone(dt.UTC)
    entry = zipfile.ZipInfo(name, (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 3
    entry.external_attr = 0o100644 << 16
    return entry
