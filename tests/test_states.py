"""States as letters between States name them: resources/states.json and mla_writer.states."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata

import pytest

from mla_writer import states
from mla_writer.assets import get_asset
from mla_writer.i18n import ui_gettext

LANGS = ("en", "fr", "ru", "es")

# The 193 UN Member States (UN list of Member States), by ISO 3166-1 alpha-2 code.
UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
CM CA CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ
FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI
KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR
NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST
SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG
UA AE GB TZ US UY UZ VU VE VN YE ZM ZW
""".split()


@pytest.fixture(scope="module")
def data():
    with get_asset("resources", "states.json").open(encoding="utf-8") as fh:
        return json.load(fh)


# ---- the data ---------------------------------------------------------------------------


def test_every_un_member_state_and_the_two_observers(data):
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193
    by_status = {}
    for code, entry in data["states"].items():
        by_status.setdefault(entry["status"], set()).add(code)
    assert by_status["member"] == set(UN_MEMBERS)
    assert by_status["observer"] == {"VA", "PS"}
    assert set(by_status) == {"member", "observer", "other"}
    assert {"XK", "CK", "NU"} <= by_status["other"]


def test_others_say_why_they_are_listed(data):
    for code, entry in data["states"].items():
        if entry["status"] == "other":
            assert len(entry.get("reason", "")) > 40, code
        else:
            assert "reason" not in entry, code


def test_codes_are_iso_alpha_2_and_known_to_cldr(data):
    from babel import Locale

    cldr = Locale("en").territories
    for code in [*data["states"], *data["territories"], *data["not_states"]]:
        assert len(code) == 2 and code.isascii() and code.isupper(), code
        assert code in cldr, code
    assert not set(data["states"]) & set(data["territories"])
    assert not set(data["states"]) & set(data["not_states"])
    assert not set(data["territories"]) & set(data["not_states"])


def test_every_cldr_region_code_is_classified(data):
    """A code the draft may hold is either a State, a territory (with its State) or not a State."""
    from babel import Locale

    known = set(data["states"]) | set(data["territories"]) | set(data["not_states"])
    cldr = {c for c in Locale("en").territories if len(c) == 2 and c.isalpha()}
    assert cldr - known == set()


def test_every_entry_has_names_and_forms_in_all_four_languages(data):
    required = {
        "en": ("name", "formal", "formal_article", "article", "de", "in"),
        "fr": ("name", "formal", "formal_article", "article", "de", "in"),
        "es": ("name", "formal", "formal_article", "article", "de", "in"),
        "ru": ("name", "formal", "nom", "gen", "prep", "dat"),
    }
    for code, entry in data["states"].items():
        for lang, keys in required.items():
            for key in keys:
                value = entry[lang].get(key)
                assert isinstance(value, str) and value.strip() == value and value, (code, lang, key)
                assert "  " not in value, (code, lang, key)
        assert entry["ru"]["prep"].split(" ", 1)[0] in ("в", "во", "на"), code
        assert entry["en"]["in"] == "in " + entry["en"]["article"]
        assert entry["es"]["in"] == "en " + entry["es"]["article"]
        for lang in ("fr", "es"):
            adjective = entry[lang].get("nationality")
            assert adjective is None or (len(adjective) == 2 and all(adjective)), (code, lang)
            assert adjective is None or all(a == a.lower() for a in adjective), (code, lang)
        assert isinstance(entry["en"].get("nationality", "X"), str)
        assert "nationality" not in entry["ru"]  # Russian always says гражданин/гражданка + genitive


def test_names_are_normalised_text(data):
    for code, entry in data["states"].items():
        for lang in LANGS:
            for value in entry[lang].values():
                for text in [value] if isinstance(value, str) else value:
                    assert unicodedata.normalize("NFC", text) == text, (code, text)


def test_territories_name_their_state_in_all_four_languages(data):
    for code, item in data["territories"].items():
        assert item["state"] in data["states"], code
        assert item["kind"] in ("part", "dependent"), code
        assert set(item["name"]) == set(LANGS) and all(item["name"].values()), code
    for code, item in data["not_states"].items():
        assert item["kind"] in ("not_state", "unlisted"), code
        assert item["reason"], code
        if item["kind"] == "not_state":
            assert set(item["name"]) == set(LANGS), code
    assert {"EH", "AQ", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"} <= set(data["not_states"])
    expected = {
        "IC": "ES", "EA": "ES", "CQ": "GB", "AX": "FI", "GG": "GB", "JE": "GB", "IM": "GB", "GI": "GB",
        "GF": "FR", "RE": "FR", "NC": "FR", "PR": "US", "GU": "US", "HK": "CN", "MO": "CN", "AW": "NL",
        "CW": "NL", "SX": "NL", "BQ": "NL", "GL": "DK", "FO": "DK", "SJ": "NO", "NF": "AU", "TK": "NZ",
    }
    assert {code: data["territories"][code]["state"] for code in expected} == expected


# ---- names and forms --------------------------------------------------------------------


def test_moldova_in_four_languages():
    assert [states.name("MD", lang) for lang in LANGS] == [
        "Republic of Moldova", "République de Moldova", "Республика Молдова", "República de Moldova",
    ]
    assert states.form("MD", "en", "article") == "the Republic of Moldova"
    assert states.form("MD", "fr", "article") == "la République de Moldova"
    assert states.form("MD", "fr", "de") == "de la République de Moldova"
    assert states.form("MD", "fr", "in") == "en République de Moldova"
    assert states.form("MD", "ru", "gen") == "Республики Молдова"
    assert states.form("MD", "ru", "de") == "Республики Молдова"
    assert states.form("MD", "ru", "prep") == "в Республике Молдова"
    assert states.form("MD", "ru", "in") == "в Республике Молдова"
    assert states.form("MD", "es", "de") == "de la República de Moldova"


@pytest.mark.parametrize(
    ("code", "article", "de", "in_"),
    [
        ("PT", "le Portugal", "du Portugal", "au Portugal"),
        ("NL", "les Pays-Bas", "des Pays-Bas", "aux Pays-Bas"),
        ("ES", "l'Espagne", "de l'Espagne", "en Espagne"),
        ("FR", "la France", "de la France", "en France"),
        ("IL", "Israël", "d'Israël", "en Israël"),
        ("MC", "Monaco", "de Monaco", "à Monaco"),
        ("CU", "Cuba", "de Cuba", "à Cuba"),
        ("US", "les États-Unis d'Amérique", "des États-Unis d'Amérique", "aux États-Unis d'Amérique"),
        ("TR", "la Türkiye", "de la Türkiye", "en Türkiye"),
    ],
)
def test_french_forms(code, article, de, in_):
    assert states.form(code, "fr", "article") == article
    assert states.form(code, "fr", "de") == de
    assert states.form(code, "fr", "in") == in_


@pytest.mark.parametrize(
    ("code", "article", "de"),
    [
        ("PE", "el Perú", "del Perú"),
        ("AR", "la Argentina", "de la Argentina"),
        ("ES", "España", "de España"),
        ("NL", "los Países Bajos", "de los Países Bajos"),
        ("SV", "El Salvador", "de El Salvador"),
    ],
)
def test_spanish_forms(code, article, de):
    assert states.form(code, "es", "article") == article
    assert states.form(code, "es", "de") == de


def test_russian_cases():
    assert states.form("TR", "ru", "prep") == "в Турецкой Республике"
    assert states.form("UA", "ru", "prep") == "в Украине"
    assert states.form("CU", "ru", "prep") == "на Кубе"
    assert states.form("FR", "ru", "prep") == "во Франции"
    assert states.form("GB", "ru", "gen") == "Соединенного Королевства Великобритании и Северной Ирландии"
    assert states.form("US", "ru", "dat") == "Соединенным Штатам Америки"
    assert states.form("TZ", "ru", "gen") == "Объединенной Республики Танзания"
    assert states.form("EG", "ru", "gen") == "Египта"
    assert states.form("PE", "ru", "gen") == "Перу"


def test_english_forms_and_inverted_un_names():
    assert states.name("NL", "en") == "Netherlands (Kingdom of the)"
    assert states.form("NL", "en", "article") == "the Netherlands"
    assert states.form("FR", "en", "article") == "France"
    assert states.form("GM", "en", "in") == "in the Gambia"
    assert states.name("BO", "es") == "Bolivia (Estado Plurinacional de)"
    assert states.form("BO", "es", "de") == "del Estado Plurinacional de Bolivia"
    assert states.form("IR", "ru", "nom") == "Исламская Республика Иран"


def test_turkiye():
    assert [states.name("TR", lang) for lang in LANGS] == ["Türkiye", "Türkiye", "Турецкая Республика", "Türkiye"]
    assert states.formal_name("TR", "en") == "Republic of Türkiye"


def test_formal_names():
    assert states.formal_name("FR", "en") == "French Republic"
    assert states.formal_name("FR", "fr") == "République française"
    assert states.form("FR", "en", "formal_article") == "the French Republic"
    assert states.formal_name("ES", "es") == "Reino de España"
    assert states.formal_name("RU", "ru") == "Российская Федерация"


def test_forms_never_raise_for_a_state_and_fall_back_to_english():
    for code in states.codes():
        for lang in (*LANGS, "de", "xx"):
            for which in states.FORMS:
                assert states.form(code, lang, which)
    assert states.form("MD", "de", "article") == "the Republic of Moldova"
    assert states.name("MD", "ro") == "Republic of Moldova"
    with pytest.raises(ValueError):
        states.form("MD", "fr", "ablative")


def test_fallbacks_when_a_form_is_missing(monkeypatch):
    data = json.loads(json.dumps(states._data()))
    for lang in ("fr", "es", "en"):
        for key in ("de", "in"):
            del data["states"]["PT"][lang][key]
    for key in ("gen", "prep", "dat"):
        del data["states"]["PT"]["ru"][key]
    monkeypatch.setattr(states, "_data", lambda: data)
    assert states.form("PT", "fr", "de") == "du Portugal"
    assert states.form("PT", "fr", "in") == "au Portugal"
    assert states.form("PT", "es", "de") == "de Portugal"
    assert states.form("PT", "en", "de") == "of Portugal"
    assert states.form("PT", "ru", "gen") == "Португалия"
    assert states.form("PT", "ru", "prep") == "в Португалия"


# ---- nationality ------------------------------------------------------------------------


def test_nationality_agrees_with_sex():
    assert states.nationality("MD", "fr", "male") == "moldave"
    assert states.nationality("MD", "es", "male") == "moldavo"
    assert states.nationality("MD", "es", "female") == "moldava"
    assert states.nationality("MD", "es", None) == "moldavo"
    assert states.nationality("FR", "fr", "female") == "française"
    assert states.nationality("MD", "en", "female") == "Moldovan"
    assert states.nationality("MD", "ru", "male") == "гражданин Республики Молдова"
    assert states.nationality("MD", "ru", "female") == "гражданка Республики Молдова"
    assert states.nationality("MD", "ru", None) == "гражданин Республики Молдова"


def test_nationality_without_an_adjective_says_national_of():
    # North Macedonia: no adjective on purpose (the Prespa agreement's wording is a phrase).
    assert states.nationality("MK", "en", None) == "national of North Macedonia"
    assert states.nationality("MK", "fr", "male") == "ressortissant de la Macédoine du Nord"
    assert states.nationality("MK", "fr", "female") == "ressortissante de la Macédoine du Nord"
    assert states.nationality("MK", "es", "female") == "nacional de Macedonia del Norte"
    assert states.nationality("KR", "en", None) == "national of the Republic of Korea"
    assert states.nationality("VA", "fr", "female") == "ressortissante du Saint-Siège"


def test_central_asian_nationalities_use_the_adjective():
    # A letter from Kazakhstan to Kyrgyzstan: "Kyrgyz", not "national of Kyrgyzstan". The
    # French official list gives the civic "kazakhstanais" (not the ethnic "kazakh").
    assert states.nationality("KG", "en", "female") == "Kyrgyz"
    assert states.nationality("KG", "fr", "female") == "kirghize"
    assert states.nationality("KG", "fr", "male") == "kirghiz"  # the masculine has no e
    assert states.nationality("KG", "es", "female") == "kirguisa"
    assert states.nationality("KZ", "en", "male") == "Kazakhstani"
    assert states.nationality("KZ", "fr", "female") == "kazakhstanaise"
    assert states.nationality("KZ", "es", "male") == "kazajo"
    assert states.nationality("TJ", "fr", "female") == "tadjike"
    assert states.nationality("UZ", "es", "female") == "uzbeka"
    assert states.nationality("KG", "ru", "female") == "гражданка Кыргызстана"


def test_ambiguous_nationalities_keep_the_phrase():
    # "Dominican", "Congolese", "Korean", Spanish "guineano" (Guinea and Guinea-Bissau), "papú"
    # (also Indonesian Papua): the phrase names the State without doubt.
    for code in ("DM", "DO", "CG", "CD", "KP", "KR", "MK", "FM", "MH", "SB", "KN", "AG", "TT", "BA"):
        for lang in ("en", "fr", "es"):
            assert not states.has_nationality_adjective(code, lang), (code, lang)
    assert states.nationality("GW", "es", "female") == "nacional de Guinea-Bissau"
    assert states.nationality("PG", "es", None) == "nacional de Papua Nueva Guinea"
    assert states.nationality("PG", "en", None) == "Papua New Guinean"


def test_nationality_in_an_unknown_language_is_english():
    assert states.nationality("MD", "de", "female") == "Moldovan"
    assert states.nationality("KR", "de", "female") == "national of the Republic of Korea"


# ---- what is not a State ----------------------------------------------------------------


@pytest.mark.parametrize(("code", "state"), [("IC", "ES"), ("EA", "ES"), ("CQ", "GB"), ("AX", "FI")])
def test_territories_are_refused_naming_their_state(code, state):
    assert not states.is_state(code)
    msgid, params = states.state_problem(code, "en")
    assert params["code"] == code and params["state_name"] == states.name(state, "en")
    text = states.state_problem_text(code, "en")
    assert text.startswith(f"{code} (") and states.form(state, "en", "article") in text


def test_the_canary_islands_message():
    assert states.state_problem_text("IC", "en") == "IC (Canary Islands) is part of Spain, not a State: choose Spain."
    msgid, params = states.state_problem("IC", "fr")
    assert msgid == states.MSG_PART
    assert params == {
        "code": "IC", "name": "îles Canaries", "state": "l'Espagne", "state_name": "Espagne",
        "state_of": "de l'Espagne",
    }


def test_unknown_and_non_state_codes():
    assert states.state_problem("XX") == (states.MSG_UNKNOWN, {"code": "XX"})
    assert states.state_problem_text("XX", "en") == "XX is not the code of a State."
    assert states.state_problem_text("EU", "en") == "EU (European Union) is not a State."
    assert states.state_problem_text("EH", "en") == "EH (Western Sahara) is not a State."
    assert states.state_problem("TW")[0] == states.MSG_UNLISTED
    assert states.state_problem("md")[0] == states.MSG_UNKNOWN  # codes are upper case


def test_states_have_no_problem():
    assert states.state_problem("") is None
    for code in states.codes():
        assert states.is_state(code) and states.state_problem(code) is None
    assert not states.is_state("") and not states.is_state(None)


def test_messages_translate_with_the_ui_catalogue(monkeypatch):
    """The caller translates the msgid in domain "ui"; the params are already in the language."""
    seen = []

    def fake_gettext(lang):
        seen.append(lang)
        return {states.MSG_PART: "{code} ({name}) fait partie {state_of} : choisissez {state}."}.get

    monkeypatch.setattr("mla_writer.i18n.ui_gettext", fake_gettext)
    assert states.state_problem_text("IC", "fr") == "IC (îles Canaries) fait partie de l'Espagne : choisissez l'Espagne."
    assert seen == ["fr"]
    assert ui_gettext("en")(states.MSG_UNKNOWN) == states.MSG_UNKNOWN


# ---- search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Turk", "TR"), ("turk", "TR"), ("Turkey", "TR"), ("turkiye", "TR"), ("TÜRKIYE", "TR"),
        ("Turquie", "TR"), ("Турция", "TR"), ("Turquía", "TR"), ("TR", "TR"), ("tr", "TR"),
        ("Moldavia", "MD"), ("Moldavie", "MD"), ("Молдавия", "MD"), ("moldova", "MD"), ("MD", "MD"),
        ("Holland", "NL"), ("Pays-Bas", "NL"), ("Голландия", "NL"),
        ("cote", "CI"), ("Ivory Coast", "CI"), ("Россия", "RU"), ("ru", "RU"), ("Russia", "RU"),
        ("USA", "US"), ("England", "GB"), ("Great Britain", "GB"), ("Czech Republic", "CZ"),
        ("Swaziland", "SZ"), ("Macedonia", "MK"), ("Cape Verde", "CV"), ("Burma", "MM"),
        ("Vietnam", "VN"), ("Viet Nam", "VN"), ("Laos", "LA"), ("Tanzania", "TZ"), ("Iran", "IR"),
        ("Syria", "SY"), ("Micronesia", "FM"), ("Bolivia", "BO"), ("Venezuela", "VE"),
        ("Vatican", "VA"), ("Kosovo", "XK"), ("España", "ES"), ("espana", "ES"),
        ("République française", "FR"), ("Saint Kitts", "KN"), ("Соединённое Королевство", "GB"),
    ],
)
def test_search_finds_the_state_first(query, code):
    assert states.search(query, "en")[0] == code


def test_search_ambiguous_names_give_every_state():
    assert set(states.search("Korea", "en")[:2]) == {"KP", "KR"}
    assert set(states.search("Congo", "fr")[:2]) == {"CG", "CD"}


def test_search_order_and_limits():
    found = states.search("ru", "en", limit=None)
    assert found[0] == "RU" and len(found) == len(set(found)) > 3
    assert len(states.search("a", "en")) == 20
    assert len(states.search("a", "en", limit=5)) == 5
    assert states.search("turk", "fr")[:2] == ["TR", "TM"]  # same rank: display order
    assert states.search("", "en", limit=None) == [code for code, _ in states.sorted_names("en")]
    assert states.search("zzzz", "en") == []
    assert all(states.is_state(code) for code in states.search("an", "ru", limit=None))


def test_search_reaches_a_state_through_its_territories_last():
    assert states.search("Canary", "en") == ["ES"]
    assert states.search("Jersey", "en") == ["GB"]
    assert states.search("Hong Kong", "en") == ["CN"]


def test_lookup_is_exact_and_unambiguous():
    assert states.lookup("Turkey") == "TR"
    assert states.lookup("république de moldova") == "MD"
    assert states.lookup("md") == "MD"
    assert states.lookup("Korea") is None
    assert states.lookup("Turk") is None
    assert states.lookup("") is None


def test_sorted_names_for_display():
    names = states.sorted_names("fr")
    assert len(names) == len(states.codes()) == 198
    assert names[0] == ("AF", "Afghanistan")
    keys = [states.sort_key(name) for _code, name in names]
    assert keys == sorted(keys)
    ru = [name for _code, name in states.sorted_names("ru")]
    assert ru.index("Австралия") < ru.index("Республика Молдова") < ru.index("Япония")


def test_module_is_light_and_lazy():
    code = (
        "import sys, mla_writer.states as s\n"
        "assert s._data.cache_info().currsize == 0\n"
        "s.is_state('MD')\n"
        "print(sorted(m for m in ('pydantic', 'PySide6', 'babel', 'mla_writer.model') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "[]", proc.stdout + proc.stderr
