"""The Word and Excel downloads opened in LibreOffice: converted headless to PDF (and to ODF
to see what LibreOffice made of the content controls), then read back.

Needs Debian's ``libreoffice-writer-nogui`` and ``libreoffice-calc-nogui`` (``.ci/setup``
installs them). Each run uses a private LibreOffice profile in a temporary folder, so it
neither reads nor changes the user's own, and every conversion has a time limit.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import jinja2
import openpyxl
import pytest
from pypdf import PdfReader

from generator.content.model import Unit
from generator.printables.docx_controls import CHOICE_PROMPT, DATE_PROMPT, TEXT_PROMPT, prompt
from generator.printables.layout import workbook_fields
from generator.printables.pipeline import render_printable
from generator.printables.tracker_xlsx import METHODS_NAME, METHODS_SHEET, TRACKER_SHEET

from .conftest import ALL_UNITS, placed_text, squash

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]

SOFFICE = "soffice"
#: Seconds one soffice run may take (it converts several files; a cold start is ~5 s).
TIMEOUT = 240
#: The seed unit whose criterion tables split across pages before they were kept together,
#: the longest seed unit, and the fictional 40-criterion unit.
UNIT_IDS = ("r-503-0865", "ocr-unit-39", "fictional-many-criteria")
METHODS = ("Fictional method one", "Fictional method two")


def convert(files: list[Path], target: str, out: Path, profile: Path) -> list[Path]:
    """``files`` converted by LibreOffice headless to ``target`` (``pdf``, ``odt``) in ``out``."""
    if shutil.which(SOFFICE) is None:
        pytest.fail("soffice is missing: run 'bash .ci/setup' (installs libreoffice-writer-nogui, -calc-nogui)")
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out),
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    results = [out / f"{path.stem}.{target}" for path in files]
    missing = [path.name for path in results if not path.is_file()]
    assert not missing, f"LibreOffice made no {missing}: {done.stdout} {done.stderr}"
    return results


def units() -> list[Unit]:
    chosen = [unit for unit in ALL_UNITS if unit.id in UNIT_IDS]
    assert len(chosen) == len(UNIT_IDS)
    return chosen


@pytest.fixture(scope="module")
def converted(env: jinja2.Environment, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(unit id, ``docx``/``xlsx``/``odt``) to the file LibreOffice wrote, every file in two soffice runs."""
    folder = tmp_path_factory.mktemp("libreoffice")
    profile = folder / "profile"
    sources = []
    for unit in units():
        for kind, suffix in (("workbook-docx", "docx"), ("tracker-xlsx", "xlsx")):
            path = folder / f"{unit.id}-{kind}.{suffix}"
            path.write_bytes(render_printable(kind, unit, env, default_methods=METHODS))
            sources.append(path)
    pdfs = convert(sources, "pdf", folder / "pdf", profile)
    odts = convert([p for p in sources if p.suffix == ".docx"], "odt", folder / "odt", profile)
    found = {}
    for source, pdf in zip(sources, pdfs, strict=True):
        found[(source.stem.rsplit("-", 2)[0], source.suffix[1:])] = pdf
    for odt in odts:
        found[(odt.stem.rsplit("-", 2)[0], "odt")] = odt
    return found


def page_texts(path: Path) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(path).pages]


def first_page(texts: list[str], needle: str) -> int:
    pages = [number for number, text in enumerate(texts, start=1) if needle in text]
    assert pages, f"{needle!r} is on no page"
    return pages[0]


@pytest.mark.parametrize("unit", units(), ids=lambda u: u.id)
def test_word_workbook_in_libreoffice_keeps_labels_and_criteria_whole(converted: dict, unit: Unit) -> None:
    texts = page_texts(converted[(unit.id, "docx")])
    total = len(texts)
    assert total >= 1 + len(unit.learning_outcomes)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {total}" in text, f"page {number}: the footer's page fields"
    whole = " ".join(texts)
    for field in workbook_fields(unit):
        action = CHOICE_PROMPT if field.choices else DATE_PROMPT if field.kind == "date" else TEXT_PROMPT
        assert prompt(field.label, action) in whole, f"{field.name}: its labelled prompt is lost"
    for criterion in unit.criteria:
        start = first_page(texts, f"{criterion.number} {criterion.text[:30]}")
        end = first_page(texts, prompt(f"{criterion.number} Assessor decision date", DATE_PROMPT))
        assert start == end, f"criterion {criterion.number} starts on page {start}, its assessor rows on {end}"


@pytest.mark.parametrize("unit", units(), ids=lambda u: u.id)
def test_word_controls_become_libreoffice_content_controls(converted: dict, unit: Unit) -> None:
    with zipfile.ZipFile(converted[(unit.id, "odt")]) as odt:
        content = odt.read("content.xml").decode("utf-8")
    assert "<text:text-input" not in content, "a control became an old input field, which drops its label"
    controls = re.findall(r"<loext:content-control [^>]*>(.*?)</loext:content-control>", content)
    assert len(controls) == len(workbook_fields(unit))
    for control in controls:
        assert 'text:style-name="Placeholder_20_Text"' in control, control[:200]


def test_word_prompts_print_grey_in_libreoffice(converted: dict) -> None:
    """The placeholder text is drawn in the style's grey, not black."""
    reader = PdfReader(converted[("r-503-0865", "docx")])
    colours: dict[str, tuple[float, ...]] = {}
    fill: list[tuple[float, ...]] = [(0.0,)]

    def operator(op: bytes, args: list, cm: list, tm: list) -> None:
        if op in (b"rg", b"g", b"sc", b"scn"):
            fill[0] = tuple(float(a) for a in args)

    def text(run: str, cm: list, tm: list, font: object, size: float) -> None:
        if run.strip():
            colours.setdefault(run.strip(), fill[0])

    reader.pages[0].extract_text(visitor_operand_before=operator, visitor_text=text)
    prompts = {run: colour for run, colour in colours.items() if TEXT_PROMPT in run}
    labels = {run: colour for run, colour in colours.items() if run == "Candidate name"}
    assert prompts and labels
    assert all(min(c) > 0.25 and max(c) < 0.6 for c in prompts.values()), prompts
    assert all(max(c) < 0.15 for c in labels.values()), labels


@pytest.mark.parametrize("unit", units(), ids=lambda u: u.id)
def test_excel_tracker_in_libreoffice_prints_every_criterion_without_overlap(converted: dict, unit: Unit) -> None:
    reader = PdfReader(converted[(unit.id, "xlsx")])
    texts = [squash(page.extract_text()) for page in reader.pages]
    assert 1 < len(texts) < 12, len(texts)
    whole = " ".join(texts)
    assert "Evidence tracker: " in texts[0]
    for method in METHODS if not (unit.evidence and unit.evidence.methods) else ():
        assert method in whole
    criteria_pages = [n for n, text in enumerate(texts) if "Assessment criterion" in text]
    assert criteria_pages, "the Criteria sheet prints"
    criteria_text = " ".join(texts[n] for n in criteria_pages)
    for criterion in unit.criteria:
        assert criterion.text in criteria_text, f"{criterion.number}: text cut off"
    for number in criteria_pages:
        runs = placed_text(reader.pages[number])
        columns: dict[int, list[tuple[float, float]]] = {}
        for _, x, y, size in runs:
            columns.setdefault(round(x), []).append((y, size))
        for x, lines in columns.items():
            ys = sorted(lines, reverse=True)
            for (upper, size), (lower, _) in itertools.pairwise(ys):
                assert upper - lower >= 0.9 * size, f"page {number + 1}: lines at x={x} overlap ({upper}, {lower})"


def test_a_method_added_to_the_list_joins_the_drop_down_in_libreoffice(env: jinja2.Environment, tmp_path: Path) -> None:
    """The drop-down's source is the named range; LibreOffice evaluates it over the longer list."""
    unit = units()[0]
    book = openpyxl.load_workbook(io.BytesIO(render_printable("tracker-xlsx", unit, env, default_methods=METHODS)))
    methods = book[METHODS_SHEET]
    count = methods.max_row - 1
    methods.cell(row=methods.max_row + 1, column=1, value="Fictional added method")
    sheet = book[TRACKER_SHEET]
    sheet["A2"] = f"=ROWS({METHODS_NAME})"
    sheet["B2"] = f"=INDEX({METHODS_NAME},ROWS({METHODS_NAME}))"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    (csv,) = convert([edited], "csv", tmp_path / "out", tmp_path / "profile")
    second_line = csv.read_text(encoding="utf-8").splitlines()[1].split(",")
    assert second_line[:2] == [str(count + 1), "Fictional added method"]
