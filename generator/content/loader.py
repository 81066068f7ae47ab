"""Read one YAML file into a validated model, keeping the line and column of every value.

Only safe YAML is read, with three refusals a plain ``yaml.safe_load`` does not make:
duplicate keys (PyYAML silently keeps the last), anchors and aliases (the road to
"billion laughs"), and any explicit tag such as ``!!python/object``; nothing is constructed
from a tag. Booleans follow YAML 1.2 (``true``/``false`` only), so ``code: NO`` stays text,
and numbers that look like floats (``number: 1.10``) keep their source text.

Every problem becomes a :class:`~generator.errors.ContentProblem`; all of a file's problems
are reported together.
"""

from __future__ import annotations

import difflib
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import ContentErrors, ContentProblem, format_field
from ..errors import describe_value as describe
from .discovery import display_path as relative_display
from .limits import close_bidi_in

#: Largest file accepted, in bytes: a unit specification is a few kilobytes.
MAX_FILE_BYTES = 1_000_000
#: Deepest nesting of mappings and lists accepted.
MAX_DEPTH = 32
#: Most YAML nodes accepted in one file.
MAX_NODES = 20_000

ModelT = TypeVar("ModelT", bound=BaseModel)
Location = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML the loader will not read; reported without the "syntax error" prefix."""


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 booleans: only ``true``/``false``, so ``code: NO`` stays text."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _LimitedComposer(yaml.composer.Composer):
    """A composer that refuses anchors, aliases and runaway documents.

    The limits are enforced while composing, node by node, so a hostile file is refused
    after at most :data:`MAX_NODES` nodes instead of being read in full (PyYAML's composer
    is recursive: without the depth limit deep nesting would exhaust the stack).
    """

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                None, None, "anchors and aliases (&name, *name) are not allowed; write the value out", event.start_mark
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused(None, None, f"more than {MAX_NODES:,} values in one file", event.start_mark)
        if self._depth >= MAX_DEPTH:
            raise _Refused(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    _LimitedComposer,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    """The pure-Python loader: the reference, and the one that explains errors."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _LimitedComposer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser does everything
    _CParser = None
_FastLoader: type | None = None
if _CParser is not None:

    class _FastLoaderClass(_LimitedComposer, _CParser, yaml.constructor.SafeConstructor, _Resolver):  # type: ignore[misc, valid-type]
        """libyaml's parser under the same composer: about ten times faster on valid files."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _LimitedComposer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

    _FastLoader = _FastLoaderClass


class _CComposer(_CParser if _CParser is not None else object, _Resolver):  # type: ignore[misc]
    """libyaml's own composer (``get_single_node``): builds the node tree in C."""

    def __init__(self, stream: str) -> None:
        _CParser.__init__(self, stream)  # type: ignore[union-attr]
        _Resolver.__init__(self)

    # Called for every node: _Resolver's answers without its per-call list building and
    # path-resolver bookkeeping (the loader registers no path resolvers).
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT_RESOLVERS.get(value[0] if value else "", _WILDCARD_RESOLVERS):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


assert not _Resolver.yaml_path_resolvers, "_CComposer.resolve assumes no path resolvers"
_WILDCARD_RESOLVERS = list(_Resolver.yaml_implicit_resolvers.get(None, []))
_IMPLICIT_RESOLVERS = {
    first: resolvers + _WILDCARD_RESOLVERS
    for first, resolvers in _Resolver.yaml_implicit_resolvers.items()
    if first is not None
}


#: Deepest nesting handed to libyaml's composer, which recurses in C without a limit (a
#: 100,000-deep file crashes the interpreter; 20,000 was measured safe).
_C_COMPOSER_MAX_NESTING = 1_000
#: The indentation and block indicators that start a line: a block collection starts no
#: further right than this, so nesting is at most twice its length plus the brackets.
_LINE_PREFIX = re.compile(r"^ *(?:(?:[-?:]|!\S*) +)*", re.MULTILINE)


#: Where an anchor or alias could start. Both scanners take a name of ASCII letters, digits,
#: ``-`` and ``_`` after the ``&`` or ``*`` (or stop with an error), and a token can only start
#: there if the character before is not a letter or digit (after one, as in a URL's
#: ``?a=1&b=2``, the ``&`` is inside a plain scalar).
#: Tags (``!``) too: libyaml's composer resolves the non-specific ``!`` differently.
_MAYBE_ANCHOR = re.compile(r"(?<![0-9A-Za-z])(?:[&*][0-9A-Za-z_-]|!)")


class _Fallback(Exception):
    """The fast path met something the reference path reports (or refuses) exactly."""


def _fast_compose(text: str) -> yaml.Node:
    """Compose ``text`` with libyaml's C composer, or raise :class:`_Fallback`.

    Only files that cannot hold an anchor or alias (see :data:`_MAYBE_ANCHOR`) and whose
    nesting is bounded take this path; everything else, and any syntax error, goes the
    reference way so refusals and messages stay exactly the same.
    """
    if _CParser is None or "\t" in text or _MAYBE_ANCHOR.search(text):
        raise _Fallback
    prefix = max(map(len, _LINE_PREFIX.findall(text)), default=0)
    if 2 * prefix + 2 + text.count("[") + text.count("{") > _C_COMPOSER_MAX_NESTING:
        raise _Fallback
    try:
        node = _CComposer(text).get_single_node()
    except yaml.YAMLError:
        raise _Fallback from None
    if node is None:
        raise _Fallback
    return node


def _compose(text: str, *, fast: bool = True) -> yaml.Node | None:
    """Compose with libyaml where it is installed; any problem is re-read by the pure-Python
    parser, so error messages and positions are the same with or without libyaml."""
    # libyaml accepts tabs where PyYAML's own parser refuses them; files with tabs always
    # take the pure-Python path so a file never passes on one machine and fails on another.
    if fast and _FastLoader is not None and "\t" not in text:
        try:
            return yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_Loader)


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document starts, 1-based."""

    values: dict[Location, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Location, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, location: Location) -> tuple[int, int]:
        """The position of ``location``, or of its nearest enclosing value that exists."""
        for end in range(len(location), -1, -1):
            found = self.values.get(location[:end])
            if found:
                return found
        return (1, 1)

    def of_key(self, location: Location) -> tuple[int, int]:
        """The position of the key naming ``location``, falling back to its value."""
        return self.keys.get(location) or self.of_value(location)


class _PositionsFromText(Positions):
    """Positions found again from the file's text when an error needs one.

    A unit's positions take about five times the memory of its text (a tuple and a location
    key for every value), and after loading they are needed only for the rare cross-file error.
    """

    def __init__(self, text: str, display: str) -> None:  # no fields: nothing is kept but the text
        # Compressed: unit text with one curly quote is stored two bytes a character, and the
        # UTF-8 compressed is about a sixth of that (17 MB against 3 MB for 1,000 units).
        self._packed = zlib.compress(text.encode("utf-8"), 1)
        self._display = display

    def _parsed(self) -> Positions:
        return parse_document(zlib.decompress(self._packed).decode("utf-8"), self._display).positions

    @property  # type: ignore[override]
    def values(self) -> dict[Location, tuple[int, int]]:
        return self._parsed().values

    @property  # type: ignore[override]
    def keys(self) -> dict[Location, tuple[int, int]]:
        return self._parsed().keys

    def of_value(self, location: Location) -> tuple[int, int]:
        """The position of ``location``, or of its nearest enclosing value that exists."""
        return self._parsed().of_value(location)

    def of_key(self, location: Location) -> tuple[int, int]:
        """The position of the key naming ``location``, falling back to its value."""
        return self._parsed().of_key(location)


@dataclass
class Document:
    """A parsed YAML file: plain Python data plus the positions of its values."""

    path: str
    data: Any
    positions: Positions
    text: str = field(default="", repr=False)
    """The file's text (empty once kept), from which :meth:`kept_as_text` finds positions again."""

    def error(self, location: Location, message: str, *, at_key: bool = False) -> ContentProblem:
        """A :class:`ContentProblem` at ``location`` in this document."""
        line, column = self.positions.of_key(location) if at_key else self.positions.of_value(location)
        return ContentProblem(self.path, line, column, format_field(location), message)

    def kept_as_text(self) -> Document:
        """This document for keeping after validation: no data, its text compressed; the same errors.

        Positions are parsed again from the text on the first error asked for, so a catalogue
        kept for the length of a build (or of ``mkdocs serve``) holds a few kilobytes a unit
        instead of its YAML data and every value's position.
        """
        if not self.text:
            return self
        return Document(self.path, None, _PositionsFromText(self.text, self.path))


def _file_error(display: str, line: int, column: int, message: str) -> ContentErrors:
    """A problem with the file as a whole, ready to raise."""
    return ContentErrors([ContentProblem(display, line, column, "(file)", message)])


def read_text(source: Path, display: str) -> str:
    """The file's text: UTF-8 (a BOM is accepted), within :data:`MAX_FILE_BYTES`."""
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise _file_error(display, 1, 1, f"cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _file_error(display, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise _file_error(
            display, line, column, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None


#: Hints for PyYAML's terser messages, keyed by the start of its problem text.
_SYNTAX_HINTS = {
    "mapping values are not allowed here": "check the indentation, and quote text that contains ': '",
    "found character '\\t' that cannot start any token": "use spaces, not tabs",
}


def _syntax_problem(exc: yaml.MarkedYAMLError, mark: yaml.Mark | None) -> str:
    problem = exc.problem or exc.context or "invalid YAML"
    if problem == "but found another document":
        return "a second document ('---') starts here; a file holds one unit"
    if exc.context and exc.problem and exc.context_mark and exc.context_mark is not mark:
        problem = f"{problem} ({exc.context} on line {exc.context_mark.line + 1})"
        if "flow" in exc.context:
            problem += "; quote text that starts with [ or {"
    for start, hint in _SYNTAX_HINTS.items():
        if problem.startswith(start):
            problem = f"{problem}; {hint}"
    return problem


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def parse_document(text: str, display: str, *, fast: bool = True) -> Document:
    """Parse YAML ``text`` into a :class:`Document`, or raise every problem found.

    ``fast=False`` skips libyaml and uses only the pure-Python parser (tests compare the two).
    """
    if fast:
        try:
            return _parse_fast(text, display)
        except _Fallback:
            pass
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise _file_error(
                    display, number, len(line) - len(stripped) + 1, "tab used for indentation; indent with spaces"
                )
    try:
        node = _compose(text, fast=fast)
    except _Refused as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _file_error(display, line, column, str(exc.problem)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = _syntax_problem(exc, mark)
        raise _file_error(display, line, column, f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_and_column(text, exc.position)
        raise _file_error(
            display, line, column, f"control character U+{exc.character:04X} is not allowed in YAML; delete it"
        ) from None
    except yaml.YAMLError as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise _file_error(display, 1, 1, f"YAML error: {first_line}") from None
    if node is None:
        raise _file_error(display, 1, 1, "file is empty; expected a mapping of fields")
    builder = _Builder(display, limits=False)
    data = builder.build(node, ())
    if builder.errors:
        raise ContentErrors(builder.errors)
    if not isinstance(data, dict):
        line, column = builder.positions.of_value(())
        raise _file_error(display, line, column, f"expected a mapping of fields, got {describe(data)}")
    return Document(display, data, builder.positions, text)


def _parse_fast(text: str, display: str) -> Document:
    """The common case, a valid file, composed in C; raises :class:`_Fallback` otherwise."""
    builder = _Builder(display, limits=True)
    data = builder.build(_fast_compose(text), ())
    if builder.errors or not isinstance(data, dict):
        raise _Fallback
    return Document(display, data, builder.positions, text)


class _Builder:
    """Turns composed YAML nodes into Python data, recording positions and refusals.

    With ``limits`` the builder does the composer's checks itself (libyaml's composer does
    not): a node reached twice (an alias), more than :data:`MAX_NODES` nodes or nesting of
    :data:`MAX_DEPTH` raise :class:`_Fallback` at once, before anything is expanded.
    """

    def __init__(self, display: str, *, limits: bool) -> None:
        self.display = display
        self.positions = Positions()
        self.errors: list[ContentProblem] = []
        self.nodes = 0
        self.limits = limits
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, mark: yaml.Mark, location: Location, message: str) -> None:
        problem = ContentProblem(self.display, mark.line + 1, mark.column + 1, format_field(location), message)
        self.errors.append(problem)

    def build(self, node: yaml.Node, location: Location) -> Any:
        if self.limits:
            # The composer's refusals, counted the way _LimitedComposer counts them; a node
            # already seen is an alias.
            seen = self.seen
            before = len(seen)
            seen.add(id(node))
            if len(seen) == before or before >= MAX_NODES or len(location) >= MAX_DEPTH:
                raise _Fallback
        else:
            self.nodes += 1
        if self.nodes > MAX_NODES:
            if self.nodes == MAX_NODES + 1:
                self.fail(node.start_mark, location, f"more than {MAX_NODES:,} values in one file")
            return None
        if len(location) > MAX_DEPTH:
            self.fail(node.start_mark, location, f"nested more than {MAX_DEPTH} levels deep")
            return None
        self.positions.values[location] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, location)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.fail(node.start_mark, location, f"tag {_short_tag(node.tag)!r} is not allowed")
                return None
            return [self.build(item, (*location, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, location)

    def _mapping(self, node: yaml.MappingNode, location: Location) -> dict[str, Any] | None:
        if node.tag != _MAP:
            self.fail(node.start_mark, location, f"tag {_short_tag(node.tag)!r} is not allowed")
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if self.limits:
                seen = self.seen
                before = len(seen)
                seen.add(id(key_node))
                if len(seen) == before or before >= MAX_NODES or len(location) + 1 >= MAX_DEPTH:
                    raise _Fallback
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_STR, _INT):
                self.fail(key_node.start_mark, location, _bad_key_message(key_node))
                continue
            key = str(key_node.value)
            child = (*location, key)
            if key in result or child in self.positions.keys:
                first_line = self.positions.keys[child][0]
                self.fail(key_node.start_mark, child, f"duplicate key; first given on line {first_line}")
                continue
            self.positions.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.ScalarNode, location: Location) -> Any:
        tag = node.tag
        if self.limits and not node.value and node.style not in ("'", '"'):
            # libyaml's composer places an empty plain value (``key:``) elsewhere than the
            # reference does in some layouts; those files are read the reference way.
            raise _Fallback
        # The common tags directly, as SafeConstructor would construct them.
        if tag == _STR:
            return node.value
        if tag == _NULL:
            return None
        if tag == _FLOAT or (tag == _INT and not _PLAIN_INT.fullmatch(node.value)):
            return node.value
        if tag == _INT:
            try:
                return int(node.value)
            except ValueError:  # more digits than int() converts
                return node.value
        if tag in (_BOOL, _TIMESTAMP):
            try:
                return self.constructor.construct_object(node)
            except (ValueError, yaml.constructor.ConstructorError):
                return node.value
        self.fail(node.start_mark, location, f"tag {_short_tag(node.tag)!r} is not allowed")
        return None


def _bad_key_message(node: yaml.Node) -> str:
    if node.tag == "tag:yaml.org,2002:merge":
        return "merge keys (<<) are not allowed; write the fields out"
    if isinstance(node, yaml.MappingNode):
        return "keys must be plain names, got a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "keys must be plain names, got a list"
    shown = "nothing (null)" if node.tag == _NULL else repr(node.value)
    return f"keys must be plain names, got {shown}; quote it if it is meant as a name"


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


_MESSAGES = {
    "missing": "required field is missing",
    "string_type": "expected text, got {got}",
    "int_type": "expected a whole number, got {got}",
    "int_parsing": "expected a whole number, got {got}",
    "int_from_float": "expected a whole number, got {got}",
    "int_parsing_size": "expected a whole number of sensible size, got {got}",
    "bool_type": "expected true or false, got {got}",
    "bool_parsing": "expected true or false, got {got}",
    "list_type": "expected a list, got {got}",
    "model_type": "expected a mapping of fields, got {got}",
    "model_attributes_type": "expected a mapping of fields, got {got}",
    "dict_type": "expected a mapping of fields, got {got}",
    "date_type": "expected a date as YYYY-MM-DD, got {got}",
    "date_parsing": "expected a date as YYYY-MM-DD, got {got}",
    "date_from_datetime_parsing": "expected a date as YYYY-MM-DD, got {got}",
    "date_from_datetime_inexact": "expected a date as YYYY-MM-DD without a time, got {got}",
    "string_too_short": "must not be empty",
    "literal_error": "expected {expected}, got {got}",
}


def _message(error: Mapping[str, Any], model: type[BaseModel], location: Location) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    got = describe(error.get("input"))
    if kind == "extra_forbidden":
        return "unknown key" + _suggestion(str(location[-1]), _allowed_keys(model, location[:-1]))
    if kind in _MESSAGES:
        return _MESSAGES[kind].format(got=got, expected=context.get("expected", ""))
    if kind == "string_too_long":
        return f"is {len(str(error.get('input'))):,} characters long; the limit is {context.get('max_length'):,}"
    if kind == "too_short":
        least = context.get("min_length")
        return f"must have at least {least} item{'s' if least != 1 else ''}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        text = error["msg"].removeprefix("Input should be ")
        return f"must be {text}, got {got}"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _suggestion(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    if allowed:
        return "; expected one of: " + ", ".join(allowed)
    return ""


def _allowed_keys(model: type[BaseModel], location: Location) -> list[str]:
    """The field names of the model found at ``location`` inside ``model``."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if _is_model(current) else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _inner_model(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def validate_document(document: Document, model: type[ModelT]) -> ModelT:
    """Validate a parsed document against ``model``, raising every error with its position."""
    try:
        return model.model_validate(close_bidi_in(document.data))
    except ValidationError as exc:
        errors = []
        for error in exc.errors(include_url=False):
            location: Location = tuple(error["loc"])
            location = (*location, *(error.get("ctx") or {}).get("subpath", ()))
            at_key = error["type"] == "extra_forbidden"
            errors.append(document.error(location, _message(error, model, location), at_key=at_key))
        raise ContentErrors(errors) from None


def load_model(source: Path, model: type[ModelT], *, root: Path) -> tuple[ModelT, Document]:
    """Read, parse and validate one YAML file; paths in errors are relative to ``root``."""
    display = display_path(source, root)
    document = parse_document(read_text(source, display), display)
    return validate_document(document, model), document


def display_path(source: Path, root: Path) -> str:
    """``source`` relative to ``root`` with forward slashes, as errors show it (links not followed)."""
    return relative_display(source, root)
