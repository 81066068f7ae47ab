"""Whether rules of combination can be met at all, and the totals a valid selection can have.

Exact, without trying every subset: within one route (the common groups plus one
pathway) the groups hold different units, so each group is solved on its own by dynamic
programming over its units, and the groups are then combined. The only links between
groups are the overall minimum credit and the minimum credit at or above a level, both
"at least" thresholds, so states are capped at those thresholds and stay small. Barred
combinations are handled by trying, for each combination, every choice of the one unit
it may keep.

States record, for every selection reaching them, the least and most total credit, the
least and most guided learning hours, and the most credit at or above the level.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .rules import Group, RuleSet

#: Most ways of resolving barred combinations tried in one route.
MAX_BARRED_CHOICES = 4096


@dataclass(frozen=True)
class Totals:
    """Least and most of the totals over a set of selections."""

    min_credits: int
    max_credits: int
    min_glh: int
    max_glh: int
    max_level_credits: int

    def merge(self, other: Totals) -> Totals:
        """The totals over both sets of selections."""
        return Totals(
            min(self.min_credits, other.min_credits),
            max(self.max_credits, other.max_credits),
            min(self.min_glh, other.min_glh),
            max(self.max_glh, other.max_glh),
            max(self.max_level_credits, other.max_level_credits),
        )

    def add(self, other: Totals) -> Totals:
        """The totals of a selection made of one from each set."""
        return Totals(
            self.min_credits + other.min_credits,
            self.max_credits + other.max_credits,
            self.min_glh + other.min_glh,
            self.max_glh + other.max_glh,
            self.max_level_credits + other.max_level_credits,
        )


@dataclass(frozen=True)
class RouteAnalysis:
    """What one route through the rules allows; ``totals`` is ``None`` when nothing meets it."""

    pathway: str | None
    totals: Totals | None
    glh_known: bool
    too_many_barred: bool = False

    @property
    def feasible(self) -> bool:
        """Whether some selection meets every rule on this route."""
        return self.totals is not None


# A state: (credits capped, level credits capped) -> totals of the selections reaching it.
_States = dict[tuple[int, int], Totals]


def _unit_totals(rules: RuleSet, unit_id: str) -> tuple[Totals, int, int]:
    facts = rules.units[unit_id]
    credits = facts.credits or 0
    glh = facts.glh or 0
    level_credits = credits if rules.level_rule and facts.level >= rules.level_rule[0] else 0
    return Totals(credits, credits, glh, glh, level_credits), credits, level_credits


def _add_state(states: dict, key: tuple, totals: Totals) -> None:
    existing = states.get(key)
    states[key] = totals if existing is None else existing.merge(totals)


def _solve_group(rules: RuleSet, group: Group, units: list[str], caps: tuple[int, int]) -> _States:
    """Every (credits, level credits) the group can contribute, capped at ``caps``."""
    credit_cap, level_cap = caps
    if group.kind == "mandatory":
        total = Totals(0, 0, 0, 0, 0)
        credits = level = 0
        for unit_id in units:
            unit_totals, unit_credits, unit_level = _unit_totals(rules, unit_id)
            total, credits, level = total.add(unit_totals), credits + unit_credits, level + unit_level
        return {(min(credits, credit_cap), min(level, level_cap)): total}
    count_cap = max(group.max_units if group.max_units is not None else 0, group.min_units or 0)
    count_limit = group.max_units
    # Group credits are kept exact up to the group's own maximum (beyond it a state is dropped),
    # or up to the largest threshold that matters when it has none.
    group_cap = group.max_credits if group.max_credits is not None else max(group.min_credits or 0, credit_cap)
    # key: (units taken capped, group credits capped, level credits capped)
    states: dict[tuple[int, int, int], Totals] = {(0, 0, 0): Totals(0, 0, 0, 0, 0)}
    for unit_id in units:
        unit_totals, unit_credits, unit_level = _unit_totals(rules, unit_id)
        grown = dict(states)
        for (count, credits, level), totals in states.items():
            new_count = count + 1
            new_credits = credits + unit_credits
            if count_limit is not None and new_count > count_limit:
                continue
            if group.max_credits is not None and new_credits > group.max_credits:
                continue
            key = (min(new_count, count_cap), min(new_credits, group_cap), min(level + unit_level, level_cap))
            _add_state(grown, key, totals.add(unit_totals))
        states = grown
    result: _States = {}
    for (count, credits, level), totals in states.items():
        if group.min_units is not None and count < group.min_units:
            continue
        if group.min_credits is not None and credits < group.min_credits:
            continue
        _add_state(result, (min(credits, credit_cap), level), totals)
    return result


def _combine(left: _States, right: _States, caps: tuple[int, int]) -> _States:
    combined: _States = {}
    for (credits_a, level_a), totals_a in left.items():
        for (credits_b, level_b), totals_b in right.items():
            key = (min(credits_a + credits_b, caps[0]), min(level_a + level_b, caps[1]))
            _add_state(combined, key, totals_a.add(totals_b))
    return combined


def _solve_route(rules: RuleSet, groups: tuple[Group, ...], excluded: frozenset[str], caps: tuple[int, int]):
    states: _States = {(0, 0): Totals(0, 0, 0, 0, 0)}
    for group in groups:
        if group.kind == "mandatory" and excluded.intersection(group.units):
            return None
        units = [u for u in group.units if u not in excluded]
        group_states = _solve_group(rules, group, units, caps)
        if not group_states:
            return None
        states = _combine(states, group_states, caps)
    result: Totals | None = None
    for (credits, level), totals in states.items():
        if credits >= caps[0] and level >= caps[1]:
            result = totals if result is None else result.merge(totals)
    return result


def _exclusion_choices(rules: RuleSet, in_scope: set[str]) -> list[frozenset[str]] | None:
    """Each way of keeping at most one unit of every barred combination (``None``: too many)."""
    relevant = [tuple(u for u in combination if u in in_scope) for combination in rules.barred]
    relevant = [combination for combination in relevant if len(combination) >= 2]
    count = 1
    for combination in relevant:
        count *= len(combination)
    if count > MAX_BARRED_CHOICES:
        return None
    choices: set[frozenset[str]] = set()
    for kept in itertools.product(*relevant):
        excluded: set[str] = set()
        for combination, keep in zip(relevant, kept, strict=True):
            excluded.update(u for u in combination if u != keep)
        choices.add(frozenset(excluded))
    return sorted(choices, key=sorted)


def analyse_route(
    rules: RuleSet,
    pathway: str | None,
    groups: tuple[Group, ...],
    *,
    minimum_credits: int | None = None,
    level_credits: int | None = None,
    with_barred: bool = True,
) -> RouteAnalysis:
    """What selections on one route meet its groups (and the given thresholds)."""
    in_scope = {u for g in groups for u in g.units}
    glh_known = all(rules.units[u].glh is not None for u in in_scope)
    choices = _exclusion_choices(rules, in_scope) if with_barred else [frozenset()]
    if choices is None:
        return RouteAnalysis(pathway, None, glh_known, too_many_barred=True)
    caps = (minimum_credits or 0, level_credits or 0)
    result: Totals | None = None
    for excluded in choices:
        totals = _solve_route(rules, groups, excluded, caps)
        if totals is not None:
            result = totals if result is None else result.merge(totals)
    return RouteAnalysis(pathway, result, glh_known)


def analyse(rules: RuleSet) -> list[RouteAnalysis]:
    """Every route through ``rules`` with every rule applied."""
    return [
        analyse_route(
            rules,
            pathway,
            groups,
            minimum_credits=rules.minimum_credits,
            level_credits=rules.level_rule[1] if rules.level_rule else None,
        )
        for pathway, groups in rules.scopes()
    ]


def group_is_satisfiable(rules: RuleSet, group: Group) -> bool:
    """Whether ``group`` on its own can meet its limits."""
    return bool(_solve_group(rules, group, list(group.units), (0, 0)))
