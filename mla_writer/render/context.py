"""The letter as plain view data for one output language.

Everything the templates show is prepared here, from the declarations of
:mod:`mla_writer.fields` and the vocabularies of :mod:`mla_writer.vocab`: free text
resolved for the language (and marked when it is not in that language), every code
labelled by its vocabulary (:meth:`mla_writer.vocab.Vocabulary.letter_label`), dates,
amounts and language names from Babel/CLDR, States by their official names
(:mod:`mla_writer.states`). The templates receive only dicts, tuples, strings and
:class:`Txt` values: nothing they could mutate, no model objects, no raw codes. The named
conditions of :data:`mla_writer.fields.CONDITIONS` reach them as ``L.when`` and, for
persons, contacts, channels and measures, as ``item.when``. Completeness comes from
:func:`mla_writer.checklist.check`; nothing is validated here.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from markupsafe import Markup, escape

from .. import catalogue, fields, vocab
from .. import textscript
from ..i18n import L_, LN_
from ..checklist import POINTS
from ..languages import babel_locale
from ..model import LetterOfRequest, MLText, clean_text

# -- free text -----------------------------------------------------------------------------


class Txt:
    """A piece of user text ready for the markup: escaped, line breaks kept.

    ``marked`` is True when the text is not in the language being written (it fell back to
    the drafting language): the templates wrap it in a visible "not translated" mark.
    """

    __slots__ = ("text", "lang", "marked", "lang_name")

    def __init__(self, text: str, lang: str, marked: bool = False, lang_name: str = "") -> None:
        self.text = text
        self.lang = lang
        self.marked = marked
        self.lang_name = lang_name

    def __html__(self) -> str:
        return as_markup(self.text)

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    def lowered(self) -> "Txt":
        """The same text with its first letter in lower case, for use inside a sentence (see :func:`lower_first`)."""
        return Txt(lower_first(self.text), self.lang, self.marked, self.lang_name)


#: Unicode FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (UAX #9): every value a user typed is
#: set between them, so right-to-left text (or a stray, unclosed override) in one field cannot
#: reorder the words around it, the footer or the rest of the line.
FSI, PDI = "\u2068", "\u2069"
_LINE_BREAK = PDI + "<br/>" + FSI


def as_markup(text: str) -> Markup:
    """User text as markup: XML-invalid characters removed, escaped, newlines as <br/>, and
    each line bidi-isolated (FSI … PDI)."""
    text = clean_text(text)
    if not text:
        return Markup("")
    # escaped once, each line break then closing one isolate and opening the next: the same string
    # as escaping and isolating each line and joining them with <br/> (escaping leaves "\n" alone)
    return Markup(FSI + str(escape(text)).replace("\n", _LINE_BREAK) + PDI)


def marked_markup(item: Any, lang: str) -> Markup:
    """A value as markup, a :class:`Txt` not in the letter's language ``lang`` wrapped in the same
    "untranslated passage" mark the templates' ``tx`` macro sets (templates/macros.j2): a value that
    reaches the letter inside a sentence or a list (the subject line, the offences of a measure)
    is marked like one printed alone."""
    if not getattr(item, "marked", False):
        return escape(item)
    tag = letter_text(lang, "[untranslated passage; language: %(language)s]") % {"language": item.lang_name}
    return Markup('<ut lang="{}"><tag>{}</tag> {}</ut>').format(item.lang, tag, item)


def join_markup(items: list[Any], lang: str) -> Markup:
    """Values (user text or markup) joined by the language's list pattern, each kept as markup."""
    parts = [item for item in items if item]
    if not parts:
        return Markup("")
    from babel.lists import format_list

    slots = [f"\x00{i}\x00" for i in range(len(parts))]
    pattern = escape(format_list(slots, locale=_locale(lang)))
    for slot, item in zip(slots, parts):
        pattern = Markup(str(pattern).replace(slot, str(marked_markup(item, lang))))
    return Markup(pattern)


def join_semicolons(items: list[Any], lang: str) -> Markup:
    """Values that may hold "and" themselves (names of offences) joined by semicolons, so that
    each reads as one item; French sets a narrow no-break space before the semicolon."""
    parts = [item for item in items if item]
    sep = Markup("\u202f; ") if lang == "fr" else Markup("; ")
    return sep.join(marked_markup(item, lang) for item in parts)


def join_offences(items: list[Any], lang: str) -> Markup:
    """Names of offences in the subject line: French repeats the preposition of "des chefs de"
    ("traite des êtres humains et de blanchiment"; "A, de B et de C"); other languages join them
    by semicolons (:func:`join_semicolons`), since a name may hold "and" itself."""
    parts = [item for item in items if item]
    if lang != "fr" or len(parts) < 2:
        return join_semicolons(parts, lang)

    def de(item) -> Markup:
        text = str(item)
        shown = marked_markup(item, lang)
        return Markup("d'") + shown if text[:1].lower() in "aâàeéèêiîoôuûhœy" else Markup("de ") + shown

    head = marked_markup(parts[0], lang)
    rest = [de(p) for p in parts[1:]]
    return head + (Markup(", ").join([Markup("")] + rest[:-1]) if len(rest) > 1 else Markup("")) + Markup(" et ") + rest[-1]


def lower_first(text: str) -> str:
    """"Money laundering" -> "money laundering" inside a sentence; words that are acronyms or
    begin with two capitals ("UNTOC", "OÜ") are kept."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


# -- Babel helpers -----------------------------------------------------------------------------


def letter_text(lang: str, msgid: str) -> str:
    """``msgid`` (domain "letter", marked with ``L_``) in the letter language ``lang``."""
    from ..i18n import translations

    return translations("letter", lang).gettext(msgid)


# TRANSLATORS: the end of the confidential annex's file name ("letter-identities.docx"): one word, no spaces.
_ANNEX_FILE_WORD = L_("identities")


def annex_file_word(lang: str) -> str:
    """The word that names the confidential annex's file, in the letter language ``lang`` (one
    word, no spaces or path separators)."""
    word = letter_text(lang, _ANNEX_FILE_WORD)
    return "".join(ch for ch in word if ch not in ' /\\:') or _ANNEX_FILE_WORD


def date_locale(lang: str) -> str:
    """The CLDR locale dates are written in for letter language ``lang`` (English: en_GB)."""
    return babel_locale(lang)


@lru_cache(maxsize=1024)  # (the letter's dates, formatted once per language)
def fmt_date(day: dt.date | None, lang: str) -> str:
    if day is None:
        return ""
    from babel.dates import format_date

    if isinstance(day, dt.datetime):
        # "1er janvier 2025 à 0 h 00", "1 de enero de 2025, 00:00": the letter's own formula
        formula = letter_text(lang, L_("%(date)s, %(time)s"))
        return formula % {"date": fmt_date(day.date(), lang), "time": fmt_time(f"{day.hour:02d}:{day.minute:02d}", lang)}
    text = format_date(day, "long", locale=_locale(lang))
    if lang == "fr" and day.day == 1 and text.startswith("1 "):
        text = "1er " + text[2:]  # French writes "1er janvier"
    return text


def fmt_time(value: str, lang: str) -> str:
    """"09:30" as the language writes a time of day: "09:30" (en, es, ru), "9 h 30" (French
    usage, with no-break spaces); as written if it is not HH:MM."""
    try:
        hours, minutes = (int(part) for part in value.split(":"))
        moment = dt.time(hours, minutes)
    except ValueError:
        return value
    if lang == "fr":
        return f"{moment.hour}\u00a0h\u00a0{moment.minute:02d}"
    from babel.dates import format_time

    return format_time(moment, "HH:mm", locale=_locale(lang))


def fmt_partial_date(value: str | None, lang: str) -> str:
    """A date known to the day, the month or the year: "23 April 1985", "April 1985", "1985"
    (the month alone in the nominative: Russian "апрель 1985 г.")."""
    if not value:
        return ""
    from ..model.values import partial_date_parts

    try:
        year, month, day = partial_date_parts(value)
    except ValueError:
        return value
    if day is not None:
        return fmt_date(dt.date(year, month, day), lang)  # type: ignore[arg-type]
    from babel.dates import format_skeleton

    # yMMMM is CLDR's "month and year" on its own: stand-alone month names (ru "апрель 1985 г.",
    # es "abril de 1985"); the year alone is written as digits in every language.
    return format_skeleton("yMMMM", dt.date(year, month, 1), locale=_locale(lang)) if month else str(year)


def fmt_amount(amount: Any, lang: str) -> str:
    """An :class:`~mla_writer.model.values.Amount` as a legal text writes it, never with a
    currency sign the surrounding text does not use: in French, Russian and Spanish the
    number then the currency's name in words, agreeing with the number ("210 000 euros",
    «210 000 евро», "1 500,50 leus moldaves"); in English the ISO code then the number
    ("EUR 210,000"). Whole amounts without decimals, others with two."""
    if amount is None or amount.value is None:
        return ""
    from babel.numbers import format_decimal, get_currency_name

    locale = _locale(lang)
    value: Decimal = amount.value
    whole = value == value.to_integral_value()
    number = format_decimal(value, format="#,##0" if whole else "#,##0.00", locale=locale)
    if lang == "es":  # the Real Academia's spacing of thousands ("210 000 euros"), not the dot
        number = number.replace(".", "\u00a0")
    if not amount.currency:
        return number
    if lang == "en":
        return f"{amount.currency}\u00a0{number}"
    name = get_currency_name(amount.currency, count=value, locale=locale)
    return f"{number}\u00a0{name}"


@cache
def _locale(lang: str):
    """The Babel locale of :func:`date_locale` (parsed once: Babel parses a locale name at each call)."""
    from babel import Locale

    return Locale.parse(date_locale(lang))


#: Where the official usage of the State whose language it is differs from CLDR's name:
#: Russian «кыргызский» (the Constitution of the Kyrgyz Republic, art. 13), not «киргизский».
_LANGUAGE_NAMES = {("ru", "ky"): "кыргызский"}


def language_name(code: str | None, lang: str) -> str:
    """The CLDR name of language ``code`` in ``lang`` ("roumain", "румынский"), or the official
    name where CLDR differs from it (:data:`_LANGUAGE_NAMES`)."""
    if not code:
        return ""
    return _LANGUAGE_NAMES.get((lang, code)) or _locale(lang).languages.get(code, code)


def join_list(items: list[str], lang: str) -> str:
    """Items joined by the language's list pattern ("A, B and C", "A, B et C")."""
    items = [item for item in items if item]
    if not items:
        return ""
    from babel.lists import format_list

    text = format_list(items, locale=_locale(lang))
    if lang == "es":
        # Spanish writes "e" for "y" before a word beginning with the sound /i/ (i-, hi-, not hie-/hia-)
        text = re.sub(r" y (?=(?:[iíIÍ]|[hH][iíIÍ])(?![aeiouáéó]))", " e ", text)
    return text


def state_name(code: str | None, lang: str) -> str:
    """The official name of a State in ``lang`` ("République de Moldova"), never a bare code."""
    if not code:
        return ""
    from .. import states

    return states.letter_name(code, lang)


_UNIVERSAL = frozenset({"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z", "Zulu", "Universal"})


#: Where CLDR's name of a zone's city is not the one a letter in that language uses.
_CITY_NAMES = {
    ("ru", "Europe/Chisinau"): "Кишинёв",
    ("es", "Asia/Bishkek"): "Biskek",
    ("fr", "America/Bogota"): "Bogota",
    ("fr", "Asia/Almaty"): "Almaty",
    ("fr", "Europe/Kyiv"): "Kyiv",
    ("es", "Europe/Kyiv"): "Kiev",
}


def zone_city(zone: str, lang: str) -> str:
    """The city CLDR names an IANA time zone after, in ``lang`` ("Europe/Chisinau" -> "Кишинев"
    in Russian); "" for a zone with no city (``Etc/GMT+3``, ``UTC``) or one Babel does not know."""
    from babel.dates import get_timezone_location

    if zone in _UNIVERSAL or "/" not in zone or zone.startswith("Etc/"):
        return ""
    if (lang, zone) in _CITY_NAMES:
        return _CITY_NAMES[(lang, zone)]
    try:
        city = get_timezone_location(zone, locale=lang, return_city=True)
    except (LookupError, ValueError):
        return ""
    return "" if not city or city.startswith(("GMT", "UTC")) else city


#: Russian genitive of the cities of common time zones («по местному времени Кишинёва»); a city
#: not listed is named after a colon («местное время: Алматы»).
_RU_GENITIVE = {
    "Кишинёв": "Кишинёва", "Кишинев": "Кишинёва", "Бишкек": "Бишкека", "Богота": "Боготы", "Париж": "Парижа",
    "Мадрид": "Мадрида", "Брюссель": "Брюсселя", "Москва": "Москвы", "Киев": "Киева", "Минск": "Минска",
    "Рим": "Рима", "Берлин": "Берлина", "Лондон": "Лондона", "Ташкент": "Ташкента", "Баку": "Баку",
    "Ереван": "Еревана", "Тбилиси": "Тбилиси", "Душанбе": "Душанбе", "Алматы": "Алматы", "Астана": "Астаны",
    "Вильнюс": "Вильнюса", "Рига": "Риги", "Таллин": "Таллина", "Варшава": "Варшавы", "Бухарест": "Бухареста",
    "Стамбул": "Стамбула", "Цюрих": "Цюриха", "Вена": "Вены", "Прага": "Праги", "Афины": "Афин",
}


def _local_time(zone: str, lang: str) -> str:
    city = zone_city(zone, lang)
    if lang == "ru" and city:
        genitive = _RU_GENITIVE.get(city)
        return f"по местному времени {genitive}" if genitive else f"местное время: {city}"
    # TRANSLATORS: after a UTC offset: "UTC+03:00, local time in Chișinău"; the city is CLDR's
    # name of it in the letter's language (French "heure locale à %(city)s").
    return letter_text(lang, L_("local time in %(city)s")) % {"city": city} if city else ""


def fmt_time_zone(zone: str, lang: str, at: "dt.datetime | dt.date | None" = None) -> str:
    """An IANA time zone as a letter names it: its offset from UTC at the moment ``at`` (summer
    time included) and the city the zone is named after, in the letter's language ("UTC+03:00,
    local time in Chișinău"; the identifier itself is a code no letter prints). Without a
    moment, the city's local time alone. "UTC" for universal time; the identifier as written
    when it is unknown."""
    if zone in _UNIVERSAL:
        return "UTC"
    local = _local_time(zone, lang)
    if at is None:
        return local or zone
    offset = _utc_offset(zone, at)
    if offset is None:
        return zone
    return f"{offset}, {local}" if local else offset


def _utc_offset(zone: str, at: "dt.datetime | dt.date") -> str | None:
    """"UTC+03:00": the offset of ``zone`` at the moment ``at`` (noon of a date); None for an unknown zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    moment = at if isinstance(at, dt.datetime) else dt.datetime.combine(at, dt.time(12))
    moment = moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_over_period(zone: str, lang: str, start: "dt.datetime | None", end: "dt.datetime | None") -> str:
    """A time zone for a period: its UTC offset at the start, and at the end too when summer time
    changes it in between ("UTC+02:00 at the start of the period, UTC+03:00 at its end, local
    time in Chișinău")."""
    first = fmt_time_zone(zone, lang, start) if start else fmt_time_zone(zone, lang, end)
    if not start or not end or zone in _UNIVERSAL:
        return first
    begin, finish = _utc_offset(zone, start), _utc_offset(zone, end)
    if begin is None or begin == finish:
        return first
    return letter_text(lang, L_("%(start)s at the start of the period, %(end)s at its end, %(zone)s")) % {
        "start": begin, "end": finish, "zone": _local_time(zone, lang) or zone}


# TRANSLATORS: a range of paragraphs of an article ("10–12"); French "%(first)s à %(last)s", Spanish "%(first)s a %(last)s".
_PARAGRAPH_RANGE = L_("%(first)s\u2013%(last)s")
# TRANSLATORS: an article and its paragraphs ("art. 18, paras. 3 and 10"); Russian puts the paragraphs first: "%(paragraphs)s %(article)s".
_ARTICLE_AND_PARAGRAPHS = L_("%(article)s, %(paragraphs)s")
#: The article forms (the template's own msgid) and the paragraph forms (French "par.", Spanish
#: "párr."/"párrs.", Russian "п."), domain "letter"; marked for extraction below.
_ARTICLES = LN_("art. %(articles)s", "arts. %(articles)s")
# TRANSLATORS: paragraphs of an article ("para. 3", "paras. 3, 10–12 and 18")
_PARAGRAPHS = LN_("para. %(paragraphs)s", "paras. %(paragraphs)s")
_ARTICLE = re.compile(r"^(?P<art>\d+[a-z]*(?:\s*bis|\s*ter)?)?\s*(?P<paras>(?:\(\d+[a-z]?\)(?:\s*[\u2013-]\s*\(\d+[a-z]?\))?\s*)*)$")


def _non_latin(text: str) -> bool:
    """Whether ``text`` holds a letter of a script other than Latin."""
    return textscript.other_script(text) is not None


def cite_articles(articles: str, lang: str) -> str | None:
    """Articles as the letter language cites them: "18(3), (10)–(12), (18)" -> "art. 18,
    par. 3, 10 à 12 et 18" in French, «п. 3, 10–12 и 18 ст. 18» in Russian, "art. 18, párrs.
    3, 10 a 12 y 18" in Spanish; "1, 3, 4, 7" -> "arts. 1, 3, 4 y 7". The field is written once
    for all languages, in the international form "18(3)". None when the text does not have
    that form (it is then printed as written)."""
    from ..i18n import translations

    tr = translations("letter", lang)
    cited: list[tuple[str, list[str]]] = []
    for token in (t.strip() for t in (articles or "").split(",")):
        found = _ARTICLE.match(token) if token else None
        if not found:
            return None
        paras = [p for p in re.findall(r"\((\d+[a-z]?)\)(?:\s*[\u2013-]\s*\((\d+[a-z]?)\))?", found["paras"])]
        shown = [(tr.gettext(_PARAGRAPH_RANGE) % {"first": a, "last": b}) if b else a for a, b in paras]
        if found["art"]:
            cited.append((found["art"].strip(), shown))
        elif cited and shown:  # "(10)–(12)" continues the article before it
            cited[-1][1].extend(shown)
        else:
            return None
    if not cited:
        return None

    def article(numbers: list[str]) -> str:
        return tr.ngettext(*_ARTICLES, len(numbers)) % {"articles": join_list(numbers, lang)}

    if not any(paras for _art, paras in cited):
        return _nobreak_abbreviations(article([art for art, _paras in cited]))
    parts = []
    for art, paras in cited:
        if not paras:
            parts.append(article([art]))
            continue
        count = 2 if len(paras) > 1 or any("\u2013" in p or " " in p for p in paras) else 1
        paragraphs = tr.ngettext(*_PARAGRAPHS, count) % {"paragraphs": join_list(paras, lang)}
        parts.append(tr.gettext(_ARTICLE_AND_PARAGRAPHS) % {"article": article([art]), "paragraphs": paragraphs})
    return _nobreak_abbreviations(join_list(parts, lang) if len(parts) > 1 else parts[0])


def _nobreak_abbreviations(text: str) -> str:
    """"art. 1, para. 2": the abbreviation never ends a line apart from its number."""
    return re.sub(r"(?<=\.) (?=\d)", "\u00a0", text)


def _nationality_adjective(code: str, lang: str) -> bool:
    from .. import states

    return states.has_nationality_adjective(code, lang)


def nationality(code: str | None, lang: str, sex: str | None) -> str:
    """A person's nationality as the letter writes it ("moldave", "гражданка Республики Молдова")."""
    if not code:
        return ""
    from .. import states

    return states.nationality(code, lang, sex)


def _state_named_in(code: str | None, address: str) -> bool:
    from .. import states

    return bool(code) and states.named_in(code, address)


def _article_count(articles: str) -> int:
    """1 when ``articles`` cites one article ("18", "18(3)"), else 2 (for the plural "arts.")."""
    return 1 if len(re.findall(r"\d+", re.sub(r"\([^)]*\)", "", articles or ""))) <= 1 else 2


def formal_state_name(code: str | None, lang: str) -> str:
    """The UN formal name ("République française"), as a letterhead gives it."""
    if not code:
        return ""
    from .. import states

    return states.formal_name(code, lang)


_LEADING_TAGS = re.compile(r"^((?:\s|<[^>]*>|\u2068)*)(\w)")  # tags, spaces and a bidi isolate's opening


def upper_first(markup: str) -> Markup:
    """The first letter of a piece of markup in upper case (tags before it are skipped):
    a line that a translation begins with a value ("гражданка …") starts with a capital."""
    text = str(markup if hasattr(markup, "__html__") else escape(markup))
    return Markup(_LEADING_TAGS.sub(lambda m: m.group(1) + m.group(2).upper(), text, count=1))


# -- the view ------------------------------------------------------------------------------------


_DIGIT_GROUPS = re.compile(r"(?<=\d) (?=\d)")
_FRENCH_SEMICOLON = re.compile(r"(?<=\S)\s*;(?=\s)")


class _Builder:
    def __init__(self, letter: LetterOfRequest, lang: str, full_identities: bool = False) -> None:
        from ..i18n import ui_gettext

        self.L = letter
        self.lang = lang
        self.full_identities = full_identities
        self.langs = [lang]
        self.fallback = letter.drafting_language
        self.ui = ui_gettext(lang)

    def annexed(self, text: Txt, number: int) -> Txt:
        """``text`` followed by its annex number, inside its last sentence ("… of 18 May 2027
        (annex 3)."); unchanged when the text already cites that annex."""
        phrase = letter_text(self.lang, L_("(annex %(n)s)")) % {"n": number}
        body = text.text.rstrip()
        if phrase in body:
            return text
        if body.endswith("."):
            body = f"{body[:-1]} {phrase}."
        else:
            body = f"{body} {phrase}"
        return Txt(body, text.lang, text.marked, text.lang_name)

    def cite(self, articles: str) -> Txt | None:
        """The articles of a legal basis as the letter's language cites them (:func:`cite_articles`), or None."""
        cited = cite_articles(articles, self.lang) if articles else None
        return self.s(cited) if cited else None

    def named(self, name: str, latin: str) -> str:
        """A name as the letter writes it: in a letter in a Latin-script language, a name
        written in another script comes in its Latin form first, the original in brackets
        ("ASANOV Nurbek (АСАНОВ Нурбек)"); otherwise as written."""
        if latin and name and _non_latin(name) and textscript.language_script(self.lang) == "Latn":
            return f"{latin} ({name})"
        return name

    def postal(self, address: str, latin: str) -> str:
        """A postal address as the letter writes it: a letter in a Latin-script language prints
        the Latin form (``latin``) of an address written in another script, where the drafter
        gave one; any other letter prints the address as written. Unlike a name, the original
        is not repeated: an address identifies nobody, and one form is what a post office reads."""
        if latin and address and _non_latin(address) and textscript.language_script(self.lang) == "Latn":
            return latin
        return address

    def after_name(self, title: Txt) -> Txt:
        """A title or function written after a person's name ("Claire Vasseur, juge
        d'instruction"): French, Russian and Spanish write it in lower case there, English keeps
        its capitals ("Investigating Judge"); acronyms are kept (:func:`lower_first`)."""
        return title if self.lang == "en" else title.lowered()

    def phone(self, value: str) -> Txt:
        """A telephone number as written, with no-break spaces, so that it is never cut across lines."""
        return self.s(value.replace(" ", "\u00a0"))

    def label(self, field: fields.Field) -> str:
        """The label the letter prints before a declared field's value: its letter label
        (domain "letter") where it has one, else its form label."""
        return letter_text(self.lang, field.letter_label) if field.letter_label else self.ui(field.label)

    def t(self, text: MLText) -> Txt:
        value, text_lang = text.resolve(self.lang, self.fallback)
        marked = bool(value) and text_lang != self.lang
        return Txt(value, text_lang, marked, language_name(text_lang, self.lang) if marked else "")

    def s(self, value: str) -> Txt:
        """A value shown as written (a name, a number, an address): escaped and bidi-isolated.
        In a French letter a semicolon that separates items takes the narrow no-break space
        French typography puts before it ("Ion CEBAN ; VEST-LOGISTIC SRL")."""
        value = value or ""
        # digit groups ("+373 69 000 000", "BE00 0000 0000") are never cut across lines
        if " " in value:
            value = _DIGIT_GROUPS.sub("\u00a0", value)
        if self.lang == "fr" and ";" in value:
            value = _FRENCH_SEMICOLON.sub("\u202f;", value)
        return Txt(value, self.lang)

    def ref(self, value: str) -> Txt:
        """A reference or case number, its hyphens no-break (U+2011), so that it is never cut
        across lines ("11001-60-" / "00000-2026-00417")."""
        return self.s((value or "").replace("-", "\u2011"))

    def code(self, vocabulary: str, code: str | None, sex: str | None = None) -> str:
        """The letter's phrase for a code of ``vocabulary`` ("" for no code)."""
        if not code:
            return ""
        return vocab.VOCABULARIES[vocabulary].letter_label(code, self.lang, sex)

    def date(self, day: dt.date | None) -> str:
        return fmt_date(day, self.lang)

    def person_name(self, person_id: str) -> str:
        """How the letter names the person ``person_id``: the name, or the pseudonym of a protected identity."""
        person = self.L.person(person_id)
        if person is None:
            return ""  # an unknown reference (the checklist reports it): never the raw id
        if fields.holds("identity_protected", self.L, person) and not self.full_identities:
            return person.pseudonym
        return self.named(person.display_name(), person.latin_name)

    # sections -------------------------------------------------------------------------------
    def authority(self, a) -> dict[str, Any]:
        return {"name": self.t(a.name), "address": self.s(self.postal(a.address, a.latin_address)), "phone": self.phone(a.phone), "email": self.s(a.email)}

    def person(self, p) -> dict[str, Any]:
        when = fields.item_conditions("persons", p)
        sex = p.sex if when["natural_person"] else None
        view: dict[str, Any] = {
            "id": p.id,
            "when": when,
            "role": self.code("person_role", p.role, sex),
            "status": self.t(p.procedural_status),
            "name": "", "other_names": "", "birth_date": "", "birth_place": Txt("", self.lang),
            "nationality": "", "doc": Txt("", self.lang), "doc_number": "", "doc_country": "",
            "registration_number": "", "seat": "", "address": "", "notes": Txt("", self.lang), "pseudonym": "",
        }
        if when["identity_protected"] and not self.full_identities:
            # only the pseudonym and the role: no name, birth data, document, address or notes
            view["name"] = self.s(p.pseudonym)
            return view
        if when["identity_protected"]:  # the "for the file" variant: the identity, and the pseudonym used
            view["pseudonym"] = self.s(p.pseudonym)
            view["when"] = {**when, "identity_protected": False}
        doc = p.id_document
        if when["other_document"]:
            doc_text = self.t(doc.details)
        else:
            doc_text = self.s(self.code("document_type", doc.type))
        view.update(
            name=self.s(self.named(p.display_name(), p.latin_name)),
            other_names=self.s(p.other_names),
            birth_date=fmt_partial_date(p.birth_date, self.lang),
            birth_place=self.t(p.birth_place),
            nationality=nationality(p.nationality, self.lang, sex),
            nationality_phrase=bool(p.nationality) and not _nationality_adjective(p.nationality, self.lang),
            doc=doc_text,
            doc_number=self.s(doc.number),
            doc_country=state_name(doc.issuing_country, self.lang),
            registration_number=self.s(p.registration_number),
            seat=self.s(p.seat),
            address=self.s(self.postal(p.address, p.latin_address)),
            notes=self.t(p.notes),
        )
        if when["legal_person"]:
            view.update(other_names="", birth_date="", birth_place=Txt("", self.lang), nationality="",
                        doc=Txt("", self.lang), doc_number="", doc_country="")
        else:
            view.update(registration_number="", seat="")
        return view

    def basis(self, b) -> dict[str, Any]:
        view: dict[str, Any] = {"type": b.type}
        if b.type == "instrument":
            item = catalogue.instruments().get(b.instrument_id, {})
            title = catalogue.instrument_title(b.instrument_id, self.lang)
            place = catalogue.localized(item.get("place", {}), self.lang) if item.get("place") else ""
            if place and title.endswith(")") and place in title[title.rfind("("):]:
                title = title[: title.rfind("(")].rstrip()  # "(Minsk, 1993)": the letter gives place and date itself
            view.update(
                title=title,
                place=catalogue.localized(item.get("place", {}), self.lang) if item.get("place") else "",
                date=self.date(dt.date.fromisoformat(item["date"])) if item.get("date") else "",
                articles=self.s(b.articles), citation=self.cite(b.articles),
                article_count=_article_count(b.articles),
            )
        elif b.type == "bilateral":
            view.update(title=self.t(b.title), date=self.date(b.date), articles=self.s(b.articles), citation=self.cite(b.articles),
                        article_count=_article_count(b.articles))
        elif b.type == "other":
            view.update(description=self.t(b.description))
        else:
            view.update(assurance=b.assurance, details=self.t(b.assurance_details))
        return view

    def value(self, field: fields.Field, value: Any, sex: str | None = None,
              at: "dt.datetime | dt.date | None" = None) -> Txt | bool | None:  # noqa: C901 - one branch per kind
        """A declared field's value as the letter shows it, by the field's kind (None when empty);
        a code's phrase agrees with ``sex`` where its vocabulary has a feminine form; a time zone
        gives its UTC offset at the moment ``at``."""
        kind = field.kind
        if kind == fields.BOOL:
            return bool(value)
        if fields.is_empty(value):
            return None
        if kind == fields.TEXT:
            return self.t(value)
        if kind == fields.YESNO:
            return bool(value)
        if kind in (fields.DATE, fields.DATETIME):
            return self.s(self.date(value))
        if kind == fields.PARTIAL_DATE:
            return self.s(fmt_partial_date(value, self.lang))
        if kind == fields.AMOUNT:
            return self.s(fmt_amount(value, self.lang))
        if kind == fields.CODE:
            return self.s(self.code(field.vocab, value, sex))
        if kind == fields.CODES:
            return self.s(join_list([self.code(field.vocab, v) for v in value], self.lang))
        if kind == fields.LANGUAGE:
            return self.s(language_name(value, self.lang))
        if kind == fields.LANGUAGES:
            return self.s(join_list([language_name(v, self.lang) for v in value], self.lang))
        if kind == fields.STATE:
            return self.s(state_name(value, self.lang))
        if kind == fields.PERSON:
            name = self.person_name(value)
            return self.s(name) if name else None
        if kind == fields.TIME:
            return self.s(fmt_time(value, self.lang))
        if kind == fields.ANNEX:
            found = self.L.annex(value)
            return self.s(str(found[0])) if found else None
        if kind == fields.MEASURES:
            numbers = [f"10.{found[0]}" for found in (self.L.measure(m) for m in value) if found]
            return self.s(join_list(numbers, self.lang)) if numbers else None
        if kind == fields.OFFENCES:  # each name marked where it is not in the letter's language
            return join_markup([self.t(o.name) for o in (self.L.offence(i) for i in value) if o], self.lang) or None
        if kind == fields.TIME_ZONE:
            return self.s(fmt_time_zone(value, self.lang, at))
        return self.s(str(value))  # VERBATIM, COUNT

    #: A measure's date, time and time zone shown as one line ("19 May 2027, 10:00 (Europe/Chisinau)").
    _MOMENTS = {"date": ("time", "time_zone"), "hearing_date": ("hearing_time", "hearing_time_zone")}
    #: The label of such a line when a time is given (domain "letter").
    _MOMENT_LABELS = {"date": L_("Proposed date and time"), "hearing_date": L_("Date and time of appearance")}

    def measure(self, n: int, item) -> dict[str, Any]:
        own = []
        declared = fields.MEASURE_FIELDS.get(item.kind, ())
        names = {f.name for f in declared}
        merged = {part for date_name, parts in self._MOMENTS.items() if date_name in names for part in parts if part}
        annexes = {f.name: f for f in declared if f.kind == fields.ANNEX}
        # the person the measure concerns: its codes ("status: victim") agree with that person's sex
        person = self.L.person(getattr(item, "person_id", "") or "")
        sex = person.sex if person is not None and fields.holds("natural_person", self.L, person) else None
        period_from = getattr(item, "period_from", None)  # (once: a model without it answers slowly)
        for field in declared:
            if not fields.applies(self.L, field, item) or field.name in merged or field.kind == fields.ANNEX:
                continue
            if field.name.startswith("latin_") and field.name.removeprefix("latin_") in names:
                continue  # printed in place of the address it renders in Latin script (below)
            if f"latin_{field.name}" in names:
                original, latin = getattr(item, field.name), getattr(item, f"latin_{field.name}")
                # an address in its Latin form alone; a name in its Latin form, the original in brackets
                postal = next(f.postal for f in declared if f.name == f"latin_{field.name}")
                as_written = self.postal(original, latin) if postal else self.named(original, latin)
                shown = self.value(field, as_written, sex)
                if shown is not None:
                    own.append({"label": self.label(field), "type": "text", "value": shown})
                continue
            if field.name == "period_to" and "period_from" in names:
                continue
            if field.name == "period_from" and "period_to" in names:
                start, end = self.date(item.period_from), self.date(item.period_to)
                if start or end:
                    own.append({"label": "", "type": "period", "value": {"from": start, "to": end}})
                continue
            if field.name in self._MOMENTS and getattr(item, field.name) is not None:
                time_name, zone_name = self._MOMENTS[field.name]
                time = fmt_time(getattr(item, time_name, ""), self.lang) if getattr(item, time_name, "") else ""
                zone = getattr(item, zone_name, "") if zone_name else ""
                day = getattr(item, field.name)
                at = day
                if time:
                    try:
                        at = dt.datetime.combine(day, dt.time.fromisoformat(getattr(item, time_name)))
                    except ValueError:
                        at = day
                label = self.label(field)
                if time:
                    label = letter_text(self.lang, self._MOMENT_LABELS[field.name])
                own.append({"label": label, "type": "moment",
                            "value": {"date": self.date(day), "time": time,
                                      "zone": fmt_time_zone(zone, self.lang, at) if zone else ""}})
                continue
            annex_field = annexes.get(field.name.removesuffix("_attached") + "_annex")
            if annex_field is not None and fields.applies(self.L, annex_field, item):
                # "Documents to be served: summons (annex 2)"; "Order attached: yes (annex 3)"
                found = self.L.annex(getattr(item, annex_field.name, ""))
                number = found[0] if found else None
                if field.kind in (fields.BOOL, fields.YESNO):
                    if getattr(item, field.name):
                        own.append({"label": self.label(field), "type": "annexed", "value": number})
                        continue
                elif number is not None:
                    shown = self.value(field, getattr(item, field.name), sex)
                    if shown is not None:
                        own.append({"label": self.label(field), "type": "text", "value": self.annexed(shown, number)})
                        continue
            if field.kind == fields.TIME_ZONE and item.kind == "electronic":
                own.append({"label": self.label(field), "type": "text",
                            "value": self.s(zone_over_period(getattr(item, field.name), self.lang,
                                                             item.period_from, item.period_to))})
                continue
            shown = self.value(field, getattr(item, field.name), sex, period_from)
            if shown is None:
                continue
            own.append({"label": self.label(field), "type": "bool" if field.kind in (fields.BOOL, fields.YESNO) else "text",
                        "value": shown})
        proc = item.procedures
        offences = [self.t(o.name) for o in (self.L.offence(i) for i in item.offence_ids) if o is not None]
        offences = offences[:1] + [o.lowered() for o in offences[1:]]  # inside a sentence
        return {
            "number": n,
            "kind": item.kind,
            "when": fields.item_conditions("assistance", item),
            "kind_title": vocab.ASSISTANCE_KIND.label(item.kind, self.lang),
            "description": self.t(item.description),
            "relevance": self.t(item.relevance),
            "offences": join_semicolons(offences, self.lang),
            "procedures": [{"label": self.code("procedure_kind", p), "other": p == "other"} for p in proc.requested],
            "procedure_details": self.t(proc.details),
            "procedure_reason": self.t(proc.reason),
            "deadline": self.date(item.deadline),
            "fields": own,
        }

    def build(self) -> dict[str, Any]:
        L = self.L
        kinds = list(dict.fromkeys(m.kind for m in L.assistance))
        ident = L.identification
        when = fields.letter_conditions(L)
        requesting = self.authority(ident.requesting_authority)
        conducting = self.authority(ident.conducting_authority) if when["conducting_separate"] else requesting
        officer = ident.officer
        ack = L.acknowledgement
        lang_req = L.language
        return {
            "lang": self.lang,
            "when": when,
            "requesting_state": state_name(L.requesting_state, self.lang),
            "requesting_state_formal": formal_state_name(L.requesting_state, self.lang),
            "requested_state": state_name(L.requested_state, self.lang),
            # the formal name where the letter names the State by itself ("Requested State: Republic
            # of Kazakhstan"); the short name in running text and in the postal address
            "requested_state_formal": formal_state_name(L.requested_state, self.lang),
            "addressee": {**self.authority(L.addressee),
                          # an address whose last line already names the State: the State is not repeated under it
                          "state_in_address": _state_named_in(L.requested_state,
                                                              self.postal(L.addressee.address, L.addressee.latin_address))},
            "refs": {
                "ours": self.s(L.references.requesting_reference),
                "court": self.s(L.references.court_case_number),
                "yours": self.s(L.references.requested_reference),
            },
            # the same in the narrow references block at the head of the letter, never cut there
            "refs_block": {
                "ours": self.ref(L.references.requesting_reference),
                "court": self.ref(L.references.court_case_number),
                "yours": self.ref(L.references.requested_reference),
            },
            "place": self.t(L.place),
            # the letter's date is never cut across lines ("23 de noviembre de" / "2026")
            "date": self.date(L.date).replace(" ", "\u00a0"),
            "requesting": requesting,
            "conducting": conducting,
            "officer_withheld_reason": self.t(ident.officer_withheld_reason),
            "officer": {
                "name": self.s(self.named(officer.name, officer.latin_name)),
                "position": self.after_name(self.t(officer.position)),
                "phone": self.phone(officer.phone),
                "email": self.s(officer.email),
                "languages": join_list([language_name(code, self.lang) for code in officer.languages], self.lang),
            },
            "prior_contact": {
                "answered": L.prior_contact.had_contact is not None,
                "contacts": [
                    {"when": fields.item_conditions("prior_contact.contacts", c), "date": self.date(c.date),
                     "who": self.t(c.who), "channel": self.code("contact_channel", c.channel),
                     "reference": self.s(c.reference), "details": self.t(c.details)}
                    for c in L.prior_contact.contacts
                ],
            },
            "other_channels": {
                "answered": L.other_channels.used is not None,
                "channels": [
                    {"when": fields.item_conditions("other_channels.channels", u),
                     "channel": self.code("other_channel", u.channel), "date": self.date(u.date),
                     "reference": self.s(u.reference), "details": self.t(u.details)}
                    for u in L.other_channels.channels
                ],
            },
            "ack": {
                "authority": self.t(ack.authority),
                "name": self.s(self.named(ack.name, ack.latin_name)),
                "address": self.s(self.postal(ack.address, ack.latin_address)),
                # the acknowledgement travels abroad: its address names the requesting State, in the
                # letter's language, where the address as written does not
                "state": "" if _state_named_in(L.requesting_state, self.postal(ack.address, ack.latin_address))
                else state_name(L.requesting_state, self.lang),
                "email": self.s(ack.email),
                "phone": self.phone(ack.phone),
                "fax": self.s(ack.fax),
            },
            "urgency": {
                "deadline": self.date(L.urgency.deadline),
                "reason_kind": self.code("urgency_reason", L.urgency.reason_kind),
                "reason": self.t(L.urgency.reason),
            },
            "confidentiality": {
                "reason": self.t(L.confidentiality.reason),
                "consult": L.confidentiality.consult_if_not_possible,
            },
            "bases": [self.basis(b) for b in L.legal_bases],
            "facts": {"summary": self.t(L.facts.summary), "stage": self.t(L.facts.stage)},
            "persons": [self.person(p) for p in L.persons],
            # for the confidential annex (built with full identities): the protected persons only
            "protected_persons": [self.person(p) for p in L.persons if fields.holds("identity_protected", L, p)]
            if self.full_identities else [],
            "offences": [
                {"name": self.t(o.name), "provision": self.t(o.provision), "max_penalty": self.t(o.max_penalty),
                 "law_excerpt": self.t(o.law_excerpt)}
                for o in L.offences
            ],
            "dual_criminality": self.t(L.dual_criminality),
            "measures": [self.measure(i + 1, item) for i, item in enumerate(L.assistance)],
            "presence": {
                "attendees": [{"name": self.s(a.name), "function": self.after_name(self.t(a.function))} for a in L.officials_presence.attendees],
                "measures": join_list([f"10.{found[0]}" for found in (L.measure(m) for m in L.officials_presence.measure_ids)
                                       if found], self.lang),
                "measure_count": len(L.officials_presence.measure_ids),
                "participation": self.t(L.officials_presence.participation),
                "reason": self.t(L.officials_presence.reason),
            },
            "language": {
                "name": language_name(L.output_language, self.lang),
                "names": join_list([language_name(code, self.lang) for code in self.langs], self.lang),
                "two": len(self.langs) > 1,
                "accepted_written": join_list([language_name(code, self.lang) for code in self.langs
                                               if code in lang_req.accepted_languages], self.lang),
                "in_accepted": any(code in lang_req.accepted_languages for code in self.langs),
                "both_accepted": len(self.langs) > 1 and all(code in lang_req.accepted_languages for code in self.langs),
                "accepted": join_list([language_name(code, self.lang) for code in lang_req.accepted_languages], self.lang),
                "certified": lang_req.certified_translation,
                "note": self.t(lang_req.translation_note),
            },
            "signatory": {
                "name": self.s(self.named(L.signatory.name, L.signatory.latin_name)),
                "title": self.t(L.signatory.title),
                "authority": self.t(L.signatory.authority),
            },
            "annexes": [{"title": self.t(a.title), "pages": a.pages} for a in L.annexes],
            # protected victims or witnesses: their identities go in a separate confidential annex
            # (the copy for the file lists it too: it records what was sent)
            "identities_annex": any(fields.holds("identity_protected", L, p) for p in L.persons),
            "protected_count": sum(1 for p in L.persons if fields.holds("identity_protected", L, p)),
            "measure_deadlines": join_list([f"10.{i + 1}" for i, m in enumerate(L.assistance) if m.deadline], self.lang),
            "measure_deadline_count": sum(1 for m in L.assistance if m.deadline),
            "subject": {
                "offences": join_offences([self.t(o.name).lowered() for o in L.offences if o.name], self.lang),
                "offence_count": len([o for o in L.offences if o.name]),
                # up to three kinds by name; more, and the subject line would run to a paragraph
                "kinds": join_list([lower_first(vocab.ASSISTANCE_KIND.label(kind, self.lang)) for kind in kinds], self.lang)
                if len(kinds) <= 3 else "",
                "measure_count": len(L.assistance),
            },
            "coercive": join_list([f"10.{i + 1}" for i, m in enumerate(L.assistance) if m.kind in vocab.COERCIVE_KINDS],
                                  self.lang),
            "coercive_count": sum(1 for m in L.assistance if m.kind in vocab.COERCIVE_KINDS),
        }


def build_context(letter: LetterOfRequest, lang: str, incomplete: list[str], langs: list[str] | None = None,
                  full_identities: bool = False, training: bool = False) -> dict[str, Any]:
    """The view of ``letter`` in ``lang``. ``langs``: the languages of the whole letter (two for a
    bilingual letter, in column order); ``full_identities``: the "for the file" variant, which
    names protected persons (never sent); ``training``: the letter is a training exercise (demo
    mode, ``render --training``) and is marked "not a real request" on every page."""
    builder = _Builder(letter, lang, full_identities)
    builder.langs = list(langs or [lang])
    view = builder.build()
    # The points in the checklist's order, with their headings: the one definition of both.
    view["points"] = [{"id": p.id, "heading": p.letter_heading(lang)} for p in POINTS]
    special = [f"10.{m['number']}" for m in view["measures"] if m["procedures"] or m["procedure_details"]]
    view["special_procedures"] = join_list(special, lang)
    view["special_count"] = len(special)
    view["full_identities"] = full_identities
    view["training"] = training
    view["incomplete"] = incomplete
    view["incomplete_count"] = len(incomplete)
    view["incomplete_list"] = join_list(incomplete, lang)
    return view


def section_labels(sections: list, lang: str) -> list[str]:
    """"5", "14", "Place, date, signature and annexes" ... in ``lang``."""
    return [str(p.number) if p.number else p.label(lang) for p in sections]


# -- the smallest pieces of the markup -------------------------------------------------------


def finalize(value: Any) -> Any:
    """What every ``{{ expression }}`` of the templates, and every value the :class:`Pieces` set
    in the markup, is before escaping: a string without XML-invalid characters (trimmed), None as
    "", anything else (markup, :class:`Txt`, numbers) as it is."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return clean_text(value) if value else value
    if value is None:
        return ""
    return value


# TRANSLATORS: marks a passage of user text for which no translation into the letter's language was entered: it is shown in the language it was written in (which may itself be a translation). %(language)s is a CLDR language name in the nominative (e.g. "French", "французский"). Keep the square brackets.
_UNTRANSLATED = L_("[untranslated passage; language: %(language)s]")
# TRANSLATORS: a label before its value ("Address: ..."); French puts a no-break space before the colon.
_LABEL = L_("%(text)s:")
_TO_BE_COMPLETED = L_("[to be completed]")


class Pieces:
    """The three smallest pieces of the letter's markup in one language, which the templates call
    hundreds of times a letter (templates/macros.j2 names them): ``tx(value)``, a :class:`Txt`
    with its "untranslated passage" mark when it is not in the letter's language; ``label(text)``,
    "<b>Address:</b>" (kept per text: the labels are the letter's fixed phrases); ``missing()``,
    "<i>[to be completed]</i>". Each returns :class:`~markupsafe.Markup`, the very string the
    Jinja macros they replace wrote (a macro call through the sandbox costs ten times more).
    Build one per translations object with :func:`pieces`."""

    def __init__(self, tr) -> None:
        self._untranslated = Markup(tr.gettext(_UNTRANSLATED))
        self._label = Markup(tr.gettext(_LABEL))
        self._missing = Markup("<i>%s</i>") % clean_text(tr.gettext(_TO_BE_COMPLETED))
        self._labels: dict[str, Markup] = {}

    def tx(self, v: Any) -> Markup:
        marked = getattr(v, "marked", None)
        if marked is None:  # (as the macro did: only a Txt has a "marked")
            from jinja2.exceptions import UndefinedError

            raise UndefinedError(f"tx() takes a piece of user text, not {type(v).__name__}")
        if marked:
            lang = v.lang
            tag = self._untranslated % {"language": v.lang_name}
            return Markup(f'<ut lang="{escape(finalize(lang))}"><tag>{tag}</tag> {v.__html__()}</ut>')
        return Markup(v.__html__())

    def label(self, text: str) -> Markup:
        if type(text) is not str:
            return Markup(f"<b>{self._label % {'text': text}}</b>")
        found = self._labels.get(text)
        if found is None:
            found = Markup(f"<b>{self._label % {'text': text}}</b>")
            if len(self._labels) < 1000:
                self._labels[text] = found
        return found

    def missing(self) -> Markup:
        return self._missing


@cache
def pieces(tr) -> Pieces:
    """The :class:`Pieces` for translations ``tr`` (``tr.gettext``; :func:`mla_writer.i18n.translations` keeps one per language)."""
    return Pieces(tr)
