"""A sum of money: a number typed as the UI language writes it, and an ISO 4217 currency."""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout

from ..i18n import _, ui_language
from .codes import CodeCombo, currency_names
from .fields import FieldEditor
from .problems import input_error_label, message_slot

_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "'")


def _symbols() -> tuple[str, str]:
    """The UI language's decimal mark and thousands separator."""
    return _symbols_of(ui_language())


@functools.cache
def _symbols_of(lang: str) -> tuple[str, str]:
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from ...languages import babel_locale

    locale = babel_locale(lang)
    return get_decimal_symbol(locale), get_group_symbol(locale)


def parse_number(text: str) -> Decimal | None:
    """A number as typed in the UI language ("210 000,50" in French, "210,000.50" in English;
    "210000.50" anywhere). None for empty text; ValueError when it is not a number."""
    import re

    decimal, group = _symbols()
    raw = text.strip()
    for space in _SPACES:
        raw = raw.replace(space, "")
    if group.strip():  # a visible thousands separator ("," or ".") ...
        if raw.count(decimal) == 0 and raw.count(group) == 1 and re.fullmatch(rf"\d+{re.escape(group)}\d{{1,2}}", raw):
            raw = raw.replace(group, decimal)  # ... but "1500.50" typed in Spanish is a decimal
        elif re.fullmatch(rf"[1-9]\d{{0,2}}({re.escape(group)}\d{{3}})+({re.escape(decimal)}\d*)?", raw):
            raw = raw.replace(group, "")
    if not raw:
        return None
    other = "." if decimal == "," else ","
    if decimal not in raw and raw.count(other) == 1:
        raw = raw.replace(other, decimal)  # "1500.50" typed in French
    if not re.fullmatch(rf"\d+({re.escape(decimal)}\d*)?", raw):
        raise ValueError(text)
    try:
        return Decimal(raw.replace(decimal, "."))
    except InvalidOperation:
        raise ValueError(text) from None


def format_number(value: Decimal | None) -> str:
    """``Decimal("210000.5")`` -> "210 000,50" (French), "210,000.50" (English); "" for None."""
    if value is None:
        return ""
    decimal, group = _symbols()
    group = " " if not group.strip() else group  # a plain space: every font has it
    whole, _dot, fraction = f"{value:f}".partition(".")
    digits = f"{int(whole):,}".replace(",", group)
    fraction = fraction.rstrip("0")
    return digits + (decimal + fraction.ljust(2, "0") if fraction else "")


def currency_items(states: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """``[(code, "EUR \u2014 euro", "euro")]``: the currencies of ``states`` first, then every other one by code."""
    from babel.numbers import get_territory_currencies

    names = currency_names()
    first: list[str] = []
    for state in states:
        if not state:
            continue
        try:
            first += [c for c in get_territory_currencies(state) if c in names and c not in first]
        except Exception:  # noqa: BLE001 - an unknown territory: no preference
            pass
    order = first + [c for c in names if c not in first]
    return [(code, f"{code} \u2014 {names[code]}", names[code]) for code in order]


class AmountField(FieldEditor):
    """An :class:`~mla_writer.model.values.Amount`: a number box and a currency box. The
    currencies of the two States come first; any other is found by its code or its name."""

    def __init__(self, session, path, parent=None) -> None:
        super().__init__(session, path, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        amount = session.get(path)
        self.edit = QLineEdit(self)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setPlaceholderText(format_number(Decimal("210000.5")))
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0" * 16))
        self.edit.setText(format_number(amount.value))
        self.edit.textEdited.connect(self._number_edited)
        self.edit.editingFinished.connect(self._number_finished)
        letter = session.letter
        states = (letter.requested_state, letter.requesting_state)
        self.currency = CodeCombo(self, lambda: currency_items(states), _("Currency: code or name\u2026"))
        self.currency.setMinimumContentsLength(24)
        self.currency.set_code(amount.currency)
        self.currency.currentIndexChanged.connect(lambda _i: self._store(currency=self.currency.code()))
        row.addWidget(self.edit)
        row.addWidget(self.currency)
        row.addStretch(1)
        layout.addLayout(row)
        self.error = input_error_label(self)
        layout.addWidget(message_slot(self, self.error, samples=lambda: [self._error_text(format_number(Decimal("210000.5")))],
                                      watch=self.edit))
        self.setFocusProxy(self.edit)

    def _number(self) -> tuple[bool, Decimal | None]:
        try:
            value = parse_number(self.edit.text())
        except ValueError:
            return False, None
        if value is not None and value != value.quantize(Decimal("0.01")):
            return False, None  # more than two decimals
        return True, value

    def _number_edited(self, _text: str) -> None:
        ok, value = self._number()
        if ok:
            self.error.hide()
        self._store(value=value)

    def _number_finished(self) -> None:
        ok, value = self._number()
        if not ok:
            self._show_error()
        elif value is not None:
            self.edit.setText(format_number(value))

    def _store(self, **change) -> None:
        from pydantic import ValidationError

        from ...model.values import Amount

        current = self.session.get(self.path)
        data = {"value": current.value, "currency": current.currency, **change}
        try:
            self.write(Amount(**data))
        except ValidationError:
            self._show_error()

    def _error_text(self, text: str) -> str:
        return _("\u201c{text}\u201d is not an amount: write a number with at most two decimals, for example {example}.").format(
            text=text, example=format_number(Decimal("210000.5"))
        )

    def _show_error(self) -> None:
        self.error.setText(self._error_text(self.edit.text().strip()))
        self.error.show()

    def set_text(self, text: str) -> None:
        """Type ``text`` into the number box from code (tests): as if entered and confirmed."""
        self.edit.setText(text)
        self._number_edited(text)
        self._number_finished()

    def focus_widget(self):
        return self.edit

    def set_accessible(self, name: str) -> None:
        self.setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.currency.setAccessibleName(_("Currency"))
        self.currency.setAccessibleDescription(name)
