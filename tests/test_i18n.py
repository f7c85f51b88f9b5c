"""Gettext catalogues: complete, placeholders intact, loaded from .po per language."""

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
