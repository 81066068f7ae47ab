"""Every printed output: plan, reuse what the cache holds, render the rest in parallel.

Each unit's workbooks, record sheet and tracker (:data:`KINDS`) and each qualification's
handbook PDF (:data:`QUALIFICATION_KINDS`) go through this one pipeline: one cache folder,
one code digest (:func:`code_digest`), one prune.

```python
settings = PrintablesSettings(cache_dir=root / ".cache/handbook", templates_dirs=(root / "site_templates",))
result = build_printables(catalogue, settings, qualifications=qualifications, build_date=today)
result.downloads()   # {unit id or "qualification:<id>": [Download(...), ...]} for the pages' downloads boxes
result.files         # [PrintedFile(site_path="downloads/<slug>/<slug>-workbook.pdf", path=<cache file>), ...]
```

Each file is keyed by a hash of all its inputs (see :func:`cache_key`); a rebuild renders
only the files whose key is new. Misses are rendered in a pool of worker processes (one
per CPU core unless ``workers`` says otherwise); a single miss renders in-process.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import functools
import importlib.metadata
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .. import __version__
from ..caches import process_cache
from ..content.catalogue import Catalogue
from ..content.model import Unit
from ..content.qualifications import Qualifications, SourcedQualification
from ..errors import PrintablesError
from ..site.pages import Download
from ..site.render import make_environment
from . import handbook_pdf, record_sheet_pdf, workbook_pdf
from .branding import NO_CENTRE, Centre
from .cache import RenderCache, input_key
from .determinism import source_datetime
from .font_set import fonts_digest
from .record_sheet_pdf import render_record_sheet_pdf
from .tracker_xlsx import render_tracker_xlsx
from .wording import DEFAULT_ASSESSMENT_METHODS
from .workbook_docx import render_workbook_docx
from .workbook_pdf import render_workbook_pdf

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class OutputKind:
    """One kind of printable: how it is named, offered and keyed."""

    name: str
    file_suffix: str
    label: str
    description: str
    templates: tuple[str, ...] = ()
    uses_fonts: bool = False
    uses_methods: bool = False
    for_qualifications: bool = False
    """One file per qualification (the handbook PDF) rather than one per unit."""

    def file_name(self, unit: Unit) -> str:
        """The download's file name, such as ``r-503-0865-workbook.pdf``."""
        return f"{unit.slug}-{self.file_suffix}"


KINDS: tuple[OutputKind, ...] = (
    OutputKind(
        "workbook-pdf",
        "workbook.pdf",
        "Candidate workbook",
        "PDF, fillable",
        templates=workbook_pdf.TEMPLATES,
        uses_fonts=True,
    ),
    OutputKind("workbook-docx", "workbook.docx", "Candidate workbook", "Word"),
    OutputKind(
        "record-sheet-pdf",
        "record-sheet.pdf",
        "Evidence record sheet",
        "PDF, to print",
        templates=record_sheet_pdf.TEMPLATES,
        uses_fonts=True,
        uses_methods=True,
    ),
    OutputKind("tracker-xlsx", "tracker.xlsx", "Evidence tracker", "Excel", uses_methods=True),
)
#: Outputs made once per qualification.
QUALIFICATION_KINDS: tuple[OutputKind, ...] = (
    OutputKind(
        "handbook-pdf",
        handbook_pdf.SUFFIX.removeprefix("-"),
        handbook_pdf.LABEL,
        handbook_pdf.DESCRIPTION,
        templates=handbook_pdf.TEMPLATES,
        uses_fonts=True,
        for_qualifications=True,
    ),
)
KINDS_BY_NAME = {kind.name: kind for kind in (*KINDS, *QUALIFICATION_KINDS)}


@dataclass(frozen=True)
class PrintablesSettings:
    """Where printables are cached and what shapes them.

    ```yaml
    plugins:
      - handbook:
          printables:
            cache_dir: .cache/handbook
            workers: 0
            default_assessment_methods: [Observation, Witness testimony]
    ```
    """

    cache_dir: Path
    templates_dirs: Sequence[Path] = ()
    default_methods: Sequence[str] = DEFAULT_ASSESSMENT_METHODS
    workers: int = 0
    downloads_dir: str = "downloads"
    prune: bool = True
    centre: Centre = NO_CENTRE
    """The centre named on every file (its digest is part of every cache key)."""

    def worker_count(self, jobs: int) -> int:
        """Processes to use for ``jobs`` renders: ``workers``, or one per CPU core, never more than jobs."""
        wanted = self.workers if self.workers > 0 else (os.cpu_count() or 1)
        return max(1, min(wanted, jobs))


@dataclass(frozen=True)
class PrintedFile:
    """One printed file, ready to copy into the site."""

    owner: str
    """Whose downloads box offers it: a unit id, or ``qualification:<id>``."""
    kind: OutputKind
    site_path: str
    path: Path

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return self.path.stat().st_size


@dataclass
class PrintablesResult:
    """What a run produced: every file, and which of them were rendered rather than reused."""

    files: list[PrintedFile] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)

    def downloads(self) -> dict[str, list[Download]]:
        """Each unit's and qualification's downloads, for :class:`generator.site.pages.SiteContext`."""
        boxes: dict[str, list[Download]] = {}
        for item in self.files:
            boxes.setdefault(item.owner, []).append(
                Download(label=item.kind.label, href=item.site_path, kind=item.kind.description, size=item.size)
            )
        return boxes


@dataclass(frozen=True)
class _Handbook:
    """What one handbook PDF is made of: the qualification, its units and the build date."""

    entry: SourcedQualification
    units: Catalogue
    build_date: dt.date


@dataclass(frozen=True)
class _Job:
    kind: str
    unit: Unit | None
    key: str
    site_path: str
    templates_dirs: tuple[str, ...]
    default_methods: tuple[str, ...]
    cache_dir: str
    handbook: _Handbook | None = None
    owner_key: str | None = None
    """The downloads box of an earlier version of a unit (``version:<id>:<version>``)."""
    centre: Centre = NO_CENTRE
    source_date_epoch: str | None = field(default_factory=lambda: os.environ.get("SOURCE_DATE_EPOCH"))
    """The ``SOURCE_DATE_EPOCH`` the key was made with; the worker renders with it."""

    @property
    def owner(self) -> str:
        """Whose downloads box offers the file (see :attr:`PrintedFile.owner`)."""
        if self.owner_key is not None:
            return self.owner_key
        if self.handbook is not None:
            return f"qualification:{self.handbook.entry.qualification.id}"
        assert self.unit is not None
        return self.unit.id


@process_cache
@functools.cache
def code_digest() -> str:
    """A hash of the generator code that shapes printed outputs, and of the libraries' versions."""
    package = Path(__file__).resolve().parent
    # Printed outputs read units through the model's own methods (codes, assessable items, levels)
    # and the site's view helpers (facts, status), so those count as printables code too.
    shared = [
        ("site", "render.py"),
        ("site", "view.py"),
        ("site", "unit_view.py"),
        ("site", "qualification_pages.py"),
        ("rules", "text.py"),
        ("content", "model.py"),
        ("content", "levels.py"),
    ]
    sources = [*sorted(package.glob("*.py")), *(package.parent / folder / name for folder, name in shared)]
    libraries = ("typst", "python-docx", "XlsxWriter")
    versions = [f"{name}=={importlib.metadata.version(name)}" for name in libraries]
    return input_key(__version__, *versions, *(p.name + "\0" + p.read_text(encoding="utf-8") for p in sources))


def templates_digest(env: jinja2.Environment, names: Iterable[str]) -> str:
    """A hash of the templates ``names`` as the search path resolves them (project overrides count)."""
    assert env.loader is not None
    return input_key(*(name + "\0" + env.loader.get_source(env, name)[0] for name in names))


def cache_key(
    kind: OutputKind, unit: Unit, env: jinja2.Environment, settings: PrintablesSettings, centre_digest: str = ""
) -> str:
    """The hash of everything that goes into one file: unit, templates, fonts, code, options, centre, date."""
    date = source_datetime()
    return input_key(
        kind.name,
        centre_digest or settings.centre.digest(),
        code_digest(),
        unit.model_dump_json(),
        templates_digest(env, kind.templates),
        fonts_digest() if kind.uses_fonts else "",
        "\n".join(settings.default_methods) if kind.uses_methods else "",
        date.isoformat() if date else "",
    )


def handbook_key(kind: OutputKind, handbook: _Handbook, env: jinja2.Environment, centre_digest: str = "") -> str:
    """The hash of everything in one handbook: qualification, its units, templates, fonts, code, centre, dates."""
    date = source_datetime()
    return input_key(
        kind.name,
        centre_digest,
        code_digest(),
        handbook.entry.qualification.model_dump_json(),
        *(unit.model_dump_json() for unit in handbook.units),
        templates_digest(env, kind.templates),
        fonts_digest(),
        handbook.build_date.isoformat(),
        date.isoformat() if date else "",
    )


@process_cache
@functools.cache
def _environment(templates_dirs: tuple[str, ...]) -> jinja2.Environment:
    return make_environment(Path(p) for p in templates_dirs)


def render_printable(
    kind: str,
    unit: Unit,
    env: jinja2.Environment,
    *,
    default_methods: Sequence[str] = DEFAULT_ASSESSMENT_METHODS,
    centre: Centre = NO_CENTRE,
) -> bytes:
    """The bytes of one printable of ``unit`` (no cache), naming ``centre``."""
    if kind == "workbook-pdf":
        return render_workbook_pdf(env, unit, centre=centre)
    if kind == "workbook-docx":
        return render_workbook_docx(unit, centre=centre)
    if kind == "record-sheet-pdf":
        return render_record_sheet_pdf(env, unit, default_methods=default_methods, centre=centre)
    if kind == "tracker-xlsx":
        return render_tracker_xlsx(unit, default_methods=default_methods, centre=centre)
    raise ValueError(f"unknown printable kind {kind!r}")


def _run_job(job: _Job) -> tuple[str, str]:
    """Render one file into the cache (in a worker process); returns (site path, cache path)."""
    # Workers fork from a server started once per process, with the environment of that moment,
    # so the job brings the source date its key was made with.
    if job.source_date_epoch is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = job.source_date_epoch
    env = _environment(job.templates_dirs)
    if job.handbook is not None:
        handbook = job.handbook
        data = handbook_pdf.render_handbook_pdf(env, handbook.entry, handbook.units, handbook.build_date, job.centre)
    else:
        assert job.unit is not None
        data = render_printable(job.kind, job.unit, env, default_methods=job.default_methods, centre=job.centre)
    kind = KINDS_BY_NAME[job.kind]
    path = RenderCache(Path(job.cache_dir)).put(job.key, "-" + kind.file_suffix, data)
    return job.site_path, str(path)


@dataclass(frozen=True)
class EarlierVersion:
    """An earlier version of a unit whose printables stay downloadable beside the current ones."""

    owner: str
    """Its downloads-box key, such as ``version:<unit id>:<version>``."""
    unit: Unit
    folder: str
    """Its folder under the downloads folder, such as ``<unit slug>/v/<version>``."""


def plan_printables(
    catalogue: Catalogue,
    settings: PrintablesSettings,
    qualifications: Qualifications | None = None,
    build_date: dt.date | None = None,
    earlier_versions: Sequence[EarlierVersion] = (),
) -> list[tuple[_Job, OutputKind]]:
    """Every file to offer, with its cache key, in a stable order: unit by unit, earlier versions,
    then each qualification's."""
    dirs = tuple(str(p) for p in settings.templates_dirs)
    env = _environment(dirs)
    centre_digest = settings.centre.digest()
    jobs = []
    to_print = [(None, unit, unit.slug) for unit in catalogue]
    to_print += [(version.owner, version.unit, version.folder) for version in earlier_versions]
    for owner, unit, folder in to_print:
        for kind in KINDS:
            site_path = f"{settings.downloads_dir}/{folder}/{kind.file_name(unit)}"
            job = _Job(
                kind.name,
                unit,
                cache_key(kind, unit, env, settings, centre_digest),
                site_path,
                dirs,
                tuple(settings.default_methods),
                str(settings.cache_dir),
                owner_key=owner,
                centre=settings.centre,
            )
            jobs.append((job, kind))
    for entry in qualifications or ():
        units = [catalogue.get(unit_id) for unit_id in entry.rules.units]
        named = {unit.id for unit in units if unit is not None}
        # Only the qualification's own units travel to the worker (and into the key).
        subset = Catalogue(tuple(item for item in catalogue.units if item.unit.id in named))
        handbook = _Handbook(entry, subset, build_date or dt.date.today())
        for kind in QUALIFICATION_KINDS:
            site_path = handbook_pdf.handbook_site_path(entry, settings.downloads_dir)
            key = handbook_key(kind, handbook, env, centre_digest)
            job = _Job(
                kind.name, None, key, site_path, dirs, (), str(settings.cache_dir), handbook, centre=settings.centre
            )
            jobs.append((job, kind))
    return jobs


def build_printables(
    catalogue: Catalogue,
    settings: PrintablesSettings,
    *,
    qualifications: Qualifications | None = None,
    build_date: dt.date | None = None,
    progress: Progress | None = None,
    earlier_versions: Sequence[EarlierVersion] = (),
) -> PrintablesResult:
    """Every unit's workbook (PDF, DOCX), record sheet and tracker, and each qualification's handbook PDF.

    Each comes from the cache or is freshly rendered; ``build_date`` is printed in handbooks
    (default: today).
    """
    cache = RenderCache(settings.cache_dir)
    planned = plan_printables(catalogue, settings, qualifications, build_date, earlier_versions)
    result = PrintablesResult()
    missing = [job for job, kind in planned if cache.get(job.key, "-" + kind.file_suffix) is None]
    try:
        _render_all(missing, settings, progress)
    except Exception as exc:
        raise PrintablesError(f"printables: {exc}") from exc
    missing_paths = {job.site_path for job in missing}
    for job, kind in planned:
        path = cache.get(job.key, "-" + kind.file_suffix)
        if path is None:
            raise PrintablesError(f"printables: {job.site_path} was not rendered")
        result.files.append(PrintedFile(job.owner, kind, job.site_path, path))
        (result.rendered if job.site_path in missing_paths else result.reused).append(job.site_path)
    if settings.prune:
        cache.prune(item.path for item in result.files)
    return result


def _render_all(jobs: list[_Job], settings: PrintablesSettings, progress: Progress | None) -> None:
    total = len(jobs)
    step = max(1, total // 20)

    def report(done: int) -> None:
        if progress is not None and (done == total or done % step == 0):
            progress(done, total)

    workers = settings.worker_count(total)
    if workers == 1:
        for done, job in enumerate(jobs, start=1):
            _run_job(job)
            report(done)
        return
    # Workers fork from a fresh server process that has imported the renderers once, not
    # from this process, which may hold threads (mkdocs serve) and GLib state.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)
    )
    try:
        futures = [pool.submit(_run_job, job) for job in jobs]
        for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
            future.result()
            report(done)
    except BaseException:
        # Interrupted or failed: stop now rather than render the rest of the queue first.
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.kill()
        for process in processes:
            process.join(timeout=10)
        raise
    pool.shutdown(wait=True)


#: How often (seconds) a worker checks that the build that started it is still running.
PARENT_POLL_SECONDS = 0.5


def _watch_parent(build_pid: int) -> None:
    """Runs first in each worker: end the worker as soon as the build process is gone.

    A build killed with SIGKILL cannot stop its workers; they would wait for work forever.
    The forkserver process (this worker's parent) exits by itself when the build's end of
    its pipe closes, so a change of parent ends the worker too, even while the killed build
    is a zombie not yet reaped.
    """
    server_pid = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != server_pid:
                os._exit(1)
            try:
                os.kill(build_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the id now belongs to another user's process
                os._exit(1)

    threading.Thread(target=watch, name="watch-build", daemon=True).start()
