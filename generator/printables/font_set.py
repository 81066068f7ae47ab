"""The fonts every PDF may use: the bundled Open Sans and named Debian fallback packages.

Typst (:mod:`.typst_engine`) reads its fonts from here: the bundled files of :data:`FONTS_DIR`
and :func:`fallback_font_files`. A character Open Sans lacks comes from the Noto fonts of
:data:`FONT_PACKAGES` (Symbola for emoji), in the order of :data:`FALLBACK_FAMILIES`; no other font
of the machine can reach a PDF, so output does not depend on it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .cache import input_key

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
#: The family name of the bundled faces, first in :data:`FALLBACK_FAMILIES`.
FONT_FAMILY = "Open Sans"
#: (weight, style, file) of each bundled face.
FONT_FACES: tuple[tuple[str, str, str], ...] = (
    ("normal", "normal", "OpenSans-Regular.ttf"),
    ("bold", "normal", "OpenSans-Bold.ttf"),
    ("normal", "italic", "OpenSans-Italic.ttf"),
)

#: Debian packages of the fallback fonts, the folders they install, and the scripts they add.
FONT_PACKAGES: tuple[tuple[str, Path, str], ...] = (
    (
        "fonts-noto-core",
        Path("/usr/share/fonts/truetype/noto"),
        "Greek, Cyrillic and Latin Extended beyond Open Sans, Arabic and Urdu, Hebrew, "
        "Devanagari, Gujarati, Bengali, Gurmukhi, symbols",
    ),
    ("fonts-noto-cjk", Path("/usr/share/fonts/opentype/noto"), "Chinese, Japanese, Korean"),
    ("fonts-symbola", Path("/usr/share/fonts/truetype/ancient-scripts"), "emoji (black and white)"),
)
_FONT_FILES = {
    "fonts-noto-core": "NotoSans-Regular.ttf",
    "fonts-noto-cjk": "NotoSansCJK-Regular.ttc",
    "fonts-symbola": "Symbola_hint.ttf",
}


class MissingFonts(RuntimeError):
    """A fallback font package is not installed; PDFs would lose characters or differ by machine."""


def missing_font_packages() -> list[str]:
    """The Debian font packages of :data:`FONT_PACKAGES` that are not installed."""
    return [name for name, folder, _ in FONT_PACKAGES if not (folder / _FONT_FILES[name]).is_file()]


def require_fonts() -> None:
    """Raise :class:`MissingFonts`, naming the packages to install, unless every fallback font is there."""
    missing = missing_font_packages()
    if missing:
        raise MissingFonts(
            f"printables need the Debian font packages {', '.join(missing)} "
            "(run .ci/setup, or: apt-get install " + " ".join(missing) + ")"
        )


@functools.cache
def fonts_digest() -> str:
    """A hash of the bundled font files, the fallback order and refusals, and the fallback fonts, for cache keys.

    The fallback fonts (over 100 MB) are keyed by name, size and modification time: an
    upgraded package changes the key.
    """
    fallback = sorted(
        f"{path.name}:{path.stat().st_size}:{path.stat().st_mtime_ns}"
        for folder in {folder for _, folder, _ in FONT_PACKAGES}
        if folder.is_dir()
        for path in folder.iterdir()
        if path.is_file()
    )
    choices = repr((FALLBACK_FAMILIES, _REFUSED, _ONLY_FROM_FOLDER))
    return input_key(*((FONTS_DIR / name).read_bytes() for _, _, name in FONT_FACES), choices, *fallback)


#: The order fonts are tried in for each character.
FALLBACK_FAMILIES: tuple[str, ...] = (
    FONT_FAMILY,
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Nastaliq Urdu",
    "Noto Sans Hebrew",
    "Noto Sans CJK SC",
    "Noto Sans Devanagari",
    "Noto Sans Gujarati",
    "Noto Sans Bengali",
    "Noto Sans Gurmukhi",
    "Noto Sans Symbols",
    "Noto Sans Symbols2",
    "Noto Sans Math",
    "Symbola",
)
#: Font files of the package folders never used: colour emoji (drawn far too large in print;
#: black-and-white Symbola is used instead) and anything else of the ancient-scripts folder.
_REFUSED = ("NotoColorEmoji.ttf",)
_ONLY_FROM_FOLDER = {Path("/usr/share/fonts/truetype/ancient-scripts"): ("Symbola_hint.ttf",)}


def fallback_font_files() -> list[Path]:
    """Every fallback font file a PDF may use: the package folders' files, less those refused."""
    files = []
    for _, folder, _ in FONT_PACKAGES:
        if not folder.is_dir():
            continue
        only = _ONLY_FROM_FOLDER.get(folder)
        files.extend(
            path
            for path in sorted(folder.iterdir())
            if path.is_file() and path.name not in _REFUSED and (only is None or path.name in only)
        )
    return files
