"""Printables: every unit's candidate workbook (PDF, DOCX), evidence record sheet (PDF) and tracker (XLSX).

One module per output (``workbook_pdf``, ``workbook_docx``, ``record_sheet_pdf``,
``tracker_xlsx``, and ``handbook_pdf`` per qualification), all fed by ``layout`` (fields, facts,
grid parts) and ``wording``; the three PDFs (workbook, record sheet, handbook) are laid
out by ``typst_engine.compile_pdf`` (Typst) with the fonts of ``font_set`` only,
deterministic, and the workbook gets its form fields from ``pdf_forms`` (which reads and
writes the PDF itself); ``cache`` keeps rendered files by a hash of their inputs;
``pipeline.build_printables`` plans, reuses and renders in parallel. Nothing here imports
MkDocs: the plugin calls ``build_printables``.
"""
