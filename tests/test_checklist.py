"""The checklist: one definition of the points, and every rule with a passing and a failing case.

The complete example passes every rule (no problem at all); each entry of RULES breaks it in
one way and must produce exactly its code, in its section, with its severity.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mla_writer import checklist
from mla_writer.checklist import POINTS, SECTIONS, Severity, Status, check
from decimal import Decimal

from mla_writer.model import LetterOfRequest, ml
from mla_writer.model.values import Amount
from mla_writer.model.letter import (
    Attendee,
    BilateralTreatyBasis,
    ChannelUse,
    ContactEvent,
    InstrumentBasis,
    Officer,
    OtherBasis,
    Person,
    ReciprocityBasis,
)

E, W = Severity.ERROR, Severity.WARNING


def _set(obj, dotted: str, value):
    *parents, last = dotted.split(".")
    for name in parents:
        obj = obj[int(name)] if name.isdigit() else getattr(obj, name)
    setattr(obj, last, value)


def setter(dotted, value):
    return lambda L: _set(L, dotted, value)


def person(L, i):
    return L.persons[i]


def _add_person(**kw):
    def mutate(L):
        L.persons.append(Person(id="px", role="witness", family_name="X", **kw) if "id" not in kw else Person(**kw))

    return mutate


# (section id, code, severity, mutation)
RULES = [
    # parties
    ("parties", "parties.requesting_state_missing", E, setter("requesting_state", "")),
    ("parties", "parties.requested_state_missing", E, setter("requested_state", "")),
    ("parties", "parties.unknown_country", E, setter("requested_state", "QQ")),
    ("parties", "parties.unknown_country", E, setter("requested_state", "IC")),  # Canary Islands: part of Spain
    ("parties", "parties.same_state", E, setter("requested_state", "FR")),
    ("parties", "parties.addressee_missing", E, setter("addressee.name", ml())),
    ("parties", "parties.addressee_address", W, setter("addressee.address", "")),
    ("parties", "parties.reference_missing", W, setter("references.requesting_reference", "")),
    # 1
    ("identification", "identification.requesting_name", E, setter("identification.requesting_authority.name", ml())),
    ("identification", "identification.requesting_address", E, setter("identification.requesting_authority.address", "")),
    (
        "identification",
        "identification.requesting_contact",
        E,
        lambda L: (_set(L, "identification.requesting_authority.phone", ""), _set(L, "identification.requesting_authority.email", "")),
    ),
    ("identification", "identification.conducting_name", E, setter("identification.conducting_authority.name", ml())),
    (
        "identification",
        "identification.conducting_contact",
        W,
        lambda L: [
            _set(L, f"identification.conducting_authority.{f}", "") for f in ("address", "phone", "email")
        ],
    ),
    ("identification", "identification.officer_name", E, setter("identification.officer.name", "")),
    (
        "identification",
        "identification.officer_contact",
        E,
        lambda L: (_set(L, "identification.officer.phone", ""), _set(L, "identification.officer.email", "")),
    ),
    ("identification", "identification.withheld_reason", W,
     lambda L: (_set(L, "identification.officer_withheld", True), _set(L, "identification.officer", Officer()))),
    ("identification", "identification.email_format", W, setter("identification.officer.email", "claire at justice")),
    # 2
    ("prior_contact", "prior_contact.unanswered", E, lambda L: (_set(L, "prior_contact.had_contact", None),
                                                                _set(L, "prior_contact.contacts", []))),
    ("prior_contact", "prior_contact.hidden_data", E, setter("prior_contact.had_contact", False)),
    ("prior_contact", "prior_contact.none_listed", E, setter("prior_contact.contacts", [])),
    ("prior_contact", "prior_contact.who", E, setter("prior_contact.contacts.0.who", ml())),
    ("prior_contact", "prior_contact.when_how", W, setter("prior_contact.contacts.0.channel", None)),
    ("prior_contact", "prior_contact.future", E, setter("prior_contact.contacts.0.date", dt.date(2027, 1, 1))),
    # 3
    ("other_channels", "other_channels.unanswered", E, setter("other_channels.used", None)),
    ("other_channels", "other_channels.none_listed", E, setter("other_channels.channels", [])),
    ("other_channels", "other_channels.kind", E, setter("other_channels.channels", [ChannelUse()])),
    ("other_channels", "other_channels.details", E, setter("other_channels.channels", [ChannelUse(channel="other")])),
    # 4
    ("acknowledgement", "acknowledgement.authority", E, setter("acknowledgement.authority", ml())),
    (
        "acknowledgement",
        "acknowledgement.where",
        E,
        lambda L: [_set(L, f"acknowledgement.{f}", "") for f in ("address", "email", "fax", "phone")],
    ),
    ("acknowledgement", "acknowledgement.name", W, setter("acknowledgement.name", "")),
    ("acknowledgement", "acknowledgement.no_usable_route", E,
     lambda L: [_set(L, f"acknowledgement.{f}", v) for f, v in (("address", ""), ("phone", ""), ("fax", ""),
                                                                 ("email", "name(at)example.org"))]),
    ("acknowledgement", "acknowledgement.email_format", W, setter("acknowledgement.email", "nobody")),
    # 5
    ("urgency", "urgency.deadline_missing", E, setter("urgency.deadline", None)),
    ("urgency", "urgency.deadline_past", E, setter("urgency.deadline", dt.date(2026, 11, 21))),
    ("urgency", "urgency.reason_kind", E, setter("urgency.reason_kind", None)),
    ("urgency", "urgency.reason_missing", E, setter("urgency.reason", ml())),
    # 6
    ("confidentiality", "confidentiality.reason_missing", E, setter("confidentiality.reason", ml())),
    ("confidentiality", "confidentiality.no_consultation", W, setter("confidentiality.consult_if_not_possible", False)),
    # 7
    ("legal_basis", "legal_basis.missing", E, setter("legal_bases", [])),
    ("legal_basis", "legal_basis.instrument_missing", E, setter("legal_bases", [InstrumentBasis()])),
    ("legal_basis", "legal_basis.instrument_unknown", E, setter("legal_bases", [InstrumentBasis(instrument_id="xyz")])),
    ("legal_basis", "legal_basis.article_missing", W, setter("legal_bases", [InstrumentBasis(instrument_id="untoc")])),
    ("legal_basis", "legal_basis.treaty_title", E, setter("legal_bases", [BilateralTreatyBasis(date=dt.date(2001, 1, 1), articles="3")])),
    ("legal_basis", "legal_basis.treaty_details", W, setter("legal_bases", [BilateralTreatyBasis(title=ml(fr="Traité"))])),
    ("legal_basis", "legal_basis.other_description", E, setter("legal_bases", [OtherBasis()])),
    ("legal_basis", "legal_basis.reciprocity_assurance", E, setter("legal_bases", [ReciprocityBasis()])),
    ("legal_basis", "legal_basis.eio", W, setter("requested_state", "ES")),
    ("legal_basis", "legal_basis.reciprocity_subsidiary", W, lambda L: L.legal_bases.append(ReciprocityBasis())),
    ("legal_basis", "legal_basis.not_party", W, lambda L: L.legal_bases.append(InstrumentBasis(instrument_id="eumla2000", articles="1-6"))),
    ("legal_basis", "legal_basis.not_in_force", W, lambda L: L.legal_bases.append(InstrumentBasis(instrument_id="budapest-2ap", articles="8"))),
    ("legal_basis", "legal_basis.none_applies", E, setter("legal_bases", [InstrumentBasis(instrument_id="eumla2000", articles="1-6")])),
    ("assistance", "assistance.person_protected", E,
     lambda L: (_set(L, "persons.5.protected", True), _set(L, "persons.5.pseudonym", "W2"))),  # the detained person
    ("facts", "facts.protected_role", W, lambda L: (_set(L, "persons.1.protected", True), _set(L, "persons.1.pseudonym", "A1"))),
    ("facts", "facts.protected_name_in_text", W,
     lambda L: (_set(L, "persons.1.protected", True), _set(L, "persons.1.pseudonym", "A1"))),  # LUNGU is named in the facts
    ("offences", "offences.dual_criminality", W, setter("dual_criminality", ml())),
    ("assistance", "assistance.after_request_deadline", W, setter("assistance.4.deadline", dt.date(2027, 6, 20))),
    ("assistance", "assistance.person_legal", E, setter("assistance.0.person_id", "p3")),
    ("assistance", "assistance.person_identity", E, setter("persons.5.birth_date", None)),  # the detained person (transfer)
    ("assistance", "assistance.person_address", W,
     lambda L: (_set(L, "persons.3.address", ""), _set(L, "persons.3.id_document.number", ""))),  # heard (10.1, 10.10)
    # 8
    ("facts", "facts.summary_missing", E, setter("facts.summary", ml())),
    ("facts", "facts.summary_thin", W, setter("facts.summary", ml(fr="Des faits graves.", en="Serious facts."))),
    ("facts", "facts.person_id", E, setter("persons.1.id", "p1")),
    ("facts", "facts.person_role", E, setter("persons.0.role", None)),
    ("facts", "facts.company_name", E, setter("persons.2.company_name", "")),
    ("facts", "facts.family_name", E, setter("persons.3.family_name", "")),
    ("facts", "facts.offender_identity", W, setter("persons.0.birth_date", None)),
    ("facts", "facts.document_details", E, setter("persons.0.id_document.type", "other")),
    ("facts", "facts.birth_future", E, setter("persons.4.birth_date", dt.date(2030, 1, 1))),
    ("facts", "facts.not_a_state", E, setter("persons.0.nationality", "XX")),
    ("facts", "facts.pseudonym", E, lambda L: (_set(L, "persons.3.protected", True), _set(L, "persons.3.pseudonym", ""))),
    ("identification", "identification.unknown_language", E, setter("identification.officer.languages", ["qq"])),
    ("assistance", "assistance.unknown_language", E, setter("assistance.0.interpreter_language", "qqq")),
    ("language", "language.unknown_language", E, setter("language.accepted_languages", ["fr", "zz"])),
    ("assistance", "assistance.unknown_time_zone", E, lambda L: _set(next(m for m in L.assistance if m.kind == "electronic"), "time_zone", "Mars/Olympus")),
    ("assistance", "assistance.amount_currency", E,
     lambda L: _set(next(m for m in L.assistance if m.kind == "freezing"), "amount", Amount(value=Decimal("10"), currency=""))),
    ("facts", "facts.no_offender", W, lambda L: [_set(L, f"persons.{i}.role", "witness") for i in (0, 1)]),
    # 9
    ("offences", "offences.missing", E, lambda L: (setattr(L, "offences", []), [setattr(a, "offence_ids", []) for a in L.assistance])),
    ("offences", "offences.id", E, setter("offences.1.id", "")),
    ("offences", "offences.name", E, setter("offences.0.name", ml())),
    ("offences", "offences.provision", E, setter("offences.0.provision", ml())),
    ("offences", "offences.penalty", E, setter("offences.1.max_penalty", ml())),
    ("offences", "offences.excerpt", E, setter("offences.1.law_excerpt", ml())),
    # 10
    ("assistance", "assistance.missing", E, setter("assistance", [])),
    ("assistance", "assistance.id", E, setter("assistance.1.id", "a1")),
    ("assistance", "assistance.description", E, setter("assistance.5.description", ml())),
    ("assistance", "assistance.field_missing", E, setter("assistance.2.premises_address", "")),
    ("assistance", "assistance.field_missing", E, setter("assistance.11.data_types", [])),
    ("assistance", "assistance.field_missing", E, setter("assistance.10.consent", None)),
    ("assistance", "assistance.unknown_person", E, setter("assistance.0.person_id", "p99")),
    ("assistance", "assistance.unknown_offence", E, setter("assistance.3.offence_ids", ["o9"])),
    ("assistance", "assistance.deadline_past", E, setter("assistance.4.deadline", dt.date(2026, 1, 1))),
    ("assistance", "assistance.period_order", E, setter("assistance.6.period_to", dt.date(2024, 1, 1))),
    ("assistance", "assistance.date_past", E, setter("assistance.1.hearing_date", dt.date(2026, 6, 1))),
    ("assistance", "assistance.transfer_consent", W, setter("assistance.10.consent", False)),
    # 11
    ("link", "link.missing", E, setter("assistance.7.relevance", ml())),
    ("link", "link.thin", W, setter("assistance.7.relevance", ml(fr="Utile.", en="Useful."))),
    ("link", "link.no_offence", W, setter("assistance.8.offence_ids", [])),
    # 12
    ("procedures", "procedures.reason", E, setter("assistance.2.procedures.reason", ml())),
    ("procedures", "procedures.details", E, setter("assistance.6.procedures.requested", ["certification", "other"])),
    # 13
    ("presence", "presence.who", E, setter("officials_presence.attendees", [])),
    ("presence", "presence.attendee", E, setter("officials_presence.attendees", [Attendee(name="X")])),
    ("presence", "presence.reason", E, setter("officials_presence.reason", ml())),
    ("presence", "presence.participation", W, setter("officials_presence.participation", ml())),
    # 14
    ("language", "language.accepted_missing", E, setter("language.accepted_languages", [])),
    ("language", "language.not_accepted", E, setter("language.accepted_languages", ["ro"])),
    ("language", "language.untranslated", E, lambda L: (L.facts.summary.root.pop("es"), setattr(L, "output_language", "es"))),
    # closing
    ("closing", "closing.place", E, setter("place", ml())),
    ("closing", "closing.date", E, setter("date", None)),
    ("closing", "closing.date_future", W, setter("date", dt.date(2026, 12, 25))),
    ("closing", "closing.signatory", E, setter("signatory.name", "")),
    ("closing", "closing.signatory_title", W, setter("signatory.title", ml())),
    ("closing", "closing.annex_title", E, setter("annexes.0.title", ml())),
    ("assistance", "assistance.order_annex", W, setter("assistance.2.order_annex", "")),
    ("assistance", "assistance.documents_annex", W, setter("assistance.1.documents_annex", "")),
    ("assistance", "assistance.bad_time", E, setter("assistance.9.time", "25:00")),
    ("assistance", "assistance.unknown_annex", E, setter("assistance.2.order_annex", "x99")),
    ("assistance", "assistance.hearing_time", E, setter("assistance.9.time_zone", "")),
    ("assistance", "assistance.hearing_date", W, lambda L: (setattr(L.assistance[9], "date", None),
                                                            setattr(L.assistance[9], "time", ""))),
    ("presence", "presence.measures", E, setter("officials_presence.measure_ids", [])),
    ("presence", "presence.unknown_measure", E, setter("officials_presence.measure_ids", ["a99"])),
    # any section: Russian typed into the English text of the facts (tests/test_textscript.py for more)
    ("facts", "text.wrong_script", W, lambda L: L.facts.summary.set("en", L.facts.summary.get("ru"))),
]


def test_the_example_is_complete_without_any_problem(example, today):
    report = check(example, "en", today)
    assert report.complete
    assert list(report.problems()) == []
    assert [r.status for r in report.results] == [Status.COMPLETE] * len(SECTIONS)


@pytest.mark.parametrize("section, code, severity, mutate", RULES, ids=[f"{r[1]}-{i}" for i, r in enumerate(RULES)])
def test_rule(example, today, section, code, severity, mutate):
    assert code not in {p.code for p in check(example, "en", today).problems()}  # passing case
    mutate(example)
    report = check(example, "en", today)
    result = report.result(section)
    found = [p for p in (result.errors + result.warnings) if p.code == code]
    assert found, f"{code} not reported in {section}: {[p.code for p in report.problems()]}"
    assert all(p.severity is severity for p in found)
    assert all(p.message and p.path for p in found)
    # the problem belongs to this section only
    for other in report.results:
        if other.point.id != section:
            assert code not in {p.code for p in other.errors + other.warnings}
    if severity is E:
        assert result.status is Status.INCOMPLETE and not report.complete
    else:
        assert result.status is not Status.INCOMPLETE and report.complete


def test_every_rule_code_is_tested():
    import inspect
    import re

    from mla_writer import fields

    source = inspect.getsource(checklist)
    codes = set(re.findall(r'c\.(?:error|warning)\(\s*"([a-z_]+\.[a-z_]+)"', source))
    codes |= {f.need.code for f in fields.all_fields() if f.need is not None}
    # the checks every declaration of a kind implies (checklist._declared)
    generic = {fields.STATE: "not_a_state", fields.AMOUNT: "amount_currency", fields.LANGUAGE: "unknown_language",
               fields.LANGUAGES: "unknown_language", fields.TIME_ZONE: "unknown_time_zone", fields.TIME: "bad_time",
               fields.ANNEX: "unknown_annex", fields.MEASURES: "unknown_measure"}
    for f in fields.all_fields():
        if f.kind in generic:
            section = fields.section_id(f)
            codes.add("parties.unknown_country" if section == "parties" and f.kind == fields.STATE else f"{section}.{generic[f.kind]}")
    codes -= {"upgrade.unconverted"}  # tested in tests/test_format3.py
    codes -= {"text.latin_form"}  # tested in tests/render/test_latin_forms.py, on the sample written in Cyrillic
    codes -= {"language.stale"}  # tested in tests/test_translation.py (a translation made before its source changed)
    # the requested State's profile in an installed State pack: tested in tests/test_pack_checklist.py
    codes -= {"parties.profile_stale", "language.profile_not_accepted", "language.condition"}
    # data an answer hides: one code per section, walked over every condition in tests/test_contradictions.py
    codes |= {f"{fields.section_id(f)}.hidden_data" for f in fields.all_fields() if f.when} & {c for _s, c, _v, _m in RULES}
    tested = {code for _s, code, _sev, _m in RULES}
    assert codes == tested, f"untested: {codes - tested}; unknown: {tested - codes}"


def test_fourteen_points_one_definition():
    assert [p.number for p in POINTS] == list(range(1, 15))
    assert len({p.id for p in SECTIONS}) == len(SECTIONS)
    for point in SECTIONS:
        for lang in ("fr", "ru", "es"):
            from mla_writer.i18n import translations

            assert point.title in translations("ui", lang)._catalog, (point.id, lang)  # translated in the ui catalogue
        for name in point.fields:
            assert name in LetterOfRequest.model_fields, name
    covered = {name for p in SECTIONS for name in p.fields}
    assert covered >= set(LetterOfRequest.model_fields) - {"review", "upgrade_notes", "translation"}


def test_not_applicable_when_condition_is_off(example, today):
    example.urgency.urgent = False
    example.urgency.deadline = None
    example.confidentiality.confidential = False
    example.officials_presence.wanted = False
    example.officials_presence.attendees = []
    for item in example.assistance:
        item.procedures.requested = []
    from mla_writer import fields

    for hidden in fields.hidden_data(example):  # what those answers now hide is cleared (point 5's reason ...)
        fields.clear_hidden(example, hidden)
    report = check(example, "en", today)
    for point_id in ("urgency", "confidentiality", "presence", "procedures"):
        assert report.result(point_id).status is Status.NOT_APPLICABLE, point_id
    assert report.complete


def test_service_only_needs_no_facts(today):
    from mla_writer.model.assistance import ServiceOfDocuments

    letter = LetterOfRequest(assistance=[ServiceOfDocuments(id="a1")])
    assert check(letter, "en", today).result("facts").status is Status.NOT_APPLICABLE
    letter.assistance[0] = letter.assistance[0].model_copy(update={"kind": "service"})
    from mla_writer.model.assistance import SearchAndSeizure

    letter.assistance.append(SearchAndSeizure(id="a2"))
    result = check(letter, "en", today).result("facts")
    assert result.status is Status.INCOMPLETE
    assert "facts.summary_missing" in {p.code for p in result.errors}


def test_presence_wanted_requires_who_and_why(today):
    letter = LetterOfRequest()
    assert check(letter, "en", today).result("presence").status is Status.NOT_APPLICABLE
    letter.officials_presence.wanted = True
    codes = {p.code for p in check(letter, "en", today).result("presence").errors}
    assert {"presence.who", "presence.reason"} <= codes


def test_untranslated_fields_are_listed_for_point_14(example, today):
    example.output_language = "ru"
    example.assistance[0].questions.root.pop("ru")
    example.offences[1].law_excerpt.set("ru", "")
    paths = {p.path for p in check(example, "en", today).result("language").errors}
    assert "facts.summary" not in paths
    assert "assistance[0].questions" in paths and "offences[1].law_excerpt" in paths
    assert all(not p.startswith("review") for p in paths)


def test_messages_follow_the_ui_language(example, today):
    example.prior_contact.had_contact = None
    example.prior_contact.contacts = []
    for lang, word in {"fr": "contact", "ru": "контакт", "es": "contacto"}.items():
        (problem,) = check(example, lang, today).result("prior_contact").errors
        assert word in problem.message.lower(), (lang, problem.message)
        assert problem.message != check(example, "en", today).result("prior_contact").errors[0].message


def test_report_json_shape(example, today):
    example.urgency.deadline = None
    data = check(example, "fr", today).to_dict()
    assert data["complete"] is False and data["language"] == "fr"
    assert len(data["points"]) == len(SECTIONS)
    urgency = next(p for p in data["points"] if p["id"] == "urgency")
    assert urgency["number"] == 5 and urgency["status"] == "incomplete"
    assert urgency["title"] == "Urgence et délai"
    assert urgency["errors"][0]["code"] == "urgency.deadline_missing"
    assert urgency["errors"][0]["path"] == "urgency.deadline"


def test_for_path_finds_problems_under_a_field(example, today):
    example.assistance[2].premises_address = ""
    report = check(example, "en", today)
    assert [p.code for p in report.for_path("assistance[2]")] == ["assistance.field_missing"]
    assert report.for_path("assistance[20]") == []
