"""Open data exports: the catalogue and each qualification in formats other systems import.

One module per format, plus a small shared part:

- :mod:`.unit_json`: ``exports/units/<id>.json``, ``exports/units.json`` and their schemas;
- :mod:`.case`: CASE 1.1 packages, ``exports/case/<qualification>.json`` and ``catalogue.json``
  (:mod:`.case_reader` reads them back into units);
- :mod:`.moodle`: Moodle competency frameworks, ``exports/moodle/<qualification>.csv``;
- :mod:`.criteria_sheet`: ``exports/criteria/<qualification>.csv`` and ``.xlsx``;
- shared: :mod:`.identifiers` (UUID v5 identifiers, absolute addresses), :mod:`.writing`
  (JSON and CSV bytes, neutralised cells, writing to a folder), :mod:`.unit_facts` (codes),
  :mod:`.export_cache` (files kept between builds, keyed by their inputs);
- :mod:`.site_exports`: all of them in one call, for the build and ``handbook export``.

Nothing here imports MkDocs.
"""
