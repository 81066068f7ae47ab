"""New content files: a valid, commented skeleton an editor fills in.

``handbook new unit --id fict-001 --title "Fictional unit" --level 2`` writes
``content/units/fict-001.yml``. The skeleton is validated with the real loader before it
is written, so it always passes ``handbook check``; an existing file is never overwritten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import ContentErrors, ScaffoldError
from .discovery import discover
from .loader import parse_document, validate_document
from .model import Unit
from .qualification_model import Qualification
from .schema import write_schemas

SCHEMA_FILE = "unit.schema.json"
QUALIFICATION_SCHEMA_FILE = "qualification.schema.json"

UNIT_SKELETON = """\
# yaml-language-server: $schema={schema}
# Source: <the awarding body's unit specification this file is transcribed from>
#
# Fill in the fields below word for word from the specification, then run
# 'handbook check {path}'. Leave out any fact the specification does not state;
# optional fields are commented out. Prose fields take Markdown.
id: {id}
title: {title}
# level, as the document states it: 3, Entry 3, SCQF 6, CQFW 3, Access to HE 3 or not stated
level: {level}
# awarding_body: OCR
# unit_number: "11"
# sector_unit_number: "LM3 - 21"
# credit_value: 3
# guided_learning_hours: 15
# urn: R/503/0865
# expiry_date: 2030-12-31
# unit_code: QU032183
# operational_end: 2030-12-31
# source:
#   title: The title of the document transcribed
#   version: "1"
# grading: pass/fail
# purpose: |
#   What the unit assesses, in the specification's words.
learning_outcomes:
  - number: 1
    text: Replace with the first learning outcome ('The learner will:' is implied)
    criteria:
      # Criteria are numbered <outcome>.<n> from 1; quote the numbers.
      - number: "1.1"
        text: Replace with the first assessment criterion ('The learner can:' is implied)
# third_column_heading: Exemplification
# assessment: |
#   How the unit is assessed.
# evidence:
#   requirements: |
#     The evidence requirements.
#   methods:
#     - method: observation
#   minimum_methods: 1
# guidance: |
#   Guidance on assessment and evidence requirements.
# nos:
#   statement: The unit's own words on the NOS mapping.
# functional_skills:
#   english: {{reading: true, writing: true}}
# resources: |
#   Resources the candidate needs.
# reading_list:
#   books:
#     - authors: Surname, A.
#       title: Book title
#   links:
#     - url: https://example.org/
# additional_information: |
#   Anything else the specification adds.
"""


QUALIFICATION_SKELETON = """\
# yaml-language-server: $schema={schema}
# Source: <the qualification specification or centre handbook this file is transcribed from>
#
# Fill in the fields below from the specification, then run 'handbook check {path}'.
# Leave out any fact the specification does not state; optional fields are commented out.
# Units are named by their id (the file name in content/units/).
id: {id}
title: {title}
# awarding_body: OCR
# qualification_number: 500/9516/X
# level: 3
# credit_value: 13
# guided_learning_hours: 90
# total_qualification_time: 130
# operational_start_date: 2030-09-01
# description: |
#   What the qualification is for and who takes it.
# assessment: |
#   How the qualification is assessed.
rules:
  # minimum_credits: 13
  # minimum_credits_at_or_above_level: {{level: 3, credits: 10}}
  groups:
    - name: Mandatory units
      kind: mandatory
      units: {units}
  #   - name: Optional units
  #     kind: optional
  #     units: [unit-id-a, unit-id-b]
  #     min_units: 1
  # barred:
  #   - units: [unit-id-a, unit-id-b]
  #     note: Why, in the specification's words.
"""


def unit_skeleton(unit_id: str, title: str, level: int | str, *, schema: str, path: str) -> str:
    """The text of a new unit file (JSON strings are valid YAML, so any title is safe)."""
    written = level if isinstance(level, int) or level.isdigit() else json.dumps(level, ensure_ascii=False)
    return UNIT_SKELETON.format(
        schema=schema, path=path, id=json.dumps(unit_id), title=json.dumps(title, ensure_ascii=False), level=written
    )


def qualification_skeleton(qualification_id: str, title: str, units: list[str], *, schema: str, path: str) -> str:
    """The text of a new qualification file with one mandatory group of ``units``."""
    return QUALIFICATION_SKELETON.format(
        schema=schema,
        path=path,
        id=json.dumps(qualification_id),
        title=json.dumps(title, ensure_ascii=False),
        units=json.dumps(units),
    )


def schema_reference(folder: Path, schemas_dir: Path, schema_file: str = SCHEMA_FILE) -> str:
    """The ``$schema`` path from a file in ``folder`` to ``schema_file`` in ``schemas_dir``.

    ``schemas_dir`` is the project's (:func:`~generator.content.schema.project_schema_dir`), so the
    line resolves in a pip-installed project as in this repository.
    """
    return Path(os.path.relpath((schemas_dir / schema_file).resolve(), folder.resolve())).as_posix()


def _ensure_schemas(schemas_dir: Path, schema_file: str) -> None:
    """Write the project's schemas if the one the new file names is missing (after the file is written)."""
    if not (schemas_dir / schema_file).is_file():
        write_schemas(schemas_dir)


def _argument_errors(errors: ContentErrors) -> list[str]:
    return [f"--{error.field.replace('_', '-')}: {error.message}" for error in errors.errors]


def write_new_unit(folder: Path, unit_id: str, title: str, level: int | str, *, schemas_dir: Path) -> Path:
    """Write ``folder/<id>.yml``; raises :class:`ScaffoldError` for bad arguments or an existing file."""
    target = _target(folder, unit_id)
    schema = schema_reference(folder, schemas_dir)
    text = unit_skeleton(unit_id, title, level, schema=schema, path=target.as_posix())
    written = _write_checked(target, text, Unit)
    _ensure_schemas(schemas_dir, SCHEMA_FILE)
    return written


def write_new_qualification(
    folder: Path, qualification_id: str, title: str, units: list[str], *, schemas_dir: Path
) -> Path:
    """Write ``folder/<id>.yml`` with one mandatory group of ``units``.

    Only the file's own shape is checked here; ``handbook check`` then checks that the units exist.
    """
    target = _target(folder, qualification_id)
    schema = schema_reference(folder, schemas_dir, QUALIFICATION_SCHEMA_FILE)
    text = qualification_skeleton(qualification_id, title, units, schema=schema, path=target.as_posix())
    written = _write_checked(target, text, Qualification)
    _ensure_schemas(schemas_dir, QUALIFICATION_SCHEMA_FILE)
    return written


def _target(folder: Path, content_id: str) -> Path:
    if not folder.is_dir():
        raise ScaffoldError(f"{folder.as_posix()}: folder does not exist; run from the project folder or pass --dir")
    return folder / f"{content_id}.yml"


def _write_checked(target: Path, text: str, model: type[Unit] | type[Qualification]) -> Path:
    """Validate the skeleton with the real loader, then create ``target`` without overwriting."""
    try:
        validate_document(parse_document(text, target.as_posix()), model)
    except ContentErrors as exc:
        raise ScaffoldError("\n".join(_argument_errors(exc))) from None
    folder, stem = target.parent, target.stem
    # Any file the build would read under this id, in a subfolder or with another case of name.
    found = discover(folder, root=folder).files
    taken = [p for p in found if p.name.rsplit(".", 1)[0].casefold() == stem.casefold()]
    if taken:
        raise ScaffoldError(f"{taken[0].as_posix()}: already exists; not overwritten")
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{target.as_posix()}: already exists; not overwritten") from None
    return target
