"""Text as users type it: normalised to NFC, without control characters."""

from __future__ import annotations

import unicodedata

from buurtteam.errors import N_, InvalidInput

# Tab and newline are what multi-line fields legitimately hold; everything else below
# U+0020, DEL and the C1 controls are invisible, break printing and exports, and never
# come from a keyboard.
_ALLOWED_CONTROLS = {"\n", "\t"}
MAX_TEXT_LENGTH = 100_000


def clean_text(value: str, path: str | None = None, *, multiline: bool = True) -> str:
    """Return `value` NFC-normalised with Windows line ends folded; refuse what cannot be stored.

    Raises:
        InvalidInput: on control characters, lone surrogates or absurd length.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    for index, char in enumerate(value):
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            raise InvalidInput(
                N_(
                    "The text contains a broken character (a lone surrogate) at position "
                    "{position}. Retype or remove it."
                ),
                path=path,
                position=index + 1,
            )
        is_control = code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F
        if is_control and not (multiline and char in _ALLOWED_CONTROLS):
            raise InvalidInput(
                N_(
                    "The text contains an invisible control character (U+{code:04X}) at "
                    "position {position}. Remove it and try again."
                ),
                path=path,
                code=code,
                position=index + 1,
            )
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidInput(
            N_("The text is {length} characters long; at most {maximum} fit."),
            path=path,
            length=len(value),
            maximum=MAX_TEXT_LENGTH,
        )
    return unicodedata.normalize("NFC", value)


def clean_line(value: str, path: str | None = None) -> str:
    """A single-line field (a name, a title): no newlines, outer spaces trimmed."""
    return clean_text(value, path, multiline=False).strip()


def fold(value: str) -> str:
    """Case- and accent-blind key for searching and sorting: "Coördinator" ~ "coordinator"."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
