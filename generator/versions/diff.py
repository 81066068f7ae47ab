"""Two versions of a unit compared criterion by criterion, as data.

:func:`diff_units` pairs the criteria of the old and the new version, then says of each
pair (or lone criterion) what happened to it: ``added``, ``removed``, ``renumbered``,
``reworded`` (or both renumbered and reworded), with the wording difference marked
inside the sentence, word by word. Outcomes are compared the same way, and every other
part of the unit (facts, evidence rules, grading, guidance ...) is compared field by field.

Criteria are paired in three passes, most certain first, so that a criterion that kept its
words but moved (``2.3`` became ``2.2`` after ``2.2`` was removed) is reported as
renumbered, not as one removal and one rewording:

1. the same words (ignoring case, spacing and punctuation at the ends);
2. the same number, with words at least :data:`SAME_NUMBER_SIMILARITY` alike;
3. any number, with words at least :data:`MOVED_SIMILARITY` alike, best pairs first.

``difflib.SequenceMatcher`` (the standard library's) measures likeness and marks the
words: it is exact, deterministic and fast enough for units of a few hundred criteria.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..content.model import Unit

#: Likeness (0-1) above which a criterion with the same number counts as reworded.
SAME_NUMBER_SIMILARITY = 0.5
#: Likeness above which a criterion under another number counts as moved and reworded.
MOVED_SIMILARITY = 0.75

#: Parts of a unit compared as whole criteria and outcomes, not field by field.
_STRUCTURE = frozenset({"learning_outcomes"})
#: Parts never compared: they are the identity of the unit, or the version record itself.
_IGNORED = frozenset({"id", "version"})

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class WordChange:
    """One run of words: ``same``, ``removed`` (only in the old wording) or ``added``."""

    kind: str
    text: str


@dataclass(frozen=True)
class ItemChange:
    """What happened to one criterion (or outcome) between two versions.

    ``kind`` is ``added``, ``removed``, ``renumbered``, ``reworded`` or
    ``renumbered and reworded``; ``words`` marks the wording difference when reworded.
    """

    kind: str
    old_number: str | None
    new_number: str | None
    old_text: str | None
    new_text: str | None
    words: tuple[WordChange, ...] = ()

    @property
    def number(self) -> str:
        """The number to show: the new one, or the old one of a removed item."""
        return self.new_number if self.new_number is not None else (self.old_number or "")


@dataclass(frozen=True)
class FieldChange:
    """A field outside the outcomes table whose value changed (``None`` where absent)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class UnitDiff:
    """Everything that changed between two versions of one unit."""

    unit_id: str
    old_version: str | None
    new_version: str | None
    outcomes: tuple[ItemChange, ...] = ()
    criteria: tuple[ItemChange, ...] = ()
    fields: tuple[FieldChange, ...] = ()

    @property
    def unchanged(self) -> bool:
        """True when the two versions say the same thing."""
        return not (self.outcomes or self.criteria or self.fields)

    def counts(self) -> dict[str, int]:
        """How many criteria of each kind of change, in a fixed order (for summaries)."""
        kinds = ("added", "removed", "renumbered", "reworded", "renumbered and reworded")
        return {kind: sum(1 for c in self.criteria if c.kind == kind) for kind in kinds}

    def to_data(self) -> dict[str, Any]:
        """The diff as plain JSON-ready data (``handbook diff --format json``)."""
        data = asdict(self)
        data["summary"] = self.counts()
        return data


@dataclass
class _Item:
    number: str
    text: str
    key: str = field(init=False)

    def __post_init__(self) -> None:
        self.key = _normalise(self.text)


def _normalise(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .;:,")


def similarity(old: str, new: str) -> float:
    """How alike two wordings are, 0 to 1, compared word by word."""
    return difflib.SequenceMatcher(None, _normalise(old).split(), _normalise(new).split(), autojunk=False).ratio()


def word_changes(old: str, new: str) -> tuple[WordChange, ...]:
    """The wording difference of two sentences, as runs of same, removed and added words."""
    old_words, new_words = _WORD.findall(old), _WORD.findall(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    runs: list[WordChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(WordChange("same", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            runs.append(WordChange("removed", " ".join(old_words[i1:i2])))
        if j2 > j1:
            runs.append(WordChange("added", " ".join(new_words[j1:j2])))
    return tuple(runs)


def _pair(old: Sequence[_Item], new: Sequence[_Item]) -> list[tuple[_Item | None, _Item | None]]:
    """Pairs of (old, new) items, lone items paired with ``None``, in the new version's order."""
    pairs: dict[int, int] = {}  # new index -> old index
    free_old = set(range(len(old)))

    def take(new_index: int, old_index: int) -> None:
        pairs[new_index] = old_index
        free_old.discard(old_index)

    # Pass 1: same words. Prefer the same number among equal wordings.
    for j, item in enumerate(new):
        same = [i for i in sorted(free_old) if old[i].key == item.key]
        if same:
            take(j, next((i for i in same if old[i].number == item.number), same[0]))
    # Pass 2: same number, alike enough.
    for j, item in enumerate(new):
        if j in pairs:
            continue
        match = next((i for i in sorted(free_old) if old[i].number == item.number), None)
        if match is not None and similarity(old[match].text, item.text) >= SAME_NUMBER_SIMILARITY:
            take(j, match)
    # Pass 3: moved and reworded, best pairs first.
    candidates = sorted(
        ((-similarity(old[i].text, item.text), j, i) for j, item in enumerate(new) if j not in pairs for i in free_old),
    )
    for negative_score, j, i in candidates:
        if -negative_score < MOVED_SIMILARITY:
            break
        if j not in pairs and i in free_old:
            take(j, i)

    result: list[tuple[_Item | None, _Item | None]] = []
    removed = sorted(free_old)
    for j, item in enumerate(new):
        # A removed item is reported where it stood: before the first kept item that followed it.
        if j in pairs:
            while removed and removed[0] < pairs[j]:
                result.append((old[removed.pop(0)], None))
        result.append((old[pairs[j]] if j in pairs else None, item))
    result.extend((old[i], None) for i in removed)
    return result


def _compare_items(old: Sequence[_Item], new: Sequence[_Item]) -> tuple[ItemChange, ...]:
    changes: list[ItemChange] = []
    for before, after in _pair(old, new):
        if before is None and after is not None:
            changes.append(ItemChange("added", None, after.number, None, after.text))
        elif after is None and before is not None:
            changes.append(ItemChange("removed", before.number, None, before.text, None))
        elif before is not None and after is not None:
            moved = before.number != after.number
            reworded = before.text.strip() != after.text.strip()
            if not (moved or reworded):
                continue
            kind = "renumbered and reworded" if moved and reworded else ("renumbered" if moved else "reworded")
            words = word_changes(before.text, after.text) if reworded else ()
            changes.append(ItemChange(kind, before.number, after.number, before.text, after.text, words))
    return tuple(changes)


def criteria_items(unit: Unit) -> list[_Item]:
    """Every assessable statement of a unit as (number, text), in order.

    Sub-criteria and grading criteria count too, numbered as the unit prints them
    (``6.1 a``, ``M1``), so a change to any of them is reported in its own right.
    """
    items: list[_Item] = []
    for outcome in unit.learning_outcomes:
        for criterion in outcome.criteria:
            items.append(_Item(criterion.number, _criterion_text(criterion)))
            for sub in getattr(criterion, "sub_criteria", None) or ():
                items.append(_Item(f"{criterion.number} {sub.letter})", sub.text))
    for grading in _grading_criteria(unit):
        items.append(_Item(grading[0], grading[1]))
    return items


def _criterion_text(criterion: Any) -> str:
    text = criterion.text
    range_items = getattr(criterion, "range", None) or ()
    if range_items:
        text += " " + "; ".join(str(item) for item in range_items)
    return text


def _grading_criteria(unit: Unit) -> Iterable[tuple[str, str]]:
    """(label, text) of each graded criterion, whatever the model calls the list."""
    for name in ("grading_criteria", "grade_descriptors"):
        for entry in getattr(unit, name, None) or ():
            label = getattr(entry, "label", None) or getattr(entry, "code", None) or getattr(entry, "number", "")
            text = getattr(entry, "text", None) or getattr(entry, "descriptor", "")
            yield str(label), str(text)


def _outcome_items(unit: Unit) -> list[_Item]:
    return [_Item(str(outcome.number), outcome.text) for outcome in unit.learning_outcomes]


def _field_changes(old: Mapping[str, Any], new: Mapping[str, Any], prefix: str = "") -> list[FieldChange]:
    changes: list[FieldChange] = []
    for name in sorted(set(old) | set(new)):
        if not prefix and (name in _STRUCTURE or name in _IGNORED):
            continue
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        path = f"{prefix}{name}"
        if isinstance(before, Mapping) and isinstance(after, Mapping):
            changes.extend(_field_changes(before, after, prefix=path + "."))
        else:
            changes.append(FieldChange(path, before, after))
    return changes


def _version_label(unit: Unit) -> str | None:
    version = getattr(unit, "version", None)
    if version is None:
        return None
    return str(getattr(version, "label", version))


def diff_units(old: Unit, new: Unit) -> UnitDiff:
    """What changed from ``old`` to ``new``: outcomes, criteria (incl. sub- and grading criteria), other fields."""
    old_data = old.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    new_data = new.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    # Grading lists are compared as criteria above, not again as fields.
    for name in ("grading_criteria", "grade_descriptors"):
        old_data.pop(name, None)
        new_data.pop(name, None)
    return UnitDiff(
        unit_id=new.id,
        old_version=_version_label(old),
        new_version=_version_label(new),
        outcomes=_compare_items(_outcome_items(old), _outcome_items(new)),
        criteria=_compare_items(criteria_items(old), criteria_items(new)),
        fields=tuple(_field_changes(old_data, new_data)),
    )
