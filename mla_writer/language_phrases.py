""""In French", "на французском языке": a language named as the place a letter is written in,
in a UI language's own grammar (the checklist and the State pack's profile say it).

Russian needs the prepositional case ("на французском языке"), which CLDR's names (nominative)
do not give: :data:`RU_PREPOSITIONAL` holds it for the languages the application writes and a few
a State pack commonly names; any other language falls back to the neutral "на языке: X".
English, French and Spanish put a preposition before the name ("in English", "en anglais",
"en inglés"). No Qt here.
"""

from __future__ import annotations

#: Russian adjective of a language in the prepositional case (used as "на {adj} языке").
RU_PREPOSITIONAL = {
    "en": "английском", "fr": "французском", "ru": "русском", "es": "испанском",
    "de": "немецком", "ro": "румынском", "it": "итальянском", "pt": "португальском",
}
_PREPOSITION = {"en": "in {name}", "fr": "en {name}", "es": "en {name}"}


def _name(code: str, lang: str) -> str:
    from .checklist import language_name

    return language_name(code, lang)


def _list(items: list[str], lang: str, style: str) -> str:
    from babel.lists import format_list

    from .languages import babel_locale

    return format_list(items, style=style, locale=babel_locale(lang)) if items else ""


def in_languages(codes: list[str] | tuple[str, ...], lang: str, style: str = "or") -> str:
    """``codes`` as "in French or Spanish" in UI language ``lang`` ("на французском или испанском
    языке", "en français ou en espagnol"); ``style`` is Babel's list style ("or" or "standard"
    for "and"). "" for no codes; an unknown UI language names them as English does."""
    codes = list(codes)
    if not codes:
        return ""
    if lang == "ru":
        if all(c in RU_PREPOSITIONAL for c in codes):
            return "на " + _list([RU_PREPOSITIONAL[c] for c in codes], lang, style) + " языке"
        names = [_name(c, lang) for c in codes]
        if len(names) == 1:
            return "на языке: " + names[0]
        return "на одном из языков: " + ", ".join(names) if style == "or" else "на языках: " + ", ".join(names)
    pattern = _PREPOSITION.get(lang, _PREPOSITION["en"])
    if lang == "en":
        return pattern.format(name=_list([_name(c, lang) for c in codes], lang, style))
    return _list([pattern.format(name=_name(c, lang)) for c in codes], lang, style)


def in_language(code: str, lang: str) -> str:
    """One language: "in French", "на французском языке", "en francés"."""
    return in_languages([code], lang)
