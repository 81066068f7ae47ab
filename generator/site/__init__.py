"""The site's pages: the template environment, generated pages, coverage matrices (no MkDocs)."""
