"""Legal bases (point 7): catalogue instruments, bilateral treaties, other bases, reciprocity."""

from __future__ import annotations

from ... import catalogue
from ...model import BilateralTreatyBasis, InstrumentBasis, OtherBasis, ReciprocityBasis
from ..i18n import _, ui_language
from .labels import BASIS_TYPES
from ..session import shown_text
from .listeditor import ListEditor


def basis_type_label(kind: str) -> str:
    label = BASIS_TYPES[kind]
    return _(label)


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
    if basis.type == "instrument":
        form.pick(f"{path}.instrument_id", _("Instrument"), instrument_options())
        form.line(f"{path}.articles", _("Articles relied on"), _("For example 18 (UNTOC) or 1, 3 and 7 (1959 Convention)."))
    elif basis.type == "bilateral":
        form.mlline(f"{path}.title", _("Title of the treaty"))
        form.date(f"{path}.date", _("Date of the treaty"))
        form.line(f"{path}.articles", _("Articles relied on"))
    elif basis.type == "other":
        form.text(f"{path}.description", _("Describe the legal basis"), lines=3)
    else:
        form.check(f"{path}.assurance", _("The requesting State assures that it would grant the same assistance"))
        form.text(f"{path}.assurance_details", _("Details of the assurance (optional)"), lines=2)


def legal_bases_editor(session, problems, parent=None) -> ListEditor:
    factories = [
        (basis_type_label("instrument"), lambda items: InstrumentBasis()),
        (basis_type_label("bilateral"), lambda items: BilateralTreatyBasis()),
        (basis_type_label("other"), lambda items: OtherBasis()),
        (basis_type_label("reciprocity"), lambda items: ReciprocityBasis()),
    ]
    return ListEditor(session, problems, "legal_bases", factories, build_basis, basis_title, _("&Add a legal basis"), parent)
