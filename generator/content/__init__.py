"""Content: the unit and qualification models, the loader, the catalogue and its checks (no MkDocs)."""
