"""The one error shape every user-facing problem takes.

``content/units/r-503-0865.yml:42:7: learning_outcomes[1].criteria[2].number: expected '2.3', got '2.4'``

The relative path comes first so editors' "jump to line" works on it. Stages raise
:class:`ContentErrors` carrying every problem found in a run; the CLI prints them and
exits 1, the MkDocs plugin turns them into a ``PluginError`` at its boundary.

Two names, two things: a :class:`ContentProblem` is a record (one line of the report);
the exceptions all derive from :class:`HandbookError`::

    HandbookError            never shown as a traceback
    ├── ContentErrors        every ContentProblem found in a run
    ├── SettingsError        a plugin option in mkdocs.yml is wrong (missing or empty folder)
    ├── ScaffoldError        ``handbook new`` could not write its file
    ├── PrintablesError      a printable or handbook PDF could not be rendered
    ├── PublishError         the output folder could not be replaced
    └── BuildFailed          the MkDocs build failed (its errors are already printed)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPED_SEPARATOR = ":\\x20"


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One problem in one file, at a 1-based line and column: a record, not an exception."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __post_init__(self) -> None:
        # Messages quote the editor's own text, which may hold line breaks or control
        # characters; escaped, every error stays one line a tool can parse.
        object.__setattr__(self, "field", one_line(self.field))
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        """The error as plain data, for ``--format json``."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class HandbookError(Exception):
    """Base of the generator's own errors: never shown to the user as a traceback."""


class ContentErrors(HandbookError):
    """Every content problem found in a run, sorted by file and position."""

    def __init__(self, errors: Iterable[ContentProblem]) -> None:
        self.errors: Sequence[ContentProblem] = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        """All errors, one a line, then a count."""
        lines = [str(error) for error in self.errors]
        count = len(self.errors)
        lines.append(f"{count} error{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


class SettingsError(HandbookError):
    """A plugin option in ``mkdocs.yml`` is wrong: the message names the option and the path."""


class ScaffoldError(HandbookError):
    """A new file could not be written; the message says why, in one line per problem."""


class PrintablesError(HandbookError):
    """A printable could not be rendered; nothing is published."""


class PublishError(HandbookError):
    """The output folder could not be replaced; the message says why."""


class BuildFailed(HandbookError):
    """The MkDocs build failed; its errors have already been printed."""


#: The record's former name, kept so branches written before the rename still import.
ContentError = ContentProblem


def one_line(text: str) -> str:
    """``text`` with line breaks and other unprintable characters escaped (``\\n``, ``\\u2028``)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def format_field(path: Sequence[str | int]) -> str:
    """Turn a location such as ``("learning_outcomes", 1, "text")`` into ``learning_outcomes[1].text``.

    Keys that are not plain names (an editor's typo can hold spaces, colons or line breaks)
    are quoted, and ``": "`` in them escaped, so the field stays one unambiguous piece of
    the error line.
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(str(part)):
            quoted = one_line(repr(str(part))).replace(": ", _ESCAPED_SEPARATOR)
            text += f"[{quoted}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(file)"
