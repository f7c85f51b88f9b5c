"""The 14-point checklist: every rule about the points defined in :mod:`.points`.

The wizard's pages and sidebar, the checklist report, the command line and the order of
the letter's sections all read :data:`POINTS` (and :data:`SECTIONS`, which adds the two
formal sections around them). No rule about the points lives anywhere else.

``check(letter, lang)`` returns a :class:`Report`: per section a status (complete,
incomplete, not applicable), blocking problems and advisory warnings, each with a stable
code, a message in the requested UI language and the path of the field concerned.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from . import catalogue, fields, vocab
from .i18n import N_, ui_gettext
from .model import OFFENDER_ROLES, LetterOfRequest, MLText, Person
from .model.values import partial_date_bounds
from .points import CLOSING, PARTIES, POINT_BY_ID, POINTS, SECTIONS, PointDef, Severity, Status, section_of  # noqa: F401 (re-exported)
from .textmemo import memo_by_text

# -- the definition ------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    code: str
    severity: Severity
    message: str
    path: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity.value, "message": self.message, "path": self.path}


@dataclass
class PointResult:
    point: PointDef
    status: Status
    errors: list[Problem]
    warnings: list[Problem]

    @property
    def needs_correction(self) -> bool:
        """Incomplete because something entered is wrong (a contradiction, a date in the past,
        a code that is not a State ...), not only because something is still to be filled in."""
        return any(p.code not in missing_codes() for p in self.errors)

    @property
    def state(self) -> str:
        """``"complete"``, ``"not_applicable"``, ``"to_fill"`` (something is missing) or
        ``"to_correct"`` (something entered is wrong): what the report calls the section."""
        if self.status is Status.INCOMPLETE:
            return "to_correct" if self.needs_correction else "to_fill"
        return self.status.value

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "number": self.point.number,
            "id": self.point.id,
            "title": self.point.label(lang),
            "status": self.status.value,
            "state": self.state,
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
        }


@dataclass
class Report:
    lang: str
    results: list[PointResult]

    @property
    def complete(self) -> bool:
        return all(r.status is not Status.INCOMPLETE for r in self.results)

    def result(self, point_id: str) -> PointResult:
        return next(r for r in self.results if r.point.id == point_id)

    def incomplete(self) -> list[PointResult]:
        return [r for r in self.results if r.status is Status.INCOMPLETE]

    def problems(self) -> Iterator[Problem]:
        for r in self.results:
            yield from r.errors
            yield from r.warnings

    def for_path(self, prefix: str) -> list[Problem]:
        """Problems whose path is ``prefix`` or lies under it (for showing beside a field)."""
        return [p for p in self.problems() if p.path == prefix or p.path.startswith((prefix + ".", prefix + "["))]

    def to_dict(self) -> dict[str, Any]:
        return {
            "complete": self.complete,
            "language": self.lang,
            "points": [r.to_dict(self.lang) for r in self.results],
        }


# -- the rule context ----------------------------------------------------------------------


class _Scan:
    """What rules of several sections read from the whole letter, found once per check (and
    only when a rule asks): the data answers hide, and the declared free texts that go into
    the letter."""

    def __init__(self, letter: LetterOfRequest) -> None:
        self.letter = letter
        #: every field's instances, each read once for all the sections
        self.table = fields.Instances(letter)
        self._hidden: list[fields.Hidden] | None = None
        self._texts: list[tuple[str, fields.Field, MLText]] | None = None
        self._by_section: dict[str, list[tuple[str, fields.Field, MLText]]] | None = None
        self._ids: dict[str, dict[str, Any]] = {}

    @property
    def hidden(self) -> "list[fields.Hidden]":
        """:func:`mla_writer.fields.hidden_data` of the letter."""
        if self._hidden is None:
            self._hidden = fields.hidden_data(self.letter, self.table)
        return self._hidden

    @property
    def texts(self) -> list[tuple[str, fields.Field, MLText]]:
        """:func:`mla_writer.fields.text_fields` of the letter: ``(path, field, text)``, in the order of the sections."""
        if self._texts is None:
            self._texts = list(fields.text_fields(self.letter, self.table))
        return self._texts

    def by_id(self, list_name: str, item_id: str) -> Any:
        """The first item of the letter's list ``list_name`` (``"persons"``, ``"offences"``,
        ``"assistance"``, ``"annexes"``) whose id is ``item_id`` (as ``letter.person(id)`` finds
        it), or None; the list is read once per check."""
        ids = self._ids.get(list_name)
        if ids is None:
            ids = self._ids[list_name] = {}
            for item in getattr(self.letter, list_name):
                if item.id:
                    ids.setdefault(item.id, item)
        return ids.get(item_id) if item_id else None

    def texts_of(self, section: str) -> list[tuple[str, fields.Field, MLText]]:
        """:attr:`texts` of the fields of ``section`` (:func:`mla_writer.fields.section_id`), in the same order."""
        if self._by_section is None:
            self._by_section = {}
            for found in self.texts:
                self._by_section.setdefault(fields.section_id(found[1]), []).append(found)
        return self._by_section.get(section, [])


class _Ctx:
    """What a rule sees: the letter, today, the UI language, and where to report."""

    def __init__(self, letter: LetterOfRequest, lang: str, today: dt.date, scan: _Scan | None = None) -> None:
        self.letter = letter
        self.lang = lang
        self.today = today
        self.scan = scan or _Scan(letter)
        self._ = ui_gettext(lang)
        self.problems: list[Problem] = []
        self.not_applicable = False

    def error(self, code: str, message: str, path: str, /, **kw: Any) -> None:
        self.problems.append(Problem(code, Severity.ERROR, self._(message).format(**kw), path))

    def warning(self, code: str, message: str, path: str, /, **kw: Any) -> None:
        self.problems.append(Problem(code, Severity.WARNING, self._(message).format(**kw), path))

    # helpers ----------------------------------------------------------------------
    def has(self, text: MLText) -> bool:
        return bool(text)

    def past(self, day: dt.date | None) -> bool:
        return day is not None and day < self.today

    def field_label(self, path: str) -> str:
        """A concrete path as the user reads it (the item and the field's label)."""
        return fields.describe(self.letter, path, self.lang)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _address_ok(address: str) -> bool:
    """A postal address someone can write to: at least a few letters or digits, not "-" or "n/a"."""
    return len(re.sub(r"\W", "", address)) >= 5


def _phone_ok(number: str) -> bool:
    """A telephone or fax number someone can dial: at least six digits, nothing but digits,
    spaces and + ( ) - . / (international formats vary too much for more)."""
    return bool(number) and len(re.sub(r"\D", "", number)) >= 6 and re.fullmatch(r"[+0-9 ()./-]+", number) is not None
#: Below this many characters a summary of facts is too thin to act on.
THIN_FACTS = 400
#: Below this many characters a link to the proceedings restates nothing.
THIN_LINK = 60


#: Problem codes that mean "still to be filled in" (besides every declared need): all other
#: blocking problems mean "needs correction".
_MISSING_CODES = frozenset({
    "prior_contact.none_listed", "other_channels.none_listed", "acknowledgement.where", "legal_basis.missing",
    "offences.missing", "assistance.missing", "presence.who", "presence.attendee", "identification.requesting_contact",
    "identification.officer_contact", "language.untranslated",
})


def missing_codes() -> frozenset[str]:
    """The codes of problems that say something is missing (not that something is wrong)."""
    return _MISSING_CODES | {f.need.code for f in fields.all_fields() if f.need is not None}


def _declared(c: _Ctx, section: str) -> None:
    """The plain rules every declaration implies, for the fields of ``section``
    (:mod:`mla_writer.fields`): a needed field that is empty, a State that is not one, an
    amount without a currency, a language code CLDR does not know."""
    table = c.scan.table
    for field in fields.section_fields(section):
        if field.need is None and field.kind not in _KINDS_CHECKED:
            continue  # (nothing below can be said of it)
        need_when = field.need.when if field.need is not None else None
        kind_checked = field.kind in _KINDS_CHECKED
        for path, value, item, applies in table.rows(field):
            if not applies:
                continue
            if fields.is_empty(value):
                if field.need is not None and table.holds(need_when, item):  # (fields.needed)
                    params = _item_params(c, path, item)
                    params["field"] = c._(field.label)
                    report = c.error if field.need.blocking else c.warning
                    report(field.need.code, field.need.message, path, **params)
                continue
            if not kind_checked:
                continue
            if field.kind == fields.STATE:
                problem = _state_problem(value, c.lang)
                if problem is not None:
                    message, params = problem
                    code = "parties.unknown_country" if section == "parties" else f"{section}.not_a_state"
                    c.error(code, N_("{field}: {problem}"), path, field=c.field_label(path),
                            problem=c._(message).format(**params))
            elif field.kind == fields.AMOUNT and value.value is not None and not value.currency:
                c.error(f"{section}.amount_currency", N_("{field}: choose the currency of the amount."), path,
                        field=c.field_label(path))
            elif field.kind == fields.AMOUNT and value.currency and not _currency_ok(value.currency):
                c.error(f"{section}.amount_currency", N_("{field}: {code} is not an ISO 4217 currency code."), path,
                        field=c.field_label(path), code=value.currency)
            elif field.kind == fields.TIME_ZONE and not _time_zone_ok(value):
                c.error(f"{section}.unknown_time_zone",
                        N_("{field}: {zone} is not the name of a time zone (write e.g. Europe/Chisinau or UTC)."), path,
                        field=c.field_label(path), zone=value)
            elif field.kind == fields.TIME and not _TIME.fullmatch(value):
                c.error(f"{section}.bad_time", N_("{field}: write the time as hours and minutes on the 24-hour clock, "
                                                  "for example 09:30 (not {value})."), path,
                        field=c.field_label(path), value=value)
            elif field.kind == fields.ANNEX and c.scan.by_id("annexes", value) is None:
                c.error(f"{section}.unknown_annex", N_("{field}: the annex chosen is no longer in the list of annexes; choose it again."),
                        path, field=c.field_label(path))
            elif field.kind == fields.MEASURES and any(c.scan.by_id("assistance", m) is None for m in value):
                c.error(f"{section}.unknown_measure", N_("{field}: a measure chosen is no longer in point 10; choose the measures again."),
                        path, field=c.field_label(path))
            elif field.kind in (fields.LANGUAGE, fields.LANGUAGES):
                for code in value if isinstance(value, list) else [value]:
                    if not _language_ok(code):
                        c.error(f"{section}.unknown_language", N_("{field}: {code} is not a known language code."), path,
                                field=c.field_label(path), code=code)


#: The kinds of field whose value :func:`_declared` checks when it is given.
_KINDS_CHECKED = frozenset({fields.STATE, fields.AMOUNT, fields.TIME_ZONE, fields.TIME, fields.ANNEX, fields.MEASURES,
                            fields.LANGUAGE, fields.LANGUAGES})

#: A time of day as the letter takes it: "HH:MM", 24-hour clock.
_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


def _hidden(c: _Ctx, point: PointDef) -> None:
    """Entered data that an answer hides (:func:`mla_writer.fields.hidden_data`, computed once
    for a whole check): blocking, at the answer, until the user changes the answer or clears the
    data (the wizard offers both)."""
    for hidden in c.scan.hidden:
        if section_of(hidden.answer) is not point:
            continue
        labels: list[str] = []
        for path in hidden.paths:
            decl = fields.declaration(path, c.letter)
            if "[" in path and "[" not in hidden.answer:  # items of a list the answer hides: say which
                label = c.field_label(path)
            else:
                label = c._(decl.label) if decl else path
            if label not in labels:
                labels.append(label)
        c.error(
            f"{point.id}.hidden_data",
            N_("The answer to \u201c{answer}\u201d leaves out of the letter what was entered under it: {entered}. "
               "Change the answer, or clear what was entered."),
            hidden.answer,
            answer=c.field_label(hidden.answer),
            entered=_join(labels, c.lang),
        )


def _join(items: list[str], lang: str) -> str:
    """``items`` joined as the language lists things ("A, B and C", "A, B et C")."""
    from babel.lists import format_list

    from .languages import babel_locale

    return format_list(items, locale=babel_locale(lang)) if items else ""


def _item_params(c: _Ctx, path: str, item: Any) -> dict[str, Any]:
    """``n`` (1-based number of the item the path is in) and, for a measure, ``kind``."""
    match = re.search(r"\[(\d+)\][^\[]*$", path)
    params: dict[str, Any] = {"n": int(match.group(1)) + 1} if match else {}
    if item is not None and path.startswith("assistance["):
        params["kind"] = vocab.ASSISTANCE_KIND.label(item.kind, c.lang)
    return params


def _state_problem(code: str, lang: str):
    from . import states

    return states.state_problem(code, lang)


def _currency_ok(code: str) -> bool:
    from babel.numbers import list_currencies

    return code in list_currencies()


def _time_zone_ok(zone: str) -> bool:
    from babel.dates import get_timezone

    try:
        get_timezone(zone)
    except (LookupError, ValueError):
        return False
    return True


def _language_ok(code: str) -> bool:
    from babel import Locale

    return code in Locale.parse("en").languages


# -- the rules, one function per section ---------------------------------------------------


def _parties(c: _Ctx) -> None:
    L = c.letter
    if L.requesting_state and L.requesting_state == L.requested_state:
        c.error(
            "parties.same_state",
            "The requesting and the requested State must be different.",
            "requested_state",
        )
    _stale_profile(c)


# -- requested-State profiles of the installed State pack (mla_writer.packs) ------------------


def _stale_profile(c: _Ctx) -> None:
    from . import packs

    merged = packs.active() if c.letter.requested_state else None
    profile = merged.pack.profile(c.letter.requested_state) if merged is not None else None
    if profile is not None and packs.stale(profile, merged.pack.max_age_days, c.today):
        from .states import form

        c.warning(
            "parties.profile_stale",
            "The State pack's profile {state_of} was last verified on {date}, more than {days} days ago: its "
            "requirements may have changed. Check them with the source ({source}).",
            "requested_state",
            state_of=form(profile.state, c.lang, "de"),
            date=profile.last_verified.isoformat(),
            days=merged.pack.max_age_days,
            source=profile.source,
        )


#: What the letter lacks when a language's condition is not met, by condition. ``{in_language}``
#: is "in English" in the UI language's grammar (:mod:`.language_phrases`); ``{alternative}``
#: is one of :data:`_ALTERNATIVE`.
_CONDITION_UNMET = {
    "urgent": N_("{state} accepts letters {in_language} only when the request is urgent (State pack), and this "
                 "letter is not marked urgent at point 5. Mark it urgent if it is. {alternative}"),
    "reciprocity": N_("{state} accepts letters {in_language} only on reciprocity (State pack), and the pack does not "
                      "say that {requesting} accepts letters {in_language}. {alternative}"),
    "reciprocity_other_state": N_("{state} accepts letters {in_language} only on reciprocity (State pack), and the "
                                  "letter's requesting State ({letter_state}) is not the State of the installed pack "
                                  "({pack_state}), so the pack cannot say whether it accepts letters {in_language}. "
                                  "{alternative}"),
    "certified_translation": N_("{state} accepts letters {in_language} only with a certified translation (State pack): "
                                "say at point 14 that one is attached. {alternative}"),
}
#: The way out a point 14 reason offers: a language the application writes, or else a translation
#: made outside it (the State accepts always only languages MLA Writer does not write).
_ALTERNATIVE = {
    "write": N_("Otherwise, produce the letter {in_accepted}."),
    "write_or_translate": N_("Produce the letter {in_accepted}, or attach a certified translation."),
    "translate": N_("MLA Writer does not write letters {in_accepted}: attach a certified translation of the "
                    "letter {in_accepted}."),
}


def _capital(text: str) -> str:
    """``text`` starting with a capital (a State's name with its article, opening a sentence)."""
    return text[:1].upper() + text[1:]


def _condition_met(c: _Ctx, condition: str, language: str, requesting: Any) -> bool:
    L = c.letter
    if condition == "urgent":
        return fields.holds("urgent", L)
    if condition == "reciprocity":
        return (requesting is not None and requesting.code == L.requesting_state
                and language in requesting.accepts_languages)
    if condition == "certified_translation":
        return L.language.certified_translation
    return True


def _profile_language(c: _Ctx) -> None:
    """Point 14 against the requested State's profile in the installed State pack: the output
    language must be one the State accepts, and its condition met."""
    from . import packs
    from .states import form

    L = c.letter
    merged = packs.active() if L.requested_state else None
    profile = merged.pack.profile(L.requested_state) if merged is not None else None
    if profile is None:
        return
    from .language_phrases import in_language, in_languages
    from .languages import languages

    lang = L.output_language
    always = [r.language for r in profile.languages if r.condition == "always"] or [r.language for r in profile.languages]
    writable = [code for code in always if code in languages() and code != lang]
    params = {
        "state": _capital(form(profile.state, c.lang, "article")),
        "language": language_name(lang, c.lang),
        "in_language": in_language(lang, c.lang),
    }

    not_written = [code for code in always if code not in languages()]

    def alternative(kind: str) -> str:
        if writable:
            return c._(_ALTERNATIVE[kind]).format(in_accepted=in_languages(writable, c.lang))
        if not_written:  # only languages the application cannot write: a translation made elsewhere
            return c._(_ALTERNATIVE["translate"]).format(in_accepted=in_languages(not_written, c.lang))
        return ""

    rule = profile.rule(lang)
    if rule is None:
        if L.language.certified_translation:
            return
        if L.language.accepted_languages and lang not in L.language.accepted_languages:
            return  # language.not_accepted already says it
        c.error("language.profile_not_accepted",
                "According to the State pack, {state} does not accept letters {in_language}. {alternative}",
                "output_language", alternative=alternative("write_or_translate"), **params)  # (never empty: no rule)
        return
    requesting = merged.pack.requesting_state
    if not _condition_met(c, rule.condition, lang, requesting):
        requesting_name = form(requesting.code, c.lang, "article") if requesting is not None else ""
        message = _CONDITION_UNMET[rule.condition]
        if rule.condition == "reciprocity" and requesting is not None and L.requesting_state \
                and L.requesting_state != requesting.code:
            from .states import name as state_name

            message = _CONDITION_UNMET["reciprocity_other_state"]
            params.update(letter_state=state_name(L.requesting_state, c.lang), pack_state=state_name(requesting.code, c.lang))
        params["alternative"] = alternative("write")
        path = ("urgency.urgent" if rule.condition == "urgent" else "language.certified_translation"
                if rule.condition == "certified_translation" else "output_language")
        text = c._(message).format(requesting=requesting_name, **params).rstrip()  # (no alternative: no trailing space)
        c.problems.append(Problem("language.condition", Severity.ERROR, text, path))


def _identification(c: _Ctx) -> None:
    ident = c.letter.identification
    req = ident.requesting_authority
    if not (req.phone or req.email):
        c.error(
            "identification.requesting_contact",
            "Give a telephone number or an e-mail address for the authority making the request.",
            "identification.requesting_authority.email",
        )
    if fields.holds("conducting_separate", c.letter):
        cond = ident.conducting_authority
        if cond.name and not (cond.address or cond.phone or cond.email):
            c.warning(
                "identification.conducting_contact",
                "Give contact details for the authority conducting the proceedings.",
                "identification.conducting_authority.address",
            )
    officer = ident.officer
    if fields.holds("officer_given", c.letter):
        if not (officer.phone or officer.email):
            c.error(
                "identification.officer_contact",
                "Give a direct telephone number or e-mail address for the officer in charge.",
                "identification.officer.email",
            )
    for path, email in (
        ("identification.requesting_authority.email", req.email),
        ("identification.conducting_authority.email", ident.conducting_authority.email),
        ("identification.officer.email", officer.email),
    ):
        if email and not _EMAIL.match(email):
            c.warning("identification.email_format", "{email} does not look like an e-mail address.", path, email=email)


def _prior_contact(c: _Ctx) -> None:
    pc = c.letter.prior_contact
    if not fields.holds("had_contact", c.letter):
        return
    if not pc.contacts:
        c.error("prior_contact.none_listed", "Describe the earlier contact: who, when, how.", "prior_contact.contacts")
    for i, contact in enumerate(pc.contacts):
        path = f"prior_contact.contacts[{i}]"
        if contact.date is None or contact.channel is None:
            c.warning("prior_contact.when_how", "Contact {n}: give the date and the means of contact.", f"{path}.date", n=i + 1)
        elif contact.date > c.today:
            c.error("prior_contact.future", "Contact {n}: the date is in the future.", f"{path}.date", n=i + 1)


def _other_channels(c: _Ctx) -> None:
    oc = c.letter.other_channels
    if fields.holds("channels_used", c.letter) and not oc.channels:
        c.error("other_channels.none_listed", "Name the other channel used.", "other_channels.channels")


def _acknowledgement(c: _Ctx) -> None:
    ack = c.letter.acknowledgement
    email_ok = bool(ack.email) and bool(_EMAIL.match(ack.email))
    usable = _address_ok(ack.address) or email_ok or _phone_ok(ack.phone) or _phone_ok(ack.fax)
    if not (ack.address or ack.email or ack.fax or ack.phone):
        c.error(
            "acknowledgement.where",
            "Give an address, e-mail or fax number to which the acknowledgement is to be returned.",
            "acknowledgement.email",
        )
    elif not usable:
        # the only route given cannot be used: the form could not come back
        c.error(
            "acknowledgement.no_usable_route",
            "The acknowledgement cannot be returned: \u201c{given}\u201d is not a usable address, e-mail address or number. "
            "Correct it, or give a postal address.",
            "acknowledgement.email" if ack.email else ("acknowledgement.phone" if ack.phone else
                                                       ("acknowledgement.fax" if ack.fax else "acknowledgement.address")),
            given=ack.email or ack.phone or ack.fax or ack.address,
        )
    elif ack.email and not email_ok:
        c.warning(
            "acknowledgement.email_format", "{email} does not look like an e-mail address.", "acknowledgement.email", email=ack.email
        )


def _urgency(c: _Ctx) -> None:
    u = c.letter.urgency
    if not fields.holds("urgent", c.letter):
        c.not_applicable = True
        return
    if c.past(u.deadline):
        c.error("urgency.deadline_past", "The deadline {date} has already passed.", "urgency.deadline", date=u.deadline.isoformat())


def _confidentiality(c: _Ctx) -> None:
    conf = c.letter.confidentiality
    if not fields.holds("confidential", c.letter):
        c.not_applicable = True
        return
    if not conf.consult_if_not_possible:
        c.warning(
            "confidentiality.no_consultation",
            "Normally the requested State is asked to consult you before executing the request "
            "if it cannot keep it confidential.",
            "confidentiality.consult_if_not_possible",
        )


def _legal_basis(c: _Ctx) -> None:
    L = c.letter
    if not L.legal_bases:
        c.error(
            "legal_basis.missing",
            "Give the legal basis: a treaty or convention, a scheme, or reciprocity.",
            "legal_bases",
        )
    known = catalogue.instruments()
    # a treaty or convention binds the requested State; national law ("other") does not
    relied_on_reciprocity = not any(b.type in ("instrument", "bilateral") for b in L.legal_bases)
    for i, basis in enumerate(L.legal_bases):
        path = f"legal_bases[{i}]"
        if basis.type == "instrument":
            if not basis.instrument_id:
                pass  # declared: legal_basis.instrument_missing
            elif basis.instrument_id not in known:
                c.error(
                    "legal_basis.instrument_unknown",
                    "Basis {n}: {id} is not in the catalogue of instruments.",
                    f"{path}.instrument_id",
                    n=i + 1,
                    id=basis.instrument_id,
                )
            else:
                _instrument_binds(c, path, i + 1, known[basis.instrument_id])
                if not basis.articles and known[basis.instrument_id].get("mla_articles"):
                    c.warning(
                        "legal_basis.article_missing",
                        "Basis {n}: cite the article relied on (for this instrument usually article {art}).",
                        f"{path}.articles",
                        n=i + 1,
                        art=known[basis.instrument_id]["mla_articles"],
                    )
        elif basis.type == "bilateral":
            if basis.date is None or not basis.articles:
                c.warning(
                    "legal_basis.treaty_details",
                    "Basis {n}: give the date of the treaty and the article relied on.",
                    f"{path}.articles",
                    n=i + 1,
                )
        elif basis.type == "reciprocity" and not basis.assurance:
            # Reciprocity is the basis relied on only when no treaty, convention or other basis is
            # given: then the assurance is what the requested State acts on, and it is required.
            # Beside a treaty, reciprocity is subsidiary and the assurance only advised.
            if relied_on_reciprocity:
                c.error(
                    "legal_basis.reciprocity_assurance",
                    "A request based on reciprocity must assure the requested State that the requesting "
                    "State would grant the same assistance.",
                    f"{path}.assurance",
                )
            else:
                c.warning(
                    "legal_basis.reciprocity_subsidiary",
                    "Reciprocity is given beside a treaty or convention: if you rely on it too, assure the requested "
                    "State that the requesting State would grant the same assistance.",
                    f"{path}.assurance",
                )
    if L.legal_bases and not any(_basis_may_apply(c, b, known) for b in L.legal_bases):
        c.error(
            "legal_basis.none_applies",
            "None of the legal bases given binds both States (see the advice on each); add one that does, "
            "or rely on reciprocity with an assurance.",
            "legal_bases",
        )
    eio = catalogue.eio_states()
    gathers_evidence = any(item.kind in vocab.EVIDENCE_KINDS for item in L.assistance)
    if (L.requesting_state in eio and L.requested_state in eio and L.requesting_state != L.requested_state
            and gathers_evidence):
        c.warning(
            "legal_basis.eio",
            "Both States are bound by Directive 2014/41/EU: evidence is normally gathered with a European "
            "Investigation Order, not a letter of request.",
            "legal_bases",
        )


def _basis_may_apply(c: _Ctx, basis: Any, known: dict[str, Any]) -> bool:
    """Whether a basis may bind both States: anything but a catalogued instrument that is not
    in force, or whose parties list lacks one of the two States."""
    if basis.type != "instrument":
        return True
    instrument = known.get(basis.instrument_id)
    if instrument is None:
        return True  # reported as unknown
    if "entry_into_force" in instrument and not instrument["entry_into_force"]:
        return False
    parties = instrument.get("parties")
    return not parties or all(code in parties for code in (c.letter.requesting_state, c.letter.requested_state) if code)


def _instrument_binds(c: _Ctx, path: str, n: int, instrument: dict[str, Any]) -> None:
    """Advice when the catalogue says an instrument is not in force, or lists its parties and one
    of the two States is not among them (resources/instruments.json, "parties" as of
    "parties_as_of"; docs/instruments.md says where the lists come from and that a State missing
    from one means "not known to be a party")."""
    title = catalogue.instrument_title(instrument["id"], c.lang)
    if "entry_into_force" in instrument and not instrument["entry_into_force"]:
        c.warning("legal_basis.not_in_force", "Basis {n}: the {instrument} is not in force yet.", f"{path}.instrument_id",
                  n=n, instrument=title)
        return
    parties = instrument.get("parties")
    if not parties:
        return
    from . import states

    for code in (c.letter.requesting_state, c.letter.requested_state):
        if code and states.is_state(code) and code not in parties:
            c.warning(
                "legal_basis.not_party",
                "Basis {n}: nothing shows that {state} is a party to the {instrument} (list as of {date}); check "
                "before relying on it.",
                f"{path}.instrument_id",
                n=n,
                state=states.form(code, c.lang, "article"),
                instrument=title,
                date=instrument.get("parties_as_of", "?"),
            )


_WORD = re.compile(r"\w+")


@memo_by_text  # read again after an edit only for the text edited
def _words(text: str) -> frozenset[str]:
    """The words of ``text``, in lower case."""
    return frozenset(_WORD.findall(text.lower()))


#: Up to this many names, a text is searched for each name rather than split into words.
_FEW_NAMES = 16


def _find_names(text: str, names: frozenset[str]) -> frozenset[str]:
    """The names of ``names`` (lower case) that are words of ``text`` in lower case (whole
    ``\\w+`` runs): found with :meth:`str.find` for a few names (much faster than splitting a
    long text into words), else by its words."""
    if len(names) > _FEW_NAMES:
        return names & _words(text)
    lowered = text.lower()
    return frozenset(name for name in names if _WORD.fullmatch(name) and _word_at(lowered, name) >= 0)


def _word_at(lowered: str, name: str) -> int:
    """Where ``name`` first stands in ``lowered`` as a whole word (a whole ``\\w+`` run), or -1."""
    start = lowered.find(name)
    while start >= 0:
        end = start + len(name)
        if not (start and _WORD.match(lowered, start - 1)) and not _WORD.match(lowered, end):
            return start
        start = lowered.find(name, start + 1)
    return -1


#: From this many characters on, what a text's names are is kept (:func:`_names_in`); shorter
#: texts are searched again, all together.
_LONG_TEXT = 256

_names_in = memo_by_text(_find_names, min_chars=_LONG_TEXT)  # a short text is searched faster than looked up


def _lower(text: str) -> str:
    """``text`` in lower case."""
    return text.lower()


#: :func:`_lower` of the short texts of a letter, joined: the same until one of them changes
#: (the last one or two letters' worth kept).
_lowered = memo_by_text(_lower, max_chars=2_000_000)


def _first_mentions(names: set[str], texts: list[tuple[str, MLText]]) -> dict[str, str]:
    """For each one-word name (lower case) of ``names``, the first path of ``texts`` where it
    appears as a whole word, in any case: each text is read once for all the names, and again
    only after it changes (a large case has hundreds of persons and long texts)."""
    first: dict[str, str] = {}
    if not names:
        return first
    names = frozenset(names)
    if len(names) > _FEW_NAMES:
        for path, text in texts:
            for t in text.root.values():
                for name in _names_in(t, names):
                    first.setdefault(name, path)
            if len(first) == len(names):
                break
        return first
    # a few names: the short texts searched as one (one to a line, lowered once until one of
    # them changes), the long ones each through the memo; a name's first text is the earlier
    at: dict[str, int] = {}  # name -> index in texts
    for k, t in [(k, t) for k, (_path, text) in enumerate(texts) for t in text.root.values() if len(t) >= _LONG_TEXT]:
        for name in _names_in(t, names):
            at.setdefault(name, k)
    short = [t for _path, text in texts for t in text.root.values() if len(t) < _LONG_TEXT]
    # lowered as one (str.lower() reads no context across a line break); where lowering made a
    # text longer (U+0130 ...), the texts' places would move: then each is lowered on its own
    raw = "\n".join(short)
    joined = _lowered(raw)
    if len(joined) != len(raw):
        short = [t.lower() for t in short]
        joined = "\n".join(short)
    starts: list[int] = []  # where each short text starts in the joined one (found when needed)
    owners: list[int] = []  # ... and its index in texts
    for name in names:
        if not _WORD.fullmatch(name):
            continue  # (never a word: lowering made something else of it)
        offset = _word_at(joined, name)
        if offset < 0:
            continue
        if not starts:
            owners = [k for k, (_path, text) in enumerate(texts) for t in text.root.values() if len(t) < _LONG_TEXT]
            starts = list(itertools.accumulate((len(t) + 1 for t in short[:-1]), initial=0))
        k = owners[bisect.bisect_right(starts, offset) - 1]
        if k < at.get(name, k + 1):
            at[name] = k
    return {name: texts[k][0] for name, k in sorted(at.items(), key=lambda found: found[1])}


def _protected_identities(c: _Ctx) -> None:
    """A protected person (point 8) is named in the letter only by the pseudonym: advise when the
    real family name still appears in the letter's text, and when the protection is given to
    someone other than a victim or witness (alleged offenders are identified in full)."""
    L = c.letter
    texts = [(path, text) for path, _field, text in c.scan.texts]
    protected = [(i, person) for i, person in enumerate(L.persons) if fields.holds("identity_protected", L, person)]
    one_word = {p.family_name.strip().lower() for _i, p in protected
                if len(p.family_name.strip()) >= 3 and _WORD.fullmatch(p.family_name.strip())}
    first = _first_mentions(one_word, texts)
    for i, person in protected:
        if person.role and person.role not in ("victim", "witness"):
            c.warning(
                "facts.protected_role",
                "Person {n}: identity protection is meant for victims and witnesses; a person in the role "
                "\u201c{role}\u201d is normally identified in full.",
                f"persons[{i}].protected",
                n=i + 1,
                role=vocab.PERSON_ROLE.label(person.role, c.lang),
            )
        name = person.family_name.strip()
        if len(name) < 3:
            continue
        if _WORD.fullmatch(name):
            path = first.get(name.lower())
        else:  # several words, a hyphen, an apostrophe: searched as written
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
            path = next((p for p, text in texts if any(pattern.search(t) for t in text.root.values())), None)
        if path is not None:
            c.warning(
                "facts.protected_name_in_text",
                "Person {n}: the real name of a protected person ({name}) appears in {field}; the letter names "
                "this person only as {pseudonym}.",
                path,
                n=i + 1,
                name=name,
                field=c.field_label(path),
                pseudonym=person.pseudonym or "?",
            )


def _facts(c: _Ctx) -> None:
    L = c.letter
    service_only = L.service_only()
    if not L.facts.summary:
        if service_only:
            c.not_applicable = True
    elif len(L.facts.summary.longest()) < THIN_FACTS:
        c.warning(
            "facts.summary_thin",
            "The summary of facts is very short: say who did what, when and where, and how it "
            "concerns the requested State.",
            "facts.summary",
        )
    seen: set[str] = set()
    for i, person in enumerate(L.persons):
        path = f"persons[{i}]"
        if not person.id or person.id in seen:
            c.error("facts.person_id", "Person {n} has no identifier or shares one with another person.", f"{path}.id", n=i + 1)
        seen.add(person.id)
        if person.role in OFFENDER_ROLES and fields.holds("natural_person", L, person) and (person.birth_date is None or not person.nationality):
            c.warning(
                "facts.offender_identity",
                "Person {n}: identify the alleged offender as fully as possible (date of birth, nationality, "
                "identity document).",
                f"{path}.birth_date",
                n=i + 1,
            )
        if person.birth_date and partial_date_bounds(person.birth_date)[0] > c.today:
            c.error("facts.birth_future", "Person {n}: the date of birth is in the future.", f"{path}.birth_date", n=i + 1)
    _protected_identities(c)
    if not service_only and not any(p.role in OFFENDER_ROLES for p in L.persons):
        c.warning(
            "facts.no_offender",
            "No alleged offender is identified. Identify them as far as possible, or say in the facts that "
            "they are unknown.",
            "persons",
        )


def _offences(c: _Ctx) -> None:
    L = c.letter
    if not L.offences:
        c.error("offences.missing", "Describe at least one offence.", "offences")
    seen: set[str] = set()
    for i, off in enumerate(L.offences):
        path = f"offences[{i}]"
        if not off.id or off.id in seen:
            c.error("offences.id", "Offence {n} has no identifier or shares one with another offence.", f"{path}.id", n=i + 1)
        seen.add(off.id)


def _assistance(c: _Ctx) -> None:
    L = c.letter
    if not L.assistance:
        c.error("assistance.missing", "Add at least one measure of assistance.", "assistance")
    seen: set[str] = set()
    for i, item in enumerate(L.assistance):
        path = f"assistance[{i}]"
        n = i + 1
        if not item.id or item.id in seen:
            c.error("assistance.id", "Measure {n} has no identifier or shares one with another measure.", f"{path}.id", n=n)
        seen.add(item.id)
        kind = vocab.ASSISTANCE_KIND.label(item.kind, c.lang)
        person_id = _attr(item, "person_id", "")
        person = c.scan.by_id("persons", person_id) if person_id else None
        if person_id and person is None:
            c.error(
                "assistance.unknown_person",
                "Measure {n} ({kind}): person {id} is not among the persons concerned.",
                f"{path}.person_id",
                n=n,
                kind=kind,
                id=person_id,
            )
        elif person is not None:
            _person_for_measure(c, path, n, kind, item, person)
        for off_id in item.offence_ids:
            if c.scan.by_id("offences", off_id) is None:
                c.error(
                    "assistance.unknown_offence",
                    "Measure {n} ({kind}): offence {id} is not among the offences described.",
                    f"{path}.offence_ids",
                    n=n,
                    kind=kind,
                    id=off_id,
                )
        if c.past(item.deadline):
            c.error("assistance.deadline_past", "Measure {n}: its deadline has already passed.", f"{path}.deadline", n=n)
        elif (item.deadline is not None and fields.holds("urgent", L) and L.urgency.deadline is not None
              and item.deadline > L.urgency.deadline):
            c.warning(
                "assistance.after_request_deadline",
                "Measure {n} ({kind}): its time limit ({date}) is later than the time limit of the whole request "
                "({deadline}, point 5).",
                f"{path}.deadline",
                n=n,
                kind=kind,
                date=item.deadline.isoformat(),
                deadline=L.urgency.deadline.isoformat(),
            )
        start, end = _attr(item, "period_from", None), _attr(item, "period_to", None)
        if start is not None and end is not None and _aware(start) > _aware(end):
            c.error("assistance.period_order", "Measure {n}: the period ends before it starts.", f"{path}.period_to", n=n)
        for attr in ("date", "hearing_date"):
            when = _attr(item, attr, None)
            if isinstance(when, dt.date) and c.past(when):
                c.error("assistance.date_past", "Measure {n}: the date has already passed.", f"{path}.{attr}", n=n)
        if item.kind == "transfer" and item.consent is False:
            c.warning(
                "assistance.transfer_consent",
                "Measure {n}: a detained person is normally transferred only with their consent.",
                f"{path}.consent",
                n=n,
            )


def _attr(item: Any, name: str, default: Any) -> Any:
    """``getattr(item, name, default)`` for a model (a measure of some kind), without pydantic's
    slow way of saying that a kind of measure has no such attribute."""
    return getattr(item, name) if _has_attr(type(item), name) else default


@lru_cache(maxsize=None)
def _has_attr(cls: type, name: str) -> bool:
    """Whether instances of the model ``cls`` have attribute ``name`` (a field, or one its class defines)."""
    return name in cls.model_fields or any(name in klass.__dict__ for klass in cls.__mro__)


def _aware(moment: Any) -> Any:
    """A datetime made comparable with time-zone-aware ones (a naive one is taken as UTC); dates unchanged."""
    if isinstance(moment, dt.datetime) and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment


#: Kinds of measure about one person, and what the requested State needs to act on it.
_PERSON_NEEDS = {
    "evidence": "hearing",
    "videoconference": "hearing",
    "appearance": "hearing",
    "transfer": "transfer",
    "locate": "locate",
}


def _person_for_measure(c: _Ctx, path: str, n: int, kind: str, item: Any, person: Any) -> None:
    """A measure about a person refers to one identified well enough for that measure:
    a natural person for a hearing, a transfer or a search for a person; for a transfer the
    full identity (family name and date of birth); for locating someone, something beyond the
    name (date of birth, identity document, nationality, or identifying details in the measure);
    for a hearing, an address or an identity document the requested State can summon them by."""
    need = _PERSON_NEEDS.get(item.kind)
    if need is None:
        return
    name = person.pseudonym if fields.holds("identity_protected", c.letter, person) else (person.display_name() or person.id)
    if fields.holds("legal_person", c.letter, person):
        c.error(
            "assistance.person_legal",
            "Measure {n} ({kind}): {person} is a legal person; name the natural person concerned.",
            f"{path}.person_id", n=n, kind=kind, person=name,
        )
        return
    if need in ("transfer", "locate") and fields.holds("identity_protected", c.letter, person):
        c.error(
            "assistance.person_protected",
            "Measure {n} ({kind}): the requested State cannot act on a pseudonym; {person}'s identity must be "
            "given in the letter for this measure (untick the protection).",
            f"{path}.person_id", n=n, kind=kind, person=name,
        )
        return
    if need == "transfer" and (not person.family_name or person.birth_date is None):
        c.error(
            "assistance.person_identity",
            "Measure {n} ({kind}): identify {person} fully (family name and date of birth) for the transfer.",
            f"{path}.person_id", n=n, kind=kind, person=name,
        )
    elif need == "locate" and not (person.birth_date or person.id_document.number or person.nationality
                                   or _attr(item, "identifiers", "") or _attr(item, "last_known_address", "")):
        c.error(
            "assistance.person_identity",
            "Measure {n} ({kind}): give something that identifies {person} beyond the name (date of birth, "
            "identity document, nationality, last known address).",
            f"{path}.person_id", n=n, kind=kind, person=name,
        )
    elif need == "hearing" and not (person.address or person.id_document.number):
        c.warning(
            "assistance.person_address",
            "Measure {n} ({kind}): give the address of {person}, so that the requested State can summon them.",
            f"{path}.person_id", n=n, kind=kind, person=name,
        )


def _link(c: _Ctx) -> None:
    L = c.letter
    if not L.assistance:
        c.not_applicable = True
        return
    for i, item in enumerate(L.assistance):
        path = f"assistance[{i}]"
        if not item.relevance:
            continue
        relevance = item.relevance.longest()
        if len(relevance) < THIN_LINK or relevance.casefold() == item.description.longest().casefold():
            c.warning(
                "link.thin",
                "Measure {n}: the link to the proceedings restates little; say what the evidence will prove "
                "and how it connects to the facts.",
                f"{path}.relevance",
                n=i + 1,
            )
        if not item.offence_ids and L.offences:
            c.warning(
                "link.no_offence",
                "Measure {n}: say which offence it relates to.",
                f"{path}.offence_ids",
                n=i + 1,
            )


def _procedures(c: _Ctx) -> None:
    items = c.letter.assistance
    if not any(item.procedures.requested for item in items):
        c.not_applicable = True
        return


def _presence(c: _Ctx) -> None:
    op = c.letter.officials_presence
    if not fields.holds("presence_wanted", c.letter):
        c.not_applicable = True
        return
    if not op.attendees:
        c.error("presence.who", "Say who wishes to attend the execution of the request.", "officials_presence.attendees")
    for i, person in enumerate(op.attendees):
        if not person.name or not person.function:
            c.error(
                "presence.attendee",
                "Attendee {n}: give the name and function.",
                f"officials_presence.attendees[{i}].name",
                n=i + 1,
            )


def _language(c: _Ctx) -> None:
    L = c.letter
    lang_req = L.language
    if not lang_req.accepted_languages:
        pass  # declared: language.accepted_missing
    elif L.output_language not in lang_req.accepted_languages and not lang_req.certified_translation:
        c.error(
            "language.not_accepted",
            "The letter is not in a language the requested State accepts: produce it in one of them or "
            "attach a certified translation.",
            "language.certified_translation",
        )
    _profile_language(c)
    from .translation import labels, letter_order, stale_paths, units

    missing = letter_order(_untranslated(c.scan.texts, L.output_language))
    stale = letter_order(stale_paths(L, L.output_language, c.scan.texts))
    # the fields as the translation workspace names them: two authorities' names told apart
    names = labels(L, units(L), c.lang) if missing or stale else {}
    out_name = language_name(L.output_language, c.lang) if missing else ""
    for path in missing:
        c.error(
            "language.untranslated",
            "Not yet translated into {language} — {section}: {field}",
            path,
            language=out_name,
            section=section_of(path).heading(c.lang),
            field=names.get(path) or c.field_label(path),
        )
    out_name = language_name(L.output_language, c.lang) if stale else out_name
    for path in stale:
        c.error(
            "language.stale",
            "The text in {language} was translated before its source text changed; check the translation "
            "again — {section}: {field}",
            path,
            language=out_name,
            section=section_of(path).heading(c.lang),
            field=names.get(path) or c.field_label(path),
        )


def _closing(c: _Ctx) -> None:
    L = c.letter
    if L.date is not None and L.date > c.today:
        c.warning("closing.date_future", "The letter is dated in the future.", "date")


#: One rule per section, by section id (the sections themselves are defined in :mod:`.points`).
RULES: dict[str, Callable[["_Ctx"], None]] = {
    "parties": _parties,
    "identification": _identification,
    "prior_contact": _prior_contact,
    "other_channels": _other_channels,
    "acknowledgement": _acknowledgement,
    "urgency": _urgency,
    "confidentiality": _confidentiality,
    "legal_basis": _legal_basis,
    "facts": _facts,
    "offences": _offences,
    "assistance": _assistance,
    "link": _link,
    "procedures": _procedures,
    "presence": _presence,
    "language": _language,
    "closing": _closing,
}
if set(RULES) != set(POINT_BY_ID):  # a section without a rule, or a rule without a section
    raise RuntimeError(f"checklist rules and sections differ: {sorted(set(RULES) ^ set(POINT_BY_ID))}")


# -- free text still to translate (point 14) ------------------------------------------------

_NOT_LETTER_TEXT = frozenset({"review"})


def free_text_fields(model: BaseModel, prefix: str = "") -> Iterator[tuple[str, MLText]]:
    """Every non-empty free-text field of the letter, with its path."""
    for name in type(model).model_fields:
        if not prefix and name in _NOT_LETTER_TEXT:
            continue
        value = getattr(model, name)
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(value, MLText):
            if value:
                yield path, value
        elif isinstance(value, BaseModel):
            yield from free_text_fields(value, path)
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from free_text_fields(element, f"{path}[{i}]")


def language_name(code: str, lang: str) -> str:
    """Name of language ``code`` in UI language ``lang`` (CLDR via Babel)."""
    from babel import Locale

    try:
        return Locale.parse(lang).languages.get(code, code)
    except (ValueError, LookupError):
        return code


def untranslated(letter: LetterOfRequest) -> list[str]:
    """Concrete paths of the declared free-text fields that apply, hold text and have none in
    the output language (point 14), in the order of the sections."""
    return _untranslated(fields.text_fields(letter), letter.output_language)


def _untranslated(texts, lang: str) -> list[str]:
    """The paths of ``texts`` (``(path, field, text)``) that hold nothing in ``lang``."""
    return [path for path, _field, text in texts if lang not in text]


# -- text in the wrong alphabet (every section) ---------------------------------------------


def _scripts(c: _Ctx, point: PointDef) -> None:
    """Advice on free text whose letters are mostly in another alphabet than the language it is
    stored under (Russian kept as the English text, French as the Russian one): typed under the
    wrong language tab. The wizard offers to move it (:func:`mla_writer.textscript.move_targets`)."""
    from . import languages, textscript

    order = languages.languages()
    mismatch = textscript.mismatch
    found = [(path, lang, script)
             for path, _field, text in c.scan.texts_of(point.id)
             for lang in order  # (text.languages(): the languages it holds, in the registry's order)
             if (t := text.root.get(lang)) is not None and (script := mismatch(t, lang)) is not None]
    for path, lang, script in found:
        c.warning(
            "text.wrong_script",
            "{field}: most letters of this text are {script}, but it is stored as the text in "
            "{language}. If it is written in another language, move it there.",
            path,
            field=c.field_label(path),
            script=textscript.script_name(script, c.lang),
            language=language_name(lang, c.lang),
        )


def _latin_forms(c: _Ctx, point: PointDef) -> None:
    """Advice on a name or an address written in another script than Latin whose Latin form
    (its declared ``latin_…`` sibling field) is empty, when the letter's language is written in
    Latin script: the letter would print it in a script its reader may not read."""
    from . import textscript

    if textscript.language_script(c.letter.output_language) != "Latn":
        return
    for field in fields.section_fields(point.id):
        tail = field.path.rpartition(".")[2]
        if not tail.startswith("latin_"):
            continue
        of_item = field.path.endswith("]." + tail)  # (an attribute of the list's item itself)
        for path, value, item, applies in c.scan.table.rows(field):
            if value or not applies or not c.scan.table.holds(field.letter_when, item):  # (fields.in_letter)
                continue
            base = path.rpartition(".")[0]
            owner = item if of_item else fields.value_at(c.letter, base)
            if isinstance(owner, Person) and tail == "latin_name":  # a name in two fields, or a company's
                original = owner.display_name()
                original_path = f"{base}.{'company_name' if owner.legal_person else 'family_name'}"
            else:
                original_path = f"{base}.{tail.removeprefix('latin_')}"
                original = getattr(owner, tail.removeprefix("latin_"), None)
            script = textscript.other_script(original) if isinstance(original, str) else None
            if script is not None:
                c.warning(
                    "text.latin_form",
                    "{field}: written in the {script} alphabet, which a letter in {language} would print as it is. "
                    "Give its Latin form in \u201c{latin}\u201d.",
                    path,
                    field=c.field_label(original_path),
                    script=textscript.script_name(script, c.lang),
                    language=language_name(c.letter.output_language, c.lang),
                    latin=c._(field.label),
                )


# -- running the checklist -------------------------------------------------------------------


def check_section(letter: LetterOfRequest, point: PointDef, lang: str = "en", today: dt.date | None = None,
                  scan: _Scan | None = None) -> PointResult:
    """The result of one section. ``scan``: what a whole check reads from the letter once for
    all its sections (:class:`_Scan`); None reads it for this section alone."""
    ctx = _Ctx(letter, lang, today or dt.date.today(), scan)
    _declared(ctx, point.id)
    _hidden(ctx, point)
    RULES[point.id](ctx)
    for path, note in letter.open_upgrade_notes():
        if section_of(path) is point:
            ctx.warning(
                "upgrade.unconverted",
                "{field}: when this draft was upgraded, \u201c{original}\u201d could not be converted; enter it again.",
                path,
                field=fields.describe(letter, path, lang),
                original=note.original,
            )
    _scripts(ctx, point)
    _latin_forms(ctx, point)
    errors = [p for p in ctx.problems if p.severity is Severity.ERROR]
    warnings = [p for p in ctx.problems if p.severity is Severity.WARNING]
    if errors:
        status = Status.INCOMPLETE
    elif ctx.not_applicable:
        status = Status.NOT_APPLICABLE
    else:
        status = Status.COMPLETE
    return PointResult(point, status, errors, warnings)


def incomplete_in_languages(letter: LetterOfRequest, langs: list[str], lang: str = "en",
                            today: dt.date | None = None) -> list[PointResult]:
    """The sections incomplete in ``letter`` written in each of ``langs`` (one language, or the two
    of a bilingual letter, in order), first failing result per section, messages in ``lang``.

    A section counts when it is incomplete in either language version, except point 14 (the
    language): a bilingual letter meets it when one of its languages is accepted, since it is
    written in that language too."""
    found: dict[str, PointResult] = {}
    language_met = False
    for code in dict.fromkeys(langs):
        version = letter if code == letter.output_language else letter.model_copy(update={"output_language": code})
        results = check(version, lang, today=today).incomplete()
        language_met = language_met or all(r.point.id != "language" for r in results)
        for result in results:
            found.setdefault(result.point.id, result)
    if len(set(langs)) > 1 and language_met:
        found.pop("language", None)
    return [found[p.id] for p in SECTIONS if p.id in found]


def check(letter: LetterOfRequest, lang: str = "en", today: dt.date | None = None) -> Report:
    """Run every rule of every section on ``letter``; messages in UI language ``lang``."""
    today = today or dt.date.today()
    scan = _Scan(letter)
    return Report(lang, [check_section(letter, point, lang, today, scan) for point in SECTIONS])
