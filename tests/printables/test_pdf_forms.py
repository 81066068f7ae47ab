"""The workbook PDF's form fields, added to Typst's tagged PDF: placed on their boxes, tagged
as Form, fillable in a real reader (filled with pypdf, drawn by poppler's ``pdftoppm``)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import jinja2
import pikepdf
import pytest
from PIL import Image, ImageChops, ImageDraw
from pypdf import PdfReader, PdfWriter

from generator.printables.layout import FormField, workbook_fields
from generator.printables.pdf_forms import FieldPlacementError, UnexpectedPdfError, add_form_fields
from generator.printables.pipeline import render_printable
from generator.printables.typst_engine import compiler

from .conftest import ALL_UNITS, placed_text

pytestmark = pytest.mark.slow

UNIT = next(u for u in ALL_UNITS if u.id == "ocr-unit-38")
A4_POINTS_HIGH = 841.89


@pytest.fixture(scope="module")
def workbook(env: jinja2.Environment) -> bytes:
    return render_printable("workbook-pdf", UNIT, env)


def structure_of(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element of the PDF, in tree order."""
    elements, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if "/S" in node:
            elements.append(node)
        kids = node.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        stack.extend(
            kid
            for kid in reversed(list(kids))
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR" and "/S" in kid
        )
    return elements


def test_every_widget_is_tagged_as_a_form_field_and_the_pdf_is_declared_pdf_ua(workbook: bytes) -> None:
    with pikepdf.open(io.BytesIO(workbook)) as pdf:
        parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
        widgets = []
        for page in pdf.pages:
            annotations = list(page.obj.get("/Annots", ()))
            if annotations:
                assert page.obj.Tabs == "/S"
            widgets += [a for a in annotations if a.Subtype == "/Widget"]
        assert not [a for page in pdf.pages for a in page.obj.get("/Annots", ()) if a.Subtype == "/Link"]
        assert len(widgets) == sum(len(f.choices) or 1 for f in workbook_fields(UNIT))
        for widget in widgets:
            element = parents[int(widget.StructParent)]
            assert element.S == "/Form"
            assert [kid.Obj.objgen for kid in element.K if kid.get("/Type") == "/OBJR"] == [widget.objgen]
            assert "/Contents" not in widget and "/A" not in widget
        forms = [e for e in structure_of(pdf) if e.S == "/Form"]
        assert len(forms) == len(widgets)
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
        assert pdf.check_pdf_syntax() == []


def test_a_text_field_follows_its_label_in_reading_order_and_on_the_page(workbook: bytes) -> None:
    """A text box's Form element sits in the paragraph after its label's paragraph, and the
    box lies just under its label on the page."""
    labels = {f.name: f.label for f in workbook_fields(UNIT) if not f.choices}
    with pikepdf.open(io.BytesIO(workbook)) as pdf:
        elements = structure_of(pdf)
        forms = [at for at, e in enumerate(elements) if e.S == "/Form" and "/T" in e.K[0].Obj]
        assert len(forms) == len(labels)
        assert all(elements[at - 1].S == "/P" and elements[at - 2].S == "/P" for at in forms)
    for page in PdfReader(io.BytesIO(workbook)).pages:
        runs = placed_text(page)
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if "/T" not in widget or widget.get("/FT") != "/Tx":
                continue
            left, _, _, top = (float(v) for v in widget["/Rect"])
            label = labels[str(widget["/T"])]
            above = " ".join(text for text, x, y, _ in runs if abs(x - left) < 2 and 0 < y - top < 14)
            assert label in above, (label, above)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler draws the filled form")
def test_filled_values_appear_inside_their_boxes(workbook: bytes, tmp_path: Path) -> None:
    stem = f"ac_{UNIT.criteria[0].number.replace('.', '_')}"
    values = {"candidate_name": "Fictional Candidate", f"{stem}_response": "My fictional response " * 20}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(workbook)))
    writer.update_page_form_field_values(None, {**values, f"{stem}_decision": "/met"}, auto_regenerate=False)
    filled = tmp_path / "filled.pdf"
    writer.write(filled)
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(workbook)
    reader = PdfReader(filled)
    assert {name: reader.get_fields()[name]["/V"] for name in values} == values
    boxes = {}
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            name = widget.get("/T") or widget["/Parent"].get_object()["/T"]
            if name in values or (name == f"{stem}_decision" and "/met" in widget["/AP"]["/N"]):
                boxes[name] = (number, [float(v) for v in widget["/Rect"]])
    assert len(boxes) == 3
    pages = {number for number, _ in boxes.values()}
    for number in pages:
        images = []
        for path in (blank, filled):
            out = tmp_path / f"{path.stem}-{number}"
            pages = ("-f", str(number), "-l", str(number))
            subprocess.run(["pdftoppm", "-r", "72", "-png", *pages, "-singlefile", str(path), str(out)], check=True)
            images.append(Image.open(f"{out}.png").convert("L"))
        difference = ImageChops.difference(*images)
        for name, (on_page, (x1, y1, x2, y2)) in boxes.items():
            if on_page != number:
                continue
            inside = (int(x1) + 1, int(A4_POINTS_HIGH - y2) + 1, int(x2) - 1, int(A4_POINTS_HIGH - y1) - 1)
            assert difference.crop(inside).getbbox() is not None, f"{name}: nothing drawn in its box"
            ImageDraw.Draw(difference).rectangle((inside[0] - 2, inside[1] - 2, inside[2] + 2, inside[3] + 2), fill=0)
        assert difference.getbbox() is None, f"page {number}: something drawn outside the filled boxes"


def fictional_pdf(body: str) -> bytes:
    source = f'#set document(title: "Fictional form")\n#set text(lang: "en")\n{body}'
    return compiler().compile(input=source.encode(), format="pdf", pdf_standards=["ua-1"], timestamp=0)


def test_a_field_left_out_placed_twice_or_unknown_is_an_error() -> None:
    box = 'Label #link("x-field:{0}", box(width: 20mm, height: 7mm, stroke: 1pt))\n'
    one = (FormField("fictional_one", "Fictional one"),)
    assert add_form_fields(fictional_pdf(box.format("fictional_one")), one)
    with pytest.raises(FieldPlacementError, match="fictional_two"):
        add_form_fields(fictional_pdf(box.format("fictional_one")), (*one, FormField("fictional_two", "Two")))
    with pytest.raises(FieldPlacementError, match="twice"):
        add_form_fields(fictional_pdf(box.format("fictional_one") * 2), one)
    with pytest.raises(FieldPlacementError, match="not a field"):
        add_form_fields(fictional_pdf(box.format("fictional_other")), one)


def test_a_pdf_not_laid_out_as_typst_writes_it_is_an_error_not_a_damaged_file() -> None:
    """The fields are added by reading Typst's own layout of the file (a cross-reference table,
    plain objects); the same PDF rewritten with object streams is refused, naming why."""
    fields = (FormField("fictional_one", "Fictional one"),)
    typst_pdf = fictional_pdf('Label #link("x-field:fictional_one", box(width: 20mm, height: 7mm, stroke: 1pt))')
    rewritten = io.BytesIO()
    with pikepdf.open(io.BytesIO(typst_pdf)) as pdf:
        pdf.save(rewritten, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    with pytest.raises(UnexpectedPdfError, match="cross-reference table"):
        add_form_fields(rewritten.getvalue(), fields)
    with pytest.raises(UnexpectedPdfError):
        add_form_fields(typst_pdf[:-300], fields)


def test_ordinary_links_stay_links() -> None:
    body = '#link("https://example.org/")[Fictional link] #link("x-field:one", box(width: 9mm, height: 7mm))'
    data = add_form_fields(fictional_pdf(body), (FormField("one", "One"),))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        kinds = sorted(str(a.Subtype) for a in pdf.pages[0].obj.Annots)
    assert kinds == ["/Link", "/Widget"]


def test_welsh_letters_are_in_the_form_fonts_encoding(workbook: bytes) -> None:
    """A filler that encodes strictly by the font's encoding (pypdf) writes ŵ ŷ Ŵ Ŷ in Open Sans."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(workbook)))
    writer.update_page_form_field_values(None, {"candidate_name": "Fictional ŵŷ ŴŶ café"}, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    with pikepdf.open(out) as pdf:
        widget = next(a for page in pdf.pages for a in page.obj.Annots if a.get("/T") == "candidate_name")
        assert b"(Fictional \x81\x8d \x8f\x90 caf\xe9) Tj" in widget.AP.N.read_bytes()
        assert str(pdf.Root.AcroForm.DR.Font.OpenSans.FontDescriptor.FontName) == "/OpenSans"
