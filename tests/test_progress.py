"""The progress display: counts and time left on a terminal, a line every few seconds in a log, nothing with -q."""

from __future__ import annotations

import io

from generator.progress import Progress, duration


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_duration_reads_as_people_say_it() -> None:
    assert [duration(s) for s in (0.4, 7, 65, 3725)] == ["0 s", "7 s", "1 min 5 s", "1 h 2 min"]


def test_log_gets_a_line_per_interval_with_counts_and_time_left() -> None:
    stream, clock = io.StringIO(), _Clock()
    progress = Progress(stream, interval=5.0, clock=clock)
    progress.stage("printables", total=40)
    for done in range(1, 41):
        clock.now += 1.0  # one second a file
        progress.update(done)
    progress.stage("building pages", total=3)
    progress.finish("site published to site")
    assert stream.getvalue().splitlines() == [
        "printables (40)...",
        "printables: 5/40, about 35 s left",
        "printables: 10/40, about 30 s left",
        "printables: 15/40, about 25 s left",
        "printables: 20/40, about 20 s left",
        "printables: 25/40, about 15 s left",
        "printables: 30/40, about 10 s left",
        "printables: 35/40, about 5 s left",
        "building pages (3)...",
        "site published to site",
    ]


def test_total_learnt_after_the_stage_began() -> None:
    stream, clock = io.StringIO(), _Clock()
    progress = Progress(stream, interval=5.0, clock=clock)
    progress.stage("printables")
    clock.now = 6.0
    progress.update(3, 12)
    assert stream.getvalue().splitlines() == ["printables...", "printables: 3/12, about 18 s left"]


def test_terminal_redraws_one_line_with_a_bar_and_time_left() -> None:
    stream, clock = _Terminal(), _Clock()
    progress = Progress(stream, clock=clock)
    progress.stage("checking content", total=4)
    clock.now = 2.0
    progress.update(1)
    clock.now = 8.0
    progress.update(4)
    progress.finish("done")
    text = stream.getvalue()
    assert "\rchecking content [#######.......................] 1/4  about 6 s left\x1b[K" in text
    assert "\rchecking content [##############################] 4/4\x1b[K\ndone\n" in text


def test_quiet_prints_nothing() -> None:
    stream = _Terminal()
    progress = Progress(stream, enabled=False)
    progress.stage("printables", total=2)
    progress.update(1)
    progress.advance()
    progress.finish("site published")
    assert stream.getvalue() == ""
