"""The main window's side of the case register (:class:`RegisterMixin`): the open register, its
window (:mod:`.register_window`, imported when first shown) and the one place where opening or
saving a draft updates the register. Kept apart from the window's module so that the main
window's first paint does not build the register window's classes."""

from __future__ import annotations

from .i18n import _, ui_language


#: How often (ms) the window looks for a card written in the background.
_POLL_MS = 50


class RegisterMixin:
    """The main window's side of the register: the open register, the window, and the one
    place where opening or saving a draft updates the register.

    Cards are written in one background thread, in the order the drafts were saved: a shared
    register whose server does not answer makes a connection wait up to
    :data:`mla_writer.register.db.CONNECT_TIMEOUT` seconds, which must not freeze the window
    while the user goes on typing. What the write says (offline, refused) reaches the status
    bar when it is known. Reading the register (its window) first waits for the cards still
    being written, so that it lists what was saved."""

    _register = None
    _register_window = None
    _register_lock = None
    _card_writer = None
    _card_jobs: list | tuple = ()  # (a list of the window's own from its first card on)
    _card_poll = None

    def _register_guard(self):
        if self._register_lock is None:
            import threading

            self._register_lock = threading.RLock()
        return self._register_lock

    def register(self, setting: str | None = None):
        """The open register (opened on first use, at ``setting``: by default the settings'
        register, read here, so only on the GUI thread). Raises RegisterError / RegisterOffline."""
        from ..register import Register

        with self._register_guard():
            if self._register is None:
                if setting is None:
                    setting = self.settings.register_url() or ""
                self._register = Register.open(setting=setting or None)
            return self._register

    def close_register(self) -> None:
        """Close the register, once the cards being written are written (at most the
        connection's timeout per card)."""
        self.wait_register()
        if self._card_writer is not None:
            self._card_writer.shutdown(wait=False)  # (idle: a later save starts a new one)
            self._card_writer = None
        with self._register_guard():
            if self._register is not None:
                self._register.close()
                self._register = None

    def forget_register_window(self) -> None:
        if self._register_window is not None:
            self._register_window.close()
            self._register_window.deleteLater()
            self._register_window = None

    def show_register(self):
        """View → Case Register… (the :class:`~.register_window.RegisterWindow`, shown), once
        the cards being written are written."""
        from .register_window import RegisterWindow

        self.wait_register()
        if self._register_window is None:
            self._register_window = RegisterWindow(self)
        else:
            self._register_window.refresh()
        self._register_window.show()
        self._register_window.raise_()
        self._register_window.activateWindow()
        return self._register_window

    def update_register(self, path) -> bool:
        """Write the card of the draft just opened or saved at ``path`` (the session's letter, as
        it is now; an encrypted draft by its file only) in the background. False when no card is
        to be written (training mode) or it could not be made (the status bar says why); True
        when it was handed to the writer, whose outcome (a register offline or refusing) the
        status bar gives when it comes. The draft is not affected either way."""
        from ..register import entry_for, stamp_facts
        from . import demo

        if not demo.records_real_work():  # training mode: nothing of it reaches the case register
            return False
        session = self.session
        try:
            facts = stamp_facts(session.stamp) if session.stamp is not None else {}
            entry = entry_for(path, session.letter, encrypted=session.sealer is not None, **facts)
        except OSError as exc:
            self._say_register_outcome(exc)
            return False
        if self._card_writer is None:
            from concurrent.futures import ThreadPoolExecutor

            self._card_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mla-writer-register")
        if self._card_poll is None:
            from PySide6.QtCore import QTimer

            self._card_jobs = []
            self._card_poll = QTimer(self)
            self._card_poll.setInterval(_POLL_MS)
            self._card_poll.timeout.connect(self._collect_cards)
        setting = self.settings.register_url() or ""  # (QSettings is read on the GUI thread only)
        self._card_jobs.append(self._card_writer.submit(self._write_card, entry, setting))
        self._card_poll.start()
        return True

    def _write_card(self, entry, setting: str) -> Exception | None:
        """In the writer thread: the card written (None) or the error met. Touches no Qt object."""
        from ..register import RegisterError, RegisterOffline

        try:
            self.register(setting).upsert(entry)
        except RegisterOffline as exc:
            with self._register_guard():  # reopened (and reconnected) at the next use
                if self._register is not None:
                    self._register.close()
                    self._register = None
            return exc
        except (RegisterError, OSError) as exc:
            return exc
        return None

    def wait_register(self, seconds: float | None = None) -> bool:
        """Wait for the cards being written (up to ``seconds``, None: until they are) and say
        their outcome now; True when none is left."""
        if not self._card_jobs:
            return True
        from concurrent.futures import wait

        wait(list(self._card_jobs), timeout=seconds)
        self._collect_cards()
        return not self._card_jobs

    def _collect_cards(self) -> None:
        """In the GUI thread: say the outcome of each card written since the last look."""
        done = [job for job in self._card_jobs if job.done()]
        self._card_jobs = [job for job in self._card_jobs if not job.done()]
        if not self._card_jobs and self._card_poll is not None:
            self._card_poll.stop()
        written = False
        for job in done:
            error = job.result()
            if error is None:
                written = True
            else:
                self._say_register_outcome(error)
        if written and self._register_window is not None and self._register_window.isVisible():
            self._register_window.refresh()

    def _say_register_outcome(self, exc: Exception) -> None:
        """The status bar's line for a card not written: the register offline, refusing, or a
        file that could not be read."""
        from ..register import RegisterError, RegisterOffline, place

        if isinstance(exc, RegisterOffline):
            text = _("The case register ({place}) is offline, its records were not updated.").format(
                place=place(exc.url, ui_language()) if exc.url else "?")
        elif isinstance(exc, RegisterError):
            text = _("The case register was not updated: {reason}").format(reason=exc.summary(ui_language()))
        else:
            text = _("The case register was not updated: {reason}").format(
                reason=str(getattr(exc, "strerror", None) or exc))
        # said after what the status bar says now ("Saved case.mlar"), which it must not hide
        shown = self.statusBar().currentMessage()
        if shown and text not in shown:
            text = f"{shown.rstrip()}{'' if shown.rstrip().endswith('.') else '.'} {text}"
        self.statusBar().showMessage(text, 10000)
