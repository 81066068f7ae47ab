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

import bisect
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import ContentErrors, ContentProblem, format_field
from ..errors import describe_value as describe
from .discovery import display_path as relative_display
from .limits import BIDI_CONTROLS, close_bidi_in, may_hold

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

        def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:
            # An empty value tagged '!' (``key: !``) comes from libyaml as not implicit,
            # so it would resolve to text; PyYAML's parser makes every '!' scalar implicit
            # (here: null). The same file must read the same with or without libyaml.
            event = self.peek_event()
            if event.tag == "!":
                event.implicit = (True, False)
            return super().compose_scalar_node(anchor)

    _FastLoader = _FastLoaderClass


class _CComposer(_CParser if _CParser is not None else object, _Resolver):  # type: ignore[misc]
    """libyaml's own composer (``get_single_node``): builds the node tree in C.

    It counts the nodes it composes and refuses, as :class:`_LimitedComposer` does, more
    than :data:`MAX_NODES` of them or nesting of :data:`MAX_DEPTH`, by raising
    :class:`_Fallback` from the hook libyaml calls before each node: its composer recurses
    in C without a limit of its own (100,000 nested brackets would crash the interpreter).
    """

    def __init__(self, stream: str) -> None:
        _CParser.__init__(self, stream)  # type: ignore[union-attr]
        _Resolver.__init__(self)
        self.nodes = 0
        self.depth = 0

    # Called for every node: _Resolver's answers without its per-call list building and
    # path-resolver bookkeeping (the loader registers no path resolvers).
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                tag = _PLAIN_TAGS.get(value)
                if tag is None:
                    tag = _resolve_plain(value)
                    # Keys and short values repeat in every file ("number", "text", "true").
                    if len(value) <= 32 and len(_PLAIN_TAGS) < 10_000:
                        _PLAIN_TAGS[value] = tag
                return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    # Called before each node is composed (never for an alias), and after it.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        self.nodes += 1
        self.depth += 1
        if self.depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise _Fallback

    def ascend_resolver(self) -> None:
        self.depth -= 1


assert not _Resolver.yaml_path_resolvers, "_CComposer.resolve assumes no path resolvers"
_WILDCARD_RESOLVERS = list(_Resolver.yaml_implicit_resolvers.get(None, []))
_IMPLICIT_RESOLVERS = {
    first: resolvers + _WILDCARD_RESOLVERS
    for first, resolvers in _Resolver.yaml_implicit_resolvers.items()
    if first is not None
}
#: The tags of short plain scalars already resolved in this process.
_PLAIN_TAGS: dict[str, str] = {}


def _resolve_plain(value: str) -> str:
    """The tag :class:`_Resolver` gives a plain scalar."""
    for tag, regexp in _IMPLICIT_RESOLVERS.get(value[0] if value else "", _WILDCARD_RESOLVERS):
        if regexp.match(value):
            return tag
    return _STR


#: What can follow the ``&`` of an anchor or the ``*`` of an alias: both scanners take a
#: name of ASCII letters, digits, ``-`` and ``_`` (or stop with an error).
_NAME_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
#: Every line break YAML knows: a comment ends at any of them.
_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")


class _Fallback(Exception):
    """The fast path met something the reference path reports (or refuses) exactly."""


def _maybe_properties(text: str) -> list[int]:
    """Where an anchor (``&name``), alias (``*name``) or tag (``!``) could start in ``text``.

    ``str.find`` runs at memory speed; a regular expression over the whole text cost a
    sixth of composing it.
    """
    found = []
    for indicator in "&*!":
        at = text.find(indicator)
        while at != -1:
            if indicator == "!" or text[at + 1 : at + 2] in _NAME_CHARACTERS:
                found.append(at)
            at = text.find(indicator, at + 1)
    return found


def _c_compose(text: str) -> tuple[yaml.Node, int]:
    """``text`` composed by libyaml's C composer, and how many nodes it made; or :class:`_Fallback`.

    Files with tabs (libyaml accepts tabs where PyYAML's parser refuses them) or a
    byte-order mark (libyaml counts it in its marks), files beyond the composer's limits,
    and any file libyaml finds an error in, are left to the reference path.
    """
    if _CParser is None or "\t" in text or text.startswith("\ufeff"):
        raise _Fallback
    composer = _CComposer(text)
    try:
        node = composer.get_single_node()
    except (yaml.YAMLError, UnicodeError):
        raise _Fallback from None
    if node is None:
        raise _Fallback
    return node, composer.nodes


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


@dataclass
class Document:
    """A parsed YAML file: plain Python data, its text, and where each of its values starts.

    A file read by the fast path gets its :attr:`positions` only when something asks for
    one (an error to report): they are worked out from :attr:`text` then, so valid files
    never pay for them and a loaded unit keeps its few kilobytes of text instead.
    """

    path: str
    data: Any
    text: str = field(repr=False)
    known_positions: Positions | None = field(default=None, repr=False, compare=False)

    @property
    def positions(self) -> Positions:
        """Where each value (and each mapping key) starts; found on first use."""
        if self.known_positions is None:
            self.known_positions = _positions_of(self.text, self.path)
        return self.known_positions

    def kept_as_text(self) -> Document:
        """This document for keeping after validation: its text, no data and no positions; the same errors.

        Positions are found again from the text on the first error asked for, so a catalogue
        kept for the length of a build (or of ``mkdocs serve``) holds a few kilobytes a unit
        instead of its YAML data and every value's position.
        """
        return Document(self.path, None, self.text)

    def error(self, location: Location, message: str, *, at_key: bool = False) -> ContentProblem:
        """A :class:`ContentProblem` at ``location`` in this document."""
        line, column = self.positions.of_key(location) if at_key else self.positions.of_value(location)
        return ContentProblem(self.path, line, column, format_field(location), message)


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

    A valid file is composed by libyaml in C and built without positions (see
    :func:`_fast_data`); anything else is read again by the reference path, which reports
    it. ``fast=False`` skips libyaml and uses only the pure-Python parser (tests compare the two).
    """
    if fast:
        try:
            return Document(display, _fast_data(text), text)
        except _Fallback:
            pass
    return _parse_reference(text, display, fast=fast)


def _parse_reference(text: str, display: str, *, fast: bool) -> Document:
    """The reference path: composed node by node in Python, every problem reported with its position."""
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
    return Document(display, data, text, builder.positions)


def _fast_data(text: str) -> dict[str, Any]:
    """The data of a valid file, composed and built at C speed; raises :class:`_Fallback` otherwise.

    libyaml's composer gives no sign of an anchor that is never used, or of a tag it
    resolved, so every ``&name``, ``*name`` and ``!`` in the text must be inside a scalar
    or a comment; :class:`_DataBuilder` refuses the rest (aliases, limits, duplicate keys,
    other tags).
    """
    node, composed = _c_compose(text)
    suspects = _maybe_properties(text)
    builder = _DataBuilder(composed, spans=bool(suspects))
    data = builder.build(node, 0)
    if not isinstance(data, dict):
        raise _Fallback
    for position in suspects:
        if not _inside(position, builder.starts, builder.ends) and not _in_comment(
            text, position, builder.starts, builder.ends
        ):
            raise _Fallback
    return data


def _inside(position: int, starts: list[int], ends: list[int]) -> bool:
    """Whether ``position`` is inside a scalar (after its first character) of the sorted spans."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and starts[index] < position < ends[index]


def _in_comment(text: str, position: int, starts: list[int], ends: list[int]) -> bool:
    """Whether a comment (a ``#`` after a space or at the start of a line, outside scalars) holds ``position``."""
    line_start = max(text.rfind(line_break, 0, position) for line_break in _LINE_BREAKS) + 1
    mark = text.find("#", line_start, position)
    while mark != -1:
        if (mark == line_start or text[mark - 1] == " ") and not _inside(mark, starts, ends):
            return True
        mark = text.find("#", mark + 1, position)
    return False


def _positions_of(text: str, display: str) -> Positions:
    """Where the values of ``text``, a file :func:`_fast_data` read, start: as the reference places them.

    Composed by libyaml again where its marks are the reference's (everything but empty
    plain values), else read by the reference path.
    """
    try:
        builder = _Builder(display, limits=True)
        builder.build(_c_compose(text)[0], ())
        if builder.errors:
            raise _Fallback
        return builder.positions
    except _Fallback:
        return _parse_reference(text, display, fast=True).positions


class _DataBuilder:
    """Turns libyaml's nodes into Python data with no positions: the fast path for valid files.

    It makes every refusal of the reference path by raising :class:`_Fallback`, so that
    the reference reports it: a node reached twice (an alias: more visits than nodes
    composed, stopped before anything is expanded further), a key that is not a plain
    name, a duplicate key, a tag the loader does not read (the composer has counted the
    nodes and their nesting). With ``spans`` it lists where each scalar starts and ends
    (composed in document order, so sorted).
    """

    __slots__ = ("composed", "ends", "spans", "starts", "visits")

    def __init__(self, composed: int, *, spans: bool) -> None:
        self.composed = composed
        self.visits = 0
        self.spans = spans
        self.starts: list[int] = []
        self.ends: list[int] = []

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.visits += 1
        if self.visits > self.composed or depth >= MAX_DEPTH:
            raise _Fallback
        kind = type(node)
        if kind is yaml.ScalarNode:
            if self.spans:
                self.starts.append(node.start_mark.index)
                self.ends.append(node.end_mark.index)
            if node.tag == _STR:
                return node.value
            value = _scalar_value(node)
            if value is _NOT_READ:
                raise _Fallback
            return value
        if kind is yaml.MappingNode and node.tag == _MAP:
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                self.visits += 1
                if type(key_node) is not yaml.ScalarNode or key_node.tag not in (_STR, _INT):
                    raise _Fallback
                key = key_node.value
                if key in result:
                    raise _Fallback
                if self.spans:
                    self.starts.append(key_node.start_mark.index)
                    self.ends.append(key_node.end_mark.index)
                result[key] = self.build(value_node, depth + 1)
            return result
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            return [self.build(item, depth + 1) for item in node.value]
        raise _Fallback


#: What :func:`_scalar_value` returns for a tag the loader does not read.
_NOT_READ = object()
#: Builds booleans and timestamps (its methods for those keep no state).
_SAFE_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _scalar_value(node: yaml.ScalarNode) -> Any:
    """The value of a scalar as SafeConstructor would build it, numbers kept as written unless plain
    integers, or :data:`_NOT_READ` for any other tag."""
    tag = node.tag
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
    try:
        if tag == _BOOL:
            return _SAFE_CONSTRUCTOR.construct_yaml_bool(node)
        if tag == _TIMESTAMP:
            return _SAFE_CONSTRUCTOR.construct_yaml_timestamp(node)
    except (ValueError, yaml.constructor.ConstructorError):
        return node.value
    return _NOT_READ


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
        value = _scalar_value(node)
        if value is _NOT_READ:
            self.fail(node.start_mark, location, f"tag {_short_tag(tag)!r} is not allowed")
            return None
        return value


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
        data = close_bidi_in(document.data) if may_hold(BIDI_CONTROLS, document.text) else document.data
        return model.model_validate(data)
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
