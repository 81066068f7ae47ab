"""The plain-prose shortcut of the Markdown filter gives exactly what Python-Markdown gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.render import _markdown_converter, plain_prose_html, render_markdown

from .conftest import UNITS_DIR

#: Letters, spaces, line breaks and every ASCII punctuation mark Markdown might care about.
PROSE = st.text(alphabet=st.sampled_from(list("aZé 1.\n\n-+=#>!|~{}():;,'\"–“‘\u00a0\t*_`[]<>&\\")), max_size=60)


#: Only characters the shortcut accepts somewhere, so it is tried on most examples.
CANDIDATE = st.text(alphabet=st.sampled_from(list("aZé 1.\n\n-+=#>!|~{}():;,'\"–“‘\u00a0")), max_size=60)


def markdown_html(text: str) -> str:
    return _markdown_converter().reset().convert(text)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(PROSE, CANDIDATE))
def test_shortcut_matches_markdown_whenever_it_applies(text: str) -> None:
    text = text.strip()
    shortcut = plain_prose_html(text)
    if shortcut is not None:
        assert shortcut == markdown_html(text)


@given(st.lists(st.text(alphabet=st.sampled_from(list("abc xyz,.'")), min_size=1), min_size=1, max_size=4))
def test_shortcut_applies_to_plain_paragraphs(words: list[str]) -> None:
    paragraphs = [f"Word {w.strip()}." for w in words]
    text = "\n\n".join(paragraphs)
    assert plain_prose_html(text) == markdown_html(text)


def test_markdown_syntax_is_left_to_markdown() -> None:
    for text in ("Some *emphasis*", "- a list", "1. first", "# heading", "> quote", "a  \nbreak", "[a](b)", "A & B"):
        assert plain_prose_html(text) is None, text


def test_seed_prose_renders_the_same_either_way() -> None:
    import yaml

    def prose(value: object) -> list[str]:
        if isinstance(value, str):
            return [value.strip()]
        if isinstance(value, dict):
            return [t for v in value.values() for t in prose(v)]
        if isinstance(value, list):
            return [t for v in value for t in prose(v)]
        return []

    texts = [t for path in sorted(UNITS_DIR.glob("*.yml")) for t in prose(yaml.safe_load(path.read_text("utf-8")))]
    assert any(plain_prose_html(t) is not None for t in texts)
    for text in texts:
        shortcut = plain_prose_html(text)
        if shortcut is not None:
            assert shortcut == markdown_html(text)
        assert str(render_markdown(text))
