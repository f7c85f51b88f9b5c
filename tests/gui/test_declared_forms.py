"""The wizard's forms are built from the field declarations (mla_writer.fields): a row for every
declared field on its step, shown while its named condition holds, with the editor its kind calls for."""

from __future__ import annotations

import io
import tokenize
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mla_writer import fields
from mla_writer.model import (
    Annex, Attendee, BilateralTreatyBasis, ChannelUse, ContactEvent, OtherBasis, ReciprocityBasis,
)
from mla_writer.storage import load

from .helpers import choose_code, type_text

pytestmark = pytest.mark.gui

GUI = Path(__file__).resolve().parents[2] / "mla_writer" / "gui"


def _editor_classes():
    from mla_writer.gui.widgets.amount import AmountField
    from mla_writer.gui.widgets.codes import LanguageField
    from mla_writer.gui.widgets.country import CountryField, LanguageListField
    from mla_writer.gui.widgets.dates import DateField, PartialDateField
    from mla_writer.gui.widgets.fields import (
        CheckField, ChoiceField, IntField, LineField, LinesField, ListChoiceField, MultiCheckField, YesNoField,
    )
    from mla_writer.gui.widgets.mltext import MLTextField

    return {
        fields.TEXT: MLTextField,
        fields.DATE: DateField,
        fields.DATETIME: DateField,
        fields.PARTIAL_DATE: PartialDateField,
        fields.AMOUNT: AmountField,
        fields.CODE: ChoiceField,
        fields.CODES: MultiCheckField,
        fields.STATE: CountryField,
        fields.LANGUAGE: LanguageField,
        fields.LANGUAGES: LanguageListField,
        fields.LETTER_LANGUAGE: ChoiceField,
        fields.PERSON: ChoiceField,
        fields.OFFENCES: MultiCheckField,
        fields.INSTRUMENT: ListChoiceField,
        fields.BOOL: CheckField,
        fields.YESNO: YesNoField,
        fields.COUNT: IntField,
        fields.ANNEX: ChoiceField,
        fields.MEASURES: MultiCheckField,
    }, (LineField, LinesField)


def _everything_letter(example_path, officer_withheld: bool):
    """The complete example, changed so that every condition holds somewhere (or, for the
    officer, its other side): each kind of person, basis and measure, an 'other' channel and procedure."""
    letter = load(example_path)
    letter.identification.conducting_same_as_requesting = False
    letter.identification.officer_withheld = officer_withheld
    letter.prior_contact.had_contact = True
    letter.prior_contact.contacts = [*letter.prior_contact.contacts, ContactEvent()]
    letter.other_channels.used = True
    letter.other_channels.channels = [*letter.other_channels.channels, ChannelUse(channel="other")]
    letter.urgency.urgent = True
    letter.confidentiality.confidential = True
    letter.legal_bases = [*letter.legal_bases, BilateralTreatyBasis(), OtherBasis(), ReciprocityBasis()]
    letter.persons[3].protected = True
    letter.persons[4].id_document.type = "other"
    letter.assistance[0].procedures.requested = ["oath", "other"]
    for measure in letter.assistance:  # an attached order on every kind that can have one
        if hasattr(measure, "order_attached"):
            measure.order_attached = True
    letter.officials_presence.wanted = True
    letter.officials_presence.attendees = [*letter.officials_presence.attendees, Attendee()]
    letter.annexes = [*letter.annexes, Annex()]
    return letter


def _open(window, letter):
    from mla_writer.gui.session import Session

    window.set_session(Session(letter))


@pytest.mark.parametrize("officer_withheld", [False, True], ids=["officer_given", "officer_withheld"])
def test_every_declared_field_has_a_row_on_its_step(make_window, example_path, officer_withheld):
    """Each instance of each declared field has a row bound to its path on the step of its
    section: visible (with the editor its kind calls for) exactly while its condition holds."""
    by_kind, verbatim = _editor_classes()
    window = make_window()
    letter = _everything_letter(example_path, officer_withheld)
    _open(window, letter)
    shown, hidden, missing, wrong = set(), set(), [], []
    for sid, decls in fields.SECTION_FIELDS.items():
        for decl in decls:
            for path, _value, item in fields.instances(letter, decl):
                section = fields.section_id(decl)
                window.go_to(window.step_of_section[section])
                page = window.current_page()
                page.focus_path(path)  # selects the item of a list
                entry = page.problem_map.entries.get(path)
                if decl.kind == fields.ID:
                    assert entry is None, f"{path}: an identifier is not shown"
                    continue
                if entry is None:
                    missing.append(path)
                    continue
                editor = entry[0]
                expected = verbatim if decl.kind in (fields.VERBATIM, fields.TIME_ZONE, fields.TIME) else by_kind[decl.kind]
                if not isinstance(editor, expected):
                    wrong.append(f"{path}: {type(editor).__name__} for {decl.kind}")
                visible = editor.isVisibleTo(page)
                if visible != fields.applies(letter, decl, item):
                    wrong.append(f"{path}: visible={visible}, condition {decl.when!r}")
                (shown if visible else hidden).add(decl.path)
    assert missing == []
    assert wrong == []
    # every declaration was shown somewhere (the officer's rows on one side, the reason on the other)
    officer_side = {"officer_given"} if officer_withheld else {"officer_withheld"}
    expected = {d.path for d in fields.all_fields() if d.kind != fields.ID and d.when not in officer_side}
    assert expected - shown == set()


def test_every_declared_list_has_an_editor():
    from mla_writer.gui.pages.steps import LISTS

    assert set(LISTS) == set(fields.ITEMS)


def test_labels_and_hints_are_the_declarations_in_the_ui_language(make_window, example_path):
    from PySide6.QtWidgets import QLabel

    from mla_writer.i18n import ui_gettext

    window = make_window("ru")
    window.open_file(str(example_path))
    window.go_to(window.step_of_section["facts"])
    page = window.current_page()
    page.focus_path("persons[0].birth_place")
    _ = ui_gettext("ru")
    decl = fields.BY_PATH["persons[].birth_date"]
    labels = {label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page)}
    assert _(decl.label) in labels and _(decl.hint) in labels
    assert _(decl.label) != decl.label
    assert page.problem_map.entries["persons[0].birth_date"][0].accessibleName() == _(decl.label)


def _row(page, path):
    editor = page.problem_map.entries[path][0]
    return editor.parentWidget()


def test_ticking_urgent_shows_the_urgency_rows(make_window):
    window = make_window()
    window.go_to(window.step_of_section["urgency"])
    page = window.current_page()
    rows = [p for p in ("urgency.deadline", "urgency.reason_kind", "urgency.reason")]
    assert not any(_row(page, p).isVisibleTo(page) for p in rows)
    box = page.problem_map.entries["urgency.urgent"][0].box
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    assert window.session.letter.urgency.urgent is True
    assert all(_row(page, p).isVisibleTo(page) for p in rows)
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not any(_row(page, p).isVisibleTo(page) for p in rows)


def test_lists_follow_the_answer_to_their_question(make_window):
    window = make_window()
    window.go_to(window.step_of_section["prior_contact"])
    page = window.current_page()
    contacts = _row(page, "prior_contact.contacts")
    question = page.problem_map.entries["prior_contact.had_contact"][0]
    assert not contacts.isVisibleTo(page)
    assert question.yes.text() == "Yes, there has been contact"
    question.yes.setChecked(True)
    assert contacts.isVisibleTo(page)
    question.no.setChecked(True)
    assert window.session.letter.prior_contact.had_contact is False and not contacts.isVisibleTo(page)


def _add_item(page, list_path, variant=None):
    editor = page.problem_map.entries[list_path][0]
    if variant is None:
        QTest.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    else:
        made = [make([]) for _label, make in editor.factories]
        index = next(i for i, obj in enumerate(made) if (getattr(obj, "kind", None) or obj.type) == variant)
        editor.add_button.menu().actions()[index].trigger()
    return editor


def test_protected_identity_shows_the_pseudonym_and_keeps_the_identity(make_window):
    window = make_window()
    window.go_to(window.step_of_section["facts"])
    page = window.current_page()
    _add_item(page, "persons")
    person = window.session.letter.persons[0]
    pseudonym = _row(page, "persons[0].pseudonym")
    identity = [_row(page, f"persons[0].{name}") for name in ("given_names", "birth_date", "birth_place", "nationality")]
    assert not pseudonym.isVisibleTo(page)
    QTest.mouseClick(page.problem_map.entries["persons[0].protected"][0].box, Qt.MouseButton.LeftButton)
    assert person.protected is True
    assert pseudonym.isVisibleTo(page)
    assert all(row.isVisibleTo(page) for row in identity)  # the real identity is still held in the draft
    type_text(page.problem_map.entries["persons[0].pseudonym"][0].edit, "V1")
    assert person.pseudonym == "V1"
    # a legal person has no protected identity
    QTest.mouseClick(page.problem_map.entries["persons[0].legal_person"][0].box, Qt.MouseButton.LeftButton)
    assert not pseudonym.isVisibleTo(page) and not _row(page, "persons[0].protected").isVisibleTo(page)
    assert _row(page, "persons[0].company_name").isVisibleTo(page)


@pytest.mark.parametrize(
    ("lang", "typed", "stored"),
    [
        ("en", "1985", "1985"),
        ("en", "04/1985", "1985-04"),
        ("en", "23/04/1985", "1985-04-23"),
        ("ru", "04.1985", "1985-04"),
        ("ru", "23.04.1985", "1985-04-23"),
        ("fr", "1985-04", "1985-04"),
        ("es", "1985-04-23", "1985-04-23"),
        ("es", "3/4/1985", "1985-04-03"),
    ],
)
def test_partial_date_typed_is_stored_as_iso(make_window, lang, typed, stored):
    window = make_window(lang)
    window.go_to(window.step_of_section["facts"])
    page = window.current_page()
    _add_item(page, "persons")
    editor = page.problem_map.entries["persons[0].birth_date"][0]
    type_text(editor.edit, typed)
    editor.edit.editingFinished.emit()
    assert window.session.letter.persons[0].birth_date == stored
    assert not editor.error.isVisibleTo(page)


@pytest.mark.parametrize("typed", ["abc", "31.02.1985", "13/1985", "85", "1985-04-23-1"])
def test_partial_date_refuses_what_is_not_a_date_with_a_message(make_window, typed):
    window = make_window("ru")
    window.go_to(window.step_of_section["facts"])
    page = window.current_page()
    _add_item(page, "persons")
    editor = page.problem_map.entries["persons[0].birth_date"][0]
    type_text(editor.edit, "1985")
    editor.edit.selectAll()
    editor.edit.del_()
    type_text(editor.edit, typed)
    editor.edit.editingFinished.emit()
    assert window.session.letter.persons[0].birth_date is None  # never a value the box does not show
    assert editor.error.isVisibleTo(page) and typed in editor.error.text()
    editor.edit.selectAll()
    editor.edit.del_()
    type_text(editor.edit, "1985")
    assert window.session.letter.persons[0].birth_date == "1985" and not editor.error.isVisibleTo(page)


@pytest.mark.parametrize(
    ("lang", "typed", "currency", "value", "code"),
    [
        ("en", "210,000.50", "eur", "210000.50", "EUR"),
        ("fr", "210 000,50", "usd", "210000.50", "USD"),
        ("ru", "1500", "молдавский лей", "1500", "MDL"),
        ("es", "1.234.567,89", "libra esterlina", "1234567.89", "GBP"),
        ("en", "5000", "euro", "5000", "EUR"),
    ],
)
def test_amount_typed_stores_value_and_currency(make_window, lang, typed, currency, value, code):
    window = make_window(lang)
    window.go_to(window.step_of_section["assistance"])
    page = window.current_page()
    _add_item(page, "assistance", "freezing")
    editor = page.problem_map.entries["assistance[0].amount"][0]
    type_text(editor.edit, typed)
    editor.edit.editingFinished.emit()
    choose_code(editor.currency, currency)
    amount = window.session.letter.assistance[0].amount
    assert amount.value == Decimal(value) and amount.currency == code
    assert not editor.error.isVisibleTo(page)


def test_amount_refuses_what_is_not_a_number_with_a_message(make_window):
    window = make_window()
    window.go_to(window.step_of_section["assistance"])
    page = window.current_page()
    _add_item(page, "assistance", "freezing")
    editor = page.problem_map.entries["assistance[0].amount"][0]
    for typed in ("12abc", "1.005", "-5"):
        editor.edit.selectAll()
        editor.edit.del_()
        type_text(editor.edit, typed)
        editor.edit.editingFinished.emit()
        assert window.session.letter.assistance[0].amount.value is None, typed
        assert editor.error.isVisibleTo(page) and typed in editor.error.text()


def test_currencies_are_found_by_code_or_name(make_window):
    from mla_writer.gui.widgets.amount import currency_items

    window = make_window("ru")
    items = {code: text for code, text, _name in currency_items(("MD", "FR"))}
    assert {"EUR", "USD", "GBP", "RUB", "MDL"} <= set(items)
    assert items["RUB"].startswith("RUB \u2014 ") and "рубль" in items["RUB"].lower()
    assert [item[0] for item in currency_items(("MD", "FR"))][:2] == ["MDL", "EUR"]
    assert window is not None


def test_interpreter_language_is_a_language_code(make_window):
    window = make_window()
    window.go_to(window.step_of_section["assistance"])
    page = window.current_page()
    _add_item(page, "assistance", "evidence")
    editor = page.problem_map.entries["assistance[0].interpreter_language"][0]
    choose_code(editor.combo, "romanian")
    assert window.session.letter.assistance[0].interpreter_language == "ro"


def test_measure_kinds_are_titled_and_explained_from_the_vocabulary(make_window):
    from mla_writer import vocab

    window = make_window("fr")
    window.go_to(window.step_of_section["assistance"])
    page = window.current_page()
    editor = _add_item(page, "assistance", "records")
    menu = [a.text() for a in editor.add_button.menu().actions()]
    assert menu == [vocab.ASSISTANCE_KIND.label(k, "fr") for k in vocab.ASSISTANCE_KIND.codes]
    assert editor.list.item(0).text().startswith("1. " + vocab.ASSISTANCE_KIND.label("records", "fr"))
    from mla_writer.i18n import ui_gettext

    hint = ui_gettext("fr")(vocab.ASSISTANCE_KIND["records"].hint)
    from PySide6.QtWidgets import QLabel

    labels = [w.text() for w in editor.form.findChildren(QLabel)]
    assert hint in labels


def test_untranslated_measure_field_links_to_its_translation_tab(make_window, example_path):
    """Point 14 names the field by its label; the link (the problem's path) selects the measure
    and opens the field on the missing language."""
    window = make_window()
    window.open_file(str(example_path))
    letter = window.session.letter
    index = next(i for i, m in enumerate(letter.assistance) if m.kind == "records")
    letter.assistance[index].institution.set("es", "")  # not yet translated into Spanish
    letter.output_language = "es"
    window.session.languages_changed.emit()
    window.run_check()
    path = f"assistance[{index}].institution"
    problem = next(p for p in window.session.report.result("language").errors if p.path == path)
    assert "Institution holding the records" in problem.message
    window.go_to(window.step_of_section["language"])
    window.current_page().general.linkActivated.emit(path)
    page = window.current_page()
    assert "assistance" in page.section_ids
    assert page.problem_map.entries["assistance"][0].list.currentRow() == index
    editor = page.problem_map.entries[path][0]
    assert editor.language() == "es" and editor.text() == ""
    type_text(editor.edit, "Banco Exemplu S.A.")
    assert letter.assistance[index].institution.get("es") == "Banco Exemplu S.A."


def test_no_break_spaces_typed_in_free_text_are_kept(make_window):
    window = make_window("fr")
    window.go_to(window.step_of_section["facts"])
    editor = window.current_page().problem_map.entries["facts.summary"][0]
    type_text(editor.edit, "Faits\u00a0: voir\u202fci-dessous\nsuite")
    assert window.session.letter.facts.summary.get("fr") == "Faits\u00a0: voir\u202fci-dessous\nsuite"


def _code_tokens(path: Path) -> str:
    """The source without its strings and comments (declaration paths in strings are fine)."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type not in (tokenize.STRING, tokenize.COMMENT):
            out.append(tok.string)
    return " ".join(out)


def test_no_condition_is_derived_again_in_the_window():
    """Which rows show is decided by the named conditions of mla_writer.fields, never re-derived."""
    import re

    pattern = re.compile(
        r"urgency \. urgent|\bofficer_withheld\b|\blegal_person\b|confidentiality \. confidential|"
        r"\bconducting_same_as_requesting\b|\bprotected\b|officials_presence \. wanted|lambda letter"
    )
    offenders = [
        f"{path.relative_to(GUI)}: {match.group(0)}"
        for path in GUI.rglob("*.py")
        for match in pattern.finditer(_code_tokens(path))
    ]
    assert offenders == []


def test_every_choice_can_be_left_blank_again(make_window, example_path):
    """Choosing "— choose —" again writes what the model accepts for nothing (None, or "" for a
    person reference), never a value the model refuses; the choices of every measure and person."""
    from mla_writer.gui.widgets.fields import ChoiceField

    window = make_window()
    window.open_file(str(example_path))
    letter = window.session.letter
    items = [("facts", f"persons[{i}].notes") for i in range(len(letter.persons))]
    items += [("assistance", f"assistance[{i}].description") for i in range(len(letter.assistance))]
    blanked = set()
    for section, path in items:
        window.go_to(window.step_of_section[section])
        page = window.current_page()
        page.focus_path(path)  # selects the item
        for field_path, (editor, _label) in list(page.problem_map.entries.items()):
            if isinstance(editor, ChoiceField) and editor.combo.itemData(0) in (None, ""):
                editor.combo.setCurrentIndex(0)
                assert window.session.get(field_path) in (None, ""), field_path
                blanked.add(fields.pattern_of(field_path, letter))
    assert {"assistance[evidence].person_id", "assistance[evidence].person_status", "persons[].sex"} <= blanked
    assert "assistance[evidence].recording" not in blanked  # always has a value


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_numbers_and_partial_dates_read_back_what_they_show(lang):
    """What the amount and partial-date boxes show for a stored value reads back as that value."""
    from mla_writer.gui import i18n
    from mla_writer.gui.widgets.amount import format_number, parse_number
    from mla_writer.gui.widgets.dates import _date_order, format_partial_date, parse_partial_date

    i18n.set_ui_language(lang)
    try:
        for value in ("0", "7.5", "210000", "210000.50", "1234567.89"):
            shown = format_number(Decimal(value))
            assert "\u202f" not in shown and "\u00a0" not in shown  # a plain space: no missing glyph
            assert parse_number(shown) == Decimal(value), shown
        for bad in ("12abc", "1.2.3", "--1", "1,2,3"):
            with pytest.raises(ValueError):
                parse_number(bad)
        _sep, month_first = _date_order()
        for value in ("1985", "1985-04", "1985-04-23", "2000-12-31"):
            assert parse_partial_date(format_partial_date(value), month_first) == value
    finally:
        i18n.set_ui_language("en")
