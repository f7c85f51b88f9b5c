"""One limit for a text value, enforced alike by editing and by loading (issue 12): a
1,000,009-character paste used to save and then be refused on open."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from mla_writer import storage
from mla_writer.model import LetterOfRequest
from mla_writer.model.text import MAX_TEXT, TextTooLong


def _letter() -> LetterOfRequest:
    return LetterOfRequest(drafting_language="en", output_language="en")


def test_multilingual_text_over_the_limit_is_refused_when_set_and_nothing_changes():
    letter = _letter()
    letter.facts.summary.set("en", "before")
    with pytest.raises(TextTooLong) as info:
        letter.facts.summary.set("en", "x" * (MAX_TEXT + 9))
    assert info.value.length == MAX_TEXT + 9
    assert letter.facts.summary.get("en") == "before"


def test_plain_text_over_the_limit_is_refused_on_assignment():
    letter = _letter()
    with pytest.raises(ValidationError):
        letter.identification.officer.phone = "1" * (MAX_TEXT + 1)
    assert letter.identification.officer.phone == ""


def test_text_at_the_limit_saves_and_loads_back(tmp_path):
    letter = _letter()
    letter.facts.summary.set("en", "x" * MAX_TEXT)
    letter.identification.requesting_authority.address = "y" * MAX_TEXT
    path = tmp_path / "big.mlar"
    storage.save(letter, path)
    again = storage.load(path)
    assert again.facts.summary.get("en") == "x" * MAX_TEXT
    assert again.identification.requesting_authority.address == "y" * MAX_TEXT


def test_limit_counts_the_cleaned_text():
    """Surrounding spaces are trimmed before counting, as loading trims them."""
    letter = _letter()
    letter.facts.summary.set("en", "  " + "x" * MAX_TEXT + "\n\n")
    assert len(letter.facts.summary.get("en")) == MAX_TEXT


@pytest.mark.parametrize("where", ["facts", "phone"])
def test_loading_a_text_over_the_limit_says_so_in_one_line(where):
    doc = storage.document(_letter())
    if where == "facts":
        doc["letter"]["facts"] = {"summary": {"en": "x" * (MAX_TEXT + 9)}}
        label = "Summary of the relevant facts"
    else:
        doc["letter"]["identification"] = {"officer": {"phone": "1" * (MAX_TEXT + 9)}}
        label = "telephone"
    with pytest.raises(storage.DraftError) as info:
        storage.loads(json.dumps(doc).encode(), "big.mlar")
    message = str(info.value)
    assert "\n" not in message and len(message) < 300
    assert label in message and "1,000,009" in message and "1,000,000" in message
    assert "1 000 009" in info.value.localized("ru").replace("\u00a0", " ")


def test_a_date_time_entered_without_a_zone_is_aware_like_a_loaded_one():
    """Editing one end of an electronic-data period in the window used to leave a naive
    date-time beside the loaded, aware one (issue 12): entry makes it aware, as loading does."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from mla_writer.model.assistance import ElectronicData

    item = ElectronicData(id="a1", time_zone="Europe/Chisinau",
                          period_from=dt.datetime(2025, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=2))))
    item.period_to = dt.datetime(2026, 5, 1, 10, 0)  # what the date editor writes
    assert item.period_to.tzinfo == ZoneInfo("Europe/Chisinau")
    assert item.period_from < item.period_to  # comparable: no TypeError
    unknown = ElectronicData(id="a2", time_zone="Mars/Base", period_from=dt.datetime(2025, 1, 1))
    assert unknown.period_from.tzinfo == dt.timezone.utc


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec="utf-8"), max_size=60),
       plain=st.text(st.characters(codec="utf-8"), max_size=60))
def test_what_editing_accepts_loading_accepts_and_the_reverse(monkeypatch, text, plain):
    """With the limit lowered to 40 characters: a text the editor's model accepts saves and
    loads back equal; a text it refuses, a file cannot hold either (one rule, both ways)."""
    import mla_writer.model.text as text_module

    monkeypatch.setattr(text_module, "MAX_TEXT", 40)
    letter = _letter()
    try:
        letter.facts.summary.set("en", text)
        letter.identification.officer.phone = plain
    except (TextTooLong, ValidationError):
        edited = False
    else:
        edited = True
    doc = storage.document(_letter())
    doc["letter"]["facts"] = {"summary": {"en": text}}
    doc["letter"]["identification"] = {"officer": {"phone": plain}}
    try:
        storage.loads(json.dumps(doc).encode(), "x.mlar")
    except storage.DraftError:
        loaded = False
    else:
        loaded = True
    assert edited == loaded
    if edited:
        again = storage.loads(storage.dumps(letter).encode(), "x.mlar")
        assert again.facts.summary.get("en") == letter.facts.summary.get("en")
        assert again.identification.officer.phone == letter.identification.officer.phone
