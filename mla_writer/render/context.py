"""The letter as plain view data for one output language.

Everything the templates show is prepared here: free text resolved for the language (and
marked when it is not in that language), dates and country and language names from
Babel/CLDR, catalogue labels. The templates receive only dicts, tuples, strings and
:class:`Txt` values: nothing they could mutate, no model objects. Completeness comes from
:func:`mla_writer.checklist.check`; nothing is validated here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup, escape

from .. import catalogue
from ..checklist import POINTS, check
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


def as_markup(text: str) -> Markup:
    """User text as markup: XML-invalid characters removed, escaped, newlines as <br/>."""
    text = clean_text(text)
    if "\n" not in text:
        return escape(text)
    return Markup("<br/>").join(escape(line) for line in text.split("\n"))


# -- Babel helpers -----------------------------------------------------------------------------

_DATE_LOCALE = {"en": "en_GB"}  # international English: "20 November 2026"


def date_locale(lang: str) -> str:
    return _DATE_LOCALE.get(lang, lang)


def fmt_date(day: dt.date | None, lang: str) -> str:
    if day is None:
        return ""
    from babel.dates import format_date

    if isinstance(day, dt.datetime):
        from babel.dates import format_time

        joiner = " à " if lang == "fr" else ", "  # "1er janvier 2025 à 00:00"
        return f"{fmt_date(day.date(), lang)}{joiner}{format_time(day.time(), 'HH:mm', locale=date_locale(lang))}"
    text = format_date(day, "long", locale=date_locale(lang))
    if lang == "fr" and day.day == 1 and text.startswith("1 "):
        text = "1er " + text[2:]  # French writes "1er janvier"
    return text


def _locale(lang: str):
    from babel import Locale

    return Locale.parse(lang)


def language_name(code: str, lang: str) -> str:
    if not code:
        return ""
    return _locale(lang).languages.get(code, code)


def country_name(code: str, lang: str) -> str:
    if not code:
        return ""
    return catalogue.country_names(lang).get(code, code)


# -- the view ------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, letter: LetterOfRequest, lang: str) -> None:
        self.L = letter
        self.lang = lang
        self.fallback = letter.drafting_language
        self.values = catalogue.assistance_catalogue()["values"]
        self.procedures = catalogue.assistance_catalogue()["procedures"]

    def t(self, text: MLText) -> Txt:
        value, text_lang = text.resolve(self.lang, self.fallback)
        marked = bool(value) and text_lang != self.lang
        return Txt(value, text_lang, marked, language_name(text_lang, self.lang) if marked else "")

    def s(self, value: str) -> Txt:
        return Txt(value, self.lang)

    def value_label(self, code: str | None) -> str:
        if not code:
            return ""
        return catalogue.localized(self.values[code], self.lang) if code in self.values else code

    def date(self, day: dt.date | None) -> str:
        return fmt_date(day, self.lang)

    # sections -------------------------------------------------------------------------------
    def authority(self, a) -> dict[str, Any]:
        return {"name": self.t(a.name), "address": self.s(a.address), "phone": a.phone, "email": a.email}

    def person(self, p) -> dict[str, Any]:
        doc = p.id_document
        return {
            "id": p.id,
            "legal": p.legal_person,
            "role": p.role or "",
            "name": p.display_name(),
            "other_names": p.other_names,
            "birth_date": self.date(p.birth_date),
            "birth_place": p.birth_place,
            "nationality": country_name(p.nationality, self.lang),
            "doc_type": doc.type or "",
            "doc_details": doc.details,
            "doc_number": doc.number,
            "doc_country": country_name(doc.issuing_country, self.lang),
            "registration_number": p.registration_number,
            "seat": p.seat,
            "address": p.address,
            "notes": self.t(p.notes),
        }

    def basis(self, b) -> dict[str, Any]:
        view: dict[str, Any] = {"type": b.type}
        if b.type == "instrument":
            item = catalogue.instruments().get(b.instrument_id, {})
            view.update(
                title=catalogue.instrument_title(b.instrument_id, self.lang),
                place=catalogue.localized(item.get("place", {}), self.lang) if item.get("place") else "",
                date=self.date(dt.date.fromisoformat(item["date"])) if item.get("date") else "",
                articles=b.articles,
            )
        elif b.type == "bilateral":
            view.update(title=self.t(b.title), date=self.date(b.date), articles=b.articles)
        elif b.type == "other":
            view.update(description=self.t(b.description))
        else:
            view.update(assurance=b.assurance, details=self.t(b.assurance_details))
        return view

    def field_value(self, item, name: str) -> dict[str, Any] | None:
        """One own field of a measure as ``{"label", "type", "value"}``, or None when empty."""
        value = getattr(item, name)
        label = catalogue.field_label(item.kind, name, self.lang)
        if isinstance(value, MLText):
            return {"label": label, "type": "text", "value": self.t(value)} if value else None
        if isinstance(value, bool):
            return {"label": label, "type": "bool", "value": value}
        if value is None or value == "" or value == []:
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            return {"label": label, "type": "text", "value": self.s(self.date(value))}
        if name == "person_id":
            person = self.L.person(value)
            return {"label": label, "type": "person", "value": self.s(person.display_name() if person else value)}
        if name == "interpreter_language":
            return {"label": label, "type": "text", "value": self.s(language_name(value, self.lang))}
        if isinstance(value, list):
            return {"label": label, "type": "text", "value": self.s(", ".join(self.value_label(v) for v in value))}
        if name in ("person_status", "role", "recording"):
            return {"label": label, "type": "text", "value": self.s(self.value_label(value))}
        return {"label": label, "type": "text", "value": self.s(str(value))}

    def measure(self, n: int, item) -> dict[str, Any]:
        from ..model import own_fields

        fields = []
        for name in own_fields(item.kind):
            if name in ("period_to",):
                continue
            if name == "period_from":
                start, end = self.date(item.period_from), self.date(getattr(item, "period_to", None))
                if start or end:
                    fields.append({"label": "", "type": "period", "value": {"from": start, "to": end}})
                continue
            view = self.field_value(item, name)
            if view is not None:
                fields.append(view)
        proc = item.procedures
        return {
            "number": n,
            "kind": item.kind,
            "kind_title": catalogue.kind_title(item.kind, self.lang),
            "description": self.t(item.description),
            "relevance": self.t(item.relevance),
            "offences": [self.t(o.name) for o in (self.L.offence(i) for i in item.offence_ids) if o is not None],
            "procedures": [catalogue.localized(self.procedures[p]["label"], self.lang) for p in proc.requested],
            "procedure_details": self.t(proc.details),
            "procedure_reason": self.t(proc.reason),
            "deadline": self.date(item.deadline),
            "fields": fields,
        }

    def build(self) -> dict[str, Any]:
        L = self.L
        ident = L.identification
        requesting = self.authority(ident.requesting_authority)
        conducting = requesting if ident.conducting_same_as_requesting else self.authority(ident.conducting_authority)
        officer = ident.officer
        ack = L.acknowledgement
        lang_req = L.language
        return {
            "lang": self.lang,
            "requesting_state": country_name(L.requesting_state, self.lang),
            "requested_state": country_name(L.requested_state, self.lang),
            "addressee": self.authority(L.addressee),
            "refs": {
                "ours": L.references.requesting_reference,
                "court": L.references.court_case_number,
                "yours": L.references.requested_reference,
            },
            "place": self.t(L.place),
            "date": self.date(L.date),
            "requesting": requesting,
            "conducting_same": ident.conducting_same_as_requesting,
            "conducting": conducting,
            "officer_withheld": ident.officer_withheld,
            "officer_withheld_reason": self.t(ident.officer_withheld_reason),
            "officer": {
                "name": officer.name,
                "position": self.t(officer.position),
                "phone": officer.phone,
                "email": officer.email,
                "languages": officer.languages,
            },
            "prior_contact": {
                "answered": L.prior_contact.had_contact is not None,
                "had": bool(L.prior_contact.had_contact),
                "contacts": [
                    {"date": self.date(c.date), "who": c.who, "channel": c.channel or "", "reference": c.reference,
                     "details": self.t(c.details)}
                    for c in L.prior_contact.contacts
                ],
            },
            "other_channels": {
                "answered": L.other_channels.used is not None,
                "used": bool(L.other_channels.used),
                "channels": [
                    {"channel": u.channel or "", "date": self.date(u.date), "reference": u.reference, "details": self.t(u.details)}
                    for u in L.other_channels.channels
                ],
            },
            "ack": {
                "authority": self.t(ack.authority),
                "name": ack.name,
                "address": ack.address,
                "email": ack.email,
                "phone": ack.phone,
                "fax": ack.fax,
            },
            "urgency": {
                "urgent": L.urgency.urgent,
                "deadline": self.date(L.urgency.deadline),
                "reason_kind": L.urgency.reason_kind or "",
                "reason": self.t(L.urgency.reason),
            },
            "confidentiality": {
                "confidential": L.confidentiality.confidential,
                "reason": self.t(L.confidentiality.reason),
                "consult": L.confidentiality.consult_if_not_possible,
            },
            "bases": [self.basis(b) for b in L.legal_bases],
            "facts": {"summary": self.t(L.facts.summary), "stage": self.t(L.facts.stage)},
            "service_only": L.service_only(),
            "persons": [self.person(p) for p in L.persons],
            "offences": [
                {"name": self.t(o.name), "provision": o.provision, "max_penalty": self.t(o.max_penalty),
                 "law_excerpt": self.t(o.law_excerpt)}
                for o in L.offences
            ],
            "measures": [self.measure(i + 1, item) for i, item in enumerate(L.assistance)],
            "presence": {
                "wanted": L.officials_presence.wanted,
                "attendees": [{"name": a.name, "function": self.t(a.function)} for a in L.officials_presence.attendees],
                "participation": self.t(L.officials_presence.participation),
                "reason": self.t(L.officials_presence.reason),
            },
            "language": {
                "name": language_name(L.output_language, self.lang),
                "in_accepted": L.output_language in lang_req.accepted_languages,
                "accepted": [language_name(code, self.lang) for code in lang_req.accepted_languages],
                "certified": lang_req.certified_translation,
                "note": self.t(lang_req.translation_note),
            },
            "signatory": {
                "name": L.signatory.name,
                "title": self.t(L.signatory.title),
                "authority": self.t(L.signatory.authority),
            },
            "annexes": [{"title": self.t(a.title), "pages": a.pages} for a in L.annexes],
        }


def build_context(letter: LetterOfRequest, lang: str, incomplete: list[str]) -> dict[str, Any]:
    view = _Builder(letter, lang).build()
    # The points in the checklist's order, with their headings: the one definition of both.
    view["points"] = [{"id": p.id, "heading": p.heading(lang)} for p in POINTS]
    view["special_procedures"] = [
        f"10.{m['number']}" for m in view["measures"] if m["procedures"] or m["procedure_details"]
    ]
    view["incomplete"] = incomplete
    return view


def incomplete_sections(letter: LetterOfRequest, lang: str, today: dt.date | None) -> list:
    """The checklist sections that are incomplete for the letter as it stands."""
    return [r.point for r in check(letter, lang, today=today).incomplete()]


def section_labels(sections: list, lang: str) -> list[str]:
    """"5", "14", "Place, date, signature and annexes" ... in ``lang``."""
    return [str(p.number) if p.number else p.label(lang) for p in sections]
