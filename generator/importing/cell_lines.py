"""Join the wrapped lines of a table cell (from a PDF or DOCX) back into paragraphs."""

from __future__ import annotations

import re

from .cleaning import clean_text, is_lone_bullet, split_bullet
from .document import Para

#: A line that starts a new item rather than continuing the last: an outcome or criterion number.
_STARTS_ITEM = re.compile(r"^(?:LO\s?\d{1,2}\b|\d{1,2}(?:\.\d{1,2})?[a-z]?[.)]?\s|[PMD]\d{1,2}\b|AC\s?\d)")


def join_wrapped(lines: list[str], width: int = 0) -> list[Para]:
    """Paragraphs from wrapped lines: a number, a bullet or a line after ':' starts a new one.

    Given the ``width`` of the longest line, a short line ending a sentence ends its paragraph
    (prose copied out of a PDF keeps no blank line between paragraphs).
    """
    found: list[Para] = []
    bullet_next = False
    last_length = 0
    for raw in lines:
        text = clean_text(raw)
        if not text:
            bullet_next = False
            if found:
                found.append(Para(""))
            continue
        if is_lone_bullet(text):
            bullet_next = True
            continue
        bullet, rest = split_bullet(text)
        bullet = bullet or bullet_next
        bullet_next = False
        previous = next((p for p in reversed(found) if p.text), None)
        starts = bullet or _STARTS_ITEM.match(rest) or (found and not found[-1].text)
        ended = width > 60 and last_length < width * 0.6 and previous is not None and previous.text.endswith(".")
        last_length = len(text)
        if previous is None or starts or ended or (previous.text.endswith(":") and not previous.bullet):
            found.append(Para(rest, 1 if bullet else 0))
        else:
            index = max(i for i, p in enumerate(found) if p.text)
            found[index] = Para(f"{previous.text} {rest}", previous.bullet)
    return [p for p in found if p.text]
