"""Every export of a site in one call: what the build and ``handbook export`` both run.

```python
settings = ExportSettings(namespace="6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90", site_url="https://example.ac.uk/")
exports = build_exports(catalogue, qualifications, settings)
exports.files        # [ExportFile("exports/units/r-503-0865.json", b"..."), ...] (cached files: their path)
exports.downloads()  # {"data:<unit id>": [...], "data:qualification:<id>": [...]} for the pages
```

Everything is generated in memory from the checked catalogue. With ``cache_dir`` (the
build passes the printables cache folder), each file is kept under ``<cache_dir>/exports``
keyed by its inputs and reused while they are unchanged (:mod:`.export_cache`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..content.catalogue import Catalogue
from ..content.qualifications import Qualifications, SourcedQualification
from ..printables.determinism import document_datetime
from ..settings import Settings
from ..site.pages import Download
from ..site.qualification_pages import qualification_page_path, units_of
from .case import CATALOGUE_NAME, DocumentFacts, case_package_json, package_path, write_case_package
from .criteria_sheet import criteria_csv, criteria_path, criteria_xlsx
from .export_cache import ExportCache
from .identifiers import Identifiers
from .moodle import moodle_csv, moodle_path
from .unit_json import export_json
from .writing import ExportFile

#: The formats, in the order they are offered; ``handbook export --format`` takes these names.
FORMATS = ("json", "case", "moodle", "criteria")
EXPORTS_DIR = "exports"


@dataclass(frozen=True)
class ExportSettings:
    """What shapes the exports: the identifier namespace, the site's address, the formats.

    ```yaml
    plugins:
      - handbook:
          exports:
            enabled: true
            namespace: 6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90
    ```
    """

    namespace: str | None = None
    site_url: str | None = None
    site_name: str = "Qualification handbook"
    directory_urls: bool = True
    formats: tuple[str, ...] = FORMATS
    cache_dir: Path | None = None
    """Where exported files are kept between builds; ``None`` renders every file."""


def export_settings(settings: Settings, formats: tuple[str, ...] = FORMATS) -> ExportSettings:
    """The export settings of a project (its ``exports:`` options, ``site_url`` and site name)."""
    return ExportSettings(
        namespace=settings.exports.namespace,
        site_url=settings.site_url,
        site_name=settings.site_name,
        directory_urls=settings.directory_urls,
        formats=formats,
        cache_dir=settings.cache_dir,
    )


@dataclass
class SiteExports:
    """The exported files of a site, and notices for the build log."""

    files: list[ExportFile] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    rendered: int = 0
    reused: int = 0

    def downloads(self) -> dict[str, list[Download]]:
        """The data downloads of each page: keys ``data:<unit id>`` and ``data:qualification:<id>``."""
        boxes: dict[str, list[Download]] = {}
        for item in self.files:
            if item.page:
                boxes.setdefault(item.page, []).append(
                    Download(label=item.label, href=item.site_path, kind=item.description, size=item.size)
                )
        return boxes


def _qualification_facts(entry: SourcedQualification, settings: ExportSettings) -> DocumentFacts:
    qualification = entry.qualification
    facts = {
        "qualificationId": qualification.id,
        "qualificationNumber": qualification.qualification_number,
        "level": str(qualification.level) if qualification.level is not None else None,
        "creditValue": qualification.credit_value,
        "guidedLearningHours": qualification.guided_learning_hours,
        "totalQualificationTime": qualification.total_qualification_time,
        "sample": qualification.sample or None,
    }
    notes = ("A sample handbook, not a real qualification.",) if qualification.sample else ()
    return DocumentFacts(
        name=qualification.slug,
        title=qualification.title,
        creator=qualification.awarding_body or settings.site_name,
        publisher=settings.site_name,
        official_page=qualification_page_path(entry),
        description=qualification.description,
        notes=notes,
        extensions={name: value for name, value in facts.items() if value is not None},
    )


def _catalogue_facts(settings: ExportSettings) -> DocumentFacts:
    return DocumentFacts(
        name=CATALOGUE_NAME,
        title=f"{settings.site_name}: all units",
        creator=settings.site_name,
        publisher=settings.site_name,
        official_page="units/index.md",
        description="Every unit in the catalogue, with its learning outcomes and assessment criteria.",
    )


def _qualification_files(
    entry: SourcedQualification,
    catalogue: Catalogue,
    settings: ExportSettings,
    ids: Identifiers,
    when: dt.datetime,
    cache: ExportCache,
    common: tuple[str, ...],
    unit_data: dict[str, str],
) -> list[ExportFile]:
    """One qualification's CASE package, Moodle framework and criteria sheets (those asked for)."""
    qualification = entry.qualification
    units = units_of(entry, catalogue)
    key = f"data:qualification:{qualification.id}"
    inputs = (*common, qualification.model_dump_json(), *(unit_data[unit.id] for unit in units))
    files = []

    def add(kind: str, path: str, label: str, description: str, render: Callable[[], bytes]) -> None:
        data, cached = cache.get_or_render_file((kind, *inputs), "." + path.rsplit(".", 1)[-1], render)
        files.append(ExportFile(path, data, label, description, key, cached))

    if "case" in settings.formats:
        facts = _qualification_facts(entry, settings)
        add(
            "case",
            package_path(qualification.slug),
            "CASE 1.1 package",
            "JSON",
            lambda: case_package_json(facts, units, ids, when=when, directory_urls=settings.directory_urls),
        )
    if "moodle" in settings.formats:
        add(
            "moodle",
            moodle_path(qualification),
            "Moodle competency framework",
            "CSV",
            lambda: moodle_csv(qualification, units),
        )
    if "criteria" in settings.formats:
        path = criteria_path(qualification, ".csv")
        add("criteria", path, "Criteria spreadsheet", "CSV", lambda: criteria_csv(qualification, units))
        path = criteria_path(qualification, ".xlsx")
        add("criteria", path, "Criteria spreadsheet", "Excel", lambda: criteria_xlsx(qualification, units, when=when))
    return files


def build_exports(
    catalogue: Catalogue,
    qualifications: Qualifications,
    settings: ExportSettings,
    *,
    when: dt.datetime | None = None,
) -> SiteExports:
    """Every requested export of the catalogue and of each qualification, in a stable order."""
    when = when or document_datetime()
    ids = Identifiers.for_site(namespace=settings.namespace, site_url=settings.site_url)
    cache = ExportCache(settings.cache_dir)
    # Digests, not the JSON: these are only parts of cache keys, and 1,000 units' JSON is 21 MB of text.
    unit_data = {unit.id: hashlib.sha256(unit.model_dump_json().encode()).hexdigest() for unit in catalogue}
    common = (str(ids.namespace), ids.base, str(settings.directory_urls), settings.site_name, when.isoformat())
    result = SiteExports()
    if "json" in settings.formats:
        result.files.extend(export_json(catalogue, directory_urls=settings.directory_urls))
    if "case" in settings.formats:
        data, cached = cache.get_or_write_file(
            ("case", *common, *unit_data.values()),
            ".json",
            lambda stream: write_case_package(
                stream,
                _catalogue_facts(settings),
                list(catalogue),
                ids,
                when=when,
                directory_urls=settings.directory_urls,
            ),
        )
        result.files.append(ExportFile(package_path(CATALOGUE_NAME), data, cached=cached))
        if ids.placeholder:
            result.notices.append(
                f"exports: no site_url, so CASE uri values use the placeholder base {ids.base} "
                "(identifiers do not depend on it)"
            )
    for entry in qualifications:
        result.files.extend(_qualification_files(entry, catalogue, settings, ids, when, cache, common, unit_data))
    if set(settings.formats) == set(FORMATS):  # a partial run (handbook export --format) keeps the rest
        cache.prune()
    result.rendered, result.reused = cache.rendered, cache.reused
    return result
