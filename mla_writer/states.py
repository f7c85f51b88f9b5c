"""The States a letter of request may name, as letters between States name them.

Data: ``resources/states.json`` (see ``docs/states.md``), loaded on first use and cached.
It lists the 193 UN Member States, the two observer States (Holy See, State of Palestine)
and a few others (``status`` "member", "observer" or "other"), keyed by ISO 3166-1 alpha-2
code. Names are the UN official short and formal names in English, French, Russian and
Spanish as the UN terminology database (UNTERM, fed by the UN Protocol and Liaison
Service) gives them — not CLDR's. The grammatical forms the letter needs (French and
Spanish articles and prepositions, Russian cases) and the nationality adjectives are
project data for native reviewers to check.

Codes that CLDR and ISO list but that are not States (territories, groupings, pseudo
codes) are in the same file, so that the checker can say which State to choose instead.

Qt-free and pydantic-free. Every function takes a language code; a language that the file
has no names for (one registered later in :mod:`mla_writer.languages`) gets English.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from typing import Any

from .assets import get_asset
from .i18n import N_

#: Languages with names and grammatical forms in states.json; any other falls back to English.
LANGUAGES = ("en", "fr", "ru", "es")

#: Grammatical forms :func:`form` knows: nominative, with article, "of …"/"de …"
#: (Russian: genitive), "in …" with its preposition, and the Russian cases.
FORMS = ("nom", "article", "de", "in", "gen", "prep", "dat", "formal", "formal_article")

# Messages for the checker (gettext domain "ui"). Placeholders: {code} the code as given,
# {name} the territory's name, {state} the State to choose (with article where the
# language uses one), {state_name} its short name, {state_of} its "of" form ("of Spain",
# "de l'Espagne", "Испании", "de España").
MSG_UNKNOWN = N_("{code} is not the code of a State.")
MSG_PART = N_("{code} ({name}) is part {state_of}, not a State: choose {state}.")
MSG_DEPENDENT = N_(
    "{code} ({name}) is not a State; its international relations are the responsibility "
    "{state_of}: choose {state}."
)
MSG_NOT_STATE = N_("{code} ({name}) is not a State.")
MSG_UNLISTED = N_(
    "{code} is not in the list of States; a central authority whose practice requires it "
    "can add it (see docs/states.md)."
)


@cache
def _data() -> dict[str, Any]:
    with get_asset("resources", "states.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def _states() -> dict[str, dict[str, Any]]:
    return _data()["states"]


def _lang(lang: str | None) -> str:
    return lang if lang in LANGUAGES else "en"


def codes() -> tuple[str, ...]:
    """Every accepted State code, in file order (UN Member States, observers, others)."""
    return tuple(_states())


def status(code: str) -> str | None:
    """"member", "observer" or "other" for a State; None for anything else."""
    entry = _states().get(code)
    return entry["status"] if entry else None


def is_state(code: str) -> bool:
    """True if ``code`` is one of the accepted State codes (exact, upper case: "MD")."""
    return isinstance(code, str) and code in _states()


def name(code: str, lang: str) -> str:
    """The UN official short name in ``lang`` ("Republic of Moldova", "Türkiye").

    Not a State: a territory's or grouping's name if known, else the code itself.
    """
    entry = _states().get(code)
    if entry is None:
        return _other_name(code, lang) or code
    return entry[_lang(lang)]["name"]


def formal_name(code: str, lang: str) -> str:
    """The UN formal name without article ("French Republic", "République française")."""
    entry = _states().get(code)
    if entry is None:
        return name(code, lang)
    names = entry[_lang(lang)]
    return names.get("formal") or names["name"]


def form(code: str, lang: str, which: str) -> str:
    """A grammatical form of the State's name for the letter.

    ``which``: "nom" (nominative, as a sentence subject), "article" (with the article the
    language uses: "the Republic of Moldova", "le Portugal", "les Pays-Bas", "Israël",
    "el Perú"), "de" ("of the Republic of Moldova", "du Portugal", "des Pays-Bas",
    "d'Israël", "del Perú"; Russian: genitive), "in" ("in France", "au Portugal",
    "aux Pays-Bas", "à Monaco", "en el Perú", "в Республике Молдова"), Russian "gen",
    "prep" (with its preposition: "в …", "на …"), "dat", and "formal"/"formal_article".
    Never raises for a known State: a form missing from the data falls back on the name.
    Raises ValueError for an unknown ``which``. Not a State: the code itself.
    """
    if which not in FORMS:
        raise ValueError(f"unknown form {which!r}; expected one of {FORMS}")
    entry = _states().get(code)
    if entry is None:
        return code
    lang = _lang(lang)
    names = entry[lang]
    value = names.get(which)
    if value:
        return value
    return _fallback(names, lang, which)


def _fallback(names: dict[str, Any], lang: str, which: str) -> str:
    base = names["name"]
    article = names.get("article") or names.get("nom") or base
    if which in ("nom", "article"):
        return article if lang != "ru" else names.get("nom") or base
    if which == "formal":
        return base
    if which == "formal_article":
        return names.get("formal") or article
    if lang == "ru":
        if which in ("de", "gen"):
            return names.get("gen") or base
        if which in ("in", "prep"):
            return names.get("prep") or "в " + base
        return base  # dat
    if which in ("gen", "dat"):
        return article
    if which == "de":
        if lang == "fr":
            return _fr_de(article)
        if lang == "es":
            return "del " + article[3:] if article.startswith("el ") else "de " + article
        return "of " + article
    # "in" / "prep"
    if lang == "fr":
        return _fr_in(article)
    if lang == "es":
        return "en " + article
    return "in " + article


def _fr_de(article: str) -> str:
    if article.startswith("le "):
        return "du " + article[3:]
    if article.startswith("les "):
        return "des " + article[4:]
    if article.startswith(("la ", "l'")):
        return "de " + article
    first = _fold(article[:1])
    return ("d'" if first and first in "aeiouyh" else "de ") + article


def _fr_in(article: str) -> str:
    if article.startswith("le "):
        return "au " + article[3:]
    if article.startswith("les "):
        return "aux " + article[4:]
    if article.startswith("la "):
        return "en " + article[3:]
    if article.startswith("l'"):
        return "en " + article[2:]
    return "à " + article


def has_nationality_adjective(code: str, lang: str) -> bool:
    """Whether :func:`nationality` gives an adjective ("moldave") rather than a whole phrase
    ("ressortissant de la République de Corée", any Russian nationality)."""
    entry = _states().get(code)
    lang = _lang(lang)
    return entry is not None and lang != "ru" and bool(entry[lang].get("nationality"))


_ARTICLES = ("the ", "le ", "la ", "les ", "l'", "l’", "el ", "los ", "las ")


def letter_name(code: str, lang: str) -> str:
    """The State's name as a letter writes it standing alone ("Requested State: …"): the UN
    short name, except that the five names the UN lists inverted ("Pays-Bas (Royaume des)",
    "Venezuela (République bolivarienne du)") are put back in reading order without their
    article ("Pays-Bas", "République bolivarienne du Venezuela")."""
    short = name(code, lang)
    if "(" not in short:
        return short
    text = form(code, lang, "article")
    for article in _ARTICLES:
        if text.lower().startswith(article):
            text = text[len(article):]
            break
    return text[:1].upper() + text[1:]


def nationality(code: str, lang: str, sex: str | None = None) -> str:
    """What the letter puts after "Nationality:" for a national of ``code``.

    The adjective where the data has one, agreeing with ``sex`` ("female", "male" or None
    for the masculine/neutral form): "Moldovan", "moldave", "moldava". Otherwise the
    "national of" phrasing: "national of the Republic of Moldova", "ressortissant(e) de la
    République de Moldova", "nacional de la República de Moldova". Russian always uses
    "гражданин/гражданка" + genitive ("гражданка Республики Молдова"). Languages without
    data use English. Not a State: the code itself.
    """
    entry = _states().get(code)
    if entry is None:
        return code
    lang = _lang(lang)
    female = sex == "female"
    if lang == "ru":
        return ("гражданка " if female else "гражданин ") + form(code, "ru", "gen")
    adjective = entry[lang].get("nationality")
    if adjective:
        if isinstance(adjective, str):
            return adjective
        return adjective[1] if female and len(adjective) > 1 else adjective[0]
    if lang == "fr":
        return ("ressortissante " if female else "ressortissant ") + form(code, "fr", "de")
    if lang == "es":
        return "nacional " + form(code, "es", "de")
    return "national " + form(code, "en", "de")


# ---- what is not a State ----------------------------------------------------------------


def territory(code: str) -> dict[str, Any] | None:
    """The entry of a territory that is not a State: {"state", "kind", "name", "aliases"}."""
    return _data()["territories"].get(code)


def _other_name(code: str, lang: str) -> str | None:
    item = _data()["territories"].get(code) or _data()["not_states"].get(code)
    if item and item.get("name"):
        return item["name"].get(_lang(lang)) or item["name"].get("en")
    return None


def state_problem(code: str, lang: str = "en") -> tuple[str, dict[str, str]] | None:
    """Why ``code`` cannot be the requesting or requested State, a nationality or an issuing
    country: None when it is a State (or empty); else ``(msgid, params)``.

    ``msgid`` is one of the English ``MSG_*`` messages (marked with ``N_`` for the "ui"
    gettext domain); the caller translates it into the UI language and formats it with
    ``params``, whose names are already in ``lang``::

        msgid, params = state_problem("IC", "en")
        ui_gettext("en")(msgid).format(**params)
        # "IC (Canary Islands) is part of Spain, not a State: choose Spain."

    :func:`state_problem_text` does both.
    """
    if not code or is_state(code):
        return None
    lang = _lang(lang)
    item = _data()["territories"].get(code)
    if item is not None:
        state = item["state"]
        params = {
            "code": code,
            "name": _other_name(code, lang) or code,
            "state": form(state, lang, "article"),
            "state_name": name(state, lang),
            "state_of": form(state, lang, "de"),
        }
        return (MSG_PART if item["kind"] == "part" else MSG_DEPENDENT), params
    item = _data()["not_states"].get(code)
    if item is not None:
        if item["kind"] == "unlisted":
            return MSG_UNLISTED, {"code": code}
        return MSG_NOT_STATE, {"code": code, "name": _other_name(code, lang) or code}
    return MSG_UNKNOWN, {"code": code}


def state_problem_text(code: str, lang: str) -> str | None:
    """:func:`state_problem`, translated into UI language ``lang`` (None when a State)."""
    problem = state_problem(code, lang)
    if problem is None:
        return None
    from .i18n import ui_gettext

    msgid, params = problem
    return ui_gettext(lang)(msgid).format(**params)


# ---- search and display order -------------------------------------------------------------


def _fold(text: str) -> str:
    """Case- and diacritics-insensitive key: NFKD, no combining marks, casefolded, with
    apostrophes unified and hyphens, dashes and dots read as spaces ("Côte-d’Ivoire" ->
    "cote d'ivoire", "Türkiye" -> "turkiye", "Соединённое" -> "соединенное")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.casefold()
    for ch in "\u2019\u2018\u02bc`\u00b4":
        folded = folded.replace(ch, "'")
    for ch in "-\u2010\u2011\u2012\u2013\u2014.,":
        folded = folded.replace(ch, " ")
    return " ".join(folded.split())


def sort_key(text: str) -> str:
    """Locale-independent display sort key (casefolded, diacritics stripped)."""
    return _fold(text)


@cache
def _index() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(code, folded names and aliases of the State, folded names of its territories)."""
    territories: dict[str, list[str]] = {}
    for item in _data()["territories"].values():
        names = list(item["name"].values()) + list(item.get("aliases", []))
        territories.setdefault(item["state"], []).extend(_fold(n) for n in names)
    index = []
    for code, entry in _states().items():
        keys: list[str] = []
        for lang in LANGUAGES:
            names = entry[lang]
            for field in ("name", "formal", "article", "nom"):
                value = names.get(field)
                if value:
                    keys.append(_fold(value))
        keys.extend(_fold(alias) for alias in entry.get("aliases", []))
        index.append((code, tuple(dict.fromkeys(keys)), tuple(dict.fromkeys(territories.get(code, ())))))
    return tuple(index)


def _rank(query: str, keys: tuple[str, ...]) -> int | None:
    best = None
    for key in keys:
        if key == query:
            return 1
        if key.startswith(query):
            rank = 2
        elif (" " + query) in (" " + key):
            rank = 3  # a word of the name starts with the query: "moldova", "korea"
        elif query in key:
            rank = 4
        else:
            continue
        best = rank if best is None else min(best, rank)
    return best


def search(query: str, lang: str, limit: int | None = 20) -> list[str]:
    """Codes of the States matching ``query``, best first.

    Order: the exact ISO code ("ru" -> RU first); then a name or alias in any of the four
    languages equal to the query ("Turkey" -> TR, "Holland" -> NL), starting with it
    ("turk" -> TR), with a word starting with it, containing it; last, the States a matching
    territory belongs to ("Canary" -> ES). Case- and diacritics-insensitive ("cote" -> CI,
    "turkiye" -> TR). Ties are in display order of the names in ``lang``. An empty query
    gives every State in display order. ``limit=None`` for no limit.
    """
    folded = _fold(query)
    if not folded:
        result = [code for code, _name in sorted_names(lang)]
        return result if limit is None else result[:limit]
    code_query = query.strip().upper()
    ranked: list[tuple[int, str, str]] = []
    for code, keys, territory_keys in _index():
        if code == code_query:
            rank: int | None = 0
        else:
            rank = _rank(folded, keys)
            if rank is None and any(folded in key for key in territory_keys):
                rank = 5
        if rank is not None:
            ranked.append((rank, sort_key(name(code, lang)), code))
    ranked.sort()
    result = [code for _rank_, _key, code in ranked]
    return result if limit is None else result[:limit]


def lookup(query: str) -> str | None:
    """The one State that ``query`` names exactly (code, name, formal name or alias in any
    of the four languages, case- and diacritics-insensitive), or None ("Korea" and
    "Congo" name two States: None)."""
    folded = _fold(query)
    if not folded:
        return None
    code_query = query.strip().upper()
    if code_query in _states():
        return code_query
    found = [code for code, keys, _t in _index() if folded in keys]
    return found[0] if len(found) == 1 else None


def sorted_names(lang: str) -> list[tuple[str, str]]:
    """(code, short name in ``lang``) for every State, sorted for display."""
    return sorted(((code, name(code, lang)) for code in codes()), key=lambda item: sort_key(item[1]))


def named_in(code: str, text: str) -> bool:
    """Whether the last line of ``text`` (an address) already names the State ``code``, in any
    of the four languages, by its short or formal name, a grammatical form or an alias: the
    letter then does not print the State again under the address. Case and diacritics are
    ignored; a name must stand as whole words."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if not lines or code not in _states():
        return False
    last = f" {_fold(lines[-1])} "
    entry = _states()[code]
    keys = {key for c, names, _t in _index() if c == code for key in names}
    for lang in LANGUAGES:
        for field in ("gen", "prep", "in", "de"):
            value = entry[lang].get(field)
            if isinstance(value, str) and value:
                keys.add(_fold(value))
    return any(len(key) >= 4 and f" {key} " in last.replace(",", " ") for key in keys)
