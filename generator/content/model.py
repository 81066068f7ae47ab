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
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..errors import describe_value as shown
from .levels import LEVEL_JSON_SCHEMA, Framework, UnitLevel, parse_level
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
Level = Annotated[
    UnitLevel,
    PlainValidator(parse_level),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(LEVEL_JSON_SCHEMA),
]
"""A level in its framework: ``3``, ``Entry 3``, ``SCQF 6``, ``CQFW 3``, ``Access to HE 3``, ``not stated``."""

NOT_STATED_VALUES = ("not stated", "not available")


def _number_or_not_stated(low: int, high: int) -> Any:
    """A whole number from ``low`` to ``high``, or ``not stated`` / ``not available``, with one clear error."""

    def validate(value: Any) -> int | str:
        if isinstance(value, int) and not isinstance(value, bool):
            if value < low:
                raise PydanticCustomError("number", f"must be greater than or equal to {low}, got {value}")
            if value > high:
                raise PydanticCustomError("number", f"must be less than or equal to {high}, got {value}")
            return value
        if isinstance(value, str) and " ".join(value.split()).lower() in NOT_STATED_VALUES:
            return " ".join(value.split()).lower()
        raise PydanticCustomError(
            "number",
            "expected a whole number, or 'not stated' / 'not available' where the document says so, got {got}",
            {"got": shown(value)},
        )

    schema = {
        "anyOf": [{"type": "integer", "minimum": low, "maximum": high}, {"enum": list(NOT_STATED_VALUES)}],
    }
    return Annotated[int | str, PlainValidator(validate), WithJsonSchema(schema)]


def _check_source_date(value: Any) -> dt.date | str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if (
        isinstance(value, str)
        and value.strip()
        and len(value) <= 64
        and not re.fullmatch(r"\s*\d{4}-\d+-\d+\s*", value)
    ):
        return value.strip()
    raise PydanticCustomError(
        "source_date",
        "expected a date as YYYY-MM-DD, or as printed ('September 2024'), got {got}",
        {"got": shown(value)},
    )


def _check_incomplete(value: Any) -> bool | str:
    if value is True:
        return True
    if isinstance(value, str) and value.strip() and len(value) <= MAX_TEXT_LENGTH:
        return value.strip()
    raise PydanticCustomError(
        "incomplete",
        "expected true, or what is missing as text; leave it out for a complete unit, got {got}",
        {"got": shown(value)},
    )


def _check_outcome_reference(value: Any) -> int | list[int]:
    def whole(item: Any) -> bool:
        return isinstance(item, int) and not isinstance(item, bool) and item >= 1

    if whole(value):
        return value
    if isinstance(value, list) and value and all(whole(item) for item in value):
        if len(set(value)) != len(value):
            raise PydanticCustomError("outcome", "lists an outcome twice: {got}", {"got": value})
        return value
    raise PydanticCustomError(
        "outcome", "expected an outcome number (2) or a list of them ([1, 2]), got {got}", {"got": shown(value)}
    )


def _check_status(value: Any) -> str:
    if value in ("current", "withdrawn"):
        return value
    if value in ("expiring", "expired"):
        raise PydanticCustomError(
            "status",
            "{got} follows from the dates: write expiry_date or operational_end instead "
            "(status takes 'current' or 'withdrawn')",
            {"got": shown(value)},
        )
    raise PydanticCustomError("status", "expected 'current' or 'withdrawn', got {got}", {"got": shown(value)})


StatedStatus = Annotated[str, PlainValidator(_check_status), WithJsonSchema({"enum": ["current", "withdrawn"]})]
SourceDate = Annotated[
    dt.date | str,
    PlainValidator(_check_source_date),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 64}]}),
]
Incomplete = Annotated[
    bool | str,
    PlainValidator(_check_incomplete),
    WithJsonSchema({"anyOf": [{"const": True}, {"type": "string", "minLength": 1}]}),
]
OutcomeReference = Annotated[
    int | list[int],
    PlainValidator(_check_outcome_reference),
    WithJsonSchema(
        {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "array", "items": {"type": "integer", "minimum": 1}}]}
    ),
]

LETTER_PATTERN = re.compile(r"[a-z]")
GRADING_NUMBER_PATTERN = re.compile(r"([PMD])([1-9][0-9]?)")
DESCRIPTOR_NUMBER_PATTERN = re.compile(r"[A-Z]{1,4}[1-9][0-9]?")
VERSION_LABEL_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}")


def _check_version_label(value: str) -> str:
    if not VERSION_LABEL_PATTERN.fullmatch(value):
        raise PydanticCustomError(
            "version_label",
            "expected a label as the awarding body prints it, such as '3', 'v1.2' or 'Issue 4' (up to 40 "
            "letters, digits, spaces, dots, hyphens and underscores), got '{value}'",
            {"value": value},
        )
    return value


VersionLabel = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_version_label)]


class Schema(BaseModel):
    """Base for every model: unknown keys are errors, numbers may stand for strings."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


Bullets = Annotated[list[Text], Field(min_length=1)]
"""A bulleted list that belongs to the text before it ("including:" ranges)."""


def _check_letters(letters: list[str], field: str, *, consecutive: bool) -> None:
    """Letters must be single lower-case letters, each used once (and a, b, c ... if ``consecutive``)."""
    seen: dict[str, int] = {}
    for position, letter in enumerate(letters):
        if not LETTER_PATTERN.fullmatch(letter):
            raise located_error(
                (field, position, "letter"),
                "letter",
                "expected one lower-case letter (a, b, c ...), got '{got}'",
                got=letter,
            )
        if letter in seen:
            raise located_error(
                (field, position, "letter"),
                "letter",
                "'{letter}' is already used by item {first}; each letter once",
                letter=letter,
                first=seen[letter] + 1,
            )
        seen[letter] = position
        expected = chr(ord("a") + position)
        if consecutive and letter != expected:
            raise located_error(
                (field, position, "letter"),
                "letter",
                "expected '{expected}', got '{got}'",
                expected=expected,
                got=letter,
            )


class SubCriterion(Schema):
    """A lettered part of a criterion that is assessed on its own: 6.1 a), 6.1 b) ...

    ```yaml
    letter: a
    text: the hazards of the workplace
    ```
    """

    letter: str = Field(description="a, b, c ... in order.")
    text: Text = Field(description="The sub-criterion, word for word.")
    bullets: Bullets | None = Field(default=None, description="A bulleted range that is part of the text.")


class Criterion(Schema):
    """One assessment criterion: what the learner can do.

    ```yaml
    number: "1.2"
    text: Describe hazards in the workplace, including
    bullets: [microbes, chemicals, sharps]
    content: "Examples: cleaning agents, blood spills."
    ```
    """

    number: str = Field(description="'<learning outcome>.<n>', numbered from 1 within its outcome: 1.1, 1.2, ...")
    text: Text = Field(description="The criterion, word for word.")
    bullets: Bullets | None = Field(
        default=None,
        description="A bulleted range that is part of the criterion ('including: ...'), one item per entry.",
    )
    sub_criteria: Annotated[list[SubCriterion], Field(min_length=1)] | None = Field(
        default=None, description="Lettered parts assessed separately (a, b, c ...), each with its own sign-off."
    )
    content: Markdown | None = Field(
        default=None,
        description="The unit's per-criterion content beside this criterion (its heading is "
        "`criterion_content_heading`: 'Examples of content', 'Range', 'Amplification' ...), in Markdown.",
    )

    @model_validator(mode="after")
    def _check_sub_criteria(self) -> Criterion:
        if self.sub_criteria:
            _check_letters([s.letter for s in self.sub_criteria], "sub_criteria", consecutive=True)
        return self

    @property
    def anchor(self) -> str:
        """The stable page anchor, ``ac-1-2`` for AC 1.2."""
        return "ac-" + self.number.replace(".", "-")

    def sub_anchor(self, sub: SubCriterion) -> str:
        """The anchor of one of this criterion's sub-criteria: ``ac-6-1-a``."""
        return f"{self.anchor}-{sub.letter}"


#: How an outcome may be assessed; ``portfolio`` is the default.
AssessedBy = Literal["portfolio", "exam", "test", "assignment"]

ASSESSED_BY_LABELS: dict[str, str] = {
    "portfolio": "Portfolio of evidence",
    "exam": "Examination",
    "test": "Test",
    "assignment": "Assignment",
}


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
    criteria: list[Criterion] = Field(
        default_factory=list,
        description="Assessment criteria, in order. Required unless grading criteria (P1, M1 ...) "
        "are tied to the outcome.",
    )
    third_column: Markdown | None = Field(
        default=None,
        description="The unit's optional third column for this outcome (its heading is "
        "`third_column_heading`), in Markdown.",
    )
    assessed_by: AssessedBy = Field(
        default="portfolio",
        description="How the outcome is assessed: portfolio (the default: evidence against each "
        "criterion), exam, test or assignment (a result is recorded, not a portfolio).",
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

    @property
    def portfolio(self) -> bool:
        """Whether evidence is gathered against each criterion (not an exam, test or assignment result)."""
        return self.assessed_by == "portfolio"

    @property
    def assessed_by_label(self) -> str:
        """'Examination', 'Test' ... for pages and printables."""
        return ASSESSED_BY_LABELS[self.assessed_by]


Grade = Literal["pass", "merit", "distinction"]
GRADES: tuple[Grade, ...] = ("pass", "merit", "distinction")
GRADE_LABELS: dict[str, str] = {"pass": "Pass", "merit": "Merit", "distinction": "Distinction"}
_GRADE_OF_LETTER: dict[str, Grade] = {"P": "pass", "M": "merit", "D": "distinction"}


class GradingCriterion(Schema):
    """A Pass, Merit or Distinction criterion, labelled as the unit labels it and tied to its outcome.

    ```yaml
    number: M1
    outcome: 2
    text: Compare two methods of ...
    ```
    """

    number: str = Field(description="P1, P2 ... for Pass, M1 ... for Merit, D1 ... for Distinction.")
    outcome: OutcomeReference = Field(
        description="The learning outcome it belongs to, or a list where it spans several: [1, 2]."
    )
    text: Text = Field(description="The criterion, word for word.")
    bullets: Bullets | None = Field(default=None, description="A bulleted range that is part of the text.")

    @property
    def grade(self) -> Grade:
        """'pass', 'merit' or 'distinction', from the label's letter."""
        return _GRADE_OF_LETTER[self.number[0]]

    @property
    def outcomes(self) -> tuple[int, ...]:
        """The numbers of the outcomes it belongs to."""
        return tuple(self.outcome) if isinstance(self.outcome, list) else (self.outcome,)

    @property
    def anchor(self) -> str:
        """The stable page anchor: ``p1``, ``m2``, ``d1``."""
        return self.number.lower()


class GradeDescriptor(Schema):
    """An Access to HE grade descriptor (or grading standard) the unit is graded against.

    ```yaml
    number: GD1
    title: Understanding of the subject
    components:
      - {letter: a, text: ...}
    ```
    """

    number: str = Field(description="The label as the unit prints it: GD1, GD2 ...")
    title: Text = Field(description="The descriptor's title.")
    components: list[SubCriterion] = Field(
        default_factory=list, description="The components the unit uses, lettered as printed (a, b, c ...)."
    )

    @model_validator(mode="after")
    def _check_components(self) -> GradeDescriptor:
        if not DESCRIPTOR_NUMBER_PATTERN.fullmatch(self.number):
            raise located_error(
                ("number",), "descriptor_number", "expected a label like 'GD1', got '{got}'", got=self.number
            )
        _check_letters([c.letter for c in self.components], "components", consecutive=False)
        return self

    @property
    def anchor(self) -> str:
        """The stable page anchor: ``gd1``; a component's is ``gd1-a``."""
        return self.number.lower()


GradingScheme = Literal["pass/fail", "pass/merit/distinction", "grade descriptors"]


class Grading(Schema):
    """How the unit is graded. Short form for an ungraded unit: ``grading: pass/fail``.

    ```yaml
    grading:
      criteria:
        - {number: P1, outcome: 1, text: Describe ...}
        - {number: M1, outcome: 1, text: Explain ...}
        - {number: D1, outcome: [1, 2], text: Evaluate ...}
    ```

    or, for an Access to HE unit, ``descriptors:`` (GD1 ... with their components).
    """

    scheme: GradingScheme | None = Field(
        default=None,
        description="pass/fail, pass/merit/distinction or grade descriptors; follows from "
        "`criteria` or `descriptors` when left out.",
    )
    criteria: list[GradingCriterion] = Field(
        default_factory=list, description="Pass, Merit and Distinction criteria, in the unit's order."
    )
    descriptors: list[GradeDescriptor] = Field(
        default_factory=list, description="Access to HE grade descriptors the unit is graded against."
    )
    note: Markdown | None = Field(default=None, description="The unit's grading rules, as it states them.")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"scheme": data}
        if isinstance(data, dict) and "scheme" not in data:
            if data.get("criteria"):
                return {**data, "scheme": "pass/merit/distinction"}
            if data.get("descriptors"):
                return {**data, "scheme": "grade descriptors"}
        return data

    @model_validator(mode="after")
    def _check_scheme(self) -> Grading:
        if self.scheme is None:
            raise located_error(
                (),
                "grading_scheme",
                "give the grading criteria (criteria: P1, M1, D1 ...), the grade descriptors "
                "(descriptors: GD1 ...), or write grading: pass/fail",
            )
        wanted = {"pass/merit/distinction": "criteria", "grade descriptors": "descriptors"}.get(self.scheme)
        for field in ("criteria", "descriptors"):
            if getattr(self, field) and field != wanted:
                raise located_error(
                    (field,), "grading_scheme", "a {scheme} unit has no {field}", scheme=self.scheme, field=field
                )
        if wanted and not getattr(self, wanted):
            raise located_error(
                ("scheme",), "grading_scheme", "a {scheme} unit needs {field}", scheme=self.scheme, field=wanted
            )
        counts = dict.fromkeys("PMD", 0)
        for position, criterion in enumerate(self.criteria):
            match = GRADING_NUMBER_PATTERN.fullmatch(criterion.number)
            if match is None:
                raise located_error(
                    ("criteria", position, "number"),
                    "grading_number",
                    "expected P1, M1, D1 ... (P for Pass, M for Merit, D for Distinction), got '{got}'",
                    got=criterion.number,
                )
            letter = match[1]
            counts[letter] += 1
            expected = f"{letter}{counts[letter]}"
            if criterion.number != expected:
                raise located_error(
                    ("criteria", position, "number"),
                    "grading_number",
                    "expected '{expected}', got '{got}'",
                    expected=expected,
                    got=criterion.number,
                )
        if self.criteria and not counts["P"]:
            raise located_error(("criteria",), "grading_number", "needs Pass criteria (P1, P2 ...)")
        seen: dict[str, int] = {}
        for position, descriptor in enumerate(self.descriptors):
            if descriptor.number in seen:
                raise located_error(
                    ("descriptors", position, "number"),
                    "descriptor_number",
                    "'{number}' is already listed as descriptor {first}",
                    number=descriptor.number,
                    first=seen[descriptor.number] + 1,
                )
            seen[descriptor.number] = position
        return self

    @property
    def label(self) -> str:
        """The scheme in words: 'Pass/fail', 'Pass, Merit or Distinction', 'Pass, Merit or
        Distinction, against grade descriptors'."""
        if self.scheme == "pass/fail":
            return "Pass/fail"
        if self.scheme == "grade descriptors":
            return "Pass, Merit or Distinction, against grade descriptors"
        names = [GRADE_LABELS[g] for g in self.grades]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    @property
    def graded(self) -> bool:
        """True for Pass/Merit/Distinction and grade-descriptor units, False for pass/fail."""
        return self.scheme != "pass/fail"

    def criteria_of(self, grade: Grade) -> list[GradingCriterion]:
        """The criteria of one grade, in order."""
        return [c for c in self.criteria if c.grade == grade]

    @property
    def grades(self) -> tuple[Grade, ...]:
        """The grades the unit's criteria reach: ('pass', 'merit', 'distinction') or fewer."""
        return tuple(g for g in GRADES if self.criteria_of(g))


@dataclass(frozen=True)
class AssessableItem:
    """One thing an assessor signs off: a criterion, a sub-criterion, or a grading criterion.

    A criterion with sub-criteria is not itself an item: each sub-criterion is.
    """

    label: str
    """As printed: '1.2', '6.1 a)', 'P1'."""
    anchor: str
    """The page anchor: 'ac-1-2', 'ac-6-1-a', 'p1'."""
    text: str
    """The item's words; for a sub-criterion, its own words (see ``criterion`` for the stem)."""
    bullets: tuple[str, ...]
    """Its bulleted range, if any."""
    outcome: LearningOutcome
    """The (first) outcome it belongs to."""
    criterion: Criterion | None = None
    """The criterion, for a criterion or sub-criterion."""
    sub_criterion: SubCriterion | None = None
    """The sub-criterion, for a sub-criterion."""
    grading_criterion: GradingCriterion | None = None
    """The grading criterion, for P1, M1, D1 ..."""

    @property
    def grade(self) -> Grade | None:
        """'pass', 'merit' or 'distinction' for a grading criterion; None otherwise."""
        return self.grading_criterion.grade if self.grading_criterion else None


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


class UnitCode(Schema):
    """A code the unit carries that has no field of its own, labelled as the document labels it.

    ```yaml
    label: SQA unit code
    code: H1AB 04
    ```
    """

    label: Text = Field(description="What the document calls the code.")
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] = Field(
        description="The code, as printed."
    )


class Source(Schema):
    """Where the unit's text was transcribed from.

    ```yaml
    title: Fictional Awards Level 2 Certificate in Widgets, unit specifications
    version: "3.1"
    date: 2024-09-01
    url: https://example.org/spec.pdf
    ```
    """

    title: Text = Field(description="The document's title.")
    version: str | None = Field(default=None, max_length=64, description="The document's version or issue.")
    date: SourceDate | None = Field(
        default=None, description="The document's date: YYYY-MM-DD, or as printed ('September 2024')."
    )
    url: Url | None = Field(default=None, description="Where the document can be found.")
    publisher: Text | None = Field(default=None, description="Who publishes it, where not the awarding body.")

    @property
    def details(self) -> str:
        """What follows the title in a citation: ', version 1.2, 1 September 2024, Fictional Awards' (or '')."""
        date = f"{self.date.day} {self.date:%B %Y}" if isinstance(self.date, dt.date) else self.date
        version = f"version {self.version}" if self.version else None
        return "".join(f", {part}" for part in (version, date, self.publisher) if part)


#: How many days before an expiry or operational end date a unit shows as expiring.
EXPIRING_WITHIN_DAYS = 365

UnitStatus = Literal["current", "expiring", "expired", "withdrawn"]
STATUS_LABELS: dict[str, str] = {status: status.capitalize() for status in get_args(UnitStatus)}


def _grading_json_schema(schema: dict[str, Any]) -> None:
    schema["anyOf"] = [{"const": "pass/fail", "type": "string"}, *schema.get("anyOf", [])]


def _level_is_scqf(level: UnitLevel) -> bool:
    return level.framework is Framework.SCQF


class UnitVersion(Schema):
    """Which version of the awarding body's unit this file records.

    ```yaml
    version:
      label: "3"                 # as the awarding body prints it: "3", "v1.2", "Issue 4"
      date: 2026-03-01           # publication date of this version
      changes: AC 2.3 reworded; AC 2.4 added.
      previous: ../versions/fict-ver-001-v2.yml   # optional: the previous version's file
    ```

    The short form ``version: "3"`` gives the label alone.
    """

    label: VersionLabel = Field(description="The version as the awarding body prints it: '3', 'v1.2', 'Issue 4'.")
    date: Date | None = Field(default=None, description="Publication date of this version, YYYY-MM-DD.")
    changes: Markdown | None = Field(default=None, description="What changed in this version, in the editor's words.")
    previous: str | None = Field(
        default=None,
        max_length=500,
        description="The previous version's unit file, relative to this file and outside the units folder "
        "(where the history is not in git).",
    )

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        return {"label": value} if isinstance(value, str | int) and not isinstance(value, bool) else value

    @property
    def slug(self) -> str:
        """The label as a page address segment: ``v/<slug>/``."""
        return version_slug(self.label)


def version_slug(label: str) -> str:
    """A version label as an address segment: lower case, runs of other characters as one hyphen."""
    return re.sub(r"[^a-z0-9.]+", "-", label.lower()).strip("-.") or "version"


class Unit(Schema):
    """A qualification unit: one YAML file in ``content/units/``.

    Only ``id``, ``title``, ``level`` and ``learning_outcomes`` are required: a fact the
    awarding body's specification does not state is left out, never guessed; where the
    document says it is not stated or not available, write ``not stated`` / ``not available``.
    """

    id: UnitId = Field(description="The unit's identity and page address: letters, digits, hyphens.")
    title: Text = Field(description="Unit title, word for word.")
    awarding_body: Text | None = Field(default=None, description="Awarding body, such as 'OCR'.")
    unit_number: str | None = Field(default=None, max_length=32, description="The awarding body's unit number.")
    unit_code: str | None = Field(
        default=None, max_length=32, description="The awarding body's own unit code, such as 'QU032183'."
    )
    sector_unit_number: str | None = Field(
        default=None, max_length=32, description="Sector unit number, e.g. 'LM3 - 21'."
    )
    other_codes: list[UnitCode] = Field(
        default_factory=list, description="Any other codes, each with the document's label for it."
    )
    level: Level
    credit_value: _number_or_not_stated(1, 999) | None = Field(
        default=None, description="Credit value (RQF/QCF, CQFW, Access to HE), or 'not stated'."
    )
    scqf_credit_points: _number_or_not_stated(1, 999) | None = Field(
        default=None, description="SCQF credit points, for a unit with an SCQF level."
    )
    guided_learning_hours: _number_or_not_stated(0, 9999) | None = Field(
        default=None, description="Guided learning hours (GLH), or 'not stated'."
    )
    urn: Urn | None = Field(default=None, description="Unit reference number, format 'R/503/0865'.")
    status: StatedStatus | None = Field(
        default=None,
        description="'withdrawn' where the awarding body has withdrawn the unit, 'current' where the "
        "document says so; expiring and expired follow from `expiry_date` and `operational_end`.",
    )
    expiry_date: Date | None = Field(default=None, description="Last date of the unit, YYYY-MM-DD.")
    operational_start: Date | None = Field(default=None, description="Operational start date, YYYY-MM-DD.")
    operational_end: Date | None = Field(default=None, description="Operational end date, YYYY-MM-DD.")
    review_date: Date | None = Field(default=None, description="Review date, YYYY-MM-DD.")
    source: Source | None = Field(default=None, description="The document the unit was transcribed from.")
    incomplete: Incomplete | None = Field(
        default=None,
        description="Mark a unit known to be incomplete: `true`, or what is missing "
        "('Grading criteria for outcome 4 were not published').",
    )
    version: UnitVersion | None = Field(
        default=None, description="The version of the unit this file records: label, date, changes."
    )
    purpose: Markdown | None = Field(default=None, description="Unit purpose and aim.")
    third_column_heading: Text | None = Field(
        default=None,
        description="Heading of the optional third column of the outcomes table, such as "
        "'Exemplification'. Required when any outcome has `third_column`.",
    )
    criterion_content_heading: Text | None = Field(
        default=None,
        description="Heading of the per-criterion content, as the unit names it: 'Examples of "
        "content', 'Range', 'Amplification'. Required when any criterion has `content`.",
    )
    learning_outcomes: list[LearningOutcome] = Field(min_length=1, description="Learning outcomes, in order.")
    grading: Grading | None = Field(
        default=None,
        description="How the unit is graded: `pass/fail`, or Pass/Merit/Distinction `criteria`, or "
        "Access to HE grade `descriptors`. Leave out where the unit does not say.",
        json_schema_extra=_grading_json_schema,
    )
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
        for o, outcome in enumerate(self.learning_outcomes):
            for c, criterion in enumerate(outcome.criteria):
                if criterion.content and self.criterion_content_heading is None:
                    raise located_error(
                        ("learning_outcomes", o, "criteria", c, "content"),
                        "criterion_content_heading",
                        "needs its heading as the unit names it ('Range', 'Examples of content' ...): "
                        "add criterion_content_heading at the top level",
                    )
        self._check_grading()
        if self.scqf_credit_points is not None and not _level_is_scqf(self.level):
            raise located_error(
                ("scqf_credit_points",),
                "scqf_credit_points",
                "SCQF credit points go with an SCQF level (level: SCQF 6); this unit's level is '{level}'; "
                "use credit_value for RQF/QCF credits",
                level=str(self.level),
            )
        if self.operational_start and self.operational_end and self.operational_end < self.operational_start:
            raise located_error(
                ("operational_end",),
                "operational_end",
                "{end} is before operational_start ({start})",
                end=self.operational_end.isoformat(),
                start=self.operational_start.isoformat(),
            )
        return self

    def _check_grading(self) -> None:
        criteria = self.grading.criteria if self.grading else []
        outcomes = len(self.learning_outcomes)
        graded_outcomes: set[int] = set()
        for position, criterion in enumerate(criteria):
            for number in criterion.outcomes:
                if not 1 <= number <= outcomes:
                    raise located_error(
                        ("grading", "criteria", position, "outcome"),
                        "grading_outcome",
                        "{number} is not a learning outcome of this unit (it has 1 to {outcomes})",
                        number=number,
                        outcomes=outcomes,
                    )
                graded_outcomes.add(number)
        for position, outcome in enumerate(self.learning_outcomes):
            if not outcome.criteria and outcome.number not in graded_outcomes:
                raise located_error(
                    ("learning_outcomes", position, "criteria"),
                    "empty_outcome",
                    "must have at least 1 item"
                    + ("" if not criteria else " (or grading criteria tied to outcome {number})"),
                    number=outcome.number,
                )

    @property
    def slug(self) -> str:
        """The page address segment: the id in lower case."""
        return self.id.lower()

    @property
    def criteria(self) -> list[Criterion]:
        """Every assessment criterion of the unit, in order."""
        return [c for outcome in self.learning_outcomes for c in outcome.criteria]

    @property
    def credits(self) -> int | None:
        """The unit's credit as a number for rules of combination: the credit value, or for an
        SCQF unit without one its SCQF credit points; None where left out or not stated."""
        if isinstance(self.credit_value, int):
            return self.credit_value
        return self.scqf_credit_points if isinstance(self.scqf_credit_points, int) else None

    @property
    def credit_text(self) -> str | None:
        """The unit's credit as tables print it: '3', 'Not stated', '6 SCQF credit points'; None if not given."""
        if self.credit_value is not None:
            return str(self.credit_value).capitalize() if isinstance(self.credit_value, str) else str(self.credit_value)
        points = self.scqf_credit_points
        if isinstance(points, int):
            return f"{points} SCQF credit point{'s' if points != 1 else ''}"
        return f"SCQF credit points {points}" if points is not None else None

    @property
    def glh(self) -> int | None:
        """The guided learning hours as a number; None where left out or not stated."""
        return self.guided_learning_hours if isinstance(self.guided_learning_hours, int) else None

    def codes(self) -> list[tuple[str, str]]:
        """Every code of the unit as (label, code), in the order headers print them.

        The awarding body's unit number and code first, then the URN, the sector unit number
        and any other codes: a unit whose only code is its URN still has one.
        """
        codes = [
            ("Unit number", self.unit_number),
            ("Unit code", self.unit_code),
            ("Unit reference number", self.urn),
            ("Sector unit number", self.sector_unit_number),
        ]
        return [(label, code) for label, code in codes if code] + [(c.label, c.code) for c in self.other_codes]

    def assessable_items(self, *, portfolio_only: bool = False) -> list[AssessableItem]:
        """Everything an assessor signs off, in order: criteria (each sub-criterion in place of
        its criterion), then the grading criteria P1.., M1.., D1...

        ``portfolio_only`` leaves out outcomes assessed by exam, test or assignment (they get a
        result row instead, see :meth:`result_outcomes`).
        """
        items: list[AssessableItem] = []
        by_number = {o.number: o for o in self.learning_outcomes}
        for outcome in self.learning_outcomes:
            if portfolio_only and not outcome.portfolio:
                continue
            for criterion in outcome.criteria:
                if not criterion.sub_criteria:
                    items.append(
                        AssessableItem(
                            criterion.number,
                            criterion.anchor,
                            criterion.text,
                            tuple(criterion.bullets or ()),
                            outcome,
                            criterion,
                        )
                    )
                    continue
                for sub in criterion.sub_criteria:
                    items.append(
                        AssessableItem(
                            f"{criterion.number} {sub.letter})",
                            criterion.sub_anchor(sub),
                            sub.text,
                            tuple(sub.bullets or ()),
                            outcome,
                            criterion,
                            sub,
                        )
                    )
        for graded in self.grading.criteria if self.grading else ():
            outcome = by_number[graded.outcomes[0]]
            if portfolio_only and not outcome.portfolio:
                continue
            items.append(
                AssessableItem(
                    graded.number,
                    graded.anchor,
                    graded.text,
                    tuple(graded.bullets or ()),
                    outcome,
                    grading_criterion=graded,
                )
            )
        return items

    def result_outcomes(self) -> list[LearningOutcome]:
        """Outcomes assessed by exam, test or assignment: each gets a result row, not evidence boxes."""
        return [o for o in self.learning_outcomes if not o.portfolio]

    @property
    def graded(self) -> bool:
        """Whether the unit is graded beyond pass/fail (P/M/D criteria or grade descriptors)."""
        return self.grading is not None and self.grading.graded

    def grading_grid(self) -> list[tuple[LearningOutcome, dict[Grade, list[GradingCriterion]]]]:
        """The grading grid as graded specifications print it: one row per outcome, one column per grade.

        A criterion spanning several outcomes sits in the row of its first outcome. Rows of
        outcomes without grading criteria are kept (empty cells), so the grid lists every outcome.
        """
        criteria = self.grading.criteria if self.grading else []
        return [
            (
                outcome,
                {
                    grade: [c for c in criteria if c.grade == grade and c.outcomes[0] == outcome.number]
                    for grade in GRADES
                },
            )
            for outcome in self.learning_outcomes
        ]

    def grading_criteria_of(self, outcome: LearningOutcome) -> list[GradingCriterion]:
        """The grading criteria tied to ``outcome`` (including those spanning it and others)."""
        criteria = self.grading.criteria if self.grading else []
        return [c for c in criteria if outcome.number in c.outcomes]

    def end_date(self) -> dt.date | None:
        """The earlier of the expiry date and the operational end date, if either is given."""
        dates = [d for d in (self.expiry_date, self.operational_end) if d is not None]
        return min(dates) if dates else None

    def status_on(self, today: dt.date) -> UnitStatus | None:
        """The unit's status on ``today``: withdrawn (as stated), expired (its end date has
        passed), expiring (its end date is within :data:`EXPIRING_WITHIN_DAYS`), current (stated,
        or a later end date); None where nothing is known.
        """
        if self.status == "withdrawn":
            return "withdrawn"
        end = self.end_date()
        if end is not None and end < today:
            return "expired"
        if end is not None and (end - today).days <= EXPIRING_WITHIN_DAYS:
            return "expiring"
        if self.status == "current" or end is not None:
            return "current"
        return None

    def is_expired(self, today: dt.date) -> bool:
        """Whether the unit's expiry date has passed on ``today``."""
        return self.expiry_date is not None and self.expiry_date < today
