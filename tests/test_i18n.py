"""Gettext catalogues: complete, placeholders intact, per language.

How they are compiled and read (.po -> .mo, freshness, the bundle): tests/test_catalogue_compile.py.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from mla_writer.i18n import catalogue_problems, po_path, translations

PLACEHOLDER = re.compile(r"\{(\w*)\}|%\((\w+)\)s")


@pytest.mark.parametrize("lang", ["fr", "ru", "es"])
def test_ui_catalogue_is_complete(lang):
    assert catalogue_problems("ui", lang) == []


@pytest.mark.parametrize("lang", ["fr", "ru", "es"])
@pytest.mark.parametrize("domain", ["ui", "letter"])
def test_placeholders_survive_translation(domain, lang):
    path = po_path(domain, lang)
    if domain == "letter" and not path.exists():
        pytest.fail("the letter catalogue is missing")  # never skip
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = {m for m in PLACEHOLDER.findall(ids[-1])}
        for string in strings:
            assert {m for m in PLACEHOLDER.findall(string)} == expected, (message.id, string)


def test_languages_are_independent():
    """The UI and the letter may be in different languages at the same time."""
    assert translations("ui", "ru").gettext("complete") != translations("ui", "fr").gettext("complete")
    assert translations("ui", "en").gettext("complete") == "complete"
    with pytest.raises(ValueError):
        translations("nope", "fr")


def test_russian_plural_forms_from_the_shipped_header():
    ru = translations("letter", "ru")
    assert ru.info()["language"] == "ru"
    counts = (0, 1, 2, 4, 5, 11, 12, 21, 22, 25, 111, 121)
    assert [ru.plural(n) for n in counts] == [2, 0, 1, 1, 2, 2, 2, 0, 1, 2, 2, 0]
    assert [translations("letter", lang).plural(n) for lang in ("fr", "es") for n in (0, 1, 2)] == [0, 0, 1, 1, 0, 1]


def test_translations_is_still_cached():
    assert callable(translations.cache_clear)
    assert translations("ui", "fr") is translations("ui", "fr")
