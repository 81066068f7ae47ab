"""The PDF accessibility checker passes good PDFs and names each fault in bad ones.

The PDFs are made here with WeasyPrint from fictional one-page documents.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from .helpers import print_html
from .pdf_checks import pdf_problems

# Fictional record sheet: every form field has a label or a title.
LABELLED = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Fictional evidence record sheet</title></head>
<body>
<h1>Evidence record sheet</h1>
<form>
<p><label for="candidate">Candidate name</label> <input id="candidate" name="candidate_name"></p>
<p><input type="checkbox" id="ac-1-1" name="ac_1_1"> <label for="ac-1-1">Criterion 1.1 met</label></p>
<p><input name="assessor_date" title="Date the assessor signed"></p>
</form>
</body></html>
"""


def make_pdf(path: Path, html: str = LABELLED, **options: object) -> Path:
    return print_html(html, path, pdf_forms=True, **options)


@pytest.fixture
def good_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "good.pdf", pdf_variant="pdf/ua-1")


def test_tagged_pdf_with_language_title_and_labelled_fields_passes(good_pdf: Path) -> None:
    assert pdf_problems(good_pdf) == []


def test_untagged_pdf_fails_on_tags_and_title_display(tmp_path: Path) -> None:
    problems = pdf_problems(make_pdf(tmp_path / "untagged.pdf"))
    assert problems == [
        "untagged.pdf: not tagged: /MarkInfo /Marked is not true",
        "untagged.pdf: not tagged: no /StructTreeRoot",
        "untagged.pdf: title not shown: /ViewerPreferences /DisplayDocTitle is not true",
    ]


def test_field_without_label_fails(tmp_path: Path) -> None:
    html = LABELLED.replace("</form>", '<p><input name="witness"></p></form>')
    problems = pdf_problems(make_pdf(tmp_path / "unlabelled.pdf", html, pdf_variant="pdf/ua-1"))
    assert problems == [
        "unlabelled.pdf: form field 'witness' has no accessible name: /TU only repeats its internal name"
    ]


def test_field_with_tu_removed_fails(good_pdf: Path, tmp_path: Path) -> None:
    with pikepdf.open(good_pdf) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            if str(field.T) == "candidate_name":
                del field["/TU"]
        pdf.save(tmp_path / "no-tu.pdf")
    problems = pdf_problems(tmp_path / "no-tu.pdf")
    assert problems == ["no-tu.pdf: form field 'candidate_name' has no accessible name (/TU)"]


def test_missing_language_and_title_fail(good_pdf: Path, tmp_path: Path) -> None:
    with pikepdf.open(good_pdf) as pdf:
        del pdf.Root["/Lang"]
        del pdf.docinfo["/Title"]
        with pdf.open_metadata() as meta:
            if "dc:title" in meta:
                del meta["dc:title"]
        pdf.save(tmp_path / "anonymous.pdf")
    assert pdf_problems(tmp_path / "anonymous.pdf") == [
        "anonymous.pdf: no document language: /Lang is missing or empty",
        "anonymous.pdf: no document title: neither /Title nor dc:title is set",
    ]


def test_title_from_xmp_metadata_is_enough(good_pdf: Path, tmp_path: Path) -> None:
    with pikepdf.open(good_pdf) as pdf:
        del pdf.docinfo["/Title"]
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = "Fictional evidence record sheet"
        pdf.save(tmp_path / "xmp-title.pdf")
    assert pdf_problems(tmp_path / "xmp-title.pdf") == []


def test_font_not_embedded_fails(good_pdf: Path, tmp_path: Path) -> None:
    with pikepdf.open(good_pdf) as pdf:
        page = pdf.pages[0]
        helvetica = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
        )
        page.obj.Resources.Font[pikepdf.Name("/FHelv")] = helvetica
        page.contents_add(pdf.make_stream(b"BT /FHelv 12 Tf 72 72 Td (Fictional) Tj ET"))
        pdf.save(tmp_path / "helvetica.pdf")
    assert pdf_problems(tmp_path / "helvetica.pdf") == ["helvetica.pdf: font not embedded: Helvetica"]


def test_checkbox_wrapped_in_its_label_fails(tmp_path: Path) -> None:
    # WeasyPrint 70 gives a checkbox inside its <label> an empty /TU; <label for=...> works.
    wrapped = '<p><label><input type="checkbox" name="ac_1_2"> Criterion 1.2 met</label></p>'
    html = LABELLED.replace("</form>", wrapped + "</form>")
    problems = pdf_problems(make_pdf(tmp_path / "wrapped.pdf", html, pdf_variant="pdf/ua-1"))
    assert problems == ["wrapped.pdf: form field 'ac_1_2' has no accessible name (/TU)"]
