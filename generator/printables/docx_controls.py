"""Word content controls (``w:sdt``), which python-docx does not provide, as small OOXML writers.

Each control carries a unique ``w:tag`` (the field's name, the same as in the PDF) and a
``w:alias`` (its label: the title Word shows on the control and screen readers announce).
Ids are numbered in document order, so the XML is the same on every build.

The controls are written so that they open the same in LibreOffice as in Word:

- Text boxes are *rich text* controls (no ``w:text``). LibreOffice (7.4 and later) imports
  rich text, drop-down and date controls as its own content controls, keeping the
  placeholder run and its style; a *plain text* control (``w:text``) becomes an old input
  field (up to 7.4), which loses the label and prints its prompt in black.
- The prompt names the field (``Candidate name: click or tap to enter text.``), so the
  label survives where a reader shows no ``w:alias`` (LibreOffice before 7.5).
- The prompt run has the ``PlaceholderText`` character style (grey), which both keep.
  There is no ``w:placeholder``/``w:docPart``: it would point into a glossary part that
  python-docx cannot write, and Word falls back to the run's own text without it.

The controls are XML strings for a paragraph's content (see ``docx_writer``):

```python
ids = ControlIds()
text_control(ids, tag="candidate_name", alias="Candidate name")
# '<w:sdt>...<w:t xml:space="preserve">Candidate name: click or tap to enter text.</w:t>...</w:sdt>'
choice_control(ids, tag="ac_1_1_decision", alias="1.1 Assessor decision",
               choices=[("met", "Met"), ("not_yet_met", "Not yet met")])
```
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from .docx_writer import attribute
from .docx_writer import text as escape_text

PLACEHOLDER_STYLE = "PlaceholderText"
TEXT_PROMPT = "click or tap to enter text."
CHOICE_PROMPT = "choose an item."
DATE_PROMPT = "click or tap to enter a date."


def prompt(alias: str, action: str) -> str:
    """The placeholder of a control: its label, then what to do (``Candidate name: choose an item.``)."""
    return f"{alias}: {action}"


class ControlIds:
    """Sequential ``w:id`` values for the controls of one document."""

    def __init__(self, start: int = 1000) -> None:
        self._next = start

    def take(self) -> int:
        """The next unused id."""
        self._next += 1
        return self._next


def _control(ids: ControlIds, *, tag: str, alias: str, kind_xml: str, text: str, filled: bool = False) -> str:
    """The control's XML: showing ``text`` as a grey prompt, or as its content when ``filled``."""
    style = "" if filled else f'<w:rPr><w:rStyle w:val="{PLACEHOLDER_STYLE}"/></w:rPr>'
    return (
        "<w:sdt>"
        "<w:sdtPr>"
        f'<w:alias w:val="{attribute(alias)}"/>'
        f'<w:tag w:val="{attribute(tag)}"/>'
        f'<w:id w:val="{ids.take()}"/>'
        f"{'' if filled else '<w:showingPlcHdr/>'}"
        f"{kind_xml}"
        "</w:sdtPr>"
        "<w:sdtContent>"
        f"<w:r>{style}"
        f'<w:t xml:space="preserve">{escape_text(text)}</w:t></w:r>'
        "</w:sdtContent>"
        "</w:sdt>"
    )


def text_control(
    ids: ControlIds,
    *,
    tag: str,
    alias: str,
    placeholder: str | None = None,
    value: str = "",
) -> str:
    """A text box (a rich text control: see the module notes on LibreOffice), as XML for a paragraph.

    With ``value`` the box is filled in (plain text, no prompt) and stays editable.
    """
    if value:
        return _control(ids, tag=tag, alias=alias, kind_xml="", text=value, filled=True)
    return _control(ids, tag=tag, alias=alias, kind_xml="", text=placeholder or prompt(alias, TEXT_PROMPT))


def choice_control(
    ids: ControlIds,
    *,
    tag: str,
    alias: str,
    choices: Sequence[tuple[str, str]],
    placeholder: str | None = None,
) -> str:
    """A drop-down list of ``choices`` given as (value, label), as XML for a paragraph."""
    items = "".join(
        f'<w:listItem w:displayText="{attribute(label)}" w:value="{attribute(value)}"/>' for value, label in choices
    )
    return _control(
        ids,
        tag=tag,
        alias=alias,
        kind_xml=f"<w:dropDownList>{items}</w:dropDownList>",
        text=placeholder or prompt(alias, CHOICE_PROMPT),
    )


def date_control(
    ids: ControlIds,
    *,
    tag: str,
    alias: str,
    placeholder: str | None = None,
) -> str:
    """A date picker showing dates as 31/12/2025, as XML for a paragraph."""
    return _control(ids, tag=tag, alias=alias, kind_xml=_DATE_KIND, text=placeholder or prompt(alias, DATE_PROMPT))


_DATE_KIND = (
    '<w:date><w:dateFormat w:val="dd/MM/yyyy"/><w:lid w:val="en-GB"/>'
    '<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>'
)


def add_page_field(paragraph: Paragraph, instruction: str, shown: str = "1") -> None:
    """A Word field such as ``PAGE`` or ``NUMPAGES`` (updated by Word when the page is laid out)."""
    for xml in (
        '<w:r {}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {{}}><w:instrText xml:space="preserve"> {escape_text(instruction)} </w:instrText></w:r>',
        '<w:r {}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {{}}><w:t>{escape_text(shown)}</w:t></w:r>",
        '<w:r {}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml.format(nsdecls("w"))))
