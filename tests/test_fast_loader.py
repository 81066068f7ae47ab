"""The loader's libyaml-composed fast path gives exactly what the reference path gives.

Every document here is fictional and made up for the tests.
"""

from __future__ import annotations

import time

import pytest

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


def test_valid_file_takes_the_c_composer_and_matches_the_reference() -> None:
    fast = loader._parse_fast(VALID, DISPLAY)
    reference = parse_document(VALID, DISPLAY, fast=False)
    assert (fast.data, fast.positions) == (reference.data, reference.positions)
    assert fast.data["code"] == "NO" and fast.data["number"] == "1.10" and fast.data["count"] == 7


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
    ],
)
def test_fallbacks_match_the_reference(text: str) -> None:
    assert _outcome(text, fast=True) == _outcome(text, fast=False)


def test_ampersands_inside_words_take_the_c_composer() -> None:
    text = "url: http://example.invalid/?p=1&q=2\nnote: fish & chips\n"
    assert loader._parse_fast(text, DISPLAY).data == parse_document(text, DISPLAY, fast=False).data


def test_builder_stops_at_a_node_reached_twice() -> None:
    # Bypass the '&'/'*' pre-check to give the builder an alias composed by libyaml.
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
    )
    node = loader._CComposer(laughs).get_single_node()
    builder = loader._Builder(DISPLAY, limits=True)
    start = time.process_time()
    with pytest.raises(loader._Fallback):
        builder.build(node, ())
    assert time.process_time() - start < 0.5
    assert len(builder.seen) < 100
