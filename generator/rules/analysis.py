"""Whether rules of combination can be met at all, and the totals a valid selection can have.

Exact, without trying every subset: within one route (the common groups plus one
pathway) the groups hold different units, so each group is solved on its own by dynamic
programming over its units, and the groups are then combined. The only links between
groups are the overall minimum credit and the minimum credit at or above a level, both
"at least" thresholds, so states are capped at those thresholds and stay small, and the
largest group is folded in last in linear time. A barred combination inside one optional
group is one more choice of that group (none of its units, or one); any other barred
combination is handled by trying each unit it may keep.

States record, for every selection reaching them, the least and most total credit, the
least and most guided learning hours, and the most credit at or above the level.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .ruleset import Group, RuleSet

#: Most ways of resolving barred combinations tried in one route.
MAX_BARRED_CHOICES = 4096


@dataclass(frozen=True)
class Totals:
    """Least and most of the totals over a set of selections.

    The least totals are ``None`` unless asked for (``analyse(..., minimums=True)``): they
    cost the most to find, and only the declared-total checks need them.
    """

    min_credits: int | None
    max_credits: int
    min_glh: int | None
    max_glh: int
    max_level_credits: int


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


# Internally a state's totals are a plain tuple, for speed:
# (least credits, most credits, least GLH, most GLH, most credits at or above the level).
_Values = tuple[int, int, int, int, int]
_ZERO: _Values = (0, 0, 0, 0, 0)
# A state: (credits capped, level credits capped) -> totals of the selections reaching it.
_States = dict[tuple[int, int], _Values]
# One choice within a group: take nothing, or exactly one of these (credits, level credits, totals).
_Item = list[tuple[int, int, _Values]]


def _merge(a: _Values, b: _Values) -> _Values:
    return (min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]), max(a[4], b[4]))


def _add(a: _Values, b: _Values) -> _Values:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4])


def _option(rules: RuleSet, unit_id: str) -> tuple[int, int, _Values]:
    facts = rules.units[unit_id]
    credits = facts.credits or 0
    glh = facts.glh or 0
    level_credits = credits if facts.at_rule_level else 0
    return credits, level_credits, (credits, credits, glh, glh, level_credits)


def _put(states: dict, key: tuple, values: _Values) -> None:
    existing = states.get(key)
    states[key] = values if existing is None else _merge(existing, values)


def _items(rules: RuleSet, units: list[str], clusters: list[tuple[str, ...]]) -> list[_Item]:
    """The group's choices: single units, and barred clusters (at most one of them) as one choice."""
    clustered = {u for cluster in clusters for u in cluster}
    items = [[_option(rules, u)] for u in units if u not in clustered]
    items += [[_option(rules, u) for u in cluster if u in units] for cluster in clusters]
    return [item for item in items if item]


def _solve_group(
    rules: RuleSet, group: Group, units: list[str], caps: tuple[int, int], clusters: list[tuple[str, ...]] = ()
) -> _States:
    """Every (credits, level credits) the group can contribute, capped at ``caps``."""
    credit_cap, level_cap = caps
    if group.kind == "mandatory":
        values, credits, level = _ZERO, 0, 0
        for unit_id in units:
            unit_credits, unit_level, unit_values = _option(rules, unit_id)
            values, credits, level = _add(values, unit_values), credits + unit_credits, level + unit_level
        return {(min(credits, credit_cap), min(level, level_cap)): values}
    count_cap = max(group.max_units if group.max_units is not None else 0, group.min_units or 0)
    count_limit = group.max_units
    credit_limit = group.max_credits
    # Group credits are kept exact up to the group's own maximum (beyond it a state is dropped),
    # or up to the largest threshold that matters when it has none.
    group_cap = credit_limit if credit_limit is not None else max(group.min_credits or 0, credit_cap)
    # key: (units taken capped, group credits capped, level credits capped)
    states: dict[tuple[int, int, int], _Values] = {(0, 0, 0): _ZERO}
    for item in _items(rules, units, list(clusters)):
        grown = dict(states)
        found = grown.get
        for unit_credits, unit_level, (u0, u1, u2, u3, u4) in item:
            for (count, credits, level), (v0, v1, v2, v3, v4) in states.items():
                if count_limit is not None and count >= count_limit:
                    continue
                credits += unit_credits
                if credit_limit is not None and credits > credit_limit:
                    continue
                level += unit_level
                key = (
                    count + 1 if count < count_cap else count_cap,
                    credits if credits < group_cap else group_cap,
                    level if level < level_cap else level_cap,
                )
                t0, t1, t2, t3, t4 = v0 + u0, v1 + u1, v2 + u2, v3 + u3, v4 + u4
                old = found(key)
                if old is None:
                    grown[key] = (t0, t1, t2, t3, t4)
                else:
                    grown[key] = (
                        old[0] if old[0] < t0 else t0,
                        old[1] if old[1] > t1 else t1,
                        old[2] if old[2] < t2 else t2,
                        old[3] if old[3] > t3 else t3,
                        old[4] if old[4] > t4 else t4,
                    )
        states = grown
    result: _States = {}
    for (count, credits, level), values in states.items():
        if group.min_units is not None and count < group.min_units:
            continue
        if group.min_credits is not None and credits < group.min_credits:
            continue
        _put(result, (min(credits, credit_cap), level), values)
    return result


def _prune(states: _States, caps: tuple[int, int], minimums: bool) -> _States:
    """Drop states that can never make a difference, in linear time.

    Thresholds are "at least", and each total is merged on its own, so a state is useless
    when, for every total that is wanted, some other state with at least as much credit and
    level credit is at least as good: whatever completes the first completes that one too.
    """
    credit_cap, level_cap = caps
    channels = (0, 1, 2, 3, 4) if minimums else (1, 3, 4)
    best: dict[tuple[int, int], list[int]] = {}
    kept: _States = {}
    for credits in range(credit_cap, -1, -1):
        for level in range(level_cap, -1, -1):
            above = [best[k] for k in ((credits + 1, level), (credits, level + 1)) if k in best]
            bound: list[int] | None = None
            for other in above:
                bound = (
                    list(other)
                    if bound is None
                    else [min(bound[i], other[i]) if i in (0, 2) else max(bound[i], other[i]) for i in range(5)]
                )
            values = states.get((credits, level))
            if values is not None:
                if bound is None or any(
                    (values[i] < bound[i]) if i in (0, 2) else (values[i] > bound[i]) for i in channels
                ):
                    kept[(credits, level)] = values
                merged = (
                    list(values)
                    if bound is None
                    else [min(bound[i], values[i]) if i in (0, 2) else max(bound[i], values[i]) for i in range(5)]
                )
                best[(credits, level)] = merged
            elif bound is not None:
                best[(credits, level)] = bound
    return kept


def _combine(left: _States, right: _States, caps: tuple[int, int]) -> _States:
    """Every pair of states, one from each side (the hot loop: _add and _merge written out)."""
    combined: _States = {}
    credit_cap, level_cap = caps
    found = combined.get
    for (credits_a, level_a), (a0, a1, a2, a3, a4) in left.items():
        for (credits_b, level_b), (b0, b1, b2, b3, b4) in right.items():
            credits, level = credits_a + credits_b, level_a + level_b
            key = (credits if credits < credit_cap else credit_cap, level if level < level_cap else level_cap)
            t0, t1, t2, t3, t4 = a0 + b0, a1 + b1, a2 + b2, a3 + b3, a4 + b4
            old = found(key)
            if old is None:
                combined[key] = (t0, t1, t2, t3, t4)
            else:
                combined[key] = (
                    old[0] if old[0] < t0 else t0,
                    old[1] if old[1] > t1 else t1,
                    old[2] if old[2] < t2 else t2,
                    old[3] if old[3] > t3 else t3,
                    old[4] if old[4] > t4 else t4,
                )
    return combined


def _finish(left: _States, right: _States, caps: tuple[int, int]) -> _Values | None:
    """The totals over every pair of states that together reach both thresholds.

    Linear, not quadratic: ``right`` is summarised as, for each (credits, level credits),
    the best totals among its states with at least that much of both.
    """
    credit_cap, level_cap = caps
    best: dict[tuple[int, int], _Values] = {}
    for credits in range(credit_cap, -1, -1):
        for level in range(level_cap, -1, -1):
            found = right.get((credits, level))
            for neighbour in ((credits + 1, level), (credits, level + 1)):
                other = best.get(neighbour)
                if other is not None:
                    found = other if found is None else _merge(found, other)
            if found is not None:
                best[(credits, level)] = found
    result: _Values | None = None
    for (credits, level), values in left.items():
        other = best.get((max(credit_cap - credits, 0), max(level_cap - level, 0)))
        if other is not None:
            total = _add(values, other)
            result = total if result is None else _merge(result, total)
    return result


def _solve_route(
    rules: RuleSet,
    groups: tuple[Group, ...],
    excluded: frozenset[str],
    caps: tuple[int, int],
    clusters: dict[Group, list[tuple[str, ...]]],
    solved_groups: dict[tuple[Group, frozenset[str], tuple], _States],
    minimums: bool,
) -> _Values | None:
    solved: list[_States] = []
    for group in groups:
        if group.kind == "mandatory" and excluded.intersection(group.units):
            return None
        # Different barred choices often leave a group untouched: solve each variant once.
        own_clusters = clusters.get(group, [])
        key = (group, excluded.intersection(group.units), tuple(own_clusters))
        group_states = solved_groups.get(key)
        if group_states is None:
            units = [u for u in group.units if u not in excluded]
            group_states = _prune(_solve_group(rules, group, units, caps, own_clusters), caps, minimums)
            solved_groups[key] = group_states
        if not group_states:
            return None
        solved.append(group_states)
    # Small maps first: the last (largest) one is folded in linearly by _finish.
    solved.sort(key=len)
    states: _States = {(0, 0): _ZERO}
    for group_states in solved[:-1]:
        states = _prune(_combine(states, group_states, caps), caps, minimums)
    return _finish(states, solved[-1], caps) if solved else None


def _barred_plan(
    rules: RuleSet, groups: tuple[Group, ...]
) -> tuple[dict[Group, list[tuple[str, ...]]], list[frozenset[str]] | None]:
    """Barred combinations solved inside one optional group, and the exclusion choices for the rest.

    A combination whose units (on this route) all sit in one optional group and share no unit
    with another combination is one choice of that group: none, or one of them. Every other
    combination is tried each way it can keep one unit (``None``: too many ways).
    """
    home = {u: g for g in groups for u in g.units}
    relevant = [tuple(u for u in combination if u in home) for combination in rules.barred]
    relevant = [combination for combination in relevant if len(combination) >= 2]
    counts: dict[str, int] = {}
    for combination in relevant:
        for unit_id in combination:
            counts[unit_id] = counts.get(unit_id, 0) + 1
    clusters: dict[Group, list[tuple[str, ...]]] = {}
    enumerated = []
    for combination in relevant:
        owners = {home[u] for u in combination}
        alone = all(counts[u] == 1 for u in combination)
        if len(owners) == 1 and all(g.kind == "optional" for g in owners) and alone:
            clusters.setdefault(owners.pop(), []).append(combination)
        else:
            enumerated.append(combination)
    count = 1
    for combination in enumerated:
        count *= len(combination)
    if count > MAX_BARRED_CHOICES:
        return clusters, None
    choices: set[frozenset[str]] = set()
    for kept in itertools.product(*enumerated):
        excluded: set[str] = set()
        for combination, keep in zip(enumerated, kept, strict=True):
            excluded.update(u for u in combination if u != keep)
        choices.add(frozenset(excluded))
    return clusters, sorted(choices, key=sorted)


def analyse_route(
    rules: RuleSet,
    pathway: str | None,
    groups: tuple[Group, ...],
    *,
    minimum_credits: int | None = None,
    level_credits: int | None = None,
    minimums: bool = False,
    solved_groups: dict[tuple[Group, frozenset[str], tuple], _States] | None = None,
) -> RouteAnalysis:
    """What selections on one route meet its groups (and the given thresholds).

    With ``minimums`` the least credit and GLH are found too (slower when both thresholds apply).
    """
    in_scope = {u for g in groups for u in g.units}
    glh_known = all(rules.units[u].glh is not None for u in in_scope)
    clusters, choices = _barred_plan(rules, groups)
    if choices is None:
        return RouteAnalysis(pathway, None, glh_known, too_many_barred=True)
    caps = (minimum_credits or 0, level_credits or 0)
    result: _Values | None = None
    # Solved groups may be shared between routes with the same thresholds (see analyse).
    solved_groups = {} if solved_groups is None else solved_groups
    for excluded in choices:
        values = _solve_route(rules, groups, excluded, caps, clusters, solved_groups, minimums)
        if values is not None:
            result = values if result is None else _merge(result, values)
    if result is None:
        return RouteAnalysis(pathway, None, glh_known)
    least_credits, most_credits, least_glh, most_glh, most_level = result
    totals = Totals(
        least_credits if minimums else None, most_credits, least_glh if minimums else None, most_glh, most_level
    )
    return RouteAnalysis(pathway, totals, glh_known)


def analyse(rules: RuleSet, *, minimums: bool = False) -> list[RouteAnalysis]:
    """Every route through ``rules`` with every rule applied (``minimums``: find the least totals too)."""
    shared: dict[tuple[Group, frozenset[str], tuple], _States] = {}
    return [
        analyse_route(
            rules,
            pathway,
            groups,
            minimum_credits=rules.minimum_credits,
            level_credits=rules.level_rule[1] if rules.level_rule else None,
            minimums=minimums,
            solved_groups=shared,
        )
        for pathway, groups in rules.scopes()
    ]


def group_is_satisfiable(rules: RuleSet, group: Group) -> bool:
    """Whether ``group`` on its own can meet its limits."""
    return bool(_solve_group(rules, group, list(group.units), (0, 0)))
