"""Text hygiene and multilingual free text.

Every string that enters the model passes through :func:`clean_text`: characters that
XML 1.0 forbids are removed (pasting from Word brings ``\\x0b`` and ``\\x0c``), line
endings become ``\\n`` and surrounding whitespace is trimmed. Nothing else is altered:
Cyrillic, accents, quotes and tabs are kept.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, RootModel, model_validator

from .. import languages as _registry


def _registered(code: str) -> str:
    if not _registry.is_language(code):
        raise ValueError(f"{code!r} is not a language of the letter (one of {', '.join(_registry.languages())})")
    return code


#: A language the letter and the user interface can be in: a code of :mod:`mla_writer.languages`.
Language = Annotated[str, AfterValidator(_registered)]
#: The registered languages when the model was imported (see :func:`mla_writer.languages.languages`).
LANGUAGES: tuple[str, ...] = _registry.LANGUAGES

#: Upper bound for one text value; far above any real letter, low enough to refuse garbage.
MAX_TEXT = 1_000_000

# XML 1.0 Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Remove XML-invalid characters, normalise line endings, trim surrounding whitespace."""
    if "\r" in value or "\u2028" in value:  # (each a fast scan; most texts have neither)
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    value = _XML_INVALID.sub("", value)
    return value.strip()


class TextTooLong(ValueError):
    """A text value is longer than :data:`MAX_TEXT` characters (after :func:`clean_text`).
    ``length`` is its length in characters. Raised by :meth:`MLText.set`; a ``ValueError``, so
    pydantic reports it as a validation error when a file or an assignment holds such a text."""

    def __init__(self, length: int) -> None:
        self.length = length
        super().__init__(f"text of {length} characters is longer than {MAX_TEXT}")


def within_limit(text: str) -> str:
    """``text`` unchanged; :class:`TextTooLong` if it is longer than :data:`MAX_TEXT`. The one
    limit that loading a draft and editing it both enforce (a saved draft always loads)."""
    if len(text) > MAX_TEXT:
        raise TextTooLong(len(text))
    return text


def _clean_before(value: object) -> object:
    if isinstance(value, str):
        return clean_text(value)
    return value


#: A plain (untranslated) string: names, addresses, numbers, e-mail addresses; at most
#: :data:`MAX_TEXT` characters.
CleanStr = Annotated[str, BeforeValidator(_clean_before), AfterValidator(within_limit)]


class MLText(RootModel[dict[Language, CleanStr]]):
    """Free text held per language: ``{"fr": "...", "en": "..."}``.

    Empty values are dropped, so ``"fr" in text`` means "there is French text".
    The application never translates: it only reports which languages are missing.
    """

    root: dict[Language, CleanStr] = {}

    @model_validator(mode="before")
    @classmethod
    def _accept_none(cls, data: object) -> object:
        return {} if data is None else data

    @model_validator(mode="after")
    def _drop_empty(self) -> "MLText":
        for lang, text in list(self.root.items()):
            if not text:
                del self.root[lang]
        return self

    # -- reading -------------------------------------------------------------------
    def __bool__(self) -> bool:
        return bool(self.root)

    def __contains__(self, lang: object) -> bool:
        return lang in self.root

    def get(self, lang: str, default: str = "") -> str:
        return self.root.get(lang, default)  # type: ignore[call-overload]

    def languages(self) -> list[str]:
        return [lang for lang in _registry.languages() if lang in self.root]

    def resolve(self, lang: str, fallback: str) -> tuple[str, str]:
        """Text to show in ``lang``: ``(text, language_of_text)``.

        Falls back to ``fallback`` (the drafting language), then to any language held.
        Returns ``("", lang)`` when there is no text at all.
        """
        for candidate in (lang, fallback, *_registry.languages()):
            if candidate in self.root:
                return self.root[candidate], candidate  # type: ignore[index]
        return "", lang

    def longest(self) -> str:
        return max(self.root.values(), key=len, default="")

    # -- writing -------------------------------------------------------------------
    def set(self, lang: str, text: str) -> None:
        """Hold ``text`` (cleaned, see :func:`clean_text`) in ``lang``; an empty text removes the
        language. Raises :class:`TextTooLong` (nothing changed) for more than :data:`MAX_TEXT`
        characters: the limit loading enforces, so what is saved always loads."""
        text = within_limit(clean_text(text))
        if text:
            self.root[lang] = text  # type: ignore[index]
        else:
            self.root.pop(lang, None)  # type: ignore[arg-type]


def ml(**texts: str) -> MLText:
    """Shorthand: ``ml(fr="...", en="...")``."""
    return MLText.model_validate(texts)
