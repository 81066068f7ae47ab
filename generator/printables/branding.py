"""The centre whose name, logo and contact details every printable carries.

Set by the plugin's ``centre`` options (name and logo default to ``site_name`` and
``theme.logo``); the workbook covers, record sheet header, handbook cover and the Word and
Excel files' properties and headers read it from here.

```python
centre = Centre(name="Riverside College", logo=Path("docs/assets/logo.png"),
                address="1 Quay Street\\nRiverside RV1 1AA", contact="assessment@riverside.example",
                accent="#1F6F8B")
centre.digest()        # part of every printable's cache key: a new logo means a new render
centre.raster_logo()   # the logo bytes for Word and Excel (PNG, JPEG or GIF), else None
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .cache import input_key

#: ``#RGB`` or ``#RRGGBB``.
ACCENT_PATTERN = re.compile(r"#(?:[0-9A-Fa-f]{3}){1,2}")
#: Logo files Word and Excel can embed (python-docx and XlsxWriter read these); an SVG logo
#: appears on the PDFs only.
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")


@dataclass(frozen=True)
class Centre:
    """A training centre or awarding body publishing the handbook."""

    name: str = ""
    logo: Path | None = None
    """An image file (PNG, JPEG, GIF or SVG); absolute."""
    address: str = ""
    """Postal address, one line per line."""
    contact: str = ""
    """Telephone, email or web address, as the centre wants it printed."""
    accent: str | None = None
    """A colour (``#1F6F8B``) for rules and borders; never for text, so contrast stays with the text colours."""

    @property
    def address_lines(self) -> list[str]:
        """The address, one entry a line, blank lines dropped."""
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def details(self) -> list[str]:
        """Address lines, then the contact line: what a print shows under the centre's name."""
        return [*self.address_lines, *([self.contact.strip()] if self.contact.strip() else [])]

    @property
    def logo_uri(self) -> str | None:
        """The logo as a ``file:`` URL for the PDF engine, or ``None``."""
        return self.logo.as_uri() if self.logo is not None else None

    def raster_logo(self) -> bytes | None:
        """The logo's bytes when Word and Excel can embed it (PNG, JPEG, GIF), else ``None``."""
        if self.logo is None or self.logo.suffix.lower() not in RASTER_SUFFIXES:
            return None
        return self.logo.read_bytes()

    def print_data(self) -> dict[str, object]:
        """What the Typst print templates show of the centre (``centre-block`` in ``print/common.typ``)."""
        return {
            "name": self.name,
            "logo": str(self.logo) if self.logo is not None else None,
            "logo_alt": f"{self.name} logo" if self.name else "Centre logo",
            "details": self.details,
            "accent": self.accent,
        }

    def digest(self) -> str:
        """A hash of everything printed from the centre, the logo's bytes included, for cache keys."""
        logo = self.logo.read_bytes() if self.logo is not None else b""
        return input_key(self.name, self.address, self.contact, self.accent or "", logo)


#: No centre named: the defaults of every renderer, so a print made outside a project is plain.
NO_CENTRE = Centre()
