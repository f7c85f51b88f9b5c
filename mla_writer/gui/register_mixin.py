"""The main window's side of the case register (:class:`RegisterMixin`): the open register, its
window (:mod:`.register_window`, imported when first shown) and the one place where opening or
saving a draft updates the register. Kept apart from the window's module so that the main
window's first paint does not build the register window's classes."""

from __future__ import annotations

from .i18n import _, ui_language


class RegisterMixin:
    """The main window's side of the register: the open register, the window, and the one
    place where opening or saving a draft updates the register."""

    _register = None
    _register_window = None

    def register(self):
        """The open register (opened on first use). Raises RegisterError / RegisterOffline."""
        from ..register import Register

        if self._register is None:
            self._register = Register.open(setting=self.settings.register_url() or None)
        return self._register

    def close_register(self) -> None:
        if self._register is not None:
            self._register.close()
            self._register = None

    def forget_register_window(self) -> None:
        if self._register_window is not None:
            self._register_window.close()
            self._register_window.deleteLater()
            self._register_window = None

    def show_register(self):
        """View → Case Register… (the :class:`~.register_window.RegisterWindow`, shown)."""
        from .register_window import RegisterWindow

        if self._register_window is None:
            self._register_window = RegisterWindow(self)
        else:
            self._register_window.refresh()
        self._register_window.show()
        self._register_window.raise_()
        self._register_window.activateWindow()
        return self._register_window

    def update_register(self, path) -> bool:
        """Write the card of the draft just opened or saved at ``path`` (the session's letter;
        an encrypted draft by its file only). A register offline is said in the status bar;
        the draft is not affected. True when the card was written."""
        from ..register import RegisterError, RegisterOffline, entry_for, place, stamp_facts
        from . import demo

        if not demo.records_real_work():  # training mode: nothing of it reaches the case register
            return False
        session = self.session
        try:
            facts = stamp_facts(session.stamp) if session.stamp is not None else {}
            entry = entry_for(path, session.letter, encrypted=session.sealer is not None, **facts)
            self.register().upsert(entry)
        except RegisterOffline as exc:
            self.close_register()
            self.statusBar().showMessage(_("The case register ({place}) is offline, its records were not updated.").format(
                place=place(exc.url, ui_language()) if exc.url else "?"), 10000)
            return False
        except RegisterError as exc:
            self.statusBar().showMessage(_("The case register was not updated: {reason}").format(
                reason=exc.summary(ui_language())), 10000)
            return False
        except OSError as exc:
            self.statusBar().showMessage(_("The case register was not updated: {reason}").format(
                reason=str(exc.strerror or exc)), 10000)
            return False
        if self._register_window is not None and self._register_window.isVisible():
            self._register_window.refresh()
        return True
