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


#: Blocks of plain paragraphs and "- item" lists, the shapes the shortcut takes, with near misses.
LINE = st.text(alphabet=st.sampled_from(list("aZé 1.-+#>:,'\"(\u2018")), min_size=1, max_size=12)
BLOCK = st.one_of(
    st.lists(LINE, min_size=1, max_size=3).map("\n".join),
    st.lists(LINE, min_size=1, max_size=4).map(lambda items: "\n".join("- " + item for item in items)),
)
SEPARATOR = st.sampled_from(["\n\n", "\n\n\n", "\n"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(BLOCK, SEPARATOR), min_size=1, max_size=4), st.sampled_from(["", "\n", "\n\n"]))
def test_shortcut_matches_markdown_on_paragraphs_and_lists(blocks: list[tuple[str, str]], end: str) -> None:
    text = "".join(block + separator for block, separator in blocks[:-1]) + blocks[-1][0] + end
    shortcut = plain_prose_html(text)
    if shortcut is not None:
        assert shortcut == markdown_html(text)


def test_shortcut_applies_to_simple_lists() -> None:
    text = 'This may include:\n\n- Agreeing roles\n- "Quoted" words, and (brackets)\n\nThen a paragraph.\n'
    assert plain_prose_html(text) == markdown_html(text)
    assert "<li>Agreeing roles</li>" in markdown_html(text)


def test_markdown_syntax_is_left_to_markdown() -> None:
    for text in ("Some *emphasis*", "A & B", "+ a list", "- a\n\n- loose list", "Intro:\n- no blank line", "1. first"):
        assert plain_prose_html(text) is None, text
    for text in ("- a\ncontinued", "- - nested", "-  indented", "# heading", "> quote", "a  \nbreak", "[a](b)"):
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
