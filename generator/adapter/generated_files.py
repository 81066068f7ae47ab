"""MkDocs files for generated pages that keep a stable stamp while their content is unchanged.

Part of the MkDocs adapter (only :mod:`generator.plugin` uses it). With
``mkdocs serve --dirtyreload`` MkDocs rebuilds only files whose :meth:`File.is_modified` is
true, and for in-memory files (``File.generated(content=...)``) that is always true, so every
generated page would be rebuilt after any edit. :func:`generated_file` remembers, per site
folder and page, a digest of the content and when it was seen; a page whose content is the
same as in an earlier build of this process, and whose output was written after that build
began, reports itself unmodified. A build that failed before writing a page leaves its output
older than the digest, so that page is rebuilt next time.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..site.pages import HtmlPage, meta_text

#: File times come from the kernel's coarse clock, a few milliseconds behind ``time.time_ns()``,
#: so a page written just after its content was seen can look older than that moment.
_CLOCK_SLACK_NS = 50_000_000

_seen: dict[tuple[str, str], tuple[bytes, int]] = {}
_lock = threading.Lock()


class StampedFile(File):
    """A generated file that knows whether its content changed since it was last built."""

    unchanged_since: int | None = None
    """When the same content was first seen (ns since the epoch), or None if it changed."""

    def is_modified(self) -> bool:
        """False when the content is unchanged and the output was written since it was seen."""
        if self.unchanged_since is not None:
            try:
                if os.stat(self.abs_dest_path).st_mtime_ns >= self.unchanged_since:  # noqa: PTH116
                    return False
            except OSError:
                pass
        return super().is_modified()

    release_after_copy = False
    """Forget the content once MkDocs has copied the file to the site (a download no next build reads)."""

    def copy_file(self, dirty: bool = False) -> None:
        """Copy the file to the site, as MkDocs does; then forget its content if :attr:`release_after_copy`."""
        super().copy_file(dirty)
        if self.release_after_copy:
            self.release_content()

    def release_content(self) -> None:
        """Forget the content once MkDocs has read the page from it (plain MkDocs keeps no copy either).

        The digest that keeps the stamp stable was taken when the file was made.
        """
        self._content = b"" if isinstance(self._content, bytes) else ""


class HtmlPageFile(StampedFile):
    """The file of a page made straight to HTML: its text is made from the page when read.

    The page's HTML is then held once, by the page (which MkDocs' page takes over, see
    :mod:`.html_pages`), instead of a second time as the file's text: MkDocs never reads the
    file of such a page, but another plugin may, and gets front matter and HTML as before.
    """

    html_page: HtmlPage | None = None

    @property
    def content_string(self) -> str:
        """The page as a file (front matter and HTML), or the content set since."""
        if self.html_page is not None:
            return self.html_page.source
        return super().content_string

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.html_page = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_bytes(self) -> bytes:
        """:attr:`content_string` as UTF-8."""
        if self.html_page is not None:
            return self.html_page.source.encode()
        return super().content_bytes

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.html_page = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    def release_content(self) -> None:
        """Let go of the page as well (MkDocs' page holds what it needs of it)."""
        self.html_page = None
        super().release_content()


def generated_file(
    config: MkDocsConfig, src_uri: str, content: str | bytes | HtmlPage, *, stamped: bool = True
) -> StampedFile:
    """``File.generated(config, src_uri, content=content)`` that keeps a stable stamp.

    A page made to HTML gives an :class:`HtmlPageFile`, holding the page instead of its text.
    ``stamped=False`` (a process's only build, ``mkdocs build``) skips the digest, which only
    a next build in the same process can use: the file is then modified, as any generated file.
    """
    if isinstance(content, HtmlPage):
        file: StampedFile = HtmlPageFile.generated(config, src_uri, content="")
        file.html_page = content
    else:
        file = StampedFile.generated(config, src_uri, content=content)
    if not stamped:
        return file
    hasher = hashlib.blake2b(digest_size=16)
    if isinstance(content, HtmlPage):
        # The digest of the page's text (`content.source`) without making that text.
        hasher.update(meta_text(content.meta).encode())
        hasher.update(content.html.encode())
    else:
        hasher.update(content.encode() if isinstance(content, str) else content)
    digest = hasher.digest()
    key = (str(config.site_dir), src_uri)
    now = time.time_ns() - _CLOCK_SLACK_NS
    with _lock:
        previous = _seen.get(key)
        if previous is not None and previous[0] == digest:
            file.unchanged_since = previous[1]
        else:
            _seen[key] = (digest, now)
    return file
