"""Live preview of the letter, rendered by ``mla_writer.render`` off the GUI thread.

Edits restart a debounce timer; when it fires, a snapshot of the letter is rendered in a worker
thread and the HTML shown when ready (:class:`~mla_writer.gui.background.LatestOnly`, as the
checklist after an edit). Only the newest render is shown, so typing is never blocked and the
preview never goes backwards.

A find bar under the preview (:class:`FindBar`; the window's Ctrl+F opens it) finds text in
the letter: Enter or F3 the next match, Shift+Enter or Shift+F3 the previous one, Esc closes it.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QTimer, Signal  # (Qt where used: its namespace costs 30-80 ms, not before the first paint)
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QTextOption
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from ..background import LatestOnly
from ..i18n import _, ngettext

DEBOUNCE_MS = 700
#: The smallest scale of the preview (of its fonts, margins and indents): a pane too narrow for
#: the letter at half its size scrolls sideways instead.
MIN_SCALE = 0.5

_STYLE = re.compile(r'style="([^"]*)"')  # (the letter's own text is escaped: no quotes in it)
_POINTS = re.compile(r"(font-size:\s*)(\d+(?:\.\d+)?)pt")
_PIXELS = re.compile(r"(\d+)px")


def scaled_html(html: str, factor: float) -> str:
    """The letter's HTML with the font sizes (pt) and lengths (px) of its ``style`` attributes
    multiplied by ``factor`` (> 0: below 1 to fit a narrow pane, above 1 for presentation
    mode's zoom); the text itself is left alone."""
    if factor == 1:
        return html

    def style(match) -> str:
        css = _POINTS.sub(lambda m: f"{m.group(1)}{float(m.group(2)) * factor:.2f}pt", match.group(1))
        css = _PIXELS.sub(lambda m: f"{max(1, round(int(m.group(1)) * factor))}px", css)
        return f'style="{css}"'

    return _STYLE.sub(style, html)


def shortened_note(kind: str, count: int) -> str:
    """The preview's note where it shows a very large letter shortened
    (:mod:`mla_writer.render.abridge`): ``kind`` "characters" (a text cut short) or "blocks"
    (paragraphs, items or rows of a part left out), ``count`` how many; in the UI language."""
    from ..i18n import qlocale

    number = qlocale().toString(count)
    if kind == "characters":
        return ngettext("[The preview stops here: {count} more character of this text is not shown. "
                        "The exported letter holds the whole text.]",
                        "[The preview stops here: {count} more characters of this text are not shown. "
                        "The exported letter holds the whole text.]", count).format(count=number)
    return ngettext("[The preview stops here: {count} more paragraph, item or table row of this part is not shown. "
                    "The exported letter holds all of them.]",
                    "[The preview stops here: {count} more paragraphs, items or table rows of this part are not shown. "
                    "The exported letter holds all of them.]", count).format(count=number)


def _render(bilingual, training: bool = False):
    """The worker's job: the letter's HTML (``bilingual``: the second language, or None;
    ``training``: marked as a training letter), a very large letter shortened (the preview of
    a letter of millions of characters froze the window while Qt laid it out), each cut marked
    for its note (:func:`shortened_note`, written in by :meth:`PreviewPane._on_rendered`).
    Run in the helper process (:mod:`..helper_process`)."""
    from ..helper_process import job, render_preview

    return job(render_preview, bilingual=bilingual, training=training)


def warm_helper() -> None:
    """Start the helper process now (:mod:`..helper_process`), if it is wanted (a large letter)
    and not running."""
    from ..helper_process import helper, wanted

    if wanted():
        helper()


class PreviewPane(QWidget):
    rendered = Signal()

    def __init__(self, session_getter, parent=None, bilingual=lambda: None, training=lambda: False) -> None:
        super().__init__(parent)
        self.session_getter = session_getter
        self.bilingual_getter = bilingual
        self.training_getter = training  # training mode: the letter carries its training mark
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        # Until the window's second stage (or the first render) a framed label that looks like
        # the empty text browser stands in for it (the browser takes a few ms to build).
        self.placeholder = QFrame(self)
        self.placeholder.setFrameShape(QFrame.Shape.StyledPanel)
        self.placeholder.setBackgroundRole(QPalette.ColorRole.Base)
        self.placeholder.setAutoFillBackground(True)
        inner = QVBoxLayout(self.placeholder)
        inner.setContentsMargins(5, 5, 5, 5)
        self.placeholder_label = QLabel(self.placeholder)
        self.placeholder_label.setWordWrap(True)
        inner.addWidget(self.placeholder_label)
        inner.addStretch(1)
        self.layout_.addWidget(self.placeholder)
        self.find_bar: FindBar | None = None  # built with the view (it needs Qt's namespace)
        self.view = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        self.runner = LatestOnly(_render(None), self)
        self.runner.finished.connect(self._on_rendered)
        self.runner.failed.connect(self._show_failure)
        #: The letter's HTML last shown (None: a message was shown instead), and the scale it is
        #: shown at (:meth:`fit`).
        self.html: str | None = None
        self.scale = 1.0
        #: Presentation mode's enlargement of the letter (1: none), times the fitting scale.
        self.zoom = 1.0
        self._fitted_width = 0
        self._warmed = False
        #: The HTML of the letter shown, as rendered (its notes marked), or None.
        self._marked: str | None = None
        self.fit_timer = QTimer(self)
        self.fit_timer.setSingleShot(True)
        self.fit_timer.setInterval(150)
        self.fit_timer.timeout.connect(self._fit_or_refit)
        #: While a render is shown in steps (:meth:`_show_in_steps`): [scroll bar, round, to set again].
        self._fitting: list | None = None
        self.retranslate()

    @property
    def generation(self) -> int:
        """How many renders were asked for (0: none yet)."""
        return self.runner.generation

    @property
    def shown_generation(self) -> int:
        """The render shown last (0: none yet)."""
        return self.runner.shown_generation

    def ensure_view(self):
        """The text browser that shows the letter (built on first need)."""
        if self.view is None:
            from PySide6.QtWidgets import QTextBrowser

            self.view = QTextBrowser(self)
            self.view.setOpenLinks(False)
            self.view.document().setUndoRedoEnabled(False)  # (notes are written again in place: :meth:`_on_rendered`)
            # Lines break between words only, as in the letter (Qt's default also breaks a word
            # that does not fit: "ACKNOWLEDGE/MENT", issue 11 trial L4); a pane too narrow for a
            # word, or for a table's columns, scrolls sideways.
            self.view.setWordWrapMode(QTextOption.WrapMode.WordWrap)
            self.view.viewport().installEventFilter(self)  # a new width: the letter's scale again
            self.layout_.replaceWidget(self.placeholder, self.view)
            self.placeholder.deleteLater()
            self.placeholder = self.placeholder_label = None
            self.find_bar = FindBar(self)
            self.layout_.addWidget(self.find_bar)
            self.retranslate()
        return self.view

    def open_find(self) -> None:
        """Show the find bar (building the view if needed), its box focused and selected."""
        self.ensure_view()
        self.find_bar.open()

    def retranslate(self) -> None:
        if self.find_bar is not None:
            self.find_bar.retranslate()
        if self.view is None:
            self.placeholder_label.setText(_("The preview appears here."))
            self.placeholder_label.setAccessibleName(_("Preview of the letter"))
            return
        self.view.setAccessibleName(_("Preview of the letter"))
        if self.shown_generation == 0:  # nothing rendered yet
            self.view.setPlainText(_("The preview appears here."))

    def schedule(self) -> None:
        if self.isVisible():
            self.timer.start()
            if not self._warmed:  # the helper process starts (and loads) during the debounce
                self._warmed = True
                QTimer.singleShot(100, self, warm_helper)

    def render_now(self) -> None:
        session = self.session_getter()
        if session is None:
            return
        self.runner.submit(session.letter, _render(self.bilingual_getter(), self.training_getter()))

    def _on_rendered(self, html: str) -> None:
        """The newest render's HTML (its notes marked: :func:`~..helper_process.render_preview`):
        shown at the scale that fits the pane (:meth:`fit`). When it differs from the letter
        shown only in the counts of its notes (text typed into a very long text, past where the
        preview cuts it), only those notes are written again: the document is not set again
        (20-60 ms for a large case, and as much to lay it out)."""
        from ..helper_process import fill_notes, note_counts

        marked, shown = html, self._marked
        self._marked = marked
        if self.view is not None and self.html is not None and shown is not None:
            counts = note_counts(shown, marked)
            if counts is not None and self._rewrite_notes(counts):
                self.html = fill_notes(marked, shortened_note)
                self.rendered.emit()
                return
        self.html = fill_notes(marked, shortened_note)
        self._show_in_steps()

    def _rewrite_notes(self, counts: list[tuple[str, int, int]]) -> bool:
        """Write each note of the document shown again with its new count (``counts``: kind,
        old count, new count for every note, in the document's order); False (nothing
        changed) when a note is not where it should be."""
        from PySide6.QtGui import QTextDocument

        document = self.view.document()
        flags = QTextDocument.FindFlag.FindCaseSensitively
        found, position = [], 0
        for kind, old, new in counts:
            cursor = document.find(shortened_note(kind, old), position, flags)
            if cursor.isNull():
                return False
            position = cursor.selectionEnd()
            if old != new:
                found.append((cursor, shortened_note(kind, new)))
        for cursor, text in reversed(found):  # (from the end: the earlier positions hold)
            cursor.insertText(text, cursor.charFormat())
        return True

    def _show_failure(self, error: Exception) -> None:
        if isinstance(error, ImportError):
            text = _("The preview is not available: the letter renderer is not installed.")
        else:
            from ...render import RenderError

            reason = str(error) if isinstance(error, RenderError) else f"{type(error).__name__}: {error}"
            text = _("The preview could not be produced: {reason}").format(reason=reason)
        self.html = self._marked = None
        self._show(lambda view: view.setPlainText(text))

    def _show(self, fill) -> None:
        self.ensure_view()
        if self._fitting is not None:  # (a render being shown in steps: this comes after it)
            self._fitting = None
            self.fit_timer.stop()
            self.view.viewport().setUpdatesEnabled(True)
        bar = self.view.verticalScrollBar().value()
        fill(self.view)
        self.view.verticalScrollBar().setValue(bar)
        self.rendered.emit()

    def _show_in_steps(self) -> None:
        """Show :attr:`html` and fit it to the pane (:meth:`fit`) one step per event (set the
        document, lay it out, set it again smaller, ...), each 10-60 ms for a large case where
        all of them at once stalled the window for 100-200 ms; the view is repainted, and
        :attr:`rendered` emitted, once the letter fits."""
        self.ensure_view()
        if self._fitting is None:
            self.view.viewport().setUpdatesEnabled(False)
            self._fitting = [self.view.verticalScrollBar().value(), 0, False]  # (scroll bar, round, to set again)
        self._fitting[1:] = [0, False]
        self._show_html()
        self.fit_timer.start(0)

    def _fit_step(self) -> None:
        """One step of :meth:`_show_in_steps`."""
        bar, rounds, again = self._fitting
        if again:  # the letter at its new scale
            self._show_html()
            self._fitting[1:] = [rounds + 1, False]
            self.fit_timer.start(0)
            return
        width = self.view.viewport().width()
        needed = self.view.document().size().width()
        if needed > width and self.scale > MIN_SCALE and rounds < 4:  # not a pixel over: no scroll bar for it
            self.scale = max(MIN_SCALE, math.floor(self.scale * width / needed * 100) / 100)
            self._fitting[2] = True
            self.fit_timer.start(0)
            return
        self._fitting = None
        self._fitted_width = width
        self.view.verticalScrollBar().setValue(bar)
        self.view.viewport().setUpdatesEnabled(True)
        self.view.viewport().update()
        self.rendered.emit()

    def _fit_or_refit(self) -> None:
        if self._fitting is not None:
            self._fit_step()
        else:
            self.refit()

    # -- the letter's scale: a narrow pane shows it smaller rather than cut at its right edge ------
    def _show_html(self) -> None:
        document = self.view.document()
        font = self.view.font()
        font.setPointSizeF(font.pointSizeF() * self.scale)
        if document.defaultFont() != font or document.indentWidth() != 40 * self.scale:
            document.clear()  # (not the letter shown laid out again in the new font, for nothing)
            document.setDefaultFont(font)  # (headings without a size of their own follow it)
            document.setIndentWidth(40 * self.scale)  # (Qt's indent of lists and quotes, in px)
        self.view.setHtml(scaled_html(self.html, self.scale * self.zoom))

    def set_zoom(self, factor: float) -> None:
        """Show the letter ``factor`` times its size (presentation mode; 1: normal), fitted to
        the pane's width as always."""
        if factor == self.zoom:
            return
        self.zoom = factor
        self.scale = 1.0
        if self.view is not None and self.html is not None:
            self._show(lambda _view: (self._show_html(), self.fit()))

    def overflow(self) -> float:
        """How much wider (px) the letter is than the pane, at its scale (0: it fits)."""
        if self.view is None:
            return 0.0
        return max(0.0, self.view.document().size().width() - self.view.viewport().width())

    def fit(self) -> None:
        """Shrink the letter (fonts, margins, indents; down to :data:`MIN_SCALE`) until what
        cannot wrap (a table's columns, a long address or e-mail) fits the pane's width, so
        that no text is cut at the pane's right edge (issue 11 at 1024×768)."""
        width = self.view.viewport().width()
        for _round in range(4):
            needed = self.view.document().size().width()
            if needed <= width or self.scale <= MIN_SCALE:  # not a pixel over: no scroll bar for it
                break
            self.scale = max(MIN_SCALE, math.floor(self.scale * width / needed * 100) / 100)
            self._show_html()
        self._fitted_width = width

    def refit(self) -> None:
        """The pane's width changed: the largest scale (up to full size) at which the letter fits."""
        if self.view is None or self.html is None:
            return
        width = self.view.viewport().width()
        if width == self._fitted_width:
            return
        bar = self.view.verticalScrollBar()
        where = bar.value() / max(bar.maximum(), 1)
        if self.scale < 1 and width > self._fitted_width:
            self.scale = min(1.0, self.scale * width / max(self._fitted_width, 1))
            self._show_html()
        self.fit()
        bar.setValue(round(where * bar.maximum()))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Resize and self.html is not None:
            self.fit_timer.start(0 if self._fitting is not None else 150)
        return False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.timer.start()  # after the debounce: the window paints first, the renderer loads after

    def shutdown(self) -> None:
        self.timer.stop()
        self.runner.wait(5000)
        self.runner.shutdown()


class FindBar(QWidget):
    """Find text in the preview: a box (saying "Not found" at its end), previous/next buttons, a close button.

    Searching wraps around the letter; a search that finds nothing says so beside the box
    and leaves the view where it was. Hidden until :meth:`open`."""

    def __init__(self, pane: PreviewPane) -> None:
        from PySide6.QtCore import Qt

        super().__init__(pane)
        self.setObjectName("findBar")
        self.pane = pane
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 0)
        row.setSpacing(2)
        # The box says what it is for (its placeholder); "Not found" appears inside it, at its
        # right end, so that nothing in the bar or around it moves (issue 11, trial L6: the
        # status widened the preview and squeezed the box to four letters).
        self.box = QLineEdit(self)
        self.box.returnPressed.connect(self.find_next)
        self.box.textEdited.connect(self._typed)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("\u25b2")
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button = QToolButton(self)
        self.next_button.setText("\u25bc")
        self.next_button.clicked.connect(self.find_next)
        self.status = QLabel(self.box)
        self.status.setObjectName("findStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status.setStyleSheet("color: #a40000;")
        self.status.hide()
        self.close_button = QToolButton(self)
        self.close_button.setText("\u2715")
        self.close_button.clicked.connect(self.close_bar)
        for button in (self.previous_button, self.next_button, self.close_button):
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        row.addWidget(self.box, 1)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.close_button)
        # F3 / Shift+F3 anywhere in the preview, Esc and Shift+Enter in the bar: keys of this
        # pane only, so they never compete with the window's shortcuts.
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot, owner in (
            (QKeySequence.StandardKey.FindNext, self.find_next, pane),
            (QKeySequence.StandardKey.FindPrevious, self.find_previous, pane),
            ("Shift+Return", self.find_previous, self),
            ("Shift+Enter", self.find_previous, self),
            ("Escape", self.close_bar, self),
        ):
            shortcut = QShortcut(QKeySequence(keys), owner)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        from ..i18n import _

        self.box.setPlaceholderText(_("Find in the letter"))
        self.box.setAccessibleName(_("Find in the preview"))
        self.previous_button.setToolTip(_("Previous match (Shift+F3)"))
        self.previous_button.setAccessibleName(_("Previous match"))
        self.next_button.setToolTip(_("Next match (F3)"))
        self.next_button.setAccessibleName(_("Next match"))
        self.close_button.setToolTip(_("Close the find bar (Esc)"))
        self.close_button.setAccessibleName(_("Close the find bar"))
        if self.status.text():
            self.status.setText(_("Not found"))
        # The box shows its whole placeholder, and (once something is typed) a few letters
        # beside "Not found"; the pane is at least as wide as the bar from the start, so
        # opening the bar never widens it.
        metrics = self.box.fontMetrics()
        self._status_width = metrics.horizontalAdvance(_("Not found")) + 8
        self.box.setMinimumWidth(max(metrics.horizontalAdvance(self.box.placeholderText()),
                                     self._status_width + metrics.averageCharWidth() * 8) + 16)
        self.pane.setMinimumWidth(self.minimumSizeHint().width())
        self._place_status()

    def _place_status(self) -> None:
        """"Not found" at the right end of the box, the box's text kept clear of it."""
        shown = bool(self.status.text())
        self.status.setVisible(shown)
        self.box.setTextMargins(0, 0, self._status_width if shown else 0, 0)
        box = self.box.rect()
        self.status.setGeometry(box.width() - self._status_width - 4, 0, self._status_width, box.height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._place_status()

    def open(self) -> None:
        from PySide6.QtCore import Qt

        self.show()
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def close_bar(self) -> None:
        from PySide6.QtCore import Qt

        self.hide()
        self.status.clear()
        self._place_status()
        if self.pane.view is not None:
            self.pane.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _typed(self, _text: str) -> None:
        # find as one types, from the start of the current match
        view = self.pane.view
        if view is not None:
            cursor = view.textCursor()
            cursor.setPosition(cursor.selectionStart())
            view.setTextCursor(cursor)
        self.find_next()

    def find_next(self) -> bool:
        """Select the next match after the selection (wrapping at the end); False if none."""
        return self._find(backward=False)

    def find_previous(self) -> bool:
        """Select the match before the selection (wrapping at the start); False if none."""
        return self._find(backward=True)

    def _find(self, backward: bool) -> bool:
        from PySide6.QtGui import QTextCursor, QTextDocument

        from ..i18n import _

        view = self.pane.view
        text = self.box.text()
        if view is None or not text:
            self.status.clear()
            self._place_status()
            return False
        if not self.isVisible():
            self.open()
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = view.find(text, flags)
        if not found:  # wrap around
            kept = view.textCursor()
            cursor = view.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            view.setTextCursor(cursor)
            found = view.find(text, flags)
            if not found:
                view.setTextCursor(kept)
        self.status.setText("" if found else _("Not found"))
        self._place_status()
        return found
