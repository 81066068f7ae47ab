"""Word content controls (``w:sdt``), which python-docx does not provide, as small OOXML helpers.

Each control carries a unique ``w:tag`` (the field's name, the same as in the PDF) and a
``w:alias`` (its label: the title Word shows on the control and screen readers announce).
Ids are numbered in document order, so the XML is the same on every build.

```python
ids = ControlIds()
add_text_control(paragraph, ids, tag="candidate_name", alias="Candidate name")
add_choice_control(paragraph, ids, tag="ac_1_1_decision", alias="1.1 Assessor decision",
                   choices=[("met", "Met"), ("not_yet_met", "Not yet met")])
```
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

PLACEHOLDER_STYLE = "PlaceholderText"


class ControlIds:
    """Sequential ``w:id`` values for the controls of one document."""

    def __init__(self, start: int = 1000) -> None:
        self._next = start

    def take(self) -> int:
        """The next unused id."""
        self._next += 1
        return self._next


def _control(ids: ControlIds, *, tag: str, alias: str, kind_xml: str, placeholder: str) -> str:
    return (
        f"<w:sdt {nsdecls('w')}>"
        "<w:sdtPr>"
        f"<w:alias w:val={quoteattr(alias)}/>"
        f"<w:tag w:val={quoteattr(tag)}/>"
        f'<w:id w:val="{ids.take()}"/>'
        "<w:showingPlcHdr/>"
        f"{kind_xml}"
        "</w:sdtPr>"
        "<w:sdtContent>"
        f'<w:r><w:rPr><w:rStyle w:val="{PLACEHOLDER_STYLE}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(placeholder)}</w:t></w:r>'
        "</w:sdtContent>"
        "</w:sdt>"
    )


def _append(paragraph: Paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def add_text_control(
    paragraph: Paragraph,
    ids: ControlIds,
    *,
    tag: str,
    alias: str,
    placeholder: str = "Click or tap to enter text.",
    rich: bool = False,
) -> None:
    """A text box in ``paragraph``: plain text (one line), or rich text when ``rich``."""
    _append(
        paragraph, _control(ids, tag=tag, alias=alias, kind_xml="" if rich else "<w:text/>", placeholder=placeholder)
    )


def add_choice_control(
    paragraph: Paragraph,
    ids: ControlIds,
    *,
    tag: str,
    alias: str,
    choices: Sequence[tuple[str, str]],
    placeholder: str = "Choose an item.",
) -> None:
    """A drop-down list of ``choices`` given as (value, label)."""
    items = "".join(
        f"<w:listItem w:displayText={quoteattr(label)} w:value={quoteattr(value)}/>" for value, label in choices
    )
    _append(
        paragraph,
        _control(
            ids, tag=tag, alias=alias, kind_xml=f"<w:dropDownList>{items}</w:dropDownList>", placeholder=placeholder
        ),
    )


def add_date_control(
    paragraph: Paragraph,
    ids: ControlIds,
    *,
    tag: str,
    alias: str,
    placeholder: str = "Click or tap to enter a date.",
) -> None:
    """A date picker showing dates as 31/12/2025."""
    kind = (
        '<w:date><w:dateFormat w:val="dd/MM/yyyy"/><w:lid w:val="en-GB"/>'
        '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
    )
    _append(paragraph, _control(ids, tag=tag, alias=alias, kind_xml=kind, placeholder=placeholder))


def add_page_field(paragraph: Paragraph, instruction: str, shown: str = "1") -> None:
    """A Word field such as ``PAGE`` or ``NUMPAGES`` (updated by Word when the page is laid out)."""
    for xml in (
        '<w:r {}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {{}}><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>',
        '<w:r {}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {{}}><w:t>{escape(shown)}</w:t></w:r>",
        '<w:r {}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        _append(paragraph, xml.format(nsdecls("w")))
