"""Printables: every unit's candidate workbook (PDF, DOCX), evidence record sheet (PDF) and tracker (XLSX).

One module per output (``workbook_pdf``, ``workbook_docx``, ``record_sheet_pdf``,
``tracker_xlsx``), all fed by ``layout`` (fields, facts, grid parts) and ``wording``; PDFs go
through ``engine.render_pdf`` (bundled fonts, deterministic); ``cache`` keeps rendered files
by a hash of their inputs; ``pipeline.build_printables`` plans, reuses and renders in
parallel. Nothing here imports MkDocs: the plugin calls ``build_printables``.
"""
