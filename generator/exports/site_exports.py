"""Every export of a site in one call: what the build and ``handbook export`` both run.

```python
settings = ExportSettings(namespace="6f1c2a52-0d7e-4d8a-9a43-2f0b1c5d7e90", site_url="https://example.ac.uk/")
exports = build_exports(catalogue, qualifications, settings)
exports.files        # [ExportFile("exports/units/r-503-0865.json", b"..."), ...]
exports.downloads()  # {"data:<unit id>": [...], "data:qualification:<id>": [...]} for the pages
```

Everything is generated in memory from the checked catalogue; nothing is cached because
it is cheap (see the README's figures: milliseconds per unit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..content.catalogue import Catalogue
from ..content.qualifications import Qualifications, SourcedQualification
from ..printables.determinism import document_datetime
from ..settings import Settings
from ..site.pages import Download
from ..site.qualification_pages import qualification_page_path, units_of
from .case import CATALOGUE_NAME, DocumentFacts, case_package, package_path
from .criteria_sheet import criteria_csv, criteria_path, criteria_xlsx
from .identifiers import Identifiers
from .moodle import moodle_csv, moodle_path
from .unit_json import export_json
from .writing import ExportFile, json_bytes

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


def export_settings(settings: Settings, formats: tuple[str, ...] = FORMATS) -> ExportSettings:
    """The export settings of a project (its ``exports:`` options, ``site_url`` and site name)."""
    return ExportSettings(
        namespace=settings.exports.namespace,
        site_url=settings.site_url,
        site_name=settings.site_name,
        directory_urls=settings.directory_urls,
        formats=formats,
    )


@dataclass
class SiteExports:
    """The exported files of a site, and notices for the build log."""

    files: list[ExportFile] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

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
        "level": qualification.level,
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
    result = SiteExports()
    if "json" in settings.formats:
        result.files.extend(export_json(catalogue, directory_urls=settings.directory_urls))
    if "case" in settings.formats:
        package = case_package(
            _catalogue_facts(settings), list(catalogue), ids, when=when, directory_urls=settings.directory_urls
        )
        result.files.append(ExportFile(package_path(CATALOGUE_NAME), json_bytes(package)))
        if ids.placeholder:
            result.notices.append(
                f"exports: no site_url, so CASE uri values use the placeholder base {ids.base} "
                "(identifiers do not depend on it)"
            )
    for entry in qualifications:
        qualification = entry.qualification
        units = units_of(entry, catalogue)
        key = f"data:qualification:{qualification.id}"
        if "case" in settings.formats:
            package = case_package(
                _qualification_facts(entry, settings), units, ids, when=when, directory_urls=settings.directory_urls
            )
            result.files.append(
                ExportFile(package_path(qualification.slug), json_bytes(package), "CASE 1.1 package", "JSON", key)
            )
        if "moodle" in settings.formats:
            result.files.append(
                ExportFile(
                    moodle_path(qualification),
                    moodle_csv(qualification, units),
                    "Moodle competency framework",
                    "CSV",
                    key,
                )
            )
        if "criteria" in settings.formats:
            result.files.append(
                ExportFile(
                    criteria_path(qualification, ".csv"), criteria_csv(qualification, units), "Criteria", "CSV", key
                )
            )
            result.files.append(
                ExportFile(
                    criteria_path(qualification, ".xlsx"),
                    criteria_xlsx(qualification, units, when=when),
                    "Criteria",
                    "Excel",
                    key,
                )
            )
    return result
