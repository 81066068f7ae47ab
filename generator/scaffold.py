"""New content files: a valid, commented skeleton an editor fills in.

``handbook new unit --id fict-001 --title "Fictional unit" --level 2`` writes
``content/units/fict-001.yml``. The skeleton is validated with the real loader before it
is written, so it always passes ``handbook check``; an existing file is never overwritten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import ContentErrors, HandbookError
from .loader import parse_document, validate_document
from .model import Unit

SCHEMA_FILE = "unit.schema.json"

UNIT_SKELETON = """\
# yaml-language-server: $schema={schema}
# Source: <the awarding body's unit specification this file is transcribed from>
#
# Fill in the fields below word for word from the specification, then run
# 'handbook check {path}'. Leave out any fact the specification does not state;
# optional fields are commented out. Prose fields take Markdown.
id: {id}
title: {title}
level: {level}
# awarding_body: OCR
# unit_number: "11"
# sector_unit_number: "LM3 - 21"
# credit_value: 3
# guided_learning_hours: 15
# urn: R/503/0865
# expiry_date: 2030-12-31
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


class ScaffoldError(HandbookError):
    """A new file could not be written; the message says why, in one line per problem."""


def unit_skeleton(unit_id: str, title: str, level: int, *, schema: str, path: str) -> str:
    """The text of a new unit file (JSON strings are valid YAML, so any title is safe)."""
    return UNIT_SKELETON.format(
        schema=schema, path=path, id=json.dumps(unit_id), title=json.dumps(title, ensure_ascii=False), level=level
    )


def schema_reference(folder: Path) -> str:
    """The ``$schema`` path for a file in ``folder``: the project's committed schema, found upwards."""
    for parent in [folder.resolve(), *folder.resolve().parents]:
        candidate = parent / "generator" / "schemas" / SCHEMA_FILE
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder.resolve())).as_posix()
    return f"../../generator/schemas/{SCHEMA_FILE}"


def _argument_errors(errors: ContentErrors) -> list[str]:
    return [f"--{error.field.replace('_', '-')}: {error.message}" for error in errors.errors]


def write_new_unit(folder: Path, unit_id: str, title: str, level: int) -> Path:
    """Write ``folder/<id>.yml``; raises :class:`ScaffoldError` for bad arguments or an existing file."""
    if not folder.is_dir():
        raise ScaffoldError(f"{folder.as_posix()}: folder does not exist; run from the project folder or pass --dir")
    target = folder / f"{unit_id}.yml"
    schema = schema_reference(folder)
    text = unit_skeleton(unit_id, title, level, schema=schema, path=target.as_posix())
    try:
        validate_document(parse_document(text, target.as_posix()), Unit)
    except ContentErrors as exc:
        raise ScaffoldError("\n".join(_argument_errors(exc))) from None
    taken = [p for p in folder.iterdir() if p.stem.casefold() == unit_id.casefold() and p.suffix in (".yml", ".yaml")]
    if taken:
        raise ScaffoldError(f"{taken[0].as_posix()}: already exists; not overwritten")
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{target.as_posix()}: already exists; not overwritten") from None
    return target
