"""Structural validation of exchange files against the JSON Schema in `resources/`.

jsonschema's own messages are English and technical; we say in plain words what is
wrong with the first offending value and name its JSON path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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
