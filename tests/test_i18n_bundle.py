"""Catalogues in the bundle: compiled .mo files there, the .po files in a checkout."""

from __future__ import annotations

import io
import sys

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from mla_writer import i18n


@pytest.fixture
def locales(tmp_path, monkeypatch):
    folder = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for suffix, text in ((".po", "Bonjour (po)"), (".mo", "Bonjour (mo)")):
        catalog = Catalog(locale="fr", domain="ui")
        catalog.add("Hello", text)
        buf = io.BytesIO()
        (write_po if suffix == ".po" else write_mo)(buf, catalog)
        (folder / f"ui{suffix}").write_bytes(buf.getvalue())
    monkeypatch.setattr(i18n, "get_asset", lambda *parts: tmp_path.joinpath(*parts))
    i18n.translations.cache_clear()
    yield folder
    i18n.translations.cache_clear()




def test_bundle_reads_the_compiled_mo(locales, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert i18n.translations("ui", "fr").gettext("Hello") == "Bonjour (mo)"


def test_bundle_without_mo_falls_back_to_po(locales, monkeypatch):
    (locales / "ui.mo").unlink()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert i18n.translations("ui", "fr").gettext("Hello") == "Bonjour (po)"


def test_english_is_the_identity_in_the_bundle_too(locales, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert i18n.translations("ui", "en").gettext("Hello") == "Hello"
