"""Point 14 against the requested State's profile in the installed State pack, and the stale-profile advice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mla_writer import checklist, packs
from mla_writer.model import LetterOfRequest

EXAMPLE = Path(__file__).parents[1] / "resources" / "state-packs" / "example.toml"
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def pack():
    packs.install(EXAMPLE)
    return packs.active()


def _letter(state, lang, urgent=False, certified=False, requesting="MD"):
    letter = LetterOfRequest(requesting_state=requesting, requested_state=state, output_language=lang)
    letter.urgency.urgent = urgent
    letter.language.certified_translation = certified
    return letter


def _codes(letter, section="language", lang="en"):
    result = checklist.check(letter, lang, today=TODAY).result(section)
    return [(p.code, p.severity.value, p.message) for p in result.errors + result.warnings
            if p.code.startswith(("language.condition", "language.profile", "parties.profile"))]


def test_english_only_if_urgent_blocks_a_letter_that_is_not_urgent(pack):
    found = _codes(_letter("FR", "en"))
    assert [(c, s) for c, s, _m in found] == [("language.condition", "error")]
    message = found[0][2]
    assert "France" in message and "English" in message and "urgent" in message and "French" in message
    assert _codes(_letter("FR", "en", urgent=True)) == []
    assert _codes(_letter("FR", "fr")) == []  # French always


def test_the_reason_is_in_the_ui_language(pack):
    (code, _sev, message), = _codes(_letter("FR", "en"), lang="ru")
    assert code == "language.condition" and message.startswith("Франция принимает просьбы на английском языке только в срочных случаях")


def test_reciprocity_is_met_when_the_requesting_state_accepts_the_language(pack):
    assert _codes(_letter("ES", "en")) == []  # MD accepts English (pack)
    (code, _s, message), = _codes(_letter("AR", "fr"))  # MD does not accept French
    assert code == "language.condition" and "reciprocity" in message and "the Republic of Moldova accepts" in message
    (code, _s, _m), = _codes(_letter("ES", "en", requesting="RO"))  # another requesting State: not shown
    assert code == "language.condition"


def test_certified_translation_condition(pack):
    (code, _s, message), = _codes(_letter("DE", "en"))
    assert code == "language.condition" and "certified translation" in message
    assert _codes(_letter("DE", "en", certified=True)) == []


def test_language_the_profile_does_not_list(pack):
    (code, sev, message), = _codes(_letter("DE", "ru"))
    assert (code, sev) == ("language.profile_not_accepted", "error") and "German" in message
    assert _codes(_letter("DE", "ru", certified=True)) == []


def test_no_pack_no_profile_check():
    assert _codes(_letter("FR", "en")) == []


def test_stale_profile_gets_an_advisory_warning(pack):
    found = _codes(_letter("KZ", "en"), "parties")
    assert [(c, s) for c, s, _m in found] == [("parties.profile_stale", "warning")]
    assert "2019-01-10" in found[0][2] and "730" in found[0][2]
    assert _codes(_letter("FR", "fr"), "parties") == []
    result = checklist.check(_letter("KZ", "en"), "en", today=TODAY).result("parties")
    assert all(p.code != "parties.profile_stale" for p in result.errors)  # advice, never blocking


def test_max_age_is_configurable_by_local_additions(pack, tmp_path):
    local = tmp_path / "local.toml"
    local.write_text('[pack]\nformat = "mla-writer-state-pack"\nformat_version = 1\nid = "mine"\ntitle = "Mine"\n'
                     'kind = "local"\nextends = "example"\nprofile_max_age_days = 100\n', encoding="utf-8")
    packs.install(local)
    assert packs.active().origin("pack.profile_max_age_days").id == "mine"
    found = _codes(_letter("AR", "es"), "parties")  # verified 2025-09-01: 455 days before TODAY
    assert [c for c, _s, _m in found] == ["parties.profile_stale"]
