"""A unit's reading list, from the book and web entries printed under its resources.

Entries look like ``Cook, S (2010) Customer Care Excellence (6th Ed) ISBN-10: 0749457058`` or a
bare web address. Authors, year, title, edition, ISBN and note are read where the entry
gives them; an ISBN whose check digit fails is left out (and reported), never repaired.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import PydanticCustomError

from ..content.model import _check_isbn
from .document import Para
from .draft import Draft

_BOOK = re.compile(
    r"^(?P<authors>(?:[^()]|\((?:ed|eds)\.?\))+?)\s*,?\s*\((?:(?P<month>[A-Z][a-z]+),?\s*)?(?P<year>\d{4})\)\s*,?\s*(?P<rest>\S.*)$"
)
_ISBN = re.compile(r"\s*\.?\s*ISBN(?:-1[03])?\s*:?\s*(?P<isbn>[\dX][\dX -]{8,16}[\dX])\b", re.IGNORECASE)
_EDITION = re.compile(r",?\s*\(?(?P<edition>\d+(?:st|nd|rd|th))\s+Ed(?:ition)?\.?\)?", re.IGNORECASE)
_NOTE = re.compile(r"\s*\[(?P<note>[^\]]+)\]")
_URL = re.compile(r"https?://\S+")
#: Longer addresses are tracking redirects copied by accident, not references.
MAX_URL = 200


def looks_like_reference(text: str) -> bool:
    """Whether a resources paragraph is a book or web entry rather than prose."""
    return bool(_URL.search(text) or _ISBN.search(text) or (_BOOK.match(text) and len(text) < 300))


def read_reading_list(entries: list[Para], draft: Draft) -> None:
    """Books and links from ``entries``, marked for review."""
    books: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in entries:
        text = entry.text.strip()
        book = _BOOK.match(text)
        if book and not text.lower().startswith("http"):
            books.append(_book(book, draft))
            continue
        for match in _URL.finditer(text):
            url = match.group().rstrip(".,;)")
            key = url.lower().rstrip("/")
            if key in seen:
                continue
            seen.add(key)
            if len(url) > MAX_URL:
                draft.notes.append(f"a web address of {len(url)} characters (a redirect?) was not imported")
                continue
            link: dict[str, Any] = {"url": url}
            year = re.match(r"\s*\((\d{4})\)", text[match.end() :])
            if year and 1990 <= int(year[1]) <= 2100:
                link["year"] = int(year[1])
            links.append(link)
    if not (books or links):
        return
    reading: dict[str, Any] = {}
    if books:
        reading["books"] = books
    if links:
        reading["links"] = links
    draft.put(("reading_list",), reading, "read from the resources list: check each book and link against it")


def _book(match: re.Match[str], draft: Draft) -> dict[str, Any]:
    rest = match["rest"]
    authors = re.sub(r",(?=[A-Za-z])", ", ", match["authors"].strip().rstrip(","))  # 'Cook,S': a lost space
    book: dict[str, Any] = {"authors": authors, "year": int(match["year"])}
    isbn = _ISBN.search(rest)
    if isbn:
        rest = rest[: isbn.start()] + rest[isbn.end() :]
    edition = _EDITION.search(rest)
    if edition:
        rest = rest[: edition.start()] + rest[edition.end() :]
    note = _NOTE.search(rest)
    if note:
        rest = rest[: note.start()] + rest[note.end() :]
    book["title"] = rest.strip().rstrip(".,")
    if edition:
        book["edition"] = edition["edition"]
    if isbn:
        try:
            book["isbn"] = _check_isbn(isbn["isbn"])
        except PydanticCustomError:
            draft.notes.append(f"ISBN '{isbn['isbn']}' of '{book['title']}' fails its check digit; left out")
    notes = [n for n in ((f"{match['month']} {match['year']}" if match["month"] else None), note and note["note"]) if n]
    if notes:
        book["note"] = "; ".join(notes)
    return book
