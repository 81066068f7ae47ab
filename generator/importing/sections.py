"""The unit's prose sections as Markdown, and the structured parts inside them.

Purpose, assessment, guidance, resources and additional information are kept as the
document words them, rejoined where a PDF copy wrapped their lines. Evidence methods, the
NOS mapping and the functional skills grid are read into their fields where the wording
is one awarding bodies use; anything else stays prose.
"""

from __future__ import annotations

import re

from .cell_lines import join_wrapped
from .cleaning import split_bullet
from .document import Block, Para
from .draft import Draft
from .layout import Layout
from .outcomes import is_page_furniture
from .reading_list import looks_like_reference, read_reading_list


def block_paragraphs(blocks: list[Block]) -> list[Para]:
    """The paragraphs of a run of rows; blank rows separate paragraphs, wrapped lines are rejoined."""
    paras: list[Para] = []
    run: list[str] = []

    def flush() -> None:
        paras.extend(join_wrapped(run, width=max((len(line) for line in run), default=0)))
        run.clear()

    after_blank = False
    for block in blocks:
        if block.blank:
            flush()
            after_blank = True
            continue
        if is_page_furniture(block.text):
            continue
        if len(block.cells) > 1:
            flush()
            paras.append(Para(" ".join(p.text for cell in block.cells for p in cell)))
            continue
        if block.whole:
            flush()
            paras.extend(block.cells[0])
            continue
        for para in block.cells[0]:
            if para.bullet:
                flush()
                paras.append(para)
            elif (
                paras
                and paras[-1].bullet
                and not run
                and not after_blank
                and not re.search(r"[.:;!?]$", paras[-1].text)
            ):
                paras[-1] = Para(f"{paras[-1].text} {para.text}", paras[-1].bullet)  # a wrapped list item
            else:
                run.append(para.text)
        after_blank = False
    flush()
    return paras


def markdown(paras: list[Para]) -> str | None:
    """Paragraphs and list items as Markdown: items of one list on consecutive lines."""
    lines: list[str] = []
    for para in paras:
        if para.bullet:
            if lines and not lines[-1].lstrip().startswith("- "):
                lines.append("")
            lines.append("    " * (para.bullet - 1) + "- " + para.text)
        else:
            if lines:
                lines.append("")
            lines.append(para.text)
    text = "\n".join(lines).strip()
    return text + "\n" if text else None


def read_sections(layout: Layout, draft: Draft) -> None:
    """Purpose, assessment, evidence, guidance, NOS, functional skills, resources, additional information."""
    for name, key in (("purpose", "purpose"), ("assessment", "assessment"), ("additional", "additional_information")):
        text = markdown(block_paragraphs(layout.named(name)))
        if text:
            draft.put((key,), text)
    if draft.get(("purpose",)) is None:
        _purpose_without_heading(layout, draft)
    _read_evidence(layout.named("evidence"), draft)
    guidance = markdown(block_paragraphs(layout.named("guidance")))
    if guidance:
        draft.put(("guidance",), guidance)
    _read_resources(layout.named("resources"), draft)
    _read_nos(layout.named("nos"), draft)
    _read_functional_skills(layout.named("functional_skills"), draft)


def _purpose_without_heading(layout: Layout, draft: Draft) -> None:
    """Prose printed before the outcomes with no heading and no facts: the unit's aim, as a guess."""
    if not layout.sections or layout.sections[0].name != "facts":
        return
    prose = [p for p in block_paragraphs(layout.sections[0].blocks) if len(p.text) > 60 and "\t" not in p.text]
    if prose and all(p.text.endswith(".") for p in prose):
        draft.put(("purpose",), markdown(prose), "prose before the outcomes without a heading, read as the purpose")


_EXAMPLES = re.compile(
    r"^(?P<method>.+?)\s*\((?:for example|e\.g\.|eg|such as)[,:]?\s*(?P<examples>[^)]*)\)\s*\.?$", re.IGNORECASE
)
_AT_LEAST = re.compile(r"\bat least (one|two|three|four|five|\d) of the following\b", re.IGNORECASE)
_SIMULATION = re.compile(r"\bsimulations?\s+(?:is|are)\s+(not\s+)?(?:allowed|permitted|acceptable)\b", re.IGNORECASE)
_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _read_evidence(blocks: list[Block], draft: Draft) -> None:
    paras = block_paragraphs(blocks)
    if not paras:
        return
    first_bullet = next((i for i, p in enumerate(paras) if p.bullet), None)
    if first_bullet is None:
        requirements, methods, after = paras, [], []
    else:
        last_bullet = max(i for i, p in enumerate(paras) if p.bullet)
        requirements, methods, after = (
            paras[:first_bullet],
            paras[first_bullet : last_bullet + 1],
            paras[last_bullet + 1 :],
        )
    text = markdown(requirements)
    if text:
        draft.put(("evidence", "requirements"), text)
    if methods:
        listed = []
        for para in methods:
            item = para.text.rstrip(".;")
            match = _EXAMPLES.match(item)
            method = {"method": match["method"].strip()} if match else {"method": item}
            if match and match["examples"].strip():
                method["examples"] = match["examples"].strip()
            listed.append(method)
        draft.put(("evidence", "methods"), listed)
        at_least = _AT_LEAST.search(" ".join(p.text for p in requirements))
        if at_least:
            count = _COUNT.get(at_least[1].lower()) or int(at_least[1])
            if count <= len(listed):
                draft.put(("evidence", "minimum_methods"), count)
    simulation = _SIMULATION.search(" ".join(p.text for p in paras))
    if simulation:
        draft.put(("evidence", "simulation_allowed"), simulation[1] is None)
    note = markdown(after)
    if note:
        draft.put(("evidence", "note"), note.strip() if "\n" not in note.strip() else note)


def _read_resources(blocks: list[Block], draft: Draft) -> None:
    """Resources prose, and the book and web entries under it as the reading list."""
    paras = block_paragraphs(blocks)
    prose = [p for p in paras if not looks_like_reference(p.text)]
    text = markdown(prose)
    if text:
        draft.put(("resources",), text)
    read_reading_list([p for p in paras if looks_like_reference(p.text)], draft)


_NOS_BASED = re.compile(
    r"based on the NOS (?:produced|developed|published) by (?:the )?(?P<owner>.+?\))\s+(?P<suite>.+?NOS) unit "
    r"(?P<code>[A-Z0-9]+),?\s+(?P<title>.+?)\.?$",
    re.IGNORECASE,
)
_NOS_MAPS = re.compile(
    r"maps (?P<how>fully|partially|in part) to (?:the )?(?:competences|competencies)? ?(?:outlined |set out )?in the "
    r"(?P<suite>.+?) suite of National Occupational Standards",
    re.IGNORECASE,
)


def _read_nos(blocks: list[Block], draft: Draft) -> None:
    mappings: list[dict[str, str]] = []
    statement: list[Para] = []
    notes: list[Para] = []
    for block in blocks:
        cells = [" ".join(p.text for p in cell).strip() for cell in block.cells]
        if len(cells) >= 2:
            if re.match(r"(?:occupational standards?|nos|suite)$", cells[0], re.IGNORECASE) or not cells[0]:
                continue
            mapping = {"suite": cells[0]}
            if cells[1]:
                mapping["code"] = cells[1]
            if len(cells) > 2 and cells[2]:
                mapping["title"] = cells[2]
            mappings.append(mapping)
    for para in block_paragraphs([b for b in blocks if len(b.cells) == 1]):
        text = para.text
        if re.search(r"\bcan (?:be )?viewed\b|ukstandards", text, re.IGNORECASE):
            notes.append(para)
            continue
        based = _NOS_BASED.search(text)
        maps = _NOS_MAPS.search(text)
        if based:
            suite = f"{based['suite'].strip()} ({based['owner'].strip()})"
            mappings.append(
                {"suite": suite, "code": based["code"], "title": based["title"].strip(), "relationship": "based on"}
            )
        elif maps:
            mappings.append({"suite": maps["suite"].strip(), "relationship": f"maps {maps['how'].lower()}"})
        statement.append(para)
    if not (mappings or statement or notes):
        return
    draft.put(("nos",), {})
    if statement:
        draft.put(("nos", "statement"), " ".join(p.text for p in statement))
    if mappings:
        draft.put(("nos", "mappings"), mappings)
        if statement:
            draft.mark(("nos", "mappings"), "read from the NOS sentence: check suite, code and title")
    if notes:
        draft.put(("nos", "note"), " ".join(p.text for p in notes))


_TICK = re.compile(r"^[✓✔☑√xXyY]$|^yes$", re.IGNORECASE)
_SKILL_KEYS = {
    "speaking and listening": ("english", "speaking_and_listening"),
    "speaking, listening and communication": ("english", "speaking_and_listening"),
    "reading": ("english", "reading"),
    "writing": ("english", "writing"),
    "representing": ("mathematics", "representing"),
    "analysing": ("mathematics", "analysing"),
    "interpreting": ("mathematics", "interpreting"),
    "use ict systems": ("ict", "use_ict_systems"),
    "find and select information": ("ict", "find_and_select_information"),
    "develop, present and communicate information": ("ict", "develop_present_and_communicate_information"),
}


def _read_functional_skills(blocks: list[Block], draft: Draft) -> None:
    grid: dict[str, dict[str, bool]] = {}
    for block in blocks:
        cells = [" ".join(p.text for p in cell).strip() for cell in block.cells]
        for index, cell in enumerate(cells):
            key = _SKILL_KEYS.get(split_bullet(cell)[1].lower().strip(" :"))
            if key is None:
                continue
            ticked = index + 1 < len(cells) and bool(_TICK.match(cells[index + 1]))
            grid.setdefault(key[0], {})[key[1]] = ticked
    if grid:
        for subject in ("english", "mathematics", "ict"):
            components = grid.get(subject)
            if components:
                draft.put(("functional_skills", subject), components)
