"""Data an answer hides, and what the wizard offers about it.

The checklist reports, at the answer, a blocking problem ``<section>.hidden_data`` for
values entered under a yes/no (or choice) answer that now hides them
(:func:`mla_writer.fields.hidden_data`): they would be silently left out of the letter.
Where the problem shows, the wizard offers two actions, each only at the user's request:

* **Change the answer back**: set the answer to a value that makes the condition hold
  again, derived from the declarations (a yes/no or tick box: the opposite of
  ``Condition.off``; a choice: the one code that makes the condition hold, or "other").
  Nothing is offered where no answer can be restored sensibly (a set of codes, or a
  condition another answer also decides).
* **Clear what was entered…**: after a confirmation that lists the fields to be emptied,
  :func:`mla_writer.fields.clear_hidden` through the session (dirty state, autosave and
  the check follow as for any edit).

Flipping the answer itself never opens a dialog: the problem and these actions appear
under the answer once the check has run.
"""

from __future__ import annotations

from typing import Any

from .. import fields, vocab
from .i18n import N_, _, ngettext, ui_language

#: The end of the code of the checklist's problem (``"urgency.hidden_data"``).
CODE_SUFFIX = ".hidden_data"

#: The actions' texts (msgids of the "ui" domain).
CHANGE_BACK = N_("Change the answer back")
CLEAR = N_("Clear what was entered\u2026")
CONFIRM_TITLE = N_("Clear what was entered")
CONFIRM_TEXT = N_("Clear what was entered under this answer? These fields will be emptied:\n\n{fields}\n\n"
                  "The answer itself stays as it is.")
CONFIRM_BUTTON = N_("Clear these fields")

#: At most this many fields are named in the confirmation's text (all of them in its details).
LISTED = 12


class _Nothing:
    def __repr__(self) -> str:
        return "NOTHING"


#: No answer can be restored (see :func:`restore_value`).
NOTHING: Any = _Nothing()


def is_hidden_problem(problem) -> bool:
    """Whether a checklist problem is about data an answer hides."""
    return problem.code.endswith(CODE_SUFFIX)


def hidden_at(letter, path: str) -> list[fields.Hidden]:
    """The groups of hidden values whose answer is at ``path`` (the problem's path)."""
    return [h for h in fields.hidden_data(letter) if h.answer == path]


def _item_path(hidden: fields.Hidden) -> str | None:
    cond = fields.CONDITIONS[hidden.condition]
    if cond.scope == "letter":
        return None
    return hidden.answer[: -len(cond.answer) - 1]


def _holds_with(letter, hidden: fields.Hidden, value) -> bool:
    """Whether ``hidden``'s condition would hold with ``value`` as the answer (tried on a copy)."""
    from .session import get_value, set_value

    trial = letter.model_copy(deep=True)
    try:
        set_value(trial, hidden.answer, value)
    except ValueError:  # the model refuses the value
        return False
    item_path = _item_path(hidden)
    item = get_value(trial, item_path) if item_path is not None else None
    return fields.holds(hidden.condition, trial, item)


def restore_value(letter, hidden: fields.Hidden) -> Any:
    """The answer that makes ``hidden``'s condition hold again, or :data:`NOTHING`.

    Derived from the declarations: for a tick box or a yes/no question the opposite of the
    condition's ``off``; for a choice the one code that makes the condition hold (or "other"
    when several do); for a set of codes nothing (which procedures were meant cannot be
    guessed). The value is tried on a copy of the letter: where another answer hides the
    data too (a legal person's pseudonym), nothing is offered.
    """
    cond = fields.CONDITIONS[hidden.condition]
    decl = fields.declaration(hidden.answer, letter)
    if cond.off is None or decl is None:
        return NOTHING
    if decl.kind in (fields.BOOL, fields.YESNO):
        candidates = [not cond.off]
    elif decl.kind == fields.CODE:
        working = [c for c in vocab.VOCABULARIES[decl.vocab].codes if _holds_with(letter, hidden, c)]
        if len(working) == 1:
            return working[0]
        candidates = ["other"] if "other" in working else []
    else:
        return NOTHING
    from .session import get_value

    current = get_value(letter, hidden.answer)
    for value in candidates:
        if value != current and _holds_with(letter, hidden, value):
            return value
    return NOTHING


def restore_for(letter, path: str) -> Any:
    """The answer at ``path`` that brings back everything it hides, or :data:`NOTHING`."""
    values = [restore_value(letter, h) for h in hidden_at(letter, path)]
    if not values or any(v is NOTHING for v in values) or any(v != values[0] for v in values):
        return NOTHING
    return values[0]


def can_change_back(letter, path: str) -> bool:
    return restore_for(letter, path) is not NOTHING


def hidden_labels(letter, path: str, lang: str | None = None) -> list[str]:
    """The fields holding what the answer at ``path`` hides, as the user reads them."""
    lang = lang or ui_language()
    labels: list[str] = []
    for hidden in hidden_at(letter, path):
        for value_path in hidden.paths:
            label = fields.describe(letter, value_path, lang)
            if label not in labels:
                labels.append(label)
    return labels


def _done(session) -> None:
    """After an action: the views reload what changed under them and the check runs now."""
    session.reloaded.emit()
    session.check_requested.emit()


def change_back(session, path: str) -> bool:
    """Set the answer at ``path`` back so that what it hides is in the letter again."""
    value = restore_for(session.letter, path)
    if value is NOTHING:
        return False
    session.set(path, value)
    _done(session)
    return True


def confirm_text(labels: list[str]) -> tuple[str, str]:
    """The confirmation's text (at most :data:`LISTED` fields named) and its details (all of them)."""
    shown = labels[:LISTED]
    lines = [f"\u2022 {label}" for label in shown]
    if len(labels) > len(shown):
        more = len(labels) - len(shown)
        lines.append(ngettext("\u2026 and {count} more", "\u2026 and {count} more", more).format(count=more))
    details = "\n".join(labels) if len(labels) > len(shown) else ""
    return _(CONFIRM_TEXT).format(fields="\n".join(lines)), details


def confirm_clear(parent, labels: list[str]) -> bool:
    """Ask before clearing: a message box naming the fields. True when the user confirms."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    text, details = confirm_text(labels)
    box = QMessageBox(parent)
    box.setObjectName("clearHiddenConfirmation")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_(CONFIRM_TITLE))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if details:
        box.setDetailedText(details)
    clear = box.addButton(_(CONFIRM_BUTTON), QMessageBox.ButtonRole.DestructiveRole)
    clear.setObjectName("confirmClear")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    confirmed = box.clickedButton() is clear
    box.deleteLater()
    return confirmed


def clear_with_consent(session, path: str, parent=None) -> bool:
    """Ask, naming the fields, then clear what the answer at ``path`` hides. True if cleared."""
    hiddens = hidden_at(session.letter, path)
    if not hiddens:
        return False
    if not confirm_clear(parent, hidden_labels(session.letter, path)):
        return False

    def clear(letter) -> None:
        for hidden in hidden_at(letter, path):
            fields.clear_hidden(letter, hidden)

    session.change(clear, lists=[p for h in hiddens for p in h.clear if p in fields.ITEMS])
    _done(session)
    return True
