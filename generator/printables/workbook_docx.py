"""The candidate workbook as a Word document (DOCX), editable in Word and LibreOffice.

The same content as the PDF workbook (same fields, same names, same wording), with real
heading styles so the navigation pane lists every outcome and criterion, content controls
to type into, and table header rows that repeat when a table runs onto the next page.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row

from ..content.model import Unit
from .branding import NO_CENTRE, Centre
from .determinism import document_datetime, normalise_zip
from .docx_controls import (
    PLACEHOLDER_STYLE,
    ControlIds,
    add_choice_control,
    add_date_control,
    add_page_field,
    add_text_control,
)
from .layout import (
    CANDIDATE_SIGNATURE_FIELDS,
    IQA_FIELDS,
    CriterionView,
    FormField,
    ItemView,
    OutcomeView,
    assessor_declaration,
    assessor_fields,
    cover_fields,
    descriptor_views,
    footer_text,
    grade_headings,
    grading_grid,
    how_to_use,
    source_line,
    unit_facts,
    unit_heading,
    unit_notice,
    workbook_outcomes,
)
from .markdown_text import markdown_blocks
from .wording import CANDIDATE_DECLARATION, DESCRIPTORS_INTRO, GRADING_INTRO, result_note

FONT = "Arial"
LANGUAGE = "en-GB"
INK = RGBColor(0x1A, 0x1A, 0x1A)
#: Label and entry columns of every table: together the 174 mm between the margins.
COLUMN_WIDTHS = (Mm(50), Mm(124))
#: The centre's logo in the page header.
HEADER_LOGO_MM = 9


def render_workbook_docx(unit: Unit, *, centre: Centre = NO_CENTRE, when: dt.datetime | None = None) -> bytes:
    """The workbook as DOCX bytes, identical for identical input (fixed properties and zip).

    ``centre`` is the author and company, heads every page (logo and name) and is named on
    the cover, its name filled in.
    """
    when = when or document_datetime()
    doc = Document()
    _setup_document(doc, unit, when)
    _brand_document(doc, centre)
    ids = ControlIds()

    doc.add_paragraph("Candidate workbook", style="Subtitle")
    doc.add_heading(unit.title, level=0)
    if centre.name or centre.details:
        _centre_paragraph(doc, centre)
    notice = unit_notice(unit)
    if notice:
        doc.add_paragraph().add_run(notice).bold = True
    doc.add_heading("About this unit", level=1)
    facts = _table(doc, ("Unit detail", "Value"), caption="About this unit")
    for label, value in unit_facts(unit):
        _row(facts, label, value)
    source = source_line(unit)
    if source:
        doc.add_paragraph(f"Transcribed from: {source}")
    doc.add_heading("Your details", level=1)
    _field_table(doc, cover_fields(centre.name), ids, caption="Your details")

    doc.add_heading("How to use this workbook", level=1)
    for step in how_to_use(unit):
        doc.add_paragraph(step, style="List Number")
    _add_grading_grid(doc, unit)
    _add_descriptor_list(doc, unit)
    if not grading_grid(unit) and not descriptor_views(unit):
        _add_grading_note(doc, unit, heading=True)

    for view in workbook_outcomes(unit):
        _add_outcome(doc, unit, view, ids)

    descriptors = descriptor_views(unit)
    if descriptors:
        doc.add_heading("Grading", level=1).paragraph_format.page_break_before = True
        doc.add_paragraph(GRADING_INTRO)
        for descriptor in descriptors:
            doc.add_heading(f"{descriptor.number} {descriptor.title}", level=2)
            table = _table(doc, ("Component", "Grade"), caption=f"{descriptor.number} {descriptor.title}")
            for component in descriptor.components:
                cell = _row(table, f"{component.label} {component.text}", "")
                add_choice_control(
                    cell.paragraphs[0],
                    ids,
                    tag=component.grade.name,
                    alias=component.grade.label,
                    choices=component.grade.choices,
                )

    doc.add_heading("Declaration of authenticity", level=1).paragraph_format.page_break_before = True
    doc.add_heading("Candidate", level=2)
    doc.add_paragraph().add_run(CANDIDATE_DECLARATION).bold = True
    _field_table(doc, CANDIDATE_SIGNATURE_FIELDS, ids, caption="Candidate declaration")
    doc.add_heading("Assessor", level=2)
    doc.add_paragraph().add_run(assessor_declaration(unit)).bold = True
    _field_table(doc, assessor_fields(unit), ids, caption="Assessor declaration")

    doc.add_heading("Internal quality assurance sampling", level=1)
    doc.add_paragraph("To be completed by the internal quality assurer if this workbook is sampled.")
    _field_table(doc, IQA_FIELDS, ids, caption="Internal quality assurance sampling")

    out = io.BytesIO()
    doc.save(out)
    return normalise_zip(out.getvalue(), when)


def _add_grading_grid(doc: DocumentObject, unit: Unit) -> None:
    grid = grading_grid(unit)
    if not grid:
        return
    doc.add_heading("Grading criteria", level=1)
    grades = grade_headings(unit)
    table = doc.add_table(rows=1, cols=1 + len(grades))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Learning outcome", *grades), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    _mark_header(table.rows[0])
    _caption(table, "Grading criteria by learning outcome")
    for outcome_label, cells in grid:
        row = table.add_row().cells
        row[0].paragraphs[0].add_run(outcome_label).bold = True
        for cell, items in zip(row[1:], cells, strict=True):
            for index, item in enumerate(items):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                paragraph.add_run(item.label).bold = True
                paragraph.add_run(f" {item.text}")
    _add_grading_note(doc, unit, heading=False)


def _add_descriptor_list(doc: DocumentObject, unit: Unit) -> None:
    descriptors = descriptor_views(unit)
    if not descriptors:
        return
    doc.add_heading("Grade descriptors", level=1)
    doc.add_paragraph(DESCRIPTORS_INTRO)
    for descriptor in descriptors:
        doc.add_paragraph(f"{descriptor.number} {descriptor.title}", style="List Bullet")
        for component in descriptor.components:
            doc.add_paragraph(f"{component.label} {component.text}", style="List Bullet 2")
    _add_grading_note(doc, unit, heading=False)


def _add_grading_note(doc: DocumentObject, unit: Unit, *, heading: bool) -> None:
    if unit.grading is None or not unit.grading.note:
        return
    if heading:
        doc.add_heading("Grading", level=1)
    for style, text in markdown_blocks(unit.grading.note):
        doc.add_paragraph(text, style=style)


def _add_outcome(doc: DocumentObject, unit: Unit, view: OutcomeView, ids: ControlIds) -> None:
    outcome = view.outcome
    heading = doc.add_heading(f"Learning outcome {outcome.number}: {outcome.text}", level=1)
    heading.paragraph_format.page_break_before = True
    if outcome.third_column and unit.third_column_heading:
        doc.add_heading(unit.third_column_heading, level=3)
        for style, text in markdown_blocks(outcome.third_column):
            doc.add_paragraph(text, style=style)
    if not view.portfolio:
        method = outcome.assessed_by_label.lower()
        doc.add_paragraph(result_note(method))
        for criterion in view.criteria:
            paragraph = doc.add_paragraph(style="List Paragraph")
            paragraph.add_run(criterion.number).bold = True
            paragraph.add_run(f" {criterion.text}")
            _add_bullets(doc, criterion.bullets)
        table = _table(doc, ("Result", method.capitalize()), caption=f"Learning outcome {outcome.number} result")
        for field in view.result:
            _field_row(table, field, ids)
        return
    for criterion in view.criteria:
        _add_criterion(doc, unit, criterion, ids)
    for item in view.grading:
        doc.add_paragraph(item.kicker, style="Subtitle").paragraph_format.keep_with_next = True
        doc.add_heading(f"{item.label} {item.text}", level=2).paragraph_format.keep_with_next = True
        _add_bullets(doc, item.bullets)
        _item_table(doc, item, ids)


def _add_criterion(doc: DocumentObject, unit: Unit, criterion: CriterionView, ids: ControlIds) -> None:
    doc.add_heading(f"{criterion.number} {criterion.text}", level=2).paragraph_format.keep_with_next = True
    _add_bullets(doc, criterion.bullets)
    if criterion.content and unit.criterion_content_heading:
        doc.add_heading(unit.criterion_content_heading, level=3)
        for style, text in markdown_blocks(criterion.content):
            doc.add_paragraph(text, style=style)
    for item in criterion.items:
        if criterion.has_parts:
            doc.add_heading(f"{item.label} {item.text}", level=3).paragraph_format.keep_with_next = True
            _add_bullets(doc, item.bullets)
        _item_table(doc, item, ids)


def _add_bullets(doc: DocumentObject, bullets: Sequence[str]) -> None:
    for bullet in bullets:
        doc.add_paragraph(bullet, style="List Bullet").paragraph_format.keep_with_next = True


def _item_table(doc: DocumentObject, item: ItemView, ids: ControlIds) -> None:
    table = _table(doc, (f"Criterion {item.label}", item.text), caption=f"Criterion {item.label}")
    fields = item.fields
    _field_row(table, fields.response, ids, min_height=Mm(70))
    _field_row(table, fields.evidence_reference, ids)
    _field_row(table, fields.decision, ids)
    _field_row(table, fields.feedback, ids, min_height=Mm(25))
    _field_row(table, fields.date, ids)
    _keep_together(table)


def _setup_document(doc: DocumentObject, unit: Unit, when: dt.datetime) -> None:
    properties = doc.core_properties
    properties.title = f"Candidate workbook: {unit_heading(unit)}"
    properties.subject = unit.title
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = "candidate workbook"
    properties.category = ""
    properties.language = LANGUAGE
    properties.revision = 1
    naive = when.astimezone(dt.UTC).replace(tzinfo=None)
    properties.created = naive
    properties.modified = naive
    properties.last_printed = naive

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(16), Mm(18)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    _set_language(normal.element.get_or_add_rPr())
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        style = styles[name]
        style.font.name = FONT
        style.font.color.rgb = INK
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attribute), None)
    placeholder = styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    assert placeholder.style_id == PLACEHOLDER_STYLE

    footer = section.footer.paragraphs[0]
    styles["Footer"].paragraph_format.tab_stops.clear_all()
    styles["Footer"].font.size = Pt(8)
    footer.paragraph_format.tab_stops.add_tab_stop(
        section.page_width - section.left_margin - section.right_margin, WD_TAB_ALIGNMENT.RIGHT
    )
    footer.add_run(f"{footer_text(unit)}\tPage ")
    add_page_field(footer, "PAGE")
    footer.add_run(" of ")
    add_page_field(footer, "NUMPAGES")


def _brand_document(doc: DocumentObject, centre: Centre) -> None:
    """The centre as author and company, in a header on every page, and as the title rule's colour."""
    doc.core_properties.author = centre.name
    doc.core_properties.last_modified_by = centre.name
    _set_company(doc, centre.name)
    if centre.accent:
        border = doc.styles["Title"].element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
        if border is not None:
            border.set(qn("w:color"), centre.accent.removeprefix("#"))
            border.attrib.pop(qn("w:themeColor"), None)
    logo = centre.raster_logo()
    if not centre.name and logo is None:
        return
    section = doc.sections[0]
    section.header_distance = Mm(8)
    header = section.header.paragraphs[0]
    if logo is not None:
        section.top_margin = Mm(24)
        header.add_run().add_picture(io.BytesIO(logo), height=Mm(HEADER_LOGO_MM))
        header.add_run("  ")
    if centre.name:
        header.add_run(centre.name).bold = True


def _set_company(doc: DocumentObject, company: str) -> None:
    # python-docx reads and writes only the core properties; the company is an extended
    # property in docProps/app.xml, which it carries as a plain part.
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = part.blob.replace(b"<Company/>", f"<Company>{escape(company)}</Company>".encode())


def _centre_paragraph(doc: DocumentObject, centre: Centre) -> None:
    paragraph = doc.add_paragraph()
    if centre.name:
        paragraph.add_run(centre.name).bold = True
    for line in centre.details:
        if paragraph.runs:
            paragraph.runs[-1].add_break()
        paragraph.add_run(line)


def _set_language(rpr: OxmlElement) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _table(doc: DocumentObject, header: tuple[str, str], *, caption: str) -> Table:
    """A two-column table with a bold header row that repeats on every page it spans."""
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    first, second = table.rows[0].cells
    for cell, text in ((first, header[0]), (second, header[1])):
        cell.paragraphs[0].add_run(text).bold = True
    _mark_header(table.rows[0])
    for column, width in zip(table.columns, COLUMN_WIDTHS, strict=True):
        column.width = width
    _set_widths(table, COLUMN_WIDTHS)
    _caption(table, caption)
    return table


def _caption(table: Table, caption: str) -> None:
    """The table's title for screen readers (Word's Alt Text title)."""
    caption_element = OxmlElement("w:tblCaption")
    caption_element.set(qn("w:val"), caption)
    table._tbl.tblPr.append(caption_element)


def _mark_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    for name in ("w:cantSplit", "w:tblHeader"):
        tr_pr.append(OxmlElement(name))


def _keep_together(table: Table) -> None:
    """Keep a table on one page: no row splits, and every row but the last keeps with the next.

    Word and LibreOffice both read this pair (``w:cantSplit`` on each row, ``w:keepNext`` on
    the paragraphs of every row but the last) as "do not break this table", so a
    criterion's assessor rows never land on the page after its response box.
    """
    rows = table.rows
    for index, row in enumerate(rows):
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))
        if index < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _set_widths(table: Table, widths: Sequence[Mm]) -> None:
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _row(table: Table, label: str, value: str) -> _Cell:
    row = table.add_row()
    _set_widths(table, COLUMN_WIDTHS)
    row.cells[0].paragraphs[0].add_run(label).bold = True
    if value:
        row.cells[1].paragraphs[0].add_run(value)
    return row.cells[1]


def _field_table(doc: DocumentObject, fields: Sequence[FormField], ids: ControlIds, *, caption: str) -> None:
    table = _table(doc, ("Detail", "Entry"), caption=caption)
    for field in fields:
        _field_row(table, field, ids, min_height=Mm(28) if field.multiline else None)


def _field_row(table: Table, field: FormField, ids: ControlIds, *, min_height: Mm | None = None) -> None:
    cell = _row(table, field.row_label, "")
    paragraph = cell.paragraphs[0]
    if field.choices:
        add_choice_control(paragraph, ids, tag=field.name, alias=field.label, choices=field.choices)
    elif field.kind == "date":
        add_date_control(paragraph, ids, tag=field.name, alias=field.label)
    else:
        add_text_control(paragraph, ids, tag=field.name, alias=field.label, value=field.value)
    if min_height is not None:
        row = table.rows[-1]
        row.height = min_height
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
