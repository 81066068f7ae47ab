"""The qualification model: one YAML file per qualification in ``content/qualifications/``.

Like the unit model (:mod:`generator.model`), this is the one schema: validation, the JSON
Schema ``generator/schemas/qualification.schema.json`` and the README field reference all
come from these classes. Checks that need only the file itself live here (numbering,
ranges, a unit listed twice); checks that need the units (references, credit sums,
whether the rules can be met at all) live in :mod:`generator.qualifications`.

A minimal qualification::

    id: sample-customer-service
    title: "Sample centre handbook: customer service units (sample, not a real qualification)"
    sample: true
    rules:
      groups:
        - name: Mandatory unit
          kind: mandatory
          units: [r-503-0865]
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from ..errors import format_field
from .limits import Date
from .model import Level, Markdown, Schema, Text, UnitId, located_error

QN_PATTERN = re.compile(r"\d{3}/\d{4}/[0-9A-Z]")


def _check_qualification_number(value: str) -> str:
    if not QN_PATTERN.fullmatch(value):
        raise PydanticCustomError(
            "qualification_number",
            "expected a qualification number like '500/9516/X', got '{value}'",
            {"value": value},
        )
    return value


QualificationNumber = Annotated[
    str, StringConstraints(strip_whitespace=True), AfterValidator(_check_qualification_number)
]
Credits = Annotated[int, Field(ge=0, le=9999)]
Count = Annotated[int, Field(ge=0, le=999)]


class UnitGroup(Schema):
    """A group of units in the rules of combination.

    A ``mandatory`` group takes every unit; an ``optional`` group takes units within its
    limits (any, when it states none).

    ```yaml
    name: Optional group B
    kind: optional
    units: [ocr-unit-38, ocr-unit-39]
    min_units: 1
    ```
    """

    name: Text = Field(description="The group's name as the handbook prints it, such as 'Mandatory group A'.")
    kind: Literal["mandatory", "optional"] = Field(
        description="'mandatory' (every unit must be taken) or 'optional' (units are chosen within the limits)."
    )
    units: list[UnitId] = Field(min_length=1, description="Unit ids, in the order the handbook lists them.")
    min_credits: Credits | None = Field(default=None, description="Optional groups: at least this many credits.")
    max_credits: Credits | None = Field(default=None, description="Optional groups: at most this many credits.")
    min_units: Count | None = Field(default=None, description="Optional groups: at least this many units.")
    max_units: Count | None = Field(default=None, description="Optional groups: at most this many units.")
    note: Markdown | None = Field(default=None, description="The rule in the specification's own words.")

    @model_validator(mode="after")
    def _check_limits(self) -> UnitGroup:
        limits = ("min_credits", "max_credits", "min_units", "max_units")
        if self.kind == "mandatory":
            for name in limits:
                if getattr(self, name) is not None:
                    raise located_error(
                        (name,), "mandatory_limit", "a mandatory group takes every unit; leave out {name}", name=name
                    )
        seen: dict[str, int] = {}
        for index, unit_id in enumerate(self.units):
            first = seen.setdefault(unit_id.casefold(), index)
            if first != index:
                raise located_error(
                    ("units", index),
                    "duplicate_unit",
                    "'{unit}' is already listed as units[{first}]",
                    unit=unit_id,
                    first=first,
                )
        for low, high in (("min_credits", "max_credits"), ("min_units", "max_units")):
            low_value, high_value = getattr(self, low), getattr(self, high)
            if low_value is not None and high_value is not None and low_value > high_value:
                raise located_error(
                    (low,), "limits", "{low} is more than {name} ({high})", low=low_value, high=high_value, name=high
                )
        for name in ("min_units", "max_units"):
            value = getattr(self, name)
            if value is not None and value > len(self.units):
                raise located_error(
                    (name,),
                    "limits",
                    "{value} is more than the {count} unit(s) in the group",
                    value=value,
                    count=len(self.units),
                )
        return self


class Pathway(Schema):
    """A named pathway: a learner follows exactly one, taking its groups on top of the common ones.

    ```yaml
    name: Leisure pathway
    groups:
      - {name: Leisure mandatory unit, kind: mandatory, units: [r-503-0865]}
    ```
    """

    name: Text = Field(description="The pathway's name.")
    description: Markdown | None = Field(default=None, description="What the pathway is for.")
    groups: list[UnitGroup] = Field(min_length=1, description="The pathway's own groups of units.")


class BarredCombination(Schema):
    """Units of which a learner may take at most one.

    ```yaml
    units: [fict-unit-a, fict-unit-b]
    note: The units share most of their content.
    ```
    """

    units: list[UnitId] = Field(min_length=2, description="The units barred from being taken together.")
    note: Text | None = Field(default=None, description="Why, in the specification's words.")


class LevelRule(Schema):
    """A minimum credit at or above a level.

    ```yaml
    level: 3
    credits: 13
    ```
    """

    level: Level
    credits: Annotated[int, Field(ge=1, le=9999)] = Field(
        description="At least this many credits must come from units at `level` or above; only units "
        "of the same framework count (an SCQF unit never counts towards 'level 3 or above')."
    )


class Rules(Schema):
    """The rules of combination: which units a learner takes to achieve the qualification.

    ```yaml
    minimum_credits: 13
    minimum_credits_at_or_above_level: {level: 3, credits: 10}
    groups: [...]
    pathways: [...]
    barred: [{units: [fict-unit-a, fict-unit-b]}]
    ```
    """

    minimum_credits: Annotated[int, Field(ge=1, le=9999)] | None = Field(
        default=None, description="The least total credit a learner must achieve."
    )
    minimum_credits_at_or_above_level: LevelRule | None = Field(
        default=None, description="A minimum credit at or above a level, where the qualification states one."
    )
    groups: list[UnitGroup] = Field(default_factory=list, description="Groups every learner takes, in order.")
    pathways: list[Pathway] = Field(
        default_factory=list, description="Named pathways; a learner follows exactly one, on top of `groups`."
    )
    barred: list[BarredCombination] = Field(default_factory=list, description="Barred combinations of units.")
    note: Markdown | None = Field(default=None, description="The rules in the specification's own words.")

    @model_validator(mode="after")
    def _check_structure(self) -> Rules:
        if not self.groups and not self.pathways:
            raise located_error(("groups",), "no_groups", "give at least one group or pathway")
        common = _first_listing(self.groups, ("groups",))
        names: dict[str, int] = {}
        for index, pathway in enumerate(self.pathways):
            first = names.setdefault(pathway.name.casefold(), index)
            if first != index:
                raise located_error(
                    ("pathways", index, "name"),
                    "duplicate_pathway",
                    "'{name}' is already the name of pathways[{first}]",
                    name=pathway.name,
                    first=first,
                )
            own = _first_listing(pathway.groups, ("pathways", index, "groups"))
            for unit_key, location in own.items():
                if unit_key in common:
                    raise located_error(
                        location,
                        "duplicate_unit",
                        "'{unit}' is already in {where}",
                        unit=_unit_at(self, location),
                        where=_describe(common[unit_key]),
                    )
        for index, combination in enumerate(self.barred):
            seen: set[str] = set()
            for position, unit_id in enumerate(combination.units):
                if unit_id.casefold() in seen:
                    raise located_error(
                        ("barred", index, "units", position),
                        "duplicate_unit",
                        "'{unit}' is listed twice",
                        unit=unit_id,
                    )
                seen.add(unit_id.casefold())
        return self


def _first_listing(groups: list[UnitGroup], prefix: tuple[str | int, ...]) -> dict[str, tuple[str | int, ...]]:
    """Where each unit is listed in ``groups``; a unit may be in only one group of a scope."""
    found: dict[str, tuple[str | int, ...]] = {}
    names: dict[str, int] = {}
    for group_index, group in enumerate(groups):
        first_name = names.setdefault(group.name.casefold(), group_index)
        if first_name != group_index:
            raise located_error(
                (*prefix, group_index, "name"),
                "duplicate_group",
                "'{name}' is already the name of {where}",
                name=group.name,
                where=_describe((*prefix, first_name)),
            )
        for unit_index, unit_id in enumerate(group.units):
            location = (*prefix, group_index, "units", unit_index)
            first = found.setdefault(unit_id.casefold(), location)
            if first is not location:
                raise located_error(
                    location, "duplicate_unit", "'{unit}' is already in {where}", unit=unit_id, where=_describe(first)
                )
    return found


def _describe(location: tuple[str | int, ...]) -> str:
    return "rules." + format_field(location)


def _unit_at(rules: Rules, location: tuple[str | int, ...]) -> str:
    _, pathway, _, group, _, unit = location
    return rules.pathways[int(pathway)].groups[int(group)].units[int(unit)]


class Qualification(Schema):
    """A qualification: one YAML file in ``content/qualifications/``.

    Only ``id``, ``title`` and ``rules`` are required: a fact the awarding body does not
    state is left out, never guessed. A demonstration handbook that is not a real
    qualification says so with ``sample: true``, and every page built from it says so too.
    """

    id: UnitId = Field(description="The qualification's identity and page address: letters, digits, hyphens.")
    title: Text = Field(description="Qualification title, word for word.")
    sample: bool = Field(
        default=False,
        description="true for a demonstration handbook that is not a real qualification; its pages say so.",
    )
    awarding_body: Text | None = Field(default=None, description="Awarding body, such as 'OCR'.")
    qualification_number: QualificationNumber | None = Field(
        default=None, description="Qualification number, format '500/9516/X'."
    )
    level: Level | None = Field(
        default=None,
        description="Qualification level as the document states it: 3, Entry 3, SCQF 6, CQFW 3, Access to HE 3.",
    )
    credit_value: Credits | None = Field(default=None, description="Credit value of the qualification.")
    guided_learning_hours: Annotated[int, Field(ge=0, le=99999)] | None = Field(
        default=None, description="Guided learning hours (GLH)."
    )
    total_qualification_time: Annotated[int, Field(ge=0, le=99999)] | None = Field(
        default=None, description="Total qualification time (TQT), in hours."
    )
    operational_start_date: Date | None = Field(default=None, description="Operational start date, YYYY-MM-DD.")
    operational_end_date: Date | None = Field(default=None, description="Operational end date, YYYY-MM-DD.")
    certification_end_date: Date | None = Field(default=None, description="Certification end date, YYYY-MM-DD.")
    description: Markdown | None = Field(default=None, description="What the qualification is for and who takes it.")
    assessment: Markdown | None = Field(default=None, description="How the qualification is assessed, in its words.")
    rules: Rules = Field(description="The rules of combination.")

    @model_validator(mode="after")
    def _check_facts(self) -> Qualification:
        hours = (self.guided_learning_hours, self.total_qualification_time)
        if hours[0] is not None and hours[1] is not None and hours[1] < hours[0]:
            raise located_error(
                ("total_qualification_time",),
                "tqt",
                "{tqt} is less than guided_learning_hours ({glh}); TQT includes GLH",
                tqt=hours[1],
                glh=hours[0],
            )
        dates = [
            (name, getattr(self, name))
            for name in ("operational_start_date", "operational_end_date", "certification_end_date")
            if getattr(self, name) is not None
        ]
        for (earlier_name, earlier), (later_name, later) in itertools.pairwise(dates):
            if later < earlier:
                raise located_error(
                    (later_name,),
                    "date_order",
                    "{later} is before {earlier_name} ({earlier})",
                    later=later.isoformat(),
                    earlier=earlier.isoformat(),
                    earlier_name=earlier_name,
                )
        minimum = self.rules.minimum_credits
        if self.credit_value is not None and minimum is not None and self.credit_value != minimum:
            raise located_error(
                ("credit_value",),
                "credit_value",
                "{value} disagrees with rules.minimum_credits ({minimum})",
                value=self.credit_value,
                minimum=minimum,
            )
        return self

    @property
    def slug(self) -> str:
        """The page address segment: the id in lower case."""
        return self.id.lower()

    def is_withdrawn(self, today: dt.date) -> bool:
        """Whether the certification end date (or, failing that, the operational end date) has passed."""
        end = self.certification_end_date or self.operational_end_date
        return end is not None and end < today
