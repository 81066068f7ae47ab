"""Every qualification of a project, loaded and cross-checked against the unit catalogue.

Runs after the units are checked and before anything is rendered. Each problem is a
:class:`~generator.errors.ContentProblem` at the line of the qualification file that causes
it: an unknown unit, a credit rule over a unit that states no credit, a group that no
choice of its units can satisfy, rules no selection can meet, or a declared total
(credit value, guided learning hours) that disagrees with what the rules allow.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentErrors, ContentProblem
from ..rules.analysis import RouteAnalysis, analyse, analyse_route, group_is_satisfiable
from ..rules.ruleset import RuleSet, ruleset_for
from .catalogue import Catalogue
from .discovery import discover
from .limits import xml_errors
from .loader import Document, Location, load_model
from .model import Unit
from .qualification_model import Qualification


@dataclass(frozen=True)
class SourcedQualification:
    """A checked qualification, the file it came from, its rules as data and what they allow."""

    qualification: Qualification
    document: Document
    rules: RuleSet
    routes: tuple[RouteAnalysis, ...]

    @property
    def path(self) -> str:
        """The source file, relative to the project root."""
        return self.document.path


@dataclass(frozen=True)
class Qualifications:
    """Every qualification, in a stable order (by id), with the lookups pages need."""

    entries: tuple[SourcedQualification, ...] = ()

    def __iter__(self) -> Iterator[SourcedQualification]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def containing(self, unit: Unit) -> list[SourcedQualification]:
        """The qualifications whose rules list ``unit``."""
        return [entry for entry in self.entries if unit.id in entry.rules.units]


def find_qualification_files(folder: Path, *, root: Path | None = None) -> list[Path]:
    """Every qualification file in ``folder`` by the discovery rule (:func:`.discovery.discover`)."""
    return discover(folder, root=root or folder.parent.parent).files


def load_qualification_files(
    paths: Iterable[Path], *, root: Path
) -> tuple[list[tuple[Qualification, Document]], list[ContentProblem]]:
    """Load and validate each file on its own, collecting every error."""
    loaded: list[tuple[Qualification, Document]] = []
    errors: list[ContentProblem] = []
    for path in paths:
        try:
            qualification, document = load_model(path, Qualification, root=root)
        except ContentErrors as exc:
            errors.extend(exc.errors)
            continue
        problems = xml_errors(document)
        if problems:
            errors.extend(problems)
        else:
            loaded.append((qualification, document))
    return loaded, errors


def _references(qualification: Qualification) -> Iterator[tuple[Location, str]]:
    rules = qualification.rules
    for g, group in enumerate(rules.groups):
        for u, unit_id in enumerate(group.units):
            yield ("rules", "groups", g, "units", u), unit_id
    for p, pathway in enumerate(rules.pathways):
        for g, group in enumerate(pathway.groups):
            for u, unit_id in enumerate(group.units):
                yield ("rules", "pathways", p, "groups", g, "units", u), unit_id
    for b, combination in enumerate(rules.barred):
        for u, unit_id in enumerate(combination.units):
            yield ("rules", "barred", b, "units", u), unit_id


def _groups_with_locations(qualification: Qualification):
    rules = qualification.rules
    for g, group in enumerate(rules.groups):
        yield ("rules", "groups", g), group
    for p, pathway in enumerate(rules.pathways):
        for g, group in enumerate(pathway.groups):
            yield ("rules", "pathways", p, "groups", g), group


def check_references(qualification: Qualification, document: Document, catalogue: Catalogue) -> list[ContentProblem]:
    """Every unit the rules name exists; barred units are in the rules; credit rules have credits."""
    errors: list[ContentProblem] = []
    known = [unit.id for unit in catalogue]
    for location, unit_id in _references(qualification):
        if catalogue.get(unit_id) is None:
            close = difflib.get_close_matches(unit_id, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            errors.append(document.error(location, f"no unit with id {unit_id!r} in the catalogue{hint}"))
    if errors:
        return errors
    grouped = {u.casefold() for _, group in _groups_with_locations(qualification) for u in group.units}
    for location, unit_id in _references(qualification):
        if location[1] == "barred" and unit_id.casefold() not in grouped:
            errors.append(document.error(location, f"{unit_id!r} is barred but is not in any group"))
    rules = qualification.rules
    overall = [
        name
        for name, value in (
            ("rules.minimum_credits", rules.minimum_credits),
            ("rules.minimum_credits_at_or_above_level", rules.minimum_credits_at_or_above_level),
        )
        if value is not None
    ]
    for group_location, group in _groups_with_locations(qualification):
        needs = list(overall)
        if group.min_credits is not None or group.max_credits is not None:
            needs.append("the group's credit limits")
        if not needs:
            continue
        for index, unit_id in enumerate(group.units):
            unit = catalogue.get(unit_id)
            if unit is not None and unit.credit_value is None:
                errors.append(
                    document.error(
                        (*group_location, "units", index),
                        f"unit {unit.id!r} states no credit value, which {join(needs)} "
                        + ("needs" if len(needs) == 1 else "need"),
                    )
                )
    return errors


def join(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _route_words(route: RouteAnalysis) -> str:
    return f" on the {route.pathway} pathway" if route.pathway is not None else ""


def check_rules(qualification: Qualification, document: Document, rules: RuleSet) -> list[ContentProblem]:
    """The rules can be met, and the declared totals agree with what they allow."""
    errors: list[ContentProblem] = []
    for location, group in _groups_with_locations(qualification):
        if group.kind == "mandatory":
            continue
        group_rules = _group_rules(rules, location)
        if not group_is_satisfiable(rules, group_rules):
            total = sum(rules.units[u].credits or 0 for u in group_rules.units)
            if group.min_credits is not None and group.min_credits > total:
                errors.append(
                    document.error(
                        (*location, "min_credits"),
                        f"needs {group.min_credits} credits but the group's units total {total}",
                    )
                )
            else:
                errors.append(document.error(location, "no choice of the group's units meets all of its limits"))
    if errors:
        return errors
    errors.extend(_check_barred_mandatory(qualification, document, rules))
    if errors:
        return errors
    level_rule = qualification.rules.minimum_credits_at_or_above_level
    for pathway, groups in rules.scopes():
        relaxed = analyse_route(rules, pathway, groups)
        if relaxed.too_many_barred:
            errors.append(document.error(("rules", "barred"), "too many barred combinations to check"))
            return errors
        route = _route_words(relaxed)
        if relaxed.totals is None:
            errors.append(
                document.error(
                    ("rules", "barred"), f"the barred combinations leave no selection that meets the groups{route}"
                )
            )
            continue
        minimum = rules.minimum_credits
        if minimum is not None:
            if relaxed.totals.max_credits < minimum:
                errors.append(
                    document.error(
                        ("rules", "minimum_credits"),
                        f"{minimum} cannot be reached{route}: a selection meeting the groups has at most "
                        f"{relaxed.totals.max_credits} credits",
                    )
                )
            floor = _credit_floor(rules, groups)
            if floor > minimum:
                errors.append(
                    document.error(
                        ("rules", "minimum_credits"),
                        f"{minimum} is less than the {floor} credits the groups require{route}",
                    )
                )
        if level_rule is not None and relaxed.totals.max_level_credits < level_rule.credits:
            errors.append(
                document.error(
                    ("rules", "minimum_credits_at_or_above_level", "credits"),
                    f"{level_rule.credits} cannot be reached{route}: a selection meeting the groups has at most "
                    f"{relaxed.totals.max_level_credits} credits at {level_rule.level.in_sentence} or above",
                )
            )
    if errors:
        return errors
    for route in analyse(rules, minimums=_needs_minimums(qualification, rules)):
        words = _route_words(route)
        if route.totals is None:
            errors.append(document.error(("rules",), f"no selection of units meets every rule{words}"))
            continue
        errors.extend(_check_declared_totals(qualification, document, rules, route))
    return errors


def _check_barred_mandatory(qualification: Qualification, document: Document, rules: RuleSet) -> list[ContentProblem]:
    """A barred combination of units that are all mandatory on some route can never be met."""
    errors: list[ContentProblem] = []
    for index, combination in enumerate(rules.barred):
        for pathway, groups in rules.scopes():
            mandatory = [u for g in groups if g.kind == "mandatory" for u in g.units if u in combination]
            if len(mandatory) >= 2:
                where = f" on the {pathway} pathway" if pathway is not None else ""
                names = join([repr(u) for u in mandatory])
                errors.append(
                    document.error(
                        ("rules", "barred", index), f"{names} are barred together but are all mandatory{where}"
                    )
                )
                break
    return errors


def _needs_minimums(qualification: Qualification, rules: RuleSet) -> bool:
    """Whether a declared total is checked against the least a valid selection can have."""
    units = rules.units.values()
    credit_check = qualification.credit_value is not None and rules.minimum_credits is None
    glh_check = qualification.guided_learning_hours is not None and all(u.glh is not None for u in units)
    return credit_check or glh_check


def _group_rules(rules: RuleSet, location: Location):
    if location[1] == "groups":
        return rules.groups[int(location[2])]
    return rules.pathways[int(location[2])].groups[int(location[4])]


def _credit_floor(rules: RuleSet, groups) -> int:
    """The credit every valid selection has at least: mandatory units plus the groups' minimums."""
    floor = 0
    for group in groups:
        if group.kind == "mandatory":
            floor += sum(rules.units[u].credits or 0 for u in group.units)
        else:
            floor += group.min_credits or 0
    return floor


def _check_declared_totals(
    qualification: Qualification, document: Document, rules: RuleSet, route: RouteAnalysis
) -> list[ContentProblem]:
    errors: list[ContentProblem] = []
    totals = route.totals
    assert totals is not None
    words = _route_words(route)
    in_scope = {u for g in rules.scope(route.pathway) for u in g.units}
    credits_known = all(rules.units[u].credits is not None for u in in_scope)
    value = qualification.credit_value
    if value is not None and rules.minimum_credits is None and credits_known and totals.min_credits is not None:
        if value < totals.min_credits:
            errors.append(
                document.error(
                    ("credit_value",),
                    f"{value} is less than any selection meeting the rules has{words} (at least {totals.min_credits})",
                )
            )
        elif value > totals.max_credits:
            errors.append(
                document.error(
                    ("credit_value",),
                    f"{value} is more than any selection meeting the rules has{words} (at most {totals.max_credits})",
                )
            )
    glh = qualification.guided_learning_hours
    if (
        glh is not None
        and route.glh_known
        and totals.min_glh is not None
        and not totals.min_glh <= glh <= totals.max_glh
    ):
        span = f"{totals.min_glh} to {totals.max_glh}" if totals.min_glh != totals.max_glh else f"{totals.min_glh}"
        errors.append(
            document.error(
                ("guided_learning_hours",),
                f"{glh} disagrees with the units: a selection meeting the rules has {span} hours{words}",
            )
        )
    return errors


def check_unique_ids(entries: list[tuple[Qualification, Document]]) -> list[ContentProblem]:
    """Errors for qualification ids (ignoring case) used by two files."""
    errors: list[ContentProblem] = []
    seen: dict[str, Document] = {}
    for qualification, document in entries:
        first = seen.setdefault(qualification.id.casefold(), document)
        if first is not document:
            errors.append(
                document.error(
                    ("id",), f"{qualification.id!r} is already used by {first.path} (ids are compared ignoring case)"
                )
            )
    return errors


def check_qualifications(
    entries: list[tuple[Qualification, Document]], catalogue: Catalogue
) -> tuple[list[SourcedQualification], list[ContentProblem]]:
    """Cross-check loaded qualifications against ``catalogue``; every error is collected."""
    checked: list[SourcedQualification] = []
    errors = check_unique_ids(sorted(entries, key=lambda e: e[1].path))
    for qualification, document in entries:
        problems = check_references(qualification, document, catalogue)
        if problems:
            errors.extend(problems)
            continue
        rules = ruleset_for(qualification, catalogue)
        problems = check_rules(qualification, document, rules)
        if problems:
            errors.extend(problems)
            continue
        checked.append(SourcedQualification(qualification, document, rules, tuple(analyse(rules))))
    return checked, errors


def build_qualifications(folder: Path, catalogue: Catalogue, *, root: Path) -> Qualifications:
    """Load and check every qualification in ``folder``; raise all errors at once."""
    found = discover(folder, root=root)
    entries, errors = load_qualification_files(found.files, root=root)
    errors.extend(found.errors)
    checked, problems = check_qualifications(entries, catalogue)
    errors.extend(problems)
    if errors:
        raise ContentErrors(errors)
    return Qualifications(tuple(sorted(checked, key=lambda e: e.qualification.id.casefold())))
