"""The draft unit: data in the unit schema's shape, plus what the importer is unsure of."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path_ = tuple[str | int, ...]


@dataclass
class Draft:
    """One unit read from one document.

    ``marks`` holds a reason for every field the importer guessed (written as ``# CHECK:``
    comments); ``not_stated`` names facts the document does not give (left out, never invented).
    """

    source: str
    layout: str = "unit document"
    data: dict[str, Any] = field(default_factory=dict)
    marks: dict[Path_, str] = field(default_factory=dict)
    not_stated: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def put(self, path: Path_, value: Any, why: str | None = None) -> None:
        """Set the value at ``path`` (creating mappings on the way), marking it when ``why`` is given."""
        target: Any = self.data
        for key in path[:-1]:
            target = target.setdefault(key, {}) if isinstance(key, str) else target[key]
        target[path[-1]] = value
        if why:
            self.marks[path] = why

    def mark(self, path: Path_, why: str) -> None:
        """Mark the field at ``path`` for review (reasons for one field are joined)."""
        previous = self.marks.get(path)
        self.marks[path] = why if previous is None or why in previous else f"{previous}; {why}"

    def get(self, path: Path_) -> Any:
        """The value at ``path``, or ``None``."""
        target: Any = self.data
        for key in path:
            try:
                target = target[key]
            except (KeyError, IndexError, TypeError):
                return None
        return target
