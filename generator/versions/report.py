"""A unit diff as text for the terminal: one line per change, wording marked inside the sentence.

Removed words are shown ``[-like this-]`` and added words ``{+like this+}`` (the marks of
``git diff --word-diff``), coloured red and green when the output is a terminal.
"""

from __future__ import annotations

import json
from typing import Any

from .diff import FieldChange, ItemChange, UnitDiff, WordChange

_RED, _GREEN, _BOLD, _RESET = "\033[31m", "\033[32m", "\033[1m", "\033[0m"


def mark_words(words: tuple[WordChange, ...], *, colour: bool = False) -> str:
    """A reworded sentence with its removed and added words marked."""
    parts = []
    for run in words:
        if run.kind == "same":
            parts.append(run.text)
        elif run.kind == "removed":
            parts.append(f"{_RED}[-{run.text}-]{_RESET}" if colour else f"[-{run.text}-]")
        else:
            parts.append(f"{_GREEN}{{+{run.text}+}}{_RESET}" if colour else f"{{+{run.text}+}}")
    return " ".join(parts)


def describe_item(change: ItemChange, *, colour: bool = False) -> str:
    """One criterion's (or outcome's) change as a line of text."""
    if change.kind == "added":
        return f"{change.new_number} added: {change.new_text}"
    if change.kind == "removed":
        return f"{change.old_number} removed: {change.old_text}"
    if change.kind == "renumbered":
        return f"{change.old_number} renumbered {change.new_number}: {change.new_text}"
    sentence = mark_words(change.words, colour=colour)
    if change.kind == "reworded":
        return f"{change.new_number} reworded: {sentence}"
    return f"{change.old_number} renumbered {change.new_number} and reworded: {sentence}"


def _value(value: Any) -> str:
    if value is None:
        return "(not given)"
    if isinstance(value, str):
        return value if len(value) <= 200 else value[:197] + "..."
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def describe_field(change: FieldChange) -> str:
    """One changed field as a line of text."""
    return f"{change.field}: {_value(change.old)} -> {_value(change.new)}"


def format_diff(diff: UnitDiff, *, colour: bool = False) -> str:
    """The whole diff for the terminal, ending with a newline."""
    old = f"version {diff.old_version}" if diff.old_version else "old"
    new = f"version {diff.new_version}" if diff.new_version else "new"
    bold, reset = (_BOLD, _RESET) if colour else ("", "")
    lines = [f"{bold}{diff.unit_id}: {old} -> {new}{reset}"]
    if diff.unchanged:
        lines.append("no changes")
        return "\n".join(lines) + "\n"
    counts = ", ".join(f"{count} {kind}" for kind, count in diff.counts().items() if count)
    if diff.criteria:
        lines.append(f"criteria: {counts}")
        lines.extend("  " + describe_item(change, colour=colour) for change in diff.criteria)
    if diff.outcomes:
        lines.append("learning outcomes:")
        lines.extend("  " + describe_item(change, colour=colour) for change in diff.outcomes)
    if diff.fields:
        lines.append("other fields:")
        lines.extend("  " + describe_field(change) for change in diff.fields)
    return "\n".join(lines) + "\n"


def diff_json(diff: UnitDiff) -> str:
    """The diff as JSON (stable key order), ending with a newline."""
    return json.dumps(diff.to_data(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
