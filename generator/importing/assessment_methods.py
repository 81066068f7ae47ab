"""What the document says about how outcomes are assessed, and Access to HE grade descriptors.

``Outcome 1 is assessed by examination, outcome 2 by an on-screen test`` sets ``assessed_by``
on those outcomes; so does an outcome printed with ``(assessed by examination)`` after it (the
note is taken off its text). Grade descriptors (``GD1 Understanding of the subject`` with its
lettered components) become ``grading.descriptors``.
"""

from __future__ import annotations

import re
from typing import Any

from .document import Block
from .draft import Draft
from .sections import block_paragraphs

_METHODS = {"examination": "exam", "exam": "exam", "test": "test", "assignment": "assignment"}
_SENTENCE = re.compile(
    r"\boutcomes?\s+(?P<numbers>\d{1,2}(?:\s*(?:,|and|&)\s*\d{1,2})*)\s+(?:is\s+|are\s+)?(?:assessed\s+)?"
    r"(?:by|through)\s+(?:an?\s+)?(?:[\w-]+\s+){0,4}?(?P<how>examination|exam|test|assignment)\b",
    re.IGNORECASE,
)
_AFTER_TEXT = re.compile(
    r"\s*\((?:externally\s+|internally\s+)?(?:assessed\s+)?(?:by|through)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?P<how>examination|exam|test|assignment)\)\.?$",
    re.IGNORECASE,
)
_DESCRIPTOR = re.compile(
    r"^(?:GD\s?|grade descriptor\s+)(?P<number>\d{1,2})\s*[:.\-–]?\s*(?P<title>.*)$", re.IGNORECASE
)
_COMPONENT = re.compile(r"^\(?(?P<letter>[a-z])[).]\s+(?P<text>\S.*)$")
_INLINE_COMPONENT = re.compile(r"\s+(?=\(?[a-z]\)\s)")


def read_assessed_by(assessment: list[Block], draft: Draft) -> None:
    """Set ``assessed_by`` on outcomes the document says are assessed by exam, test or assignment."""
    outcomes = draft.get(("learning_outcomes",)) or []
    for index, outcome in enumerate(outcomes):
        text = outcome.get("text") or ""
        match = _AFTER_TEXT.search(text)
        if match:
            outcome["text"] = text[: match.start()].rstrip()
            outcome["assessed_by"] = _METHODS[match["how"].lower()]
            draft.mark(("learning_outcomes", index, "assessed_by"), "read from the note after the outcome's text")
    prose = " ".join(p.text for p in block_paragraphs(assessment))
    for match in _SENTENCE.finditer(prose):
        for number in re.findall(r"\d{1,2}", match["numbers"]):
            position = int(number) - 1
            if 0 <= position < len(outcomes):
                outcomes[position]["assessed_by"] = _METHODS[match["how"].lower()]
                draft.mark(
                    ("learning_outcomes", position, "assessed_by"),
                    f"read from the assessment section: '{match[0]}'",
                )


def _components(text: str) -> list[dict[str, str]]:
    """Lettered components ('a) ... c) ...'), or none where the text is not made of them."""
    matches = [_COMPONENT.match(piece.strip()) for piece in _INLINE_COMPONENT.split(text)]
    return [{"letter": m["letter"], "text": m["text"]} for m in matches if m] if all(matches) else []


def _carry_on(block: Block, descriptors: list[dict[str, Any]]) -> None:
    first = " ".join(p.text for p in block.cells[0])
    rest = " ".join(p.text for cell in block.cells[1:] for p in cell)
    descriptor = _DESCRIPTOR.match(first) if first else None
    if descriptor:
        descriptors.append({"number": f"GD{descriptor['number']}", "title": descriptor["title"].strip()})
    elif first:
        descriptors[-1]["title"] = f"{descriptors[-1]['title']} {first}".strip()
    if rest:
        descriptors[-1].setdefault("_lines", []).append(rest)


def _settle(descriptor: dict[str, Any]) -> None:
    """Components from the printed lines of an unruled table ('... subject c)' / 'Fictional ...')."""
    lines = descriptor.pop("_lines", [])
    if lines:
        text = " ".join(c["letter"] + ") " + c["text"] for c in descriptor.get("components", []))
        components = _components(f"{text} {' '.join(lines)}".strip())
        if components:
            descriptor["components"] = components


def read_descriptors(blocks: list[Block], draft: Draft) -> None:
    """Access to HE grade descriptors and their lettered components, with any rules printed around them."""
    descriptors: list[dict[str, Any]] = []
    notes: list[str] = []
    for block in blocks:
        if block.wrapped and len(block.cells) > 1 and descriptors:
            _carry_on(block, descriptors)  # a printed line of an unruled descriptor table
            continue
        texts = [p.text for cell in block.cells for p in cell]
        for text in texts:
            descriptor = _DESCRIPTOR.match(text)
            if descriptor:
                descriptors.append({"number": f"GD{descriptor['number']}", "title": descriptor["title"].strip()})
                continue
            components = _components(text)
            if descriptors and components:
                descriptors[-1].setdefault("components", []).extend(components)
            elif descriptors and not descriptors[-1]["title"] and not descriptors[-1].get("components"):
                descriptors[-1]["title"] = text
            else:
                notes.append(text)
    if not descriptors:
        return
    for descriptor in descriptors:
        _settle(descriptor)
    grading = draft.get(("grading",)) or {}
    grading["descriptors"] = descriptors
    if notes:
        grading["note"] = " ".join(notes)
    draft.put(("grading",), grading)
