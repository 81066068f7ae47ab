"""Faults: killed and concurrent builds, and an output folder that is not ours.

Every test runs the real ``handbook build`` on a copy of this project. A killed build
(SIGKILL: no handler runs) must leave the published site whole, byte for byte, and no
process behind; the next build removes what the killed one left beside the site.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish import MARKER, TEMP_PREFIX, publish_atomically

from .helpers import run_handbook, set_plugin_options

pytestmark = pytest.mark.slow

HANDBOOK = str(Path(sys.executable).parent / "handbook")
UNIT = "r-503-0865"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def session_processes(session: int) -> list[str]:
    """Live (not zombie) processes of a session, as ``pid command`` lines."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, sid = fields[0], int(fields[3])
        if sid == session and state != "Z":
            found.append(f"{entry.name} {cmdline}")
    return found


def wait_for_no_processes(session: int, seconds: float = 15) -> list[str]:
    """The session's processes still alive after ``seconds``; those are then killed (the test fails)."""
    deadline = time.monotonic() + seconds
    while (alive := session_processes(session)) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(session, signal.SIGKILL)
    return alive


def cold_project(site_project, workers: int) -> Path:
    """A copy of the project with its own empty printables cache, rendered by ``workers`` processes."""
    project = site_project(shared_cache=False)
    set_plugin_options(project, f"      printables:\n        workers: {workers}\n")
    return project


def retitle(project: Path, revision: int) -> None:
    """Change one unit so its printables must be rendered again."""
    path = project / "content" / "units" / f"{UNIT}.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith("# revision ")]
    path.write_text(f"# revision {revision}\n" + "".join(lines).replace("title: ", f"title: Rev {revision} ", 1))


class Build:
    """``handbook build`` in its own session, its stage lines written to a file as they come.

    A file, not a pipe: a surviving worker holding a pipe open would hang the test instead
    of failing it.
    """

    def __init__(self, project: Path, *args: str) -> None:
        # Unbuffered, so a stage's name arrives when it starts, not when its line ends.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
        self.log = project.parent / f"build-{time.monotonic_ns()}.log"
        with self.log.open("w", encoding="utf-8") as stderr:
            self.process = subprocess.Popen(
                [HANDBOOK, "build", *args],
                cwd=project,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env=env,
                start_new_session=True,
            )

    @property
    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8", errors="replace").splitlines()

    def wait_for(self, start: str, timeout: float = 300) -> bool:
        """Wait until a stage named ``start`` begins; False if the build ended first."""
        deadline = time.monotonic() + timeout
        while not any(line.startswith(start) for line in self.lines):
            if self.process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def wait_for_workers(self, count: int, timeout: float = 300) -> bool:
        """Wait until the build, its forkserver and ``count`` workers run (printables rendering)."""
        deadline = time.monotonic() + timeout
        # The build, the resource tracker, the forkserver, then the workers.
        while len(session_processes(self.process.pid)) < 3 + count:
            if self.process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def finish(self, timeout: float = 600) -> int:
        return self.process.wait(timeout=timeout)


def stage_durations(project: Path) -> tuple[float, float]:
    """Seconds a one-unit rebuild spends rendering printables in workers, then building pages."""
    retitle(project, 0)
    build = Build(project)
    assert build.wait_for_workers(1), "\n".join(build.lines)
    workers_at = time.monotonic()
    assert build.wait_for("building pages"), "\n".join(build.lines)
    pages_at = time.monotonic()
    assert build.finish() == 0, "\n".join(build.lines)
    return pages_at - workers_at, time.monotonic() - pages_at


def test_killed_builds_leave_the_site_whole_and_no_process_behind(site_project) -> None:
    """Fault injection: SIGKILL at random moments while printables render and while pages are built."""
    project = cold_project(site_project, 2)
    first = run_handbook(project, "build")
    assert first.returncode == 0, first.stderr
    before = snapshot(project / "site")
    seed = int(os.environ.get("FAULT_SEED", random.SystemRandom().randrange(10**6)))
    chance = random.Random(seed)
    # (what to wait for, longest random delay after it): printables render in worker
    # processes before any stage line; pages are written during "building pages". The
    # delays are aimed by a timed rebuild, so the kills land inside those stages however
    # fast this machine renders.
    rendering, paging = stage_durations(project)
    before = snapshot(project / "site")
    moments = [("workers", 0.9 * rendering)] * 3 + [("building pages", 0.9 * paging)] * 2
    killed = 0
    for revision, (stage, longest) in enumerate(moments, start=1):
        retitle(project, revision)
        build = Build(project)
        try:
            started = build.wait_for_workers(1) if stage == "workers" else build.wait_for(stage)
            if not started:
                continue  # ended before that stage: nothing to kill
            time.sleep(chance.uniform(0, longest))
            if build.process.poll() is None:
                os.killpg(build.process.pid, signal.SIGKILL)
                killed += 1
        finally:
            if build.process.poll() is None:
                build.process.kill()
            build.finish()
        survivors = wait_for_no_processes(build.process.pid)
        assert survivors == [], f"seed {seed}, kill {revision} ({stage}): processes left: {survivors}"
        now = snapshot(project / "site")
        if now != before:
            # Killed after the swap: the new site must then be whole, never a mixture.
            assert now.keys() == before.keys(), f"seed {seed}, kill {revision}: the published site is not whole"
            assert f"Rev {revision} " in now[f"units/{UNIT}/index.html"].decode(), f"seed {seed}, kill {revision}"
            assert all(now[p][:5] == b"%PDF-" for p in now if p.endswith(".pdf"))
            before = now
    assert killed >= 3, f"seed {seed}: only {killed} builds were killed; they finished too fast"
    # The next build cleans up what the killed ones left and publishes the new content.
    final = Build(project)
    assert final.finish() == 0, "\n".join(final.lines)
    assert leftovers(project) == []
    assert wait_for_no_processes(final.process.pid) == []
    after = snapshot(project / "site")
    assert f"Rev {len(moments)}" in after[f"units/{UNIT}/index.html"].decode()
    assert {p for p in before if p.startswith("downloads/")} == {p for p in after if p.startswith("downloads/")}
    assert all(after[p][:5] == b"%PDF-" for p in after if p.endswith(".pdf"))


def test_killing_only_the_build_process_stops_its_workers(site_project) -> None:
    """SIGKILL to the build alone (not its group), as an out-of-memory kill would do."""
    project = cold_project(site_project, 2)
    build = Build(project)
    try:
        assert build.wait_for_workers(2), build.lines
        build.process.kill()
    finally:
        if build.process.poll() is None:
            build.process.kill()
        build.finish()
    assert wait_for_no_processes(build.process.pid) == []
    assert not (project / "site").exists()


def test_two_builds_of_one_project_at_once_both_publish_whole_sites(site_project) -> None:
    project = cold_project(site_project, 1)
    builds = [Build(project, "--output", name) for name in ("site-a", "site-b")]
    codes = [build.finish() for build in builds]
    assert codes == [0, 0], [build.lines for build in builds]
    a, b = snapshot(project / "site-a"), snapshot(project / "site-b")
    assert a.keys() == b.keys()
    assert sum(1 for p in a if p.startswith("downloads/")) >= 12


def test_output_folder_with_files_we_did_not_write_is_refused_untouched(site_project) -> None:
    project = site_project()
    papers = project / "papers"
    papers.mkdir()
    (papers / "thesis.docx").write_bytes(b"PK fictional thesis")
    (papers / "notes.txt").write_text("fictional notes\n", encoding="utf-8")
    before = snapshot(papers)
    result = run_handbook(project, "build", "--output", "papers")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"papers: not empty and not a site published by `handbook build` (no {MARKER} file in it); "
        "nothing was changed. Choose a new or empty output folder"
    )
    assert snapshot(papers) == before
    assert leftovers(project) == []


def test_an_empty_output_folder_is_used_and_the_site_is_marked_for_the_next_build(site_project) -> None:
    project = site_project()
    (project / "public").mkdir()
    for _ in range(2):
        result = run_handbook(project, "build", "--output", "public")
        assert result.returncode == 0, result.stderr
    assert (project / "public" / MARKER).is_file()
    assert (project / "public" / "units" / "index.html").is_file()


def test_folders_of_killed_builds_are_removed_at_the_next_start_and_live_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "site"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f"{TEMP_PREFIX}site-new-{dead_pid}-abc123"
    (stale / "units").mkdir(parents=True)
    live = tmp_path / f"{TEMP_PREFIX}site-new-{os.getppid()}-def456"
    live.mkdir()
    publish_atomically(target, lambda folder: (folder / "index.html").write_text("fictional", encoding="utf-8"))
    assert not stale.exists() and live.exists()
    assert sorted(p.name for p in target.iterdir()) == [MARKER, "index.html"]


def test_a_site_moved_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    """Where the swap is two renames, a kill between them leaves the old site beside its place."""
    target = tmp_path / "site"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    aside = tmp_path / f"{TEMP_PREFIX}site-old-{int(dead.stdout)}-abc123"
    aside.mkdir()
    (aside / MARKER).write_text("", encoding="utf-8")
    (aside / "index.html").write_text("old fictional site", encoding="utf-8")

    def failing_build(folder: Path) -> None:
        raise RuntimeError("fictional failure")

    with pytest.raises(RuntimeError):
        publish_atomically(target, failing_build)
    assert (target / "index.html").read_text(encoding="utf-8") == "old fictional site"
    assert leftovers(tmp_path) == []
