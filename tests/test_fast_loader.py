"""The loader's libyaml-composed fast path gives exactly what the reference path gives.

A file the fast path reads has no positions until an error asks for one
(``known_positions`` stays ``None``); those positions, worked out then, must be the
reference's too. Every document here is fictional and made up for the tests.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content import loader
from generator.content.loader import parse_document
from generator.errors import ContentErrors

DISPLAY = "units/fictional.yml"

VALID = """\
id: fict-1
title: "Fictional: a unit for tests"
level: 2
code: NO
number: 1.10
count: +7
big: 0x1F
quoted_empty: ""
on_date: 2024-01-02
items: [a, 'b', {c: d}]
nested:
  - - deep
    - true
"""


def _outcome(text: str, *, fast: bool) -> object:
    try:
        document = parse_document(text, DISPLAY, fast=fast)
    except ContentErrors as errors:
        return [str(error) for error in errors.errors]
    return document.data, document.positions


#: Realistic text: emphasis, ampersands, exclamation marks and comments holding them, an
#: empty value. None of it is an anchor, alias or tag.
ORDINARY = """\
# Fictional unit: *not* a real one & made up for tests!
id: fict-2
title: 'Health & safety: *describe* the risks'
purpose: |
  Candidates must **describe** the *main* hazards & controls.
  - a list item with *emphasis*
guidance: Candidates must *explain* how to stay safe & well!  # a comment with *stars* & &amp
note: "**Bold** text, an *alias-like* word and a !bang"
empty:
url: https://example.invalid/?a=1&b=2#frag*x
items:
  - *emphasis* is not an alias here? no: quoted below
"""


def test_valid_file_takes_the_c_composer_and_matches_the_reference() -> None:
    fast = parse_document(VALID, DISPLAY)
    assert fast.known_positions is None
    reference = parse_document(VALID, DISPLAY, fast=False)
    assert (fast.data, fast.positions) == (reference.data, reference.positions)
    assert fast.data["code"] == "NO" and fast.data["number"] == "1.10" and fast.data["count"] == 7


@pytest.mark.parametrize(
    "text",
    [
        ORDINARY.replace("  - *emphasis* is not an alias here? no: quoted below", "  - '*emphasis* in quotes'"),
        "a: 'Candidates must *describe* health & safety'\n",
        'a: "*Admin Guide*"\nb: x*y & z!\n',
        "a: |\n  **bold** and *em*\n  &amp; !important\nb: 1\n",
        "a: >\n  folded *em*\n\nb: 2\n",
        "# *comment* &x !t\na: 1  # *c* &d !e\n",
        "a: x #*y\n",
        "a: x#*y\n",
        "a:\nb: 1\n",
        "a: [x*, '*y', \"&z\"]\n",
        "a: 'it''s *fine*'\n",
        "a: multi\n  line *plain*\n  text & more\n",
        "a: 'x'\r\nb: '*y'\r\n",
        "a: text\n  *more\n",
        "a: text\n  &more x\n",
        "a: text\n  !more\n",
        "a: [x\n  *y]\n",
        'a: "q\n  *x"\n',
    ],
)
def test_ordinary_text_takes_the_c_composer_and_matches_the_reference(text: str) -> None:
    fast = parse_document(text, DISPLAY)
    assert fast.known_positions is None
    reference = parse_document(text, DISPLAY, fast=False)
    assert (fast.data, fast.positions) == (reference.data, reference.positions)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: 2\n",  # an anchor never used
        "a: [&x 1, *x]\n",
        "a: {b: &x 1, c:*x}\n",
        'a: "q"&x 1\n',
        "a: x & y\nb: http://example.invalid/?p=1&q=2\nc: '*emphasis*'\n",
        "a: 1&x\n",
        "a:\nb: 1\n",  # an empty plain value
        "---\n",
        "? b\n",
        "a: ! x\n",
        "- &x\n- *x\n",
        "a: &x [1]\nb: *x\n",
        "a: 1\na: 2\n",
        "a: !!python/object x\n",
        "- 1\n",
        "",
        "a: [\n",
        "[" * 100_000 + "]" * 100_000,  # libyaml's composer would overflow the C stack
        "- " * 100_000 + "a\n",
        "a:\n" + "".join(f"  k{i}: {i}\n" for i in range(25_000)),
        "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(40)) + "  " * 40 + "x\n",
        # Anchors, aliases and tags beside ordinary text with the same characters.
        "a: '*x*'\nb: &y 1\n",
        "a: '*x*'\nb: &y 1\nc: *y\n",
        "a: |\n  *x*\nb: !!str 1\n",
        "a: |\n  *x*\nb: &x |\n  y\n",
        "# *c*\na: &x 1\n",
        "a: &x 1 # *y*\n",
        "a: 1 # c\nb: *x\n",
        "a: x # c\n&k b: 1\n",
        "a: 'x' #c\rb: &y 1\n",
        "a: x\u2028&y b\n",
        "a: ! '*x'\n",
        "a: !!binary aGk=\n",
        "%TAG !e! tag:example.invalid,2024:\n---\na: !e!x '*y'\n",
        "\ufeffa: '*x'\n",
        "a: 'tab\there *x*'\n",
        "a: '*x'\na: 2\n",
        "{a: '*x', b: [&y 1, *y]}\n",
        "- '*x'\n",
    ],
)
def test_fallbacks_match_the_reference(text: str) -> None:
    assert _outcome(text, fast=True) == _outcome(text, fast=False)


def test_anchors_beside_ordinary_text_are_left_to_the_reference() -> None:
    for text in ("a: '*x*'\nb: &y 1\n", "a: &x 1 # *y*\n", "x: 1\n&k b: 1\n"):
        with pytest.raises(ContentErrors, match="anchors and aliases"):
            parse_document(text, DISPLAY)
    with pytest.raises(ContentErrors, match="tag '!!binary' is not allowed"):
        parse_document("a: |\n  *x*\nb: !!binary aGk=\n", DISPLAY)
    assert parse_document("a: '*x*'\nb: !!str 1\n", DISPLAY).known_positions is not None


#: Pieces of small documents: ordinary text holding ``*``, ``&``, ``!`` and ``#`` beside
#: real anchors, aliases, tags and comments, in block and flow layouts.
_WORDS = st.sampled_from(["x", "*em*", "**b**", "&", "&amp", "a&b", "!", "x!", "#", "# c", "*y", "1", "", "-"])
_VALUES = st.one_of(
    st.lists(_WORDS, min_size=1, max_size=3).map(" ".join),
    st.lists(_WORDS, max_size=3).map(lambda words: "'" + " ".join(words).replace("'", "''") + "'"),
    st.lists(_WORDS, max_size=3).map(lambda words: '"' + " ".join(words) + '"'),
    st.sampled_from(["&a 1", "*a", "&b [1]", "!!str x", "! x", "[*a]", "{k: *a}", "|", "[x, '*y']", "~", "true"]),
    st.lists(_WORDS, min_size=2, max_size=3).map(lambda words: f"{words[0]}\n  {' '.join(words[1:])}"),
)
_COMMENTS = st.sampled_from(["", " # *c*", " #&d", " # !e", "#*f"])


@st.composite
def _small_documents(draw: st.DrawFn) -> str:
    lines = []
    for index in range(draw(st.integers(1, 5))):
        value = draw(_VALUES)
        if value == "|":
            value += "\n  " + " ".join(draw(st.lists(_WORDS, min_size=1, max_size=3)))
        lines.append(f"k{index}: {value}{draw(_COMMENTS)}")
        if draw(st.booleans()):
            lines.append(draw(_COMMENTS).lstrip())
    return "\n".join(lines) + "\n"


@given(_small_documents())
def test_small_documents_read_the_same_by_both_paths(text: str) -> None:
    assert _outcome(text, fast=True) == _outcome(text, fast=False)


def test_ampersands_inside_words_take_the_c_composer() -> None:
    text = "url: http://example.invalid/?p=1&q=2\nnote: fish & chips\n"
    document = parse_document(text, DISPLAY)
    assert document.known_positions is None
    assert document.data == parse_document(text, DISPLAY, fast=False).data


def test_positions_are_worked_out_only_for_an_error() -> None:
    document = parse_document("id: x\ntitle: 'A *fictional* unit'\n", DISPLAY)
    assert document.known_positions is None
    assert str(document.error(("title",), "a message")) == f"{DISPLAY}:2:8: title: a message"
    assert document.known_positions is not None


def test_builders_stop_at_a_node_reached_twice() -> None:
    # Bypass the '&'/'*' checks to give the builders an alias composed by libyaml.
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
    )
    composer = loader._CComposer(laughs)
    node = composer.get_single_node()
    builder = loader._Builder(DISPLAY, limits=True)
    start = time.process_time()
    with pytest.raises(loader._Fallback):
        builder.build(node, ())
    assert time.process_time() - start < 0.5
    assert len(builder.seen) < 100
    data_builder = loader._DataBuilder(composer.nodes, spans=False)
    with pytest.raises(loader._Fallback):
        data_builder.build(node, 0)
    assert data_builder.visits == composer.nodes + 1 < 200


def test_c_composer_stops_at_the_limits() -> None:
    composer = loader._CComposer("[" * 900 + "]" * 900)
    with pytest.raises(loader._Fallback):
        composer.get_single_node()
    assert composer.depth == loader.MAX_DEPTH + 1
    composer = loader._CComposer("[" + "x, " * 100_000 + "]")
    with pytest.raises(loader._Fallback):
        composer.get_single_node()
    assert composer.nodes == loader.MAX_NODES + 1
