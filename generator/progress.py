"""A small progress display for long work, written to a text stream (stderr by default).

On a terminal it redraws one line as a bar with the time left
(``printables [#####.....] 12/40  about 1 min 5 s left``). Elsewhere (CI logs, pipes) it
prints a line when a stage starts, then at most one line every few seconds while it runs
(``printables: 12/40, about 1 min 5 s left``), so a long build is never silent and a log stays
short. Disabled (``handbook build -q``) it prints nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 30
#: Seconds between progress lines when the stream is not a terminal.
LOG_INTERVAL = 5.0
#: Seconds between redraws of the bar on a terminal.
DRAW_INTERVAL = 0.1


def duration(seconds: float) -> str:
    """``'7 s'``, ``'2 min 5 s'``, ``'1 h 3 min'``: whole units, for people."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole // 3600} h {whole % 3600 // 60} min"


class Progress:
    """Stages and counted steps of one long job."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool = True,
        interval: float = LOG_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.interactive = enabled and bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self.clock = clock
        self.label = ""
        self.total = 0
        self.done = 0
        self._started = self._shown = clock()
        self._open_line = False

    def stage(self, label: str, total: int = 0) -> None:
        """Start a stage; with ``total`` its steps are counted by :meth:`advance` or :meth:`update`."""
        self._end_line()
        self.label, self.total, self.done = label, total, 0
        self._started = self._shown = self.clock()
        if not self.enabled:
            return
        if self.interactive and total:
            self._draw()
        else:
            self._write(f"{label}{f' ({total})' if total else ''}...\n")

    def advance(self, steps: int = 1) -> None:
        """Count steps of the current stage."""
        self.update(self.done + steps)

    def update(self, done: int, total: int | None = None) -> None:
        """Set how many steps of the current stage are done (and, when it is learnt late, of how many)."""
        if total is not None:
            self.total = total
        self.done = min(done, self.total) if self.total else done
        if not self.enabled or not self.total:
            return
        now = self.clock()
        finished = self.done >= self.total
        if self.interactive:
            if finished or now - self._shown >= DRAW_INTERVAL:
                self._shown = now
                self._draw()
        elif not finished and now - self._shown >= self.interval:
            self._shown = now
            left = self.time_left()
            self._write(f"{self.label}: {self.done}/{self.total}{f', about {left} left' if left else ''}\n")

    def time_left(self) -> str:
        """The time the rest of the stage should take at the pace so far ('' before the first step)."""
        if not self.done or not self.total or self.done >= self.total:
            return ""
        elapsed = self.clock() - self._started
        return duration(elapsed / self.done * (self.total - self.done))

    def finish(self, message: str) -> None:
        """End the job with a closing line."""
        self._end_line()
        if self.enabled:
            self._write(message + "\n")

    def _draw(self) -> None:
        filled = BAR_WIDTH * self.done // self.total if self.total else 0
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        left = self.time_left()
        # \x1b[K clears what a longer earlier line left to the right.
        self._write(f"\r{self.label} [{bar}] {self.done}/{self.total}{f'  about {left} left' if left else ''}\x1b[K")
        self._open_line = True

    def _end_line(self) -> None:
        if self._open_line:
            self._write("\n")
            self._open_line = False

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
