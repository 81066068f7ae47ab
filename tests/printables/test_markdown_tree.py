"""Unit prose as the JSON tree the Typst templates render: the site's sanitising, then plain nodes."""

from __future__ import annotations

from generator.printables.markdown_tree import markdown_tree


def test_paragraphs_emphasis_links_and_lists() -> None:
    tree = markdown_tree(
        "Some *emphasis*, **strong** and [a link](https://example.org).\n\n- one\n- two\n\n3. three\n4. four"
    )
    assert tree == [
        {
            "t": "p",
            "c": [
                "Some ",
                {"t": "em", "c": ["emphasis"]},
                ", ",
                {"t": "strong", "c": ["strong"]},
                " and ",
                {"t": "a", "c": ["a link"], "href": "https://example.org"},
                ".",
            ],
        },
        {"t": "ul", "c": [{"t": "li", "c": ["one"]}, {"t": "li", "c": ["two"]}]},
        {"t": "ol", "c": [{"t": "li", "c": ["three"]}, {"t": "li", "c": ["four"]}], "start": 3},
    ]


def test_raw_html_and_typst_markup_stay_text() -> None:
    text = '<script>alert(1)</script> #set page(fill: red) $x$ ] \\ <b onmouseover="x">b</b>'
    (paragraph,) = markdown_tree(text)
    assert paragraph["t"] == "p"
    assert "".join(paragraph["c"]) == '<script>alert(1)</script> #set page(fill: red) $x$ ] \\ <b onmouseover="x">b</b>'


def test_unsafe_links_lose_their_address() -> None:
    (paragraph,) = markdown_tree("[click](javascript:alert(1)) and [mail](mailto:a@example.org)")
    links = [node for node in paragraph["c"] if isinstance(node, dict)]
    assert [link.get("href") for link in links] == [None, "mailto:a@example.org"]


def test_code_keeps_its_spaces_and_nothing_is_empty() -> None:
    assert markdown_tree("    two  spaces\n") == [{"t": "pre", "c": [{"t": "code", "c": ["two  spaces\n"]}]}]
    assert markdown_tree("") == markdown_tree(None) == []
