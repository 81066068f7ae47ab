"""A small progress display for long work, written to a text stream (stderr by default).

On a terminal it redraws one line as a bar (``building pages [#####.....] 12/40``);
elsewhere (CI logs, pipes) it prints each stage once, so logs stay short and readable.
"""

from __future__ import annotations

import sys
from typing import TextIO

BAR_WIDTH = 30


class Progress:
    """Stages and counted steps of one long job."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.interactive = enabled and bool(getattr(self.stream, "isatty", lambda: False)())
        self.label = ""
        self.total = 0
        self.done = 0
        self._open_line = False

    def stage(self, label: str, total: int = 0) -> None:
        """Start a stage; with ``total`` its steps are counted by :meth:`advance`."""
        self._end_line()
        self.label, self.total, self.done = label, total, 0
        if not self.enabled:
            return
        if self.interactive and total:
            self._draw()
        else:
            self._write(f"{label}{f' ({total})' if total else ''}...\n")

    def advance(self, steps: int = 1) -> None:
        """Count steps of the current stage."""
        self.done = min(self.done + steps, self.total) if self.total else self.done + steps
        if self.interactive and self.total:
            self._draw()

    def finish(self, message: str) -> None:
        """End the job with a closing line."""
        self._end_line()
        if self.enabled:
            self._write(message + "\n")

    def _draw(self) -> None:
        filled = BAR_WIDTH * self.done // self.total if self.total else 0
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self._write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
        self._open_line = True

    def _end_line(self) -> None:
        if self._open_line:
            self._write("\n")
            self._open_line = False

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
