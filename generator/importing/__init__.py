"""Import: from an awarding body's unit document to a checked draft unit file.

The stages, one module each, in the order a document travels through them:

1. ``sources``: read a file (plain text, HTML, DOCX or PDF) into :class:`~.document.Block` rows;
   each format's reader lives in its own ``read_*`` module.
2. ``cleaning``: repair conversion debris in each line (tags, entities, mangled bullets, missing spaces).
3. ``layout``: split the rows into sections by their headings and name the layout.
4. ``facts``, ``outcomes`` (with ``untangle`` for columns run together) and ``sections``: the unit's data.
5. ``writing``: the draft as YAML with ``# CHECK:`` comments, checked with the real loader, then written.

``handbook import`` calls :func:`~.run.import_sources`.
"""
