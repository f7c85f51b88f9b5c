"""UI language glue: gettext lookups in the *current* UI language, and Qt's own strings.

The UI language changes at run time, so nothing binds a translation function at import
time: ``_("text")`` looks the text up in the "ui" catalogue of the language in force now.
Qt's own strings (standard buttons, file dialogs, context menus) come from two translators,
as Frescobaldi does it: one that routes Qt's lookups through our catalogue, and Qt's
``qtbase_<lang>.qm`` shipped with PySide6.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .. import languages as _registry
from ..i18n import N_, translations

__all__ = ["N_", "_", "UI_LANGUAGES", "ui_language", "set_ui_language", "language_endonym", "qlocale"]



class _UILanguages:
    """The UI languages, each named in itself: a live view of :mod:`mla_writer.languages`
    (no CLDR lookup needed at start-up)."""

    def items(self):
        return [(code, lang.endonym) for code, lang in _registry.REGISTRY.items()]

    def get(self, code, default=None):
        lang = _registry.REGISTRY.get(code)
        return lang.endonym if lang else default

    def __contains__(self, code) -> bool:
        return _registry.is_language(code)

    def __iter__(self):
        return iter(_registry.languages())


UI_LANGUAGES = _UILanguages()

_current = "en"
_translators: list[QTranslator] = []


def ui_language() -> str:
    return _current


def _(message: str) -> str:
    """Translate ``message`` into the current UI language ("ui" gettext domain)."""
    if _current == "en":
        return message
    return translations("ui", _current).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` for ``count`` in the current UI language ("ui" domain)."""
    if _current == "en":
        return singular if count == 1 else plural
    return translations("ui", _current).ngettext(singular, plural, count)


def language_endonym(lang: str) -> str:
    return UI_LANGUAGES.get(lang, lang)


def qlocale(lang: str | None = None) -> QLocale:
    return QLocale(lang or _current)


class CatalogueTranslator(QTranslator):
    """Answers Qt's ``tr()`` lookups from our "ui" catalogue; None lets the next translator try.

    (An empty string would be taken as the translation: Qt needs a null QString, i.e. None.)
    """

    def __init__(self, lang: str, parent=None) -> None:
        super().__init__(parent)
        self._lang = lang

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 (Qt API)
        if not source_text or self._lang == "en":
            return None
        text = translations("ui", self._lang).gettext(source_text)
        return text if text != source_text else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return self._lang == "en"


def set_ui_language(lang: str) -> None:
    """Switch the UI language: our catalogue and Qt's own translations."""
    global _current
    if lang not in UI_LANGUAGES:
        lang = "en"
    _current = lang
    app = QCoreApplication.instance()
    QLocale.setDefault(QLocale(lang))
    if app is None:
        return
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if lang == "en":
        return
    qt = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{lang}", folder):
        _translators.append(qt)
    _translators.append(CatalogueTranslator(lang, app))
    for translator in _translators:
        app.installTranslator(translator)


def system_ui_language() -> str:
    name = QLocale.system().name()[:2]
    return name if name in UI_LANGUAGES else "en"
