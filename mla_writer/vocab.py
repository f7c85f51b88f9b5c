"""Vocabularies: every set of codes the model accepts, each code's labels declared once.

A :class:`Vocabulary` lists its codes in display order. Each :class:`Term` has

- ``label``: how the window, the checker's messages and (unless ``letter`` is given) the
  letter name the code; an English msgid of the gettext domain ``ui``;
- ``letter``: optionally, the phrase the letter uses instead (lower case in running text,
  "through a liaison officer"); an English msgid of the gettext domain ``letter``;
- ``letter_female``: optionally, the letter phrase for a woman (Russian "потерпевшая"):
  the same English text under the gettext context ``female`` of the ``letter`` domain.

The model builds its ``Literal`` types from :data:`VOCABULARIES`, so a code cannot be
accepted without labels; ``tests/test_vocab.py`` checks every label in every catalogue.
No pydantic, no Qt, no Babel here.

Sources: prior-contact channels and other channels follow the BSEC/UNODC Model Guide's
14-point checklist (points 2 and 3: INTERPOL, Eurojust, liaison officers, the diplomatic
channel; DESIGN §1); kinds of assistance follow UNTOC art. 18(3), (10)-(12) and (18).
"""

from __future__ import annotations

from .i18n import L_, N_  # noqa: E402,F401 - mark msgids of the "letter" and "ui" domains


def LP_(context: str, message: str) -> tuple[str, str]:
    """Mark a msgid of the ``letter`` domain under a gettext context (``("female", "Victim")``)."""
    return (context, message)


class Term:
    __slots__ = ("code", "label", "letter", "letter_female", "hint")

    def __init__(self, code: str, label: str, letter: str | None = None, letter_female: tuple[str, str] | None = None,
                 hint: str | None = None) -> None:
        self.code = code
        self.label = label
        self.letter = letter
        self.letter_female = letter_female
        self.hint = hint

    def __repr__(self) -> str:
        return f"Term({self.code!r})"


class Vocabulary:
    """A named set of codes, in display order."""

    __slots__ = ("name", "terms")

    def __init__(self, name: str, *terms: Term) -> None:
        self.name = name
        self.terms: dict[str, Term] = {t.code: t for t in terms}

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self.terms

    def __getitem__(self, code: str) -> Term:
        return self.terms[code]

    def label(self, code: str, lang: str) -> str:
        """The window's label of ``code`` in UI language ``lang``.

        Raises KeyError for a code the vocabulary does not have.
        """
        from .i18n import ui_gettext

        return ui_gettext(lang)(self.terms[code].label)

    def letter_label(self, code: str, lang: str, sex: str | None = None) -> str:
        """The letter's phrase for ``code`` in output language ``lang`` (agreeing with ``sex``).

        Raises KeyError for a code the vocabulary does not have.
        """
        from .i18n import translations

        term = self.terms[code]
        if term.letter is None:
            return self.label(code, lang)
        t = translations("letter", lang)
        if sex == "female" and term.letter_female is not None:
            return t.pgettext(*term.letter_female)
        return t.gettext(term.letter)

    def options(self, lang: str) -> list[tuple[str, str]]:
        """``[(code, label), ...]`` for a choice in UI language ``lang``."""
        return [(code, self.label(code, lang)) for code in self.terms]


# -- point 2: how officials were in contact -----------------------------------------------
CONTACT_CHANNEL = Vocabulary(
    "contact_channel",
    Term("phone", N_("Telephone"), L_("telephone")),
    Term("email", N_("E-mail"), L_("e-mail")),
    Term("meeting", N_("Meeting"), L_("meeting")),
    Term("letter", N_("Letter"), L_("letter")),
    Term("videoconference", N_("Video conference"), L_("video conference")),
    Term("interpol", N_("Through INTERPOL"), L_("through INTERPOL")),
    Term("eurojust", N_("Through Eurojust"), L_("through Eurojust")),
    Term("ejn", N_("Through a contact point of the European Judicial Network"),
         L_("through a contact point of the European Judicial Network")),
    Term("liaison_magistrate", N_("Through a liaison magistrate"), L_("through a liaison magistrate")),
    Term("liaison", N_("Through a liaison officer"), L_("through a liaison officer")),
    Term("network", N_("Through another judicial network (e.g. IberRed)"), L_("through a judicial cooperation network")),
    Term("other", N_("Other means"), L_("other means")),
)

# -- point 3: other channels a copy went through -------------------------------------------
OTHER_CHANNEL = Vocabulary(
    "other_channel",
    Term("interpol", N_("INTERPOL"), L_("INTERPOL")),
    Term("eurojust", N_("Eurojust"), L_("Eurojust")),
    Term("ejn", N_("European Judicial Network"), L_("European Judicial Network")),
    Term("liaison_officer", N_("Liaison officer or magistrate"), L_("Liaison officer or magistrate")),
    Term("diplomatic", N_("Diplomatic channel"), L_("Diplomatic channel")),
    Term("other", N_("Other channel"), L_("Other channel")),
)

# -- point 5 -------------------------------------------------------------------------------
URGENCY_REASON = Vocabulary(
    "urgency_reason",
    Term("detention", N_("A person is in custody (detention time limit)"), L_("imminent expiry of the time limit for detention on remand")),
    Term("limitation", N_("The limitation period is about to expire"), L_("imminent expiry of the limitation period")),
    Term("trial", N_("A trial or hearing date is set"), L_("imminent trial date")),
    Term("evidence_loss", N_("Evidence may be lost or destroyed"), L_("risk that evidence will be lost")),
    Term("other", N_("Another reason"), L_("other reason")),
)

# -- point 7 -------------------------------------------------------------------------------
BASIS_TYPE = Vocabulary(
    "basis_type",
    Term("instrument", N_("Convention or treaty from the catalogue")),
    Term("bilateral", N_("Bilateral treaty")),
    Term("other", N_("Other basis (scheme, arrangement, national law)")),
    Term("reciprocity", N_("Reciprocity")),
)

# -- point 8: persons ----------------------------------------------------------------------
PERSON_ROLE = Vocabulary(
    "person_role",
    Term("suspect", N_("Suspect"), L_("Suspect"), LP_("female", "Suspect")),
    Term("accused", N_("Accused person"), L_("Accused"), LP_("female", "Accused")),
    Term("witness", N_("Witness"), L_("Witness"), LP_("female", "Witness")),
    Term("victim", N_("Victim"), L_("Victim"), LP_("female", "Victim")),
    Term("expert", N_("Expert"), L_("Expert"), LP_("female", "Expert")),
    Term("account_holder", N_("Account holder"), L_("Account holder"), LP_("female", "Account holder")),
    Term("other", N_("Other person"), L_("Other person"), LP_("female", "Other person")),
)
#: Roles of alleged offenders (point 8 asks for their full identification).
OFFENDER_ROLES: tuple[str, ...] = ("suspect", "accused")

SEX = Vocabulary(
    "sex",
    Term("female", N_("Female")),
    Term("male", N_("Male")),
)

DOCUMENT_TYPE = Vocabulary(
    "document_type",
    Term("passport", N_("Passport"), L_("passport")),
    Term("national_id", N_("National identity card"), L_("national identity card")),
    Term("residence_permit", N_("Residence permit"), L_("residence permit")),
    Term("driving_licence", N_("Driving licence"), L_("driving licence")),
    Term("other", N_("Other document")),
)

# -- point 10: kinds of assistance and their values ----------------------------------------
ASSISTANCE_KIND = Vocabulary(
    "assistance_kind",
    Term('evidence', N_('Taking evidence or statements'),
         hint=N_('Attach the questions or precise topics, and state whether the person is heard as a witness or as a suspect: that decides which rights must be explained and how the statement is taken.')),
    Term('service', N_('Service of judicial documents'),
         hint=N_('Service abroad can take months, so send the documents well ahead of any hearing and ask for proof of service in a form your court will accept. A summary of facts is not needed when only service is sought.')),
    Term('search', N_('Search and seizure'),
         hint=N_('Describe the premises and the items precisely enough for the requested State to obtain its own warrant, and explain why the items are likely to be found there.')),
    Term('freezing', N_('Freezing of assets'),
         hint=N_('Identify each account or asset exactly and state the amount to be frozen; say whether a confiscation request will follow and attach your domestic order if one exists.')),
    Term('examination', N_('Examining objects and sites'),
         hint=N_('State what the examination must establish and how the findings should be recorded (photographs, plans, an expert report) so that they can be used in court.')),
    Term('information', N_('Information, evidentiary items and expert evaluations'),
         hint=N_('Name the body or person most likely to hold the material and the form you need it in (original, certified copy, expert report); material that is already public may not need a formal request.')),
    Term('records', N_('Documents and records (bank, corporate, government)'),
         hint=N_('Keep the period to what the facts justify and list the documents wanted (account-opening file, statements, signature cards); ask for a certificate of authenticity if your courts require one.')),
    Term('tracing', N_('Identifying or tracing proceeds of crime, property or instrumentalities'),
         hint=N_('Give the leads you already have (accounts, companies, transfers) and the purpose, such as later confiscation, so the requested State can choose the right measures; a general asset search without leads is often refused.')),
    Term('appearance', N_('Voluntary appearance in the requesting State'),
         hint=N_('The requested State can only pass on the invitation; the person decides freely. Say who pays travel and subsistence and whether the person is protected from prosecution or detention for earlier acts during the stay.')),
    Term('videoconference', N_('Hearing by video conference'),
         hint=N_('Propose dates and times with time zones and arrange a test connection in advance; say who will administer any oath and whether a judicial officer of the requested State should be present.')),
    Term('transfer', N_('Temporary transfer of a detained person'),
         hint=N_("A transfer needs the person's informed consent and the agreement of both States; set out who escorts the person, where they will be held and when they will be returned.")),
    Term('electronic', N_('Preservation or production of electronic data'),
         hint=N_('Providers keep logs only briefly: seek preservation at once and quote its reference here. Give exact identifiers and a period with its time zone, and separate subscriber, traffic and content data, which many States treat differently.')),
    Term('locate', N_('Locating or identifying persons'),
         hint=N_('Give every detail that narrows the search (date of birth, document numbers, telephone numbers, vehicles) and say whether the person must not be alerted.')),
    Term('other', N_('Other type of assistance'),
         hint=N_("Describe the measure plainly and, if you can, cite the provision of the requested State's law that allows it; it must not be contrary to that law.")),
)

#: Kinds that gather evidence or take an investigative measure: between two States bound by
#: Directive 2014/41/EU these are normally sought with a European Investigation Order (art. 3
#: of the Directive: any investigative measure, including freezing for evidence, transfer of
#: detained persons, hearing by video conference, bank and telecommunications information).
#: Service of documents and a voluntary appearance are not investigative measures.
EVIDENCE_KINDS: frozenset[str] = frozenset(
    {"evidence", "search", "freezing", "examination", "information", "records", "tracing", "videoconference",
     "transfer", "electronic", "locate"}
)
#: Coercive measures: the requested State may make them subject to dual criminality (UNTOC art.
#: 18(9); 1959 European Convention art. 5(1)(a) for searches and seizures). The production of bank
#: or company records is one: it needs an order that lifts banking or commercial secrecy (2001
#: Protocol to the EU Convention, arts. 1-3; UNTOC art. 18(8)).
COERCIVE_KINDS: frozenset[str] = frozenset({"search", "freezing", "electronic", "records"})

PROCEDURE_KIND = Vocabulary(
    "procedure_kind",
    Term("oath", N_("Statement under oath or affirmation")),
    Term("certification", N_("Certification or authentication of documents")),
    Term("verbatim", N_("Verbatim record of questions and answers")),
    Term("recording", N_("Audio or video recording")),
    Term("chain_of_custody", N_("Chain of custody of exhibits")),
    Term("defence_presence", N_("Presence or participation of the defence")),
    Term("caution", N_("Caution or notice of rights in a set form")),
    Term("other", N_("Other procedure")),
)

WITNESS_STATUS = Vocabulary(
    "witness_status",
    Term("witness", N_("witness"), L_("witness"), LP_("female", "witness")),
    Term("suspect", N_("suspect"), L_("suspect"), LP_("female", "suspect")),
    Term("accused", N_("accused"), L_("accused"), LP_("female", "accused")),
    Term("victim", N_("victim"), L_("victim"), LP_("female", "victim")),
    Term("expert", N_("expert"), L_("expert"), LP_("female", "expert")),
)

RECORDING = Vocabulary(
    "recording",
    Term("none", N_("no recording")),
    Term("audio", N_("audio recording")),
    Term("video", N_("video recording")),
    Term("written", N_("written record")),
)

DATA_TYPE = Vocabulary(
    "data_type",
    Term("subscriber", N_("subscriber data")),
    Term("traffic", N_("traffic data")),
    Term("content", N_("content data")),
)

# -- central authority review (mla_writer.review): where a draft stands -------------------
REVIEW_STATUS = Vocabulary(
    "review_status",
    Term("draft", N_("Draft")),
    Term("submitted", N_("Submitted for review")),
    Term("returned", N_("Returned for changes")),
    Term("approved", N_("Approved")),
    Term("sent", N_("Sent")),
    Term("acknowledged", N_("Receipt acknowledged")),
    Term("executed", N_("Executed")),
    Term("partly_executed", N_("Partly executed")),
    Term("refused", N_("Refused")),
    Term("withdrawn", N_("Withdrawn")),
)

#: What one entry of a draft's review history records.
REVIEW_EVENT = Vocabulary(
    "review_event",
    Term("status", N_("Change of status")),
    Term("comment", N_("Comment")),
    Term("resolve", N_("Comment resolved")),
    Term("reopen", N_("Comment reopened")),
)

# -- State packs: what a requested-State profile declares (mla_writer.packs) ------------------
#: When a requested State accepts letters in a language.
LANGUAGE_CONDITION = Vocabulary(
    "language_condition",
    Term("always", N_("always")),
    Term("urgent", N_("only if the request is urgent")),
    Term("reciprocity", N_("only on reciprocity")),
    Term("certified_translation", N_("only with a certified translation")),
)

#: How a letter reaches a requested State.
TRANSMISSION_CHANNEL = Vocabulary(
    "transmission_channel",
    Term("direct", N_("directly between central authorities")),
    Term("diplomatic", N_("through the diplomatic channel")),
    Term("interpol", N_("through INTERPOL, in urgent cases")),
)

#: By what means a letter is sent.
TRANSMISSION_MEANS = Vocabulary(
    "transmission_means",
    Term("post", N_("post")),
    Term("email", N_("e-mail")),
    Term("secure_system", N_("secure electronic system")),
)

#: Every vocabulary by name (a field of kind "code" names one of these).
VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v
    for v in (
        CONTACT_CHANNEL,
        OTHER_CHANNEL,
        URGENCY_REASON,
        BASIS_TYPE,
        PERSON_ROLE,
        SEX,
        DOCUMENT_TYPE,
        ASSISTANCE_KIND,
        PROCEDURE_KIND,
        WITNESS_STATUS,
        RECORDING,
        DATA_TYPE,
        REVIEW_STATUS,
        REVIEW_EVENT,
        LANGUAGE_CONDITION,
        TRANSMISSION_CHANNEL,
        TRANSMISSION_MEANS,
    )
}
