"""Text in the wrong alphabet for the language it is stored under: the checklist's advice
(mla_writer.textscript, checklist rule ``text.wrong_script``)."""

from __future__ import annotations

import pytest

from mla_writer import textscript
from mla_writer.checklist import Severity, check
from mla_writer.model import ml

RUSSIAN = "Подозреваемый открыл счёт в банке и перевёл туда деньги потерпевших."
FRENCH = "Le suspect a ouvert un compte bancaire et y a viré l'argent des victimes."


@pytest.mark.parametrize("text, lang, script", [
    (RUSSIAN, "en", "Cyrl"), (RUSSIAN, "fr", "Cyrl"), (RUSSIAN, "es", "Cyrl"), (FRENCH, "ru", "Latn"),
])
def test_mismatch_found(text, lang, script):
    assert textscript.mismatch(text, lang) == script


@pytest.mark.parametrize("text, lang", [
    (RUSSIAN, "ru"), (FRENCH, "fr"), (FRENCH, "en"),
    ("Иванов Иван", "en"),  # a short name: not judged
    ("Майор полиции (commandant de police), OCRTEH", "ru"),  # a quotation and an abbreviation
    ("The suspect Иванов Иван Петрович lives in Chisinau", "en"),  # a name in another alphabet
    ("МВД РФ, ГУ МВД, УВД", "en"),  # abbreviations only
    ("", "ru"), ("12345 67890 12345", "ru"),
])
def test_no_mismatch(text, lang):
    assert textscript.mismatch(text, lang) is None


def test_move_targets_are_empty_letter_languages_in_that_script():
    assert textscript.move_targets(["en"], "en", "Cyrl", ["en", "ru"]) == ["ru"]
    assert textscript.move_targets(["en", "ru"], "en", "Cyrl", ["en", "ru"]) == []  # the Russian slot is taken
    assert textscript.move_targets(["ru"], "ru", "Latn", ["ru", "fr"]) == ["fr"]
    assert textscript.move_targets(["en"], "en", "Cyrl", ["en", "fr"]) == []  # no Cyrillic language in the letter


def test_checklist_advises_in_the_section_of_the_field(example, today):
    example.facts.summary = ml(fr=example.facts.summary.get("fr"), en=RUSSIAN * 8)
    report = check(example, "fr", today)
    found = [p for p in report.problems() if p.code == "text.wrong_script"]
    assert [(p.path, p.severity) for p in found] == [("facts.summary", Severity.WARNING)]
    assert "cyrillique" in found[0].message and "anglais" in found[0].message
    assert report.complete  # advice only: nothing blocks the letter


def test_letter_languages_written_rightly_give_no_advice(example, today):
    assert not [p for p in check(example, "ru", today).problems() if p.code == "text.wrong_script"]


def _shares_by_definition(text):
    """script_shares as its docstring defines it, one character at a time (the reference the
    linear implementation must agree with)."""
    import re
    from collections import Counter

    kept = re.sub(r"\w+", lambda m: "" if len(m.group(0)) > 1 and m.group(0).isupper() else m.group(0), text)
    return Counter(s for s in map(textscript.char_script, kept) if s is not None), sum(1 for ch in kept if ch.isalpha())


_ALPHABETS = "abcXYZ éÉßÿŸ ЖжМВДёЁ ΩωΣ אב ა ա _0123 .,-'\n\u00a0\u0130\u0131ǅ"


@pytest.mark.parametrize("text", [
    "МВД РФ, ГУ МВД, УВД", "OCRTEH2 and ÉTAT, Мвд МВД2 мвд", "ǅemal ǅ İSTANBUL ıi", "A I à É", "", "2024 1 _ABC_ __",
    RUSSIAN * 3 + " UNTOC " + FRENCH,
])
def test_script_shares_agree_with_the_definition(text):
    assert textscript.script_shares(text) == _shares_by_definition(text)


def test_script_shares_agree_with_the_definition_on_random_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, derandomize=True, deadline=None)
    @given(st.text(alphabet=st.sampled_from(_ALPHABETS), max_size=60) | st.text(max_size=60))
    def agree(text):
        assert textscript.script_shares(text) == _shares_by_definition(text)

    agree()


def test_the_memo_keeps_a_bounded_number_of_characters():
    from mla_writer.textmemo import memo_by_text

    calls = []
    length = memo_by_text(lambda text: calls.append(text) or len(text), max_chars=10, min_chars=2)
    assert [length("abcd"), length("abcd"), length("efgh")] == [4, 4, 4]
    assert calls == ["abcd", "efgh"]  # the second "abcd" was kept
    length("ijkl")  # 12 characters: the least recently used ("abcd") goes
    length("efgh")
    length("abcd")
    assert calls == ["abcd", "efgh", "ijkl", "abcd"]
    length("x" * 11)
    length("x" * 11)  # longer than the bound: never kept
    assert calls[-2:] == ["x" * 11, "x" * 11]
    length("y")
    length("y")  # shorter than min_chars: never kept
    assert calls[-2:] == ["y", "y"]


def test_the_latin_shortcut_never_changes_the_verdict():
    """mismatch() skips counting for Latin-script languages when ASCII lower-case letters alone
    make up a quarter of the letters: on texts near that quarter the verdict is the counted one."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    def counted(text):
        counts, letters = _shares_by_definition(text)
        if not counts or letters < textscript.MIN_LETTERS:
            return None
        script, n = counts.most_common(1)[0]
        if script == "Latn" or n / letters < textscript.MAJORITY or counts.get("Latn", 0) / letters >= textscript.MINORITY:
            return None
        return script

    @settings(max_examples=400, derandomize=True, deadline=None)
    @given(st.integers(0, 12), st.integers(0, 40), st.text(alphabet=st.sampled_from(_ALPHABETS), max_size=40))
    def agree(latin, cyrillic, noise):
        text = "ab " * latin + "Жж " * cyrillic + noise
        textscript.mismatch.cache_clear()
        assert textscript.mismatch(text, "en") == counted(text)

    agree()


def test_an_ascii_text_under_a_latin_language_is_judged_at_once_as_when_counted():
    """mismatch() answers an ASCII text stored under a Latin-script language without counting (or
    keeping) it: the answer is the counted one, for texts of capitals, digits and signs too."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, derandomize=True, deadline=None)
    @given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80), st.sampled_from(["en", "fr", "es", "ru"]))
    def agree(text, lang):
        assert textscript.mismatch(text, lang) == textscript._mismatch(text, lang)

    agree()
    assert textscript.mismatch("The witness was heard in Chisinau", "ru") == "Latn"  # (no shortcut under Russian)
