"""Fixtures for the importer's tests: the fictional corpus rendered in every form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .render import to_docx, to_html, to_pdf

CORPUS = Path(__file__).resolve().parent / "corpus"
FORMS = {"text": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf"}


@dataclass(frozen=True)
class CorpusCase:
    """One fictional document in one form, with the fields its import must give."""

    name: str
    form: str
    expected: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.name}-{self.form}"

    def write(self, folder: Path) -> Path:
        """Render the document in this case's form into ``folder``; returns its path."""
        text = (CORPUS / f"{self.name}.txt").read_text(encoding="utf-8")
        path = folder / f"{self.name}{FORMS[self.form]}"
        if self.form == "text":
            path.write_text(text, encoding="utf-8")
        elif self.form == "html":
            path.write_text(to_html(text), encoding="utf-8")
        elif self.form == "docx":
            path.write_bytes(to_docx(text))
        else:
            path.write_bytes(to_pdf(text))
        return path


def corpus_cases() -> list[CorpusCase]:
    """Every corpus document in every form it is written for."""
    cases = []
    for expected_file in sorted(CORPUS.glob("*.expected.yml")):
        expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
        forms = expected.pop("forms", list(FORMS))
        name = expected_file.name.removesuffix(".expected.yml")
        cases.extend(CorpusCase(name, form, expected) for form in forms)
    return cases
