"""Live preview of the letter, rendered by ``mla_writer.render`` off the GUI thread.

Edits restart a debounce timer; when it fires, a snapshot of the letter is rendered in a worker
thread and the HTML shown when ready. Results from older snapshots are dropped, so typing is
never blocked and the preview never goes backwards.

The snapshot is the letter as plain data (``model_dump``: new dicts and lists around the same
immutable values, 2 ms for the large case where a deep copy took 84 ms on the GUI thread); the
worker builds its own letter from it (``model_validate``), which the GUI thread never touches.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ..i18n import _

DEBOUNCE_MS = 700


class _Signals(QObject):
    done = Signal(int, str, bool)  # generation, html or message, ok


class _RenderJob(QRunnable):
    def __init__(self, generation: int, snapshot: dict, bilingual, signals: _Signals) -> None:
        super().__init__()
        self.bilingual = bilingual
        self.generation = generation
        self.snapshot = snapshot
        self.signals = signals

    def run(self) -> None:
        try:
            self._run()
        except RuntimeError:  # the window closed while rendering: nobody to tell
            pass

    def _run(self) -> None:
        try:
            from ...render import RenderError, render_html
        except ImportError:
            self.signals.done.emit(self.generation, "unavailable", False)
            return
        try:
            from ...model import LetterOfRequest

            letter = LetterOfRequest.model_validate(self.snapshot)
            html = render_html(letter, letter.output_language, self.bilingual)
        except RenderError as exc:
            self.signals.done.emit(self.generation, str(exc), False)
        except Exception as exc:  # noqa: BLE001 - a preview must never take the window down
            self.signals.done.emit(self.generation, f"{type(exc).__name__}: {exc}", False)
        else:
            self.signals.done.emit(self.generation, html, True)


class PreviewPane(QWidget):
    rendered = Signal()

    def __init__(self, session_getter, parent=None, bilingual=lambda: None) -> None:
        super().__init__(parent)
        self.session_getter = session_getter
        self.bilingual_getter = bilingual
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
        self.view = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        self.signals = _Signals(self)
        self.signals.done.connect(self._done)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.generation = 0
        self.shown_generation = 0
        self.retranslate()

    def ensure_view(self):
        """The text browser that shows the letter (built on first need)."""
        if self.view is None:
            from PySide6.QtWidgets import QTextBrowser

            self.view = QTextBrowser(self)
            self.view.setOpenLinks(False)
            self.layout_.replaceWidget(self.placeholder, self.view)
            self.placeholder.deleteLater()
            self.placeholder = self.placeholder_label = None
            self.retranslate()
        return self.view

    def retranslate(self) -> None:
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

    def render_now(self) -> None:
        session = self.session_getter()
        if session is None:
            return
        self.generation += 1
        snapshot = session.letter.model_dump()  # (plain data: the worker makes its own letter)
        self.pool.start(_RenderJob(self.generation, snapshot, self.bilingual_getter(), self.signals))

    def _done(self, generation: int, text: str, ok: bool) -> None:
        if generation < self.shown_generation:
            return
        self.shown_generation = generation
        self.ensure_view()
        bar = self.view.verticalScrollBar().value()
        if ok:
            self.view.setHtml(text)
        elif text == "unavailable":
            self.view.setPlainText(_("The preview is not available: the letter renderer is not installed."))
        else:
            self.view.setPlainText(_("The preview could not be produced: {reason}").format(reason=text))
        self.view.verticalScrollBar().setValue(bar)
        self.rendered.emit()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.timer.start()  # after the debounce: the window paints first, the renderer loads after

    def shutdown(self) -> None:
        self.timer.stop()
        self.pool.waitForDone(5000)
