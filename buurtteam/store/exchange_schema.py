"""Structural validation of exchange files against the JSON Schema in `resources/`.

jsonschema's own messages are English and technical; we say in plain words what is
wrong with the first offending value and name its JSON path.

jsonschema takes 10 seconds over ten years of five neighbourhoods, so a file is first
checked by `conforms`: the same schema compiled to plain Python (a few hundred
milliseconds), which answers only yes or no. Only a "no" asks jsonschema, for the
message; the compiled check is never more lenient than jsonschema (where it cannot be
sure, as with 1.0 for an integer, it says no and jsonschema decides).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from buurtteam.errors import N_, InvalidInput
from buurtteam.resources import resource

_KIND_MESSAGES = {
    "date": N_("{value!r} is not a date; write it as YYYY-MM-DD, for example 2027-01-12."),
    "datetime": N_(
        "{value!r} is not a date and time; write it as YYYY-MM-DDTHH:MM, for example "
        "2027-01-12T19:30."
    ),
    "time": N_("{value!r} is not a time; write it as HH:MM, for example 19:30."),
    "money": N_(
        "{value!r} is not an amount; write money as a text with a dot and exactly two "
        'decimals, for example "25000.00" (not negative, not a number without quotes).'
    ),
    "id": N_("An id must be a text of 1 to 200 characters."),
    "text": N_("This text may not be empty."),
}

_TYPE_WORDS = {
    "string": N_("a text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "array": N_("a list"),
    "object": N_("an object"),
    "null": N_("empty (null)"),
}


@cache
def schema() -> dict[str, Any]:
    with resource("exchange-v1.schema.json").open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def json_path(parts: Iterable[Any]) -> str:
    """`neighbourhoods[0].proposals[3].amount_requested` from jsonschema's path deque."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(het hele bestand)"


def validate_structure(data: Any) -> None:
    """Raise `InvalidInput` for the first structural error, with its path."""
    if conforms(data):
        return
    error = best_match(_validator().iter_errors(data), key=_document_order)
    if error is not None:
        raise _explain(error)


def _document_order(error: ValidationError) -> tuple[Any, ...]:
    # best_match prefers errors high in the tree; among equals, take the earliest position.
    parts = list(error.absolute_path)
    return (-len(parts), *[(0, p) if isinstance(p, int) else (1, str(p)) for p in parts])


def _type_words(types: Any) -> str:
    from buurtteam.i18n import _

    names = [types] if isinstance(types, str) else list(types)
    return _(" or ").join(_(_TYPE_WORDS.get(name, name)) for name in names)


def _explain(error: ValidationError) -> InvalidInput:
    if error.validator == "anyOf" and error.context:
        # An optional value ("x or null"): explain why it is not an "x".
        relevant = [e for e in error.context if e.schema != {"type": "null"}]
        inner = best_match(relevant) if relevant else None
        if inner is not None:
            return _explain(inner)
    path = list(error.absolute_path)
    value = error.instance
    validator = error.validator
    if validator == "required":
        missing = next((key for key in error.validator_value if key not in value), "?")
        return InvalidInput(
            N_("The field {key!r} is missing here; it is required."),
            path=json_path([*path, missing]),
            key=missing,
        )
    if validator == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        key = extra[0] if extra else "?"
        return InvalidInput(
            N_(
                "The field {key!r} is not part of exchange format v1. Check the "
                "spelling, or remove it."
            ),
            path=json_path([*path, key]),
            key=key,
        )
    kind = error.schema.get("x-kind") if isinstance(error.schema, dict) else None
    scalar = isinstance(value, (int, float, bool)) or value is None
    if kind in _KIND_MESSAGES and (
        validator in ("pattern", "minLength", "maxLength") or (validator == "type" and scalar)
    ):
        return InvalidInput(_KIND_MESSAGES[kind], path=json_path(path), value=value)
    if validator == "type":
        return InvalidInput(
            N_("This must be {expected}, not {value!r}."),
            path=json_path(path),
            expected=_type_words(error.validator_value),
            value=value,
        )
    if validator == "enum":
        choices = ", ".join(str(v) for v in error.validator_value)
        return InvalidInput(
            N_("{value!r} is not allowed here; choose one of: {choices}."),
            path=json_path(path),
            value=value,
            choices=choices,
        )
    if validator == "const":
        return InvalidInput(
            N_("This must be {expected!r}; this is not a buurtteam exchange file of version 1."),
            path=json_path(path),
            expected=error.validator_value,
        )
    if validator in ("minimum", "maximum"):
        return InvalidInput(
            N_("{value!r} is out of range (from {low} to {high})."),
            path=json_path(path),
            value=value,
            low=error.schema.get("minimum", "-"),
            high=error.schema.get("maximum", "-"),
        )
    if validator == "minLength":
        return InvalidInput(N_("This text may not be empty."), path=json_path(path))
    return InvalidInput(
        N_("This value is not valid here: {detail}"), path=json_path(path), detail=error.message
    )


# -- the compiled check -------------------------------------------------------------------


def conforms(data: Any) -> bool:
    """True when `data` has the structure of exchange format v1; False says "ask jsonschema"."""
    return _compiled()(data)


@cache
def _compiled() -> Callable[[Any], bool]:
    return compile_schema(schema())


# Keywords that only describe: jsonschema asserts nothing for them (format included, as
# the validator is made without a format checker).
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"}
)
_TYPE_TESTS = {
    "string": "type({v}) is str",
    "integer": "type({v}) is int",  # not bool; 1.0 is left to jsonschema
    "number": "type({v}) in (int, float)",
    "boolean": "type({v}) is bool",
    "array": "type({v}) is list",
    "object": "type({v}) is dict",
    "null": "{v} is None",
}
_KNOWN = frozenset(
    {
        "type",
        "enum",
        "const",
        "$ref",
        "anyOf",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
    }
)


def compile_schema(root: dict[str, Any]) -> Callable[[Any], bool]:
    """The schema as one Python function: True when the instance is valid.

    Covers the keywords exchange-v1.schema.json uses, with their draft 2020-12 meaning;
    a schema with any other keyword is refused here rather than checked loosely.
    """
    compiler = _Compiler(root)
    body = compiler.check(root, "data", 1)
    source = "def conforms(data):\n" + "".join(body) + "    return True\n"
    namespace: dict[str, Any] = {**compiler.constants, "_MISSING": object()}
    exec(compile(source, "<exchange-v1 schema>", "exec"), namespace)
    function: Callable[[Any], bool] = namespace["conforms"]
    return function


class _Compiler:
    """Writes the checks of a schema as lines of Python that `return False` on a mismatch."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.constants: dict[str, Any] = {}
        self.names = 0
        self.expanding: list[str] = []  # $refs being written: a recursive schema is refused

    def name(self, prefix: str) -> str:
        self.names += 1
        return f"{prefix}{self.names}"

    def constant(self, value: Any) -> str:
        name = self.name("_c")
        self.constants[name] = value
        return name

    def check(self, node: Any, v: str, depth: int) -> list[str]:
        if node is True or node == {}:
            return []
        if not isinstance(node, dict):
            raise NotImplementedError(f"schema {node!r}")
        unknown = set(node) - _KNOWN - _ANNOTATIONS - {k for k in node if k.startswith("x-")}
        if unknown:
            raise NotImplementedError(f"keywords {sorted(unknown)}")
        pad = "    " * depth
        lines: list[str] = []
        if "type" in node:
            types = [node["type"]] if isinstance(node["type"], str) else node["type"]
            test = " or ".join(_TYPE_TESTS[t].format(v=v) for t in types)
            lines.append(f"{pad}if not ({test}): return False\n")
        if "enum" in node:
            lines += self.enum(node["enum"], v, pad)
        if "const" in node:
            lines += self.const(node["const"], v, pad)
        if "$ref" in node:
            lines += self.ref(node["$ref"], v, depth)
        if "anyOf" in node:
            lines += self.any_of(node["anyOf"], v, depth)
        lines += self.strings(node, v, depth)
        lines += self.numbers(node, v, depth)
        lines += self.objects(node, v, depth)
        if "items" in node:
            item = self.name("x")
            inner = self.check(node["items"], item, depth + 2)
            if inner:
                lines.append(f"{pad}if type({v}) is list:\n{pad}    for {item} in {v}:\n")
                lines += inner
        return lines

    def enum(self, values: list[Any], v: str, pad: str) -> list[str]:
        if not all(isinstance(value, str) for value in values):
            raise NotImplementedError("an enum of other values than texts")
        allowed = self.constant(frozenset(values))
        return [f"{pad}if not (type({v}) is str and {v} in {allowed}): return False\n"]

    def const(self, value: Any, v: str, pad: str) -> list[str]:
        if type(value) not in (str, int):
            raise NotImplementedError("a const other than a text or a whole number")
        kind = "str" if isinstance(value, str) else "int"
        return [f"{pad}if not (type({v}) is {kind} and {v} == {value!r}): return False\n"]

    def ref(self, reference: str, v: str, depth: int) -> list[str]:
        base = self.root.get("$id", "")
        local = reference[len(base) :] if base and reference.startswith(base + "#") else reference
        if not local.startswith("#/"):
            raise NotImplementedError(f"$ref {reference}")
        if local in self.expanding:
            raise NotImplementedError(f"recursive $ref {reference}")
        target: Any = self.root
        for part in local[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        self.expanding.append(local)
        try:
            return self.check(target, v, depth)
        finally:
            self.expanding.pop()

    def any_of(self, branches: list[Any], v: str, depth: int) -> list[str]:
        pad = "    " * depth
        others = [b for b in branches if b != {"type": "null"}]
        if len(others) == 1 and len(branches) == 2:
            # "x or null", the optional value: when it is not null it must be an x.
            inner = self.check(others[0], v, depth + 1)
            return [f"{pad}if {v} is not None:\n", *inner] if inner else []
        # The general case: a branch is a nested function answering yes or no.
        lines = []
        names = []
        for branch in branches:
            name = self.name("_any")
            names.append(name)
            body = self.check(branch, v, depth + 1)
            lines += [f"{pad}def {name}({v}):\n", *body, f"{pad}    return True\n"]
        calls = " or ".join(f"{name}({v})" for name in names)
        return [*lines, f"{pad}if not ({calls}): return False\n"]

    def strings(self, node: dict[str, Any], v: str, depth: int) -> list[str]:
        tests = []
        if "minLength" in node:
            tests.append(f"len({v}) >= {int(node['minLength'])}")
        if "maxLength" in node:
            tests.append(f"len({v}) <= {int(node['maxLength'])}")
        if "pattern" in node:
            # jsonschema: re.search, so the pattern anchors itself (or not).
            tests.append(f"{self.constant(re.compile(node['pattern']).search)}({v})")
        if not tests:
            return []
        pad = "    " * depth
        return [f"{pad}if type({v}) is str and not ({' and '.join(tests)}): return False\n"]

    def numbers(self, node: dict[str, Any], v: str, depth: int) -> list[str]:
        tests = []
        if "minimum" in node:
            tests.append(f"{v} >= {node['minimum']!r}")
        if "maximum" in node:
            tests.append(f"{v} <= {node['maximum']!r}")
        if not tests:
            return []
        pad = "    " * depth
        number = f"type({v}) in (int, float)"
        return [f"{pad}if {number} and not ({' and '.join(tests)}): return False\n"]

    def objects(self, node: dict[str, Any], v: str, depth: int) -> list[str]:
        properties = node.get("properties", {})
        required = node.get("required", [])
        closed = node.get("additionalProperties", True)
        if closed not in (True, False):
            raise NotImplementedError("additionalProperties with a schema")
        if not properties and not required and closed:
            return []
        pad = "    " * depth
        lines = [f"{pad}if type({v}) is dict:\n"]
        if not closed:
            allowed = self.constant(frozenset(properties))
            lines.append(f"{pad}    if not {v}.keys() <= {allowed}: return False\n")
        if required:
            needed = self.constant(frozenset(required))
            lines.append(f"{pad}    if not {needed} <= {v}.keys(): return False\n")
        for key, subschema in properties.items():
            value = self.name("p")
            inner = self.check(subschema, value, depth + 2)
            if inner:
                lines.append(f"{pad}    {value} = {v}.get({key!r}, _MISSING)\n")
                lines.append(f"{pad}    if {value} is not _MISSING:\n")
                lines += inner
        return lines if len(lines) > 1 else []
