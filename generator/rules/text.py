"""Rules of combination in plain English, for the handbook page, the checker and the PDF."""

from __future__ import annotations

from .ruleset import Group, RuleSet, join_words, plural


def _limit(low: int | None, high: int | None, noun: str) -> str | None:
    if low is not None and high is not None:
        return f"exactly {plural(low, noun)}" if low == high else f"between {low} and {plural(high, noun)}"
    if low is not None:
        return f"at least {plural(low, noun)}"
    if high is not None:
        return f"at most {plural(high, noun)}"
    return None


def group_sentence(rules: RuleSet, group: Group) -> str:
    """One group's rule: ``From Optional group B, take at least 7 credits and at most 2 units.``"""
    if group.kind == "mandatory":
        credits = [rules.units[u].credits for u in group.units]
        total = f", {plural(sum(c or 0 for c in credits), 'credit')}" if all(c is not None for c in credits) else ""
        count = len(group.units)
        which = {1: "the unit", 2: "both units"}.get(count, f"all {count} units")
        return f"Take {which} in {group.name}{total}."
    limits = [
        text
        for text in (
            _limit(group.min_units, group.max_units, "unit"),
            _limit(group.min_credits, group.max_credits, "credit"),
        )
        if text
    ]
    if not limits:
        return f"From {group.name}, take any of the units, or none."
    return f"From {group.name}, take {join_words(limits)}."


def rule_sentences(rules: RuleSet) -> list[str]:
    """Every rule as a sentence, in the order a tutor applies them."""
    sentences = [group_sentence(rules, g) for g in rules.groups]
    if rules.pathways:
        names = [p.name for p in rules.pathways]
        sentences.append(
            f"Follow one of the {len(names)} pathways, {join_words(names).replace(' and ', ' or ')}, "
            "and take its groups as well."
        )
    if rules.minimum_credits is not None:
        sentences.append(f"Achieve at least {plural(rules.minimum_credits, 'credit')} in total.")
    if rules.level_rule is not None:
        level, credits = rules.level_rule
        sentences.append(f"At least {plural(credits, 'credit')} must come from units at {level.in_sentence} or above.")
    for combination in rules.barred:
        titles = [rules.units[u].title for u in combination]
        if len(titles) == 2:
            sentences.append(f"Do not take both {titles[0]} and {titles[1]}.")
        else:
            sentences.append(f"Take no more than one of {join_words(titles)}.")
    return sentences
