"""UI labels of the model's fixed values (in the current UI language)."""

from __future__ import annotations

from ..i18n import N_, _

PERSON_ROLES = {
    "suspect": N_("Suspect"),
    "accused": N_("Accused person"),
    "witness": N_("Witness"),
    "victim": N_("Victim"),
    "expert": N_("Expert"),
    "account_holder": N_("Account holder"),
    "other": N_("Other person"),
}
DOCUMENT_TYPES = {
    "passport": N_("Passport"),
    "national_id": N_("National identity card"),
    "residence_permit": N_("Residence permit"),
    "driving_licence": N_("Driving licence"),
    "other": N_("Other document"),
}
CONTACT_CHANNELS = {
    "phone": N_("Telephone"),
    "email": N_("E-mail"),
    "meeting": N_("Meeting"),
    "letter": N_("Letter"),
    "videoconference": N_("Video conference"),
    "liaison": N_("Liaison officer or magistrate"),
    "network": N_("Judicial network (e.g. EJN, IberRed)"),
    "other": N_("Other means"),
}
OTHER_CHANNELS = {
    "interpol": N_("INTERPOL"),
    "eurojust": N_("Eurojust"),
    "ejn": N_("European Judicial Network"),
    "liaison_officer": N_("Liaison officer or magistrate"),
    "diplomatic": N_("Diplomatic channel"),
    "other": N_("Other channel"),
}
URGENCY_REASONS = {
    "detention": N_("A person is in custody (detention time limit)"),
    "limitation": N_("The limitation period is about to expire"),
    "trial": N_("A trial or hearing date is set"),
    "evidence_loss": N_("Evidence may be lost or destroyed"),
    "other": N_("Another reason"),
}
BASIS_TYPES = {
    "instrument": N_("Convention or treaty from the catalogue"),
    "bilateral": N_("Bilateral treaty"),
    "other": N_("Other basis (scheme, arrangement, national law)"),
    "reciprocity": N_("Reciprocity"),
}


def options(table: dict[str, str]) -> list[tuple[str, str]]:
    return [(value, _(label)) for value, label in table.items()]
