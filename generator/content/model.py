"""The unit model: the one schema every stage of the generator derives from.

Validation, the published JSON Schema (``generator/schemas/unit.schema.json``) and the
YAML field reference in the README all come from the classes in this module. Unknown
keys are errors everywhere (``extra="forbid"``). Checks that span fields, such as
assessment-criterion numbering, live here too, never in templates.

A minimal unit, as an editor writes it in ``content/units/<id>.yml``::

    id: r-503-0865
    title: Improve the customer's experience in active leisure
    level: 3
    learning_outcomes:
      - number: 1
        text: Be able to co-ordinate customer service improvements
        criteria:
          - number: "1.1"
            text: Evaluate the customer experience
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .limits import Date

#: Longest text accepted in any one field, so a runaway paste fails with a clear limit.
MAX_TEXT_LENGTH = 50_000

#: Names that cannot be a page slug: they collide with generated pages or with
#: device names on Windows file systems.
RESERVED_IDS = frozenset(
    {
        "index",
        "search",
        "assets",
        "downloads",
        "qualifications",
        "units",
        "sitemap",
        "404",
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{n}" for n in range(1, 10)),
        *(f"lpt{n}" for n in range(1, 10)),
    }
)

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")
URN_PATTERN = re.compile(r"[A-Z]/\d{3}/\d{4}")
AC_NUMBER_PATTERN = re.compile(r"(\d+)\.(\d+)")
ISBN_PATTERN = re.compile(r"(97[89])?\d{9}[\dX]")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_LENGTH)]
"""A non-empty single line or paragraph of plain text."""

Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_LENGTH)]
"""Prose in Markdown: paragraphs, lists, emphasis and links. Raw HTML is shown as text."""


def located_error(subpath: tuple[str | int, ...], kind: str, message: str, **context: Any) -> PydanticCustomError:
    """An error raised by a whole-model check, aimed at the field ``subpath`` below the model.

    The loader appends ``subpath`` to the error's location, so the editor is pointed at
    the exact line, not at the start of the enclosing mapping.
    """
    return PydanticCustomError(kind, message, {**context, "subpath": subpath})


def _check_id(value: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        raise PydanticCustomError(
            "unit_id",
            "must be 1-64 letters, digits and hyphens, starting with a letter or digit "
            "(it becomes the page address), got '{value}'",
            {"value": value},
        )
    if value.lower() in RESERVED_IDS:
        raise PydanticCustomError("unit_id", "'{value}' is a reserved name", {"value": value})
    return value


def _check_urn(value: str) -> str:
    if not URN_PATTERN.fullmatch(value):
        raise PydanticCustomError(
            "urn", "expected a unit reference number like 'R/503/0865', got '{value}'", {"value": value}
        )
    return value


def _isbn_checksum_ok(digits: str) -> bool:
    if len(digits) == 10:
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if "X" in digits:
        return False
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
    return total % 10 == 0


def _check_isbn(value: str) -> str:
    digits = value.replace("-", "").replace(" ", "").upper()
    if not ISBN_PATTERN.fullmatch(digits) or not _isbn_checksum_ok(digits):
        raise PydanticCustomError("isbn", "expected a valid ISBN-10 or ISBN-13, got '{value}'", {"value": value})
    return digits


def _check_url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s<>\"]+", value):
        raise PydanticCustomError("url", "expected an http:// or https:// address, got '{value}'", {"value": value})
    return value


UnitId = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_id)]
Urn = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_urn)]
Isbn = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_isbn)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), AfterValidator(_check_url)]
Level = Annotated[int, Field(ge=1, le=8, description="Qualification level, 1 to 8.")]


class Schema(BaseModel):
    """Base for every model: unknown keys are errors, numbers may stand for strings."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class Criterion(Schema):
    """One assessment criterion: what the learner can do.

    ```yaml
    number: "1.2"
    text: Enable team members to contribute their own ideas
    ```
    """

    number: str = Field(description="'<learning outcome>.<n>', numbered from 1 within its outcome: 1.1, 1.2, ...")
    text: Text = Field(description="The criterion, word for word.")

    @property
    def anchor(self) -> str:
        """The stable page anchor, ``ac-1-2`` for AC 1.2."""
        return "ac-" + self.number.replace(".", "-")


class LearningOutcome(Schema):
    """A learning outcome with its assessment criteria.

    ```yaml
    number: 1
    text: Plan and organise the work of a team
    criteria: [{number: "1.1", text: Treat team members with respect at all times}]
    third_column: |
      Candidates must be able to:
      - Work as part of a team
    ```
    """

    number: int = Field(ge=1, description="1, 2, 3 ... in order.")
    text: Text = Field(description="The outcome, word for word ('The learner will:' is implied).")
    criteria: list[Criterion] = Field(min_length=1, description="Assessment criteria, in order.")
    third_column: Markdown | None = Field(
        default=None,
        description="The unit's optional third column for this outcome (its heading is "
        "`third_column_heading`), in Markdown.",
    )

    @model_validator(mode="after")
    def _check_criteria_numbering(self) -> LearningOutcome:
        for position, criterion in enumerate(self.criteria, start=1):
            expected = f"{self.number}.{position}"
            if criterion.number != expected:
                raise located_error(
                    ("criteria", position - 1, "number"),
                    "criterion_number",
                    "expected '{expected}', got '{got}'",
                    expected=expected,
                    got=criterion.number,
                )
        return self


class EvidenceMethod(Schema):
    """An acceptable evidence method, with the examples the unit gives.

    ```yaml
    method: testimony of others
    examples: line manager
    ```
    """

    method: Text = Field(description="The method, as the unit names it.")
    examples: Text | None = Field(default=None, description="The unit's examples, if it gives any.")


class Evidence(Schema):
    """Evidence requirements: the prose, the acceptable methods and their rule.

    ```yaml
    requirements: For learning outcomes 1 - 3, the evidence must be gathered by ...
    methods: [{method: observation}, {method: reflective account}]
    minimum_methods: 2
    simulation_allowed: false
    ```
    """

    requirements: Markdown | None = Field(default=None, description="The requirements as the unit states them.")
    methods: list[EvidenceMethod] = Field(default_factory=list, description="Acceptable evidence methods.")
    minimum_methods: int | None = Field(
        default=None, ge=1, description="'At least N of' the methods, where the unit says so."
    )
    simulation_allowed: StrictBool | None = Field(
        default=None, description="Whether simulation is allowed; leave out where the unit does not say."
    )
    note: Markdown | None = Field(default=None, description="Anything the unit adds after the methods.")

    @model_validator(mode="after")
    def _check_minimum(self) -> Evidence:
        if self.minimum_methods is not None and self.minimum_methods > len(self.methods):
            raise located_error(
                ("minimum_methods",),
                "minimum_methods",
                "{minimum} is more than the number of methods listed ({count})",
                minimum=self.minimum_methods,
                count=len(self.methods),
            )
        return self


class NosMapping(Schema):
    """One National Occupational Standard the unit maps to.

    ```yaml
    suite: Leisure Management NOS 2010 (SkillsActive)
    code: C33
    title: Work with others to improve customer service.
    relationship: maps fully
    ```
    """

    suite: Text = Field(description="The NOS suite (and its owner), as the unit names it.")
    code: Text | None = Field(default=None, description="The NOS unit code, where the unit gives one.")
    title: Text | None = Field(default=None, description="The NOS unit title.")
    relationship: Text | None = Field(default=None, description="How the unit maps: 'maps fully', 'based on' ...")


class Nos(Schema):
    """National Occupational Standards mapping and signposting."""

    statement: Markdown | None = Field(default=None, description="The unit's own words on the mapping.")
    mappings: list[NosMapping] = Field(default_factory=list, description="The NOS units mapped.")
    note: Markdown | None = Field(default=None, description="Where NOS can be viewed, and similar.")


class EnglishSkills(Schema):
    """Functional skills English: the components signposted (true) or not (false)."""

    speaking_and_listening: StrictBool = Field(
        default=False, description="Speaking and Listening: true where signposted."
    )
    reading: StrictBool = Field(default=False, description="Reading: true where signposted.")
    writing: StrictBool = Field(default=False, description="Writing: true where signposted.")


class MathematicsSkills(Schema):
    """Functional skills Mathematics components."""

    representing: StrictBool = Field(default=False, description="Representing: true where signposted.")
    analysing: StrictBool = Field(default=False, description="Analysing: true where signposted.")
    interpreting: StrictBool = Field(default=False, description="Interpreting: true where signposted.")


class IctSkills(Schema):
    """Functional skills ICT components."""

    use_ict_systems: StrictBool = Field(default=False, description="Use ICT systems: true where signposted.")
    find_and_select_information: StrictBool = Field(
        default=False, description="Find and select information: true where signposted."
    )
    develop_present_and_communicate_information: StrictBool = Field(
        default=False, description="Develop, present and communicate information: true where signposted."
    )


class FunctionalSkills(Schema):
    """Functional skills signposting: where candidates may develop each component.

    ```yaml
    english: {reading: true, writing: true}
    mathematics: {analysing: true, interpreting: true}
    ict: {use_ict_systems: true}
    ```
    """

    english: EnglishSkills = Field(default_factory=EnglishSkills, description="English components.")
    mathematics: MathematicsSkills = Field(default_factory=MathematicsSkills, description="Mathematics components.")
    ict: IctSkills = Field(default_factory=IctSkills, description="ICT components.")

    def grid(self) -> list[tuple[str, list[tuple[str, bool]]]]:
        """Subjects in order, each with its components as (label, signposted)."""
        return [
            (subject_label, [(COMPONENT_LABELS[name], getattr(getattr(self, subject), name)) for name in fields])
            for subject, subject_label, fields in FUNCTIONAL_SKILLS
        ]


#: Subjects and their components in the order the awarding bodies print the grid.
FUNCTIONAL_SKILLS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("english", "English", ("speaking_and_listening", "reading", "writing")),
    ("mathematics", "Mathematics", ("representing", "analysing", "interpreting")),
    ("ict", "ICT", ("use_ict_systems", "find_and_select_information", "develop_present_and_communicate_information")),
)

COMPONENT_LABELS = {
    "speaking_and_listening": "Speaking and Listening",
    "reading": "Reading",
    "writing": "Writing",
    "representing": "Representing",
    "analysing": "Analysing",
    "interpreting": "Interpreting",
    "use_ict_systems": "Use ICT systems",
    "find_and_select_information": "Find and select information",
    "develop_present_and_communicate_information": "Develop, present and communicate information",
}


class Book(Schema):
    """A book on the reading list.

    ```yaml
    authors: Cook, S.
    year: 2010
    title: "Customer Care Excellence: How to Create an Effective Customer Focus"
    edition: 6th
    isbn: "0749457058"
    ```
    """

    authors: Text = Field(description="Authors or editors as printed: 'Gold, J., Thorpe, R. and Mumford, A.'")
    year: int | None = Field(default=None, ge=1450, le=2100, description="Year of publication.")
    title: Text
    edition: Text | None = Field(default=None, description="Edition, such as '2nd' or '6th'.")
    isbn: Isbn | None = Field(default=None, description="ISBN-10 or ISBN-13; the check digit is verified.")
    url: Url | None = Field(default=None, description="Where the book can be found online.")
    note: Text | None = Field(default=None, description="Format or date detail, such as 'Paperback'.")


class WebLink(Schema):
    """A web resource on the reading list.

    ```yaml
    url: http://www.smallbusiness.co.uk
    title: Small Business
    ```
    """

    url: Url
    title: Text | None = Field(default=None, description="Shown instead of the address where given.")
    year: int | None = Field(default=None, ge=1990, le=2100, description="Year the unit gives for the site.")


class ReadingList(Schema):
    """Books and web links."""

    books: list[Book] = Field(default_factory=list, description="Books, in the unit's order.")
    links: list[WebLink] = Field(default_factory=list, description="Web links, in the unit's order.")


class Unit(Schema):
    """A qualification unit: one YAML file in ``content/units/``.

    Only ``id``, ``title``, ``level`` and ``learning_outcomes`` are required: a fact the
    awarding body's specification does not state is left out, never guessed.
    """

    id: UnitId = Field(description="The unit's identity and page address: letters, digits, hyphens.")
    title: Text = Field(description="Unit title, word for word.")
    awarding_body: Text | None = Field(default=None, description="Awarding body, such as 'OCR'.")
    unit_number: str | None = Field(default=None, max_length=32, description="The awarding body's unit number.")
    sector_unit_number: str | None = Field(
        default=None, max_length=32, description="Sector unit number, e.g. 'LM3 - 21'."
    )
    level: Level
    credit_value: int | None = Field(default=None, ge=1, le=999, description="Credit value.")
    guided_learning_hours: int | None = Field(default=None, ge=0, le=9999, description="Guided learning hours (GLH).")
    urn: Urn | None = Field(default=None, description="Unit reference number, format 'R/503/0865'.")
    expiry_date: Date | None = Field(default=None, description="Last date of the unit, YYYY-MM-DD.")
    purpose: Markdown | None = Field(default=None, description="Unit purpose and aim.")
    third_column_heading: Text | None = Field(
        default=None,
        description="Heading of the optional third column of the outcomes table, such as "
        "'Exemplification'. Required when any outcome has `third_column`.",
    )
    learning_outcomes: list[LearningOutcome] = Field(min_length=1, description="Learning outcomes, in order.")
    assessment: Markdown | None = Field(default=None, description="How the unit is assessed.")
    evidence: Evidence | None = Field(default=None, description="Evidence requirements, methods and rules.")
    guidance: Markdown | None = Field(default=None, description="Guidance on assessment and evidence requirements.")
    nos: Nos | None = Field(default=None, description="National Occupational Standards mapping/signposting.")
    functional_skills: FunctionalSkills | None = Field(
        default=None, description="Functional skills signposting; leave out where the unit has none."
    )
    resources: Markdown | None = Field(default=None, description="Resources the candidate needs.")
    reading_list: ReadingList | None = Field(default=None, description="Books and web links.")
    additional_information: Markdown | None = Field(default=None, description="Additional information.")

    @model_validator(mode="after")
    def _check_outcomes(self) -> Unit:
        for position, outcome in enumerate(self.learning_outcomes, start=1):
            if outcome.number != position:
                raise located_error(
                    ("learning_outcomes", position - 1, "number"),
                    "outcome_number",
                    "expected {expected}, got {got}",
                    expected=position,
                    got=outcome.number,
                )
        with_column = [i for i, outcome in enumerate(self.learning_outcomes) if outcome.third_column]
        if self.third_column_heading is None and with_column:
            raise located_error(
                ("learning_outcomes", with_column[0], "third_column"),
                "third_column_heading",
                "needs the column's heading: add third_column_heading at the top level",
            )
        return self

    @property
    def slug(self) -> str:
        """The page address segment: the id in lower case."""
        return self.id.lower()

    @property
    def criteria(self) -> list[Criterion]:
        """Every assessment criterion of the unit, in order."""
        return [c for outcome in self.learning_outcomes for c in outcome.criteria]

    def is_expired(self, today: dt.date) -> bool:
        """Whether the unit's expiry date has passed on ``today``."""
        return self.expiry_date is not None and self.expiry_date < today
