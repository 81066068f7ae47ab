"""Benchmark: the editing loop under ``mkdocs serve`` with a large catalogue.

Run from the repository root (not collected by pytest)::

    .venv/bin/python tests/benchmarks/bench_serve.py                  # 1,000 units, --dirty
    .venv/bin/python tests/benchmarks/bench_serve.py --full           # also a full (non-dirty) reload
    .venv/bin/python tests/benchmarks/bench_serve.py --units 50 --edits 2

It writes a catalogue of fictional units (see ``synthetic.py``) into a temp folder and dates
its files an hour back, as a catalogue that has been on disk a while (files saved in the last
two seconds are parsed again on every build; see ``generator/unit_cache.py``). It starts
``mkdocs serve`` on 127.0.0.1, waits for the first build, then saves changes to unit YAML
files, alternately:

- ``criterion``: the wording of one learning outcome (only that unit's page changes);
- ``title``: the unit's title (its page and the units index change),

and polls the unit's page over HTTP until the change is served. Each edit's seconds, from
the save to the change being visible, are printed, then the server's resident memory after
the first build and after each rebuild (a rebuild loop that kept anything of the previous
builds would grow by the catalogue's size each time); the last lines are
``serve <mode> <units> units: <kind> edits median <seconds> s``.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.synthetic import unit_id, write_project  # noqa: E402

POLL_SECONDS = 0.05


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    """The page's text, or None while the server does not answer it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at ``url`` contains ``text``; exits the script after ``timeout``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    sys.exit(f"bench_serve: {url} did not show {text!r} within {timeout:.0f} s")


def resident_mb(pid: int) -> float:
    """The resident memory of process ``pid`` now, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(project: Path, units: int, edits: int, *, dirty: bool) -> dict[str, list[float]]:
    """Start ``mkdocs serve``, make ``edits`` edits, return the seconds each took to show."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-strict"]
    if dirty:
        command.append("--dirty")
    log = (project / f"serve-{'dirty' if dirty else 'full'}.log").open("w")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        wait_for(f"{base}/units/{unit_id(1)}/", "Fictional unit 1:", timeout=900)
        print(f"serve: first build of {units:,} units served after {time.perf_counter() - started:.1f} s", flush=True)
        seconds: dict[str, list[float]] = {"criterion": [], "title": []}
        resident = []
        for edit in range(1, edits + 1):
            # Full mode edits other units than --dirty did: a title already edited no longer matches.
            index = 1 + (edit * 7919 + (0 if dirty else units // 2)) % units
            path = project / "content" / "units" / f"{unit_id(index)}.yml"
            kind = "criterion" if edit % 2 else "title"
            marker = f"edit {edit} {'dirty' if dirty else 'full'}"
            text = path.read_text(encoding="utf-8")
            if kind == "title":
                text = text.replace(f"Fictional unit {index}:", f"Fictional unit {index} ({marker}):", 1)
            else:
                text = text.replace("text: Be able to", f"text: Be able ({marker}) to", 1)
            time.sleep(1.0)  # let the server settle after the previous rebuild
            resident.append(resident_mb(server.pid))
            start = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            wait_for(f"{base}/units/{unit_id(index)}/", f"({marker})", timeout=300)
            seconds[kind].append(time.perf_counter() - start)
            print(f"serve: edit {edit} ({kind}, {unit_id(index)}) visible after {seconds[kind][-1]:.2f} s", flush=True)
        time.sleep(1.0)
        resident.append(resident_mb(server.pid))
        mode = "--dirty" if dirty else "full"
        shown = ", ".join(f"{mb:.0f}" for mb in resident)
        print(f"serve {mode}: resident MB after the first build, then after each rebuild: {shown}", flush=True)
        return seconds
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def main(argv: list[str] | None = None) -> int:
    """Run the serve benchmark and print one line per mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000, help="catalogue size (default 1000)")
    parser.add_argument("--edits", type=int, default=4, help="edits to time, criterion and title in turn (default 4)")
    parser.add_argument("--full", action="store_true", help="also time plain 'mkdocs serve' (full rebuilds)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="handbook-serve-") as folder:
        project = write_project(Path(folder) / "project", args.units, repo=REPO)
        long_ago = time.time() - 3600
        for path in project.rglob("*"):
            os.utime(path, (long_ago, long_ago))
        results = {"--dirty": measure(project, args.units, args.edits, dirty=True)}
        if args.full:
            results["full"] = measure(project, args.units, args.edits, dirty=False)
    for mode, kinds in results.items():
        for kind, seconds in kinds.items():
            if seconds:
                print(f"serve {mode} {args.units} units: {kind} edits median {statistics.median(seconds):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
