"""Rules of combination as plain data, and the one evaluator of a learner's selection.

:func:`ruleset_for` turns a checked qualification and its units into a :class:`RuleSet`.
That same data is what the pathway checker page ships as JSON (:meth:`RuleSet.to_json`),
and ``site_templates/assets/pathway-checker.js`` is a line-for-line port of
:func:`evaluate`: both give the same verdict, word for word, on the shared cases in
``tests/qualifications/rule_cases.json``. Change one, change the other.

A verdict::

    {"meets": false, "credits": 10, "glh": 62, "problems": ["Needs at least 13 credits in total; 10 selected."]}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content.model import Unit
from ..content.qualification_model import Qualification, UnitGroup


@dataclass(frozen=True)
class UnitFacts:
    """What the rules need to know of a unit."""

    id: str
    title: str
    level: int
    credits: int | None
    glh: int | None

    def to_json(self) -> dict[str, Any]:
        """The unit as JSON data for the pathway checker."""
        return {"title": self.title, "level": self.level, "credits": self.credits, "glh": self.glh}


@dataclass(frozen=True)
class Group:
    """A group of units with its limits (``None`` where the rules state none)."""

    name: str
    kind: str
    units: tuple[str, ...]
    min_credits: int | None = None
    max_credits: int | None = None
    min_units: int | None = None
    max_units: int | None = None
    note: str | None = field(default=None, compare=False)
    """The rule in the specification's own words (Markdown), for pages and prints; not judged."""

    def to_json(self) -> dict[str, Any]:
        """The group as JSON data for the pathway checker."""
        return {
            "name": self.name,
            "kind": self.kind,
            "units": list(self.units),
            "min_credits": self.min_credits,
            "max_credits": self.max_credits,
            "min_units": self.min_units,
            "max_units": self.max_units,
        }


@dataclass(frozen=True)
class PathwayRules:
    """A named pathway and its own groups."""

    name: str
    groups: tuple[Group, ...]
    description: str | None = field(default=None, compare=False)
    """What the pathway is for (Markdown), for pages and prints."""


@dataclass(frozen=True)
class RuleSet:
    """Everything needed to judge a selection of units, with unit ids resolved to the units' own."""

    qualification: str
    groups: tuple[Group, ...]
    pathways: tuple[PathwayRules, ...]
    barred: tuple[tuple[str, ...], ...]
    minimum_credits: int | None
    level_rule: tuple[int, int] | None
    units: Mapping[str, UnitFacts]

    def scope(self, pathway: str | None) -> tuple[Group, ...]:
        """The groups a learner on ``pathway`` takes (the common groups when it is ``None``)."""
        chosen = next((p for p in self.pathways if p.name == pathway), None)
        return self.groups + (chosen.groups if chosen else ())

    def scopes(self) -> list[tuple[str | None, tuple[Group, ...]]]:
        """Every route through the rules: one per pathway, or the common groups alone."""
        if not self.pathways:
            return [(None, self.groups)]
        return [(p.name, self.groups + p.groups) for p in self.pathways]

    def to_json(self) -> dict[str, Any]:
        """The rules as JSON data: what the pathway checker's JavaScript evaluates."""
        return {
            "qualification": self.qualification,
            "groups": [g.to_json() for g in self.groups],
            "pathways": [{"name": p.name, "groups": [g.to_json() for g in p.groups]} for p in self.pathways],
            "barred": [list(b) for b in self.barred],
            "minimum_credits": self.minimum_credits,
            "level_rule": {"level": self.level_rule[0], "credits": self.level_rule[1]} if self.level_rule else None,
            "units": {unit_id: facts.to_json() for unit_id, facts in self.units.items()},
        }


def _group(group: UnitGroup, resolve: Mapping[str, str]) -> Group:
    return Group(
        name=group.name,
        kind=group.kind,
        units=tuple(resolve[u.casefold()] for u in group.units),
        min_credits=group.min_credits,
        max_credits=group.max_credits,
        min_units=group.min_units,
        max_units=group.max_units,
        note=group.note,
    )


def ruleset_for(qualification: Qualification, units: Iterable[Unit]) -> RuleSet:
    """The rules of ``qualification`` over ``units`` (every referenced unit must be among them)."""
    by_key = {unit.id.casefold(): unit for unit in units}
    rules = qualification.rules
    referenced = [
        *(u for g in rules.groups for u in g.units),
        *(u for p in rules.pathways for g in p.groups for u in g.units),
        *(u for b in rules.barred for u in b.units),
    ]
    resolve = {key.casefold(): by_key[key.casefold()].id for key in referenced}
    facts: dict[str, UnitFacts] = {}
    for key in referenced:
        unit = by_key[key.casefold()]
        facts.setdefault(
            unit.id, UnitFacts(unit.id, unit.title, unit.level, unit.credit_value, unit.guided_learning_hours)
        )
    level_rule = rules.minimum_credits_at_or_above_level
    return RuleSet(
        qualification=qualification.id,
        groups=tuple(_group(g, resolve) for g in rules.groups),
        pathways=tuple(
            PathwayRules(p.name, tuple(_group(g, resolve) for g in p.groups), p.description) for p in rules.pathways
        ),
        barred=tuple(tuple(resolve[u.casefold()] for u in b.units) for b in rules.barred),
        minimum_credits=rules.minimum_credits,
        level_rule=(level_rule.level, level_rule.credits) if level_rule else None,
        units=facts,
    )


def plural(count: int, noun: str) -> str:
    """``1 unit``, ``2 units``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def join_words(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def evaluate(rules: RuleSet, selection: Mapping[str, Any]) -> dict[str, Any]:
    """Judge a selection ``{"pathway": name or None, "units": [unit ids]}`` against ``rules``.

    Returns ``meets``, the selected in-scope ``credits`` and ``glh`` (``None`` when a selected
    unit does not state them) and ``problems``: what is wrong or still missing, in plain
    English, in the order of the rules.
    """
    problems: list[str] = []
    selected: list[str] = []
    for unit_id in selection.get("units") or []:
        if unit_id in selected:
            continue
        selected.append(unit_id)
        if unit_id not in rules.units:
            problems.append(f"Not a unit of this qualification: {unit_id}.")
    pathway = selection.get("pathway")
    names = [p.name for p in rules.pathways]
    if names and pathway is None:
        problems.append("Choose a pathway.")
    elif pathway is not None and pathway not in names:
        problems.append(f"No such pathway: {pathway}.")
        pathway = None
    scope = rules.scope(pathway)
    in_scope = [u for g in scope for u in g.units]
    chosen = [u for u in selected if u in in_scope]
    if pathway is not None:
        for unit_id in selected:
            if unit_id in rules.units and unit_id not in in_scope:
                problems.append(f"Not part of the {pathway} pathway: {rules.units[unit_id].title}.")

    def credit_of(unit_id: str) -> int:
        return rules.units[unit_id].credits or 0

    for group in scope:
        taken = [u for u in group.units if u in chosen]
        if group.kind == "mandatory":
            for unit_id in group.units:
                if unit_id not in chosen:
                    problems.append(f"{group.name}: mandatory unit not selected: {rules.units[unit_id].title}.")
            continue
        count = len(taken)
        credits = sum(credit_of(u) for u in taken)
        if group.min_units is not None and count < group.min_units:
            problems.append(f"{group.name}: select at least {plural(group.min_units, 'unit')}; {count} selected.")
        if group.max_units is not None and count > group.max_units:
            problems.append(f"{group.name}: select at most {plural(group.max_units, 'unit')}; {count} selected.")
        if group.min_credits is not None and credits < group.min_credits:
            problems.append(f"{group.name}: needs at least {plural(group.min_credits, 'credit')}; {credits} selected.")
        if group.max_credits is not None and credits > group.max_credits:
            problems.append(f"{group.name}: allows at most {plural(group.max_credits, 'credit')}; {credits} selected.")

    for combination in rules.barred:
        together = [u for u in combination if u in selected]
        if len(together) >= 2:
            titles = join_words([rules.units[u].title for u in together])
            problems.append(f"Barred combination: {titles} cannot be taken together.")

    total = sum(credit_of(u) for u in chosen)
    if rules.minimum_credits is not None and total < rules.minimum_credits:
        problems.append(f"Needs at least {plural(rules.minimum_credits, 'credit')} in total; {total} selected.")
    if rules.level_rule is not None:
        level, needed = rules.level_rule
        at_level = sum(credit_of(u) for u in chosen if rules.units[u].level >= level)
        if at_level < needed:
            problems.append(
                f"Needs at least {plural(needed, 'credit')} at level {level} or above; {at_level} selected."
            )

    credits_known = all(rules.units[u].credits is not None for u in chosen)
    glh_known = all(rules.units[u].glh is not None for u in chosen)
    return {
        "meets": not problems,
        "credits": total if credits_known else None,
        "glh": sum(rules.units[u].glh or 0 for u in chosen) if glh_known else None,
        "problems": problems,
    }
