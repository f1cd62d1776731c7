import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buurtteam.domain.text import clean_line, clean_text, fold
from buurtteam.errors import InvalidInput


def test_text_is_stored_nfc() -> None:
    combining = "Zoe\u0308"
    assert clean_text(combining) == "Zoë"
    assert len(clean_text(combining)) == 3


@pytest.mark.parametrize(
    "bad", ["a\x00b", "bell\x07", "esc\x1b[31m", "del\x7f", "c1\x85", "\ud800"]
)
def test_control_characters_and_lone_surrogates_are_refused(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_text(bad, "notes")
    assert "notes" in caught.value.text()


def test_multiline_keeps_newlines_and_folds_windows_line_ends() -> None:
    assert clean_text("een\r\ntwee\rdrie\tvier") == "een\ntwee\ndrie\tvier"
    with pytest.raises(InvalidInput):
        clean_line("een\ntwee")


def test_markup_is_just_text() -> None:
    assert clean_text("<b>Hek & =SUM(A1)</b>") == "<b>Hek & =SUM(A1)</b>"


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs"))))
def test_any_printable_text_survives_cleaning_unchanged_but_for_nfc(value: str) -> None:
    assert clean_text(value) == unicodedata.normalize("NFC", value)


def test_fold_matches_with_and_without_diacritics() -> None:
    assert fold("Coördinator") == fold("coordinator")
    assert fold("ĲSSELMEER") == fold("ĳsselmeer")
