"""The catalogue as plain JSON: one file per unit and a list of all units.

``exports/units/<slug>.json`` is the validated unit, exactly as the model holds it, in an
envelope with a format version; ``exports/units.json`` lists every unit with its title,
level, codes, credit and addresses. Both are described by published JSON Schemas
(``exports/unit.schema.json``, ``exports/units.schema.json``) generated from the models
below, so they cannot drift from what is written.

Addresses inside these files are URL references relative to the file itself (they work
on any host, with or without ``site_url``).

Versioning: ``version`` is ``MAJOR.MINOR``. A new optional field raises MINOR; removing or
renaming a field, or changing its meaning, raises MAJOR. Consumers should check MAJOR.
"""

from __future__ import annotations

import posixpath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..content.catalogue import Catalogue
from ..content.model import Unit
from ..site.pages import page_url, unit_page_path
from .unit_facts import unit_codes
from .writing import ExportFile, json_bytes

EXPORT_VERSION = "1.0"
UNITS_DIR = "exports/units"
UNITS_LIST = "exports/units.json"
UNIT_SCHEMA = "exports/unit.schema.json"
UNITS_SCHEMA = "exports/units.schema.json"


class UnitExport(BaseModel):
    """One unit as published JSON (``exports/units/<slug>.json``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal["1.0"] = Field(description="Format version, MAJOR.MINOR; see the README.")
    page: str = Field(description="The unit's page, relative to this file.")
    unit: Unit = Field(description="The unit, as validated from its YAML file.")


class OtherCode(BaseModel):
    """A code with its label, such as an SQA unit code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    code: str


class UnitCodes(BaseModel):
    """The codes a unit states (each only when stated)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    urn: str | None = Field(default=None, description="Unit reference number, such as 'R/503/0865'.")
    unit_code: str | None = Field(default=None, description="The awarding body's own unit code.")
    unit_number: str | None = Field(default=None, description="The awarding body's unit number.")
    sector_unit_number: str | None = Field(default=None, description="Sector unit number.")
    other_codes: list[OtherCode] | None = Field(default=None, description="Any other codes, with their labels.")


class UnitSummary(BaseModel):
    """One entry of ``exports/units.json``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="The unit's id.")
    title: str = Field(description="The unit title.")
    level: str = Field(description="The level as the unit states it: '3', 'Entry 3', 'SCQF 6', 'not stated'.")
    level_label: str = Field(description="The level as pages print it: 'Level 3', 'Entry Level 3', 'SCQF level 6'.")
    codes: UnitCodes = Field(description="The codes the unit states.")
    credit_value: int | str | None = Field(
        default=None, description="Credit value: a number, 'not stated' or 'not available'; absent when left out."
    )
    guided_learning_hours: int | str | None = Field(
        default=None, description="Guided learning hours: a number, 'not stated' or 'not available'."
    )
    json_url: str = Field(alias="json", description="The unit's JSON file, relative to units.json.")
    page: str = Field(description="The unit's page, relative to units.json.")


class UnitList(BaseModel):
    """``exports/units.json``: every unit of the catalogue, in id order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal["1.0"] = Field(description="Format version, MAJOR.MINOR; see the README.")
    units: list[UnitSummary] = Field(description="Every unit, in id order.")


#: The published schemas: file name in ``generator/schemas/`` (and ``exports/`` of the site), model, title.
PUBLISHED_SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "unit-export.schema.json": (UnitExport, "Published unit (exports/units/<id>.json)"),
    "units-export.schema.json": (UnitList, "Published unit list (exports/units.json)"),
}


def unit_json_path(unit: Unit) -> str:
    """``exports/units/<slug>.json``."""
    return f"{UNITS_DIR}/{unit.slug}.json"


def relative_link(from_file: str, target: str, *, directory_urls: bool) -> str:
    """The URL reference from the file ``from_file`` to a page or file ``target`` (site paths)."""
    there = page_url(target, directory_urls=directory_urls)
    relative = posixpath.relpath(there or ".", posixpath.dirname(from_file) or ".")
    return relative + "/" if there.endswith("/") and not relative.endswith("/") else relative


def unit_document(unit: Unit, *, directory_urls: bool) -> dict:
    """The published JSON of one unit (a :class:`UnitExport` as plain data)."""
    path = unit_json_path(unit)
    return {
        "version": EXPORT_VERSION,
        "page": relative_link(path, unit_page_path(unit), directory_urls=directory_urls),
        "unit": unit.model_dump(mode="json"),
    }


def unit_list(catalogue: Catalogue, *, directory_urls: bool) -> dict:
    """The published list of units (a :class:`UnitList` as plain data)."""
    entries = []
    for unit in catalogue:
        entries.append(
            {
                "id": unit.id,
                "title": unit.title,
                "level": str(unit.level),
                "level_label": unit.level.label,
                "codes": unit_codes(unit),
                "credit_value": unit.credit_value,
                "guided_learning_hours": unit.guided_learning_hours,
                "json": relative_link(UNITS_LIST, unit_json_path(unit), directory_urls=directory_urls),
                "page": relative_link(UNITS_LIST, unit_page_path(unit), directory_urls=directory_urls),
            }
        )
    return {"version": EXPORT_VERSION, "units": entries}


def export_json(catalogue: Catalogue, *, directory_urls: bool) -> list[ExportFile]:
    """Every unit's JSON, the list and both schemas."""
    from ..content.schema import schema_text

    files = [
        ExportFile(
            unit_json_path(unit),
            json_bytes(unit_document(unit, directory_urls=directory_urls)),
            label="Unit data",
            description="JSON",
            page=f"data:{unit.id}",
        )
        for unit in catalogue
    ]
    files.append(ExportFile(UNITS_LIST, json_bytes(unit_list(catalogue, directory_urls=directory_urls))))
    for site_path, name in ((UNIT_SCHEMA, "unit-export.schema.json"), (UNITS_SCHEMA, "units-export.schema.json")):
        files.append(ExportFile(site_path, schema_text(*PUBLISHED_SCHEMAS[name]).encode()))
    return files
