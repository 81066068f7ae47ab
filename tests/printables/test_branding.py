"""The centre on every printable: workbook covers (PDF, Word), record sheet header, tracker,
handbook cover, Word and Excel properties and headers; and in every cache key. The centre,
its address and logo are fictional."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path

import jinja2
import openpyxl
import PIL.Image
import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from generator.content.catalogue import Catalogue, build_catalogue
from generator.content.qualifications import build_qualifications
from generator.printables.branding import Centre
from generator.printables.handbook_pdf import render_handbook_pdf
from generator.printables.pipeline import KINDS, PrintablesSettings, plan_printables, render_printable
from generator.printables.tracker_xlsx import TRACKER_SHEET

from ..conftest import ROOT, UNITS_DIR
from .conftest import squash

pytestmark = pytest.mark.slow

ADDRESS = "1 Quay Street\nRiverside RV1 1AA"
CONTACT = "assessment@riverside.example"
NAME = "Riverside College (fictional)"


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Centre:
    logo = tmp_path_factory.mktemp("centre") / "logo.png"
    PIL.Image.new("RGB", (240, 120), "#1F6F8B").save(logo)
    return Centre(name=NAME, logo=logo, address=ADDRESS, contact=CONTACT, accent="#1F6F8B")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return build_catalogue(UNITS_DIR, root=ROOT)


@pytest.fixture(scope="module")
def printed(env: jinja2.Environment, catalogue: Catalogue, centre: Centre) -> dict[str, bytes]:
    unit = catalogue.get("r-503-0865")
    files = {kind.name: render_printable(kind.name, unit, env, centre=centre) for kind in KINDS}
    entry = next(iter(build_qualifications(ROOT / "content" / "qualifications", catalogue, root=ROOT)))
    files["handbook-pdf"] = render_handbook_pdf(env, entry, catalogue, dt.date(2026, 1, 1), centre)
    return files


def first_page(data: bytes) -> tuple[str, object]:
    page = PdfReader(io.BytesIO(data)).pages[0]
    return squash(page.extract_text()), page


def images_on(page: object) -> list[str]:
    resources = page["/Resources"]
    objects = resources.get("/XObject") or {}
    return [name for name, item in objects.items() if item.get_object().get("/Subtype") == "/Image"]


@pytest.mark.parametrize("kind", ["workbook-pdf", "record-sheet-pdf", "handbook-pdf"])
def test_pdf_first_pages_name_the_centre_with_its_logo(printed: dict, kind: str) -> None:
    text, page = first_page(printed[kind])
    assert NAME in text
    for line in (*ADDRESS.splitlines(), CONTACT):
        assert line in text, (kind, line)
    assert images_on(page), f"{kind}: no logo on the first page"


def test_workbook_pdf_fills_in_the_centre_name(printed: dict) -> None:
    fields = PdfReader(io.BytesIO(printed["workbook-pdf"])).get_fields()
    assert fields["centre_name"]["/V"] == NAME
    assert fields["candidate_name"]["/V"] == ""


def test_word_workbook_names_the_centre_in_properties_header_and_cover(printed: dict) -> None:
    data = printed["workbook-docx"]
    doc = Document(io.BytesIO(data))
    assert doc.core_properties.author == NAME
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert f"<Company>{NAME}</Company>" in archive.read("docProps/app.xml").decode()
    header = doc.sections[0].header
    assert NAME in header.paragraphs[0].text
    assert list(header._element.iter(qn("w:drawing"))), "the logo in the header"
    cover = [p.text for p in doc.paragraphs[:6]]
    assert f"{NAME}\n1 Quay Street\nRiverside RV1 1AA\n{CONTACT}" in cover
    filled = [
        control
        for control in doc.element.body.iter(qn("w:sdt"))
        if control.find(qn("w:sdtPr")).find(qn("w:tag")).get(qn("w:val")) == "centre_name"
    ]
    assert len(filled) == 1
    assert "".join(t.text for t in filled[0].iter(qn("w:t"))) == NAME
    assert filled[0].find(qn("w:sdtPr")).find(qn("w:showingPlcHdr")) is None
    border = doc.styles["Title"].element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert border.get(qn("w:color")) == "1F6F8B"


def test_excel_tracker_names_the_centre_in_properties_header_and_centre_cell(printed: dict) -> None:
    data = printed["tracker-xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.properties.creator == NAME
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert f"<Company>{NAME}</Company>" in archive.read("docProps/app.xml").decode()
        assert any(name.startswith("xl/media/") for name in archive.namelist()), "the logo in the header"
    sheet = book[TRACKER_SHEET]
    assert sheet["A4"].value == "Centre" and sheet["B4"].value == NAME
    assert NAME in sheet.oddHeader.right.text
    assert sheet.oddHeader.left.text == "&G"


def test_without_a_centre_nothing_is_invented(env: jinja2.Environment, catalogue: Catalogue) -> None:
    unit = catalogue.get("r-503-0865")
    doc = Document(io.BytesIO(render_printable("workbook-docx", unit, env)))
    assert doc.core_properties.author == ""
    assert doc.sections[0].header.paragraphs[0].text == ""
    book = openpyxl.load_workbook(io.BytesIO(render_printable("tracker-xlsx", unit, env)))
    assert book[TRACKER_SHEET]["B4"].value is None
    text, page = first_page(render_printable("record-sheet-pdf", unit, env))
    assert not images_on(page) and "Evidence Record Sheet" in text


def test_the_centre_is_in_every_cache_key(catalogue: Catalogue, centre: Centre, tmp_path: Path) -> None:
    def keys(with_centre: Centre) -> list[str]:
        settings = PrintablesSettings(cache_dir=tmp_path, templates_dirs=(ROOT / "site_templates",), centre=with_centre)
        return [job.key for job, _ in plan_printables(catalogue, settings)]

    plain, branded = keys(Centre()), keys(centre)
    renamed = keys(dataclasses.replace(centre, name="Another College (fictional)"))
    assert len(plain) == len(catalogue) * len(KINDS)
    assert all(a != b != c for a, b, c in zip(plain, branded, renamed, strict=True))
    assert centre.logo is not None
    new_logo = tmp_path / "logo.png"
    PIL.Image.new("RGB", (240, 120), "#8A4B00").save(new_logo)
    relogoed = keys(dataclasses.replace(centre, logo=new_logo))
    assert all(a != b for a, b in zip(branded, relogoed, strict=True)), "a new logo, a new render"
