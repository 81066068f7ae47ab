"""Write a draft as a unit file: YAML in the model's key order with ``# CHECK:`` comments.

The text is parsed and validated with the same loader ``handbook check`` uses before it is
written. Any error on a field the importer did not already mark is marked with the error
itself, so the draft passes ``handbook check`` or fails only on marked fields.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ..content.loader import _inner_model, parse_document, validate_document
from ..content.model import Unit
from ..errors import ContentErrors, format_field
from .draft import Draft, Path_

SCHEMA_COMMENT = "# yaml-language-server: $schema={schema}"


def in_model_order(data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """``data`` with its keys (and its nested mappings' keys) in the order the model declares them."""
    ordered: dict[str, Any] = {}
    fields = model.model_fields
    for key in [*fields, *(k for k in data if k not in fields)]:
        if key not in data:
            continue
        value = data[key]
        inner = _inner_model(fields[key].annotation) if key in fields else None
        if inner is not None and isinstance(value, dict):
            value = in_model_order(value, inner)
        elif inner is not None and isinstance(value, list):
            value = [in_model_order(v, inner) if isinstance(v, dict) else v for v in value]
        ordered[key] = value
    return ordered


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1_000_000)
    dumped = dumped.removesuffix("\n...\n").removesuffix("\n")
    if dumped.startswith("'"):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return dumped


def _comment(marks: dict[Path_, str], path: Path_) -> str:
    why = marks.get(path)
    return f"  # CHECK: {why}" if why else ""


class _Emitter:
    def __init__(self, marks: dict[Path_, str]) -> None:
        self.marks = marks
        self.lines: list[str] = []

    def mapping(self, data: dict[str, Any], indent: int, path: Path_, first_prefix: str | None = None) -> None:
        """Emit a mapping; ``first_prefix`` replaces the indent of its first key (``- `` in a list)."""
        for position, (key, value) in enumerate(data.items()):
            prefix = first_prefix if position == 0 and first_prefix is not None else " " * indent
            self.entry(prefix, key, value, indent, (*path, key))

    def entry(self, prefix: str, key: str, value: Any, indent: int, path: Path_) -> None:
        """Emit one key and its value, with the ``# CHECK:`` comment its path carries."""
        comment = _comment(self.marks, path)
        if isinstance(value, dict):
            self.lines.append(f"{prefix}{key}:{comment}")
            self.mapping(value, indent + 2, path)
        elif isinstance(value, list) and not value:
            self.lines.append(f"{prefix}{key}: []{comment}")
        elif isinstance(value, list):
            self.lines.append(f"{prefix}{key}:{comment}")
            for index, item in enumerate(value):
                item_path = (*path, index)
                if isinstance(item, dict):
                    self.mapping(item, indent + 4, item_path, first_prefix=" " * (indent + 2) + "- ")
                    self.absent(item, indent + 4, item_path)
                else:
                    self.lines.append(f"{' ' * (indent + 2)}- {_scalar(item)}{_comment(self.marks, item_path)}")
        elif isinstance(value, str) and value.endswith("\n"):
            self.lines.append(f"{prefix}{key}: |{comment}")
            for line in value.strip("\n").split("\n"):
                self.lines.append(f"{' ' * (indent + 2)}{line}" if line.strip() else "")
        else:
            self.lines.append(f"{prefix}{key}: {_scalar(value.strip() if isinstance(value, str) else value)}{comment}")

    def absent(self, data: dict[str, Any], indent: int, path: Path_) -> None:
        """A comment line for every marked key the draft leaves out (a fact not stated)."""
        for marked, why in self.marks.items():
            if len(marked) == len(path) + 1 and marked[: len(path)] == path and marked[-1] not in data:
                self.lines.append(f"{' ' * indent}# CHECK: {marked[-1]}: {why}")


def render(draft: Draft, *, schema: str, source_note: str) -> str:
    """The draft as the text of a unit file."""
    emitter = _Emitter(draft.marks)
    head = [
        SCHEMA_COMMENT.format(schema=schema),
        f"# Draft imported by 'handbook import' from {source_note} ({draft.layout}).",
        "# Review every line marked '# CHECK:' against the source document; facts it does not state are left out.",
    ]
    if draft.not_stated:
        head.append(f"# Not stated in the document: {', '.join(draft.not_stated)}.")
    emitter.lines.extend(head)
    emitter.absent(draft.data, 0, ())
    emitter.mapping(draft.data, 0, ())
    return "\n".join(emitter.lines) + "\n"


def unmarked_errors(text: str, display: str, draft: Draft) -> list[str]:
    """Check ``text`` with the real loader; mark each error on a field not yet marked, return the rest."""
    try:
        validate_document(parse_document(text, display), Unit)
    except ContentErrors as exc:
        marked = {format_field(path) for path in draft.marks}
        left: list[str] = []
        for error in exc.errors:
            if error.field in marked or error.field == "(file)":
                if error.field == "(file)":
                    left.append(str(error))
                continue
            path = _parse_field(error.field)
            if path is not None and draft.get(path[:-1]) is not None:
                draft.mark(path, f"{error.message} (from 'handbook check')")
            else:
                left.append(str(error))
        return left
    return []


def _parse_field(field: str) -> Path_ | None:
    path: list[str | int] = []
    for part in field.replace("]", "").replace("[", ".").split("."):
        if not part:
            continue
        path.append(int(part) if part.isdigit() else part)
    return tuple(path) or None


def checked_text(draft: Draft, display: str, *, schema: str, source_note: str) -> str:
    """The rendered draft, after marking whatever ``handbook check`` would reject."""
    text = render(draft, schema=schema, source_note=source_note)
    for _ in range(3):
        if not unmarked_errors(text, display, draft):
            break
        text = render(draft, schema=schema, source_note=source_note)
    return render(draft, schema=schema, source_note=source_note)


def write_file(target: Path, text: str, *, force: bool) -> None:
    """Write ``target`` whole (through a temporary file), refusing to replace it unless ``force``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    staged = Path(temporary)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        if force:
            staged.replace(target)
        else:
            os.link(staged, target)  # fails if the target exists, even if it appeared just now
    finally:
        staged.unlink(missing_ok=True)
