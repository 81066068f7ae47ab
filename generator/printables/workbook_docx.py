"""The candidate workbook as a Word document (DOCX), editable in Word and LibreOffice.

The same content as the PDF workbook (same fields, same names, same wording), with real
heading styles so the navigation pane lists every outcome and criterion, content controls
to type into, and table header rows that repeat when a table runs onto the next page.

The parts every workbook shares (styles, page, header, footer) are prepared once per
process by ``docx_package``; this module writes each unit's body (``docx_writer``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docx.shared import Emu, Mm, Twips

from ..content.model import Unit
from .branding import NO_CENTRE, Centre
from .determinism import document_datetime
from .docx_controls import ControlIds, choice_control, date_control, text_control
from .docx_package import prepared_package
from .docx_writer import Table, WordBody, run
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

#: Label and entry columns of every table, in twips: together the 174 mm between the margins.
COLUMN_WIDTHS = (Mm(50).twips, Mm(124).twips)
#: The width between the margins (210 mm less two 18 mm margins, as the page stores them, in
#: twips), shared equally by the grading grid's columns.
TEXT_WIDTH = Twips(Mm(210).twips - 2 * Mm(18).twips)
RESPONSE_HEIGHT = Mm(70).twips
FEEDBACK_HEIGHT = Mm(25).twips
MULTILINE_HEIGHT = Mm(28).twips


def render_workbook_docx(unit: Unit, *, centre: Centre = NO_CENTRE, when: dt.datetime | None = None) -> bytes:
    """The workbook as DOCX bytes, identical for identical input (fixed properties and zip).

    ``centre`` is the author and company, heads every page (logo and name) and is named on
    the cover, its name filled in.
    """
    package = prepared_package(centre, when or document_datetime())
    doc = WordBody(package.style_ids)
    ids = ControlIds()

    doc.text("Candidate workbook", "Subtitle")
    doc.heading(unit.title, 0)
    if centre.name or centre.details:
        _centre_paragraph(doc, centre)
    notice = unit_notice(unit)
    if notice:
        doc.text(notice, bold=True)
    doc.heading("About this unit", 1)
    facts = _table(doc, ("Unit detail", "Value"), caption="About this unit")
    for label, value in unit_facts(unit):
        _row(facts, label, value)
    source = source_line(unit)
    if source:
        doc.text(f"Transcribed from: {source}")
    doc.heading("Your details", 1)
    _field_table(doc, cover_fields(centre.name), ids, caption="Your details")

    doc.heading("How to use this workbook", 1)
    for step in how_to_use(unit):
        doc.text(step, "List Number")
    _add_grading_grid(doc, unit)
    _add_descriptor_list(doc, unit)
    if not grading_grid(unit) and not descriptor_views(unit):
        _add_grading_note(doc, unit, heading=True)

    for view in workbook_outcomes(unit):
        _add_outcome(doc, unit, view, ids)

    descriptors = descriptor_views(unit)
    if descriptors:
        doc.heading("Grading", 1, page_break_before=True)
        doc.text(GRADING_INTRO)
        for descriptor in descriptors:
            doc.heading(f"{descriptor.number} {descriptor.title}", 2)
            table = _table(doc, ("Component", "Grade"), caption=f"{descriptor.number} {descriptor.title}")
            for component in descriptor.components:
                control = choice_control(
                    ids, tag=component.grade.name, alias=component.grade.label, choices=component.grade.choices
                )
                _row(table, f"{component.label} {component.text}", "", control=control)

    doc.heading("Declaration of authenticity", 1, page_break_before=True)
    doc.heading("Candidate", 2)
    doc.text(CANDIDATE_DECLARATION, bold=True)
    _field_table(doc, CANDIDATE_SIGNATURE_FIELDS, ids, caption="Candidate declaration")
    doc.heading("Assessor", 2)
    doc.text(assessor_declaration(unit), bold=True)
    _field_table(doc, assessor_fields(unit), ids, caption="Assessor declaration")

    doc.heading("Internal quality assurance sampling", 1)
    doc.text("To be completed by the internal quality assurer if this workbook is sampled.")
    _field_table(doc, IQA_FIELDS, ids, caption="Internal quality assurance sampling")

    return package.write(
        doc.xml(),
        title=f"Candidate workbook: {unit_heading(unit)}",
        subject=unit.title,
        footer=footer_text(unit),
    )


def _add_grading_grid(doc: WordBody, unit: Unit) -> None:
    grid = grading_grid(unit)
    if not grid:
        return
    doc.heading("Grading criteria", 1)
    grades = grade_headings(unit)
    columns = 1 + len(grades)
    width = Emu(TEXT_WIDTH // columns).twips  # shared as python-docx shares a new table's width
    table = doc.table(
        (width,) * columns,
        caption="Grading criteria by learning outcome",
        header=("Learning outcome", *grades),
        fixed_layout=False,
    )
    for outcome_label, cells in grid:
        row = [[run(outcome_label, bold=True)]]
        for items in cells:
            row.append([run(item.label, bold=True) + run(f" {item.text}") for item in items] or [""])
        table.add_row(row)
    _add_grading_note(doc, unit, heading=False)


def _add_descriptor_list(doc: WordBody, unit: Unit) -> None:
    descriptors = descriptor_views(unit)
    if not descriptors:
        return
    doc.heading("Grade descriptors", 1)
    doc.text(DESCRIPTORS_INTRO)
    for descriptor in descriptors:
        doc.text(f"{descriptor.number} {descriptor.title}", "List Bullet")
        for component in descriptor.components:
            doc.text(f"{component.label} {component.text}", "List Bullet 2")
    _add_grading_note(doc, unit, heading=False)


def _add_grading_note(doc: WordBody, unit: Unit, *, heading: bool) -> None:
    if unit.grading is None or not unit.grading.note:
        return
    if heading:
        doc.heading("Grading", 1)
    for style, text in markdown_blocks(unit.grading.note):
        doc.text(text, style)


def _add_outcome(doc: WordBody, unit: Unit, view: OutcomeView, ids: ControlIds) -> None:
    outcome = view.outcome
    doc.heading(f"Learning outcome {outcome.number}: {outcome.text}", 1, page_break_before=True)
    if outcome.third_column and unit.third_column_heading:
        doc.heading(unit.third_column_heading, 3)
        for style, text in markdown_blocks(outcome.third_column):
            doc.text(text, style)
    if not view.portfolio:
        method = outcome.assessed_by_label.lower()
        doc.text(result_note(method))
        for criterion in view.criteria:
            doc.paragraph(run(criterion.number, bold=True) + run(f" {criterion.text}"), "List Paragraph")
            _add_bullets(doc, criterion.bullets)
        table = _table(doc, ("Result", method.capitalize()), caption=f"Learning outcome {outcome.number} result")
        for field in view.result:
            _field_row(table, field, ids)
        return
    for criterion in view.criteria:
        _add_criterion(doc, unit, criterion, ids)
    for item in view.grading:
        doc.text(item.kicker, "Subtitle", keep_next=True)
        doc.heading(f"{item.label} {item.text}", 2, keep_next=True)
        _add_bullets(doc, item.bullets)
        _item_table(doc, item, ids)


def _add_criterion(doc: WordBody, unit: Unit, criterion: CriterionView, ids: ControlIds) -> None:
    doc.heading(f"{criterion.number} {criterion.text}", 2, keep_next=True)
    _add_bullets(doc, criterion.bullets)
    if criterion.content and unit.criterion_content_heading:
        doc.heading(unit.criterion_content_heading, 3)
        for style, text in markdown_blocks(criterion.content):
            doc.text(text, style)
    for item in criterion.items:
        if criterion.has_parts:
            doc.heading(f"{item.label} {item.text}", 3, keep_next=True)
            _add_bullets(doc, item.bullets)
        _item_table(doc, item, ids)


def _add_bullets(doc: WordBody, bullets: Sequence[str]) -> None:
    for bullet in bullets:
        doc.text(bullet, "List Bullet", keep_next=True)


def _item_table(doc: WordBody, item: ItemView, ids: ControlIds) -> None:
    """A criterion's (or lettered part's) box, kept on one page with its assessor's rows."""
    table = _table(doc, (f"Criterion {item.label}", item.text), caption=f"Criterion {item.label}")
    table.keep_together = True
    fields = item.fields
    _field_row(table, fields.response, ids, min_height=RESPONSE_HEIGHT)
    _field_row(table, fields.evidence_reference, ids)
    _field_row(table, fields.decision, ids)
    _field_row(table, fields.feedback, ids, min_height=FEEDBACK_HEIGHT)
    _field_row(table, fields.date, ids)


def _centre_paragraph(doc: WordBody, centre: Centre) -> None:
    runs = []
    if centre.name:
        runs.append((centre.name, True))
    runs.extend((line, False) for line in centre.details)
    last = len(runs) - 1
    doc.paragraph("".join(run(text, bold=bold, break_after=index < last) for index, (text, bold) in enumerate(runs)))


def _table(doc: WordBody, header: tuple[str, str], *, caption: str) -> Table:
    """A two-column table with a bold header row that repeats on every page it spans."""
    return doc.table(COLUMN_WIDTHS, caption=caption, header=header)


def _row(table: Table, label: str, value: str, *, control: str = "", min_height: int | None = None) -> None:
    entry = (run(value) if value else "") + control
    table.add_row([[run(label, bold=True)], [entry]], min_height=min_height)


def _field_table(doc: WordBody, fields: Sequence[FormField], ids: ControlIds, *, caption: str) -> None:
    table = _table(doc, ("Detail", "Entry"), caption=caption)
    for field in fields:
        _field_row(table, field, ids, min_height=MULTILINE_HEIGHT if field.multiline else None)


def _field_row(table: Table, field: FormField, ids: ControlIds, *, min_height: int | None = None) -> None:
    if field.choices:
        control = choice_control(ids, tag=field.name, alias=field.label, choices=field.choices)
    elif field.kind == "date":
        control = date_control(ids, tag=field.name, alias=field.label)
    else:
        control = text_control(ids, tag=field.name, alias=field.label, value=field.value)
    _row(table, field.row_label, "", control=control, min_height=min_height)
