"""Legal bases (point 7): catalogue instruments, bilateral treaties, other bases, reciprocity.

The kinds of basis are the vocabulary ``basis_type``; each kind's form is built from its
declarations (:data:`mla_writer.fields.BASIS_FIELDS`).
"""

from __future__ import annotations

import typing

from ... import catalogue, vocab
from ...model.letter import LegalBasis
from ..i18n import N_, _, ui_language
from ..session import shown_text
from .listeditor import ListEditor, ListSpec, item_fields

#: basis type -> model class (the members of the model's union ``LegalBasis``)
_CLASSES = {cls.model_fields["type"].default: cls for cls in typing.get_args(typing.get_args(LegalBasis)[0])}


def basis_type_label(kind: str) -> str:
    return vocab.BASIS_TYPE.label(kind, ui_language())


def basis_title(index: int, basis, letter) -> str:
    lang = ui_language()
    if basis.type == "instrument":
        what = catalogue.instrument_title(basis.instrument_id, lang) if basis.instrument_id else _("(instrument not chosen)")
    elif basis.type == "bilateral":
        what = shown_text(basis.title, letter) or basis_type_label("bilateral")
    elif basis.type == "other":
        what = shown_text(basis.description, letter)[:80] or basis_type_label("other")
    else:
        what = basis_type_label("reciprocity")
    articles = getattr(basis, "articles", "")
    if not articles:
        return f"{index + 1}. {what}"
    art = _("art.")
    return f"{index + 1}. {what} \u2014 {art} {articles}"


def instrument_options() -> list[tuple[str, str]]:
    lang = ui_language()
    out = []
    for iid, item in catalogue.instruments().items():
        short = catalogue.localized(item.get("short", {}), lang)
        title = catalogue.localized(item["title"], lang)
        year = (item.get("date") or "")[:4]
        label = f"{short} \u2014 {title}" if short else title
        out.append((iid, f"{label} ({year})" if year else label))
    return out


def build_basis(form, path: str, basis) -> None:
    form.note(basis_type_label(basis.type))
    form.declared(item_fields("legal_bases", basis), path)


def _factories(session) -> list:
    out = [(basis_type_label(code), lambda items, code=code: _CLASSES[code]()) for code in vocab.BASIS_TYPE.codes]
    return out + _pack_factories(session.letter.requested_state)


def _pack_factories(requested_state: str) -> list:
    """The State pack's legal bases (its defaults, then the requested State's), each with its origin as tooltip."""
    from ... import packs

    merged = packs.active()
    if merged is None:
        return []
    from ..packs import provenance

    lang = ui_language()
    out = []
    for basis, path in packs.legal_bases_for(merged, requested_state):
        what = catalogue.instrument_title(basis.instrument, lang) if basis.instrument else packs.text_in(basis.title, lang)
        if basis.articles:
            art = _("art.")
            what += f", {art} {basis.articles}"
        out.append((_("From the State pack: {basis}").format(basis=what),
                    lambda items, basis=basis: packs.letter_basis(basis), provenance(merged, path)))
    return out


LEGAL_BASES = ListSpec("legal_bases", N_("Legal bases"), N_("&Add a legal basis"), _factories, basis_title, build_basis,
                       with_session=True)


def legal_bases_editor(session, problems, parent=None) -> ListEditor:
    return LEGAL_BASES.editor(session, problems, parent)
