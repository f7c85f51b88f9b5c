"""Templates -> block markup -> element tree. The one place the letter's text comes from.

The Jinja environment is an ``ImmutableSandboxedEnvironment`` with autoescaping; user
text reaches it only as data (see :mod:`.context`). Gettext callables for the output
language are passed with each render (never installed globally), so renders in different
languages can run side by side. The environment and the compiled template are cached.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from types import MethodType
from typing import TYPE_CHECKING, Any

from ..model import LANGUAGES, LetterOfRequest
from . import RenderError

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from ..checklist import PointResult

LETTER_TEMPLATE = "letter.j2"
#: Template output is this markup language, wrapped in <letter>...</letter>.
_WS_NEWLINE = re.compile(r"\s*\n\s*")


@dataclass
class Blocks:
    """What the writers receive: the parsed letter per language (one, or two when bilingual)."""

    langs: list[str]
    roots: list[ET.Element]  # one <letter> element per language
    draft: bool
    incomplete: list[str] = field(default_factory=list)
    training: bool = False  # marked "TRAINING — NOT A REAL REQUEST" (demo mode, render --training)


#: The functions of the letter's own callables passed to a render (:func:`render_view`), which
#: the environment calls without the sandbox's checks (they read the catalogues, change nothing).
_TRUSTED: set = set()
#: The names a dict answers as attributes (its methods): ``L.items`` is the method, as the sandbox has it.
_DICT_ATTRIBUTES = frozenset(dir(dict))


@cache
def environment():
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from ..assets import get_asset
    from .context import finalize

    class _Environment(ImmutableSandboxedEnvironment):
        def getattr(self, obj: Any, attribute: str) -> Any:
            # ``L.requesting.name`` on the view's dicts: the key at once, where the sandbox would
            # first look for an attribute, fail, and then take the key (the same value, without
            # raising and catching an AttributeError for each of the letter's ~1,300 lookups).
            # Anything else, and a dict's own attributes, as the sandbox decides.
            if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except KeyError:
                    pass
            return super().getattr(obj, attribute)

        def call(self, context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            # The letter's own callables (the pieces tx, label, missing and gettext, called ~600
            # times a letter) at once: the sandbox would find them safe, and Jinja would pass them
            # no context; every other call as the sandbox decides.
            if type(obj) is MethodType and obj.__func__ in _TRUSTED:
                if kwargs:
                    kwargs.pop("_loop_vars", None)
                    kwargs.pop("_block_vars", None)
                return obj(*args, **kwargs)
            return super().call(context, obj, *args, **kwargs)

    env = _Environment(
        loader=FileSystemLoader(str(get_asset("templates"))),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
        undefined=StrictUndefined,
        auto_reload=False,
    )
    # Must match the extraction option (locales/babel-letter.cfg: trimmed = true).
    env.policies["ext.i18n.trimmed"] = True
    from .context import upper_first

    env.filters["upper_first"] = upper_first
    return env


@cache
def template(name: str = LETTER_TEMPLATE):
    from jinja2 import TemplateError

    try:
        return environment().get_template(name)
    except TemplateError as exc:  # a broken or missing template is an installation problem
        raise RenderError(f"the letter template {name} cannot be loaded: {exc}") from None


def render_markup(letter: LetterOfRequest, lang: str, incomplete: list[str], langs: list[str] | None = None,
                  full_identities: bool = False, name: str = LETTER_TEMPLATE, training: bool = False) -> str:
    """The block markup of template ``name`` for ``letter`` in ``lang`` (see :func:`.context.build_context`)."""
    from .context import build_context

    return render_view(build_context(letter, lang, incomplete, langs, full_identities, training), lang, name)


def render_view(view: dict[str, Any], lang: str, name: str = LETTER_TEMPLATE) -> str:
    """The block markup of template ``name`` for the view data ``view`` (:func:`.context.build_context`)
    in letter language ``lang``. Raises :class:`RenderError`."""
    from ..i18n import translations
    from .context import Pieces, pieces

    from jinja2 import TemplateError

    tr = translations("letter", lang)
    piece = pieces(tr)
    if type(tr).gettext not in _TRUSTED:
        _TRUSTED.update((type(tr).gettext, type(tr).ngettext, Pieces.tx, Pieces.label, Pieces.missing))
    try:
        # (``_`` is the i18n extension's alias of ``gettext``: given here, it is called directly)
        return template(name).render(L=view, gettext=tr.gettext, ngettext=tr.ngettext, _=tr.gettext,
                                     tx=piece.tx, label=piece.label, missing=piece.missing)
    except TemplateError as exc:  # a template bug (or a sandbox refusal), never the user's text
        raise RenderError(f"the letter template failed: {exc}") from None


def _normalise(elem: ET.Element) -> None:
    """Template layout whitespace (anything with a newline) becomes one space; user line
    breaks are <br/> elements by then, so they are not affected."""
    sub = _WS_NEWLINE.sub
    for node in elem.iter():  # (every element once, without a Python call per element)
        text = node.text
        if text and "\n" in text:
            node.text = sub(" ", text)
        if node is not elem:
            tail = node.tail
            if tail and "\n" in tail:
                node.tail = sub(" ", tail)


#: Characters of markup handed to the XML parser at a time: the parser (in C) holds the
#: interpreter lock while it runs, and the preview renders in a worker thread beside the GUI's.
_FEED = 1 << 16


def parse_markup(markup: str) -> ET.Element:
    try:
        parser = ET.XMLParser()
        text = f"<letter>{markup}</letter>"
        for start in range(0, len(text), _FEED):
            parser.feed(text[start:start + _FEED])
        root = parser.close()
    except ET.ParseError as exc:  # a template bug, never user text (that is escaped)
        raise RenderError(f"the letter template produced malformed markup ({exc})") from None
    _normalise(root)
    return root


def build_blocks(letter: LetterOfRequest, lang: str | None = None, bilingual: str | None = None,
                 today: dt.date | None = None, identities: str = "pseudonyms", name: str = LETTER_TEMPLATE,
                 training: bool = False, incomplete: "Sequence[PointResult] | None" = None) -> Blocks:
    """The letter (template ``name``) as blocks, in ``lang`` (and ``bilingual`` beside it).

    ``identities``: ``"pseudonyms"`` (the letter as sent: protected persons by pseudonym only)
    or ``"full"`` (the variant for the file, never sent). ``training``: mark every page
    "TRAINING — NOT A REAL REQUEST" in the letter's language (running header, and a notice at
    the start). ``incomplete``: the sections the "draft — incomplete" banner names, as
    :func:`mla_writer.checklist.incomplete_in_languages` gives them for this letter in its
    languages (``[lang]``, or ``[lang, bilingual]``) on ``today`` (for one language,
    ``check(letter, ...).incomplete()`` is the same), when the caller has just run the check;
    None (the default) runs it here. Raises :class:`RenderError`.
    """
    if identities not in ("pseudonyms", "full"):
        raise RenderError(f"unknown identities variant {identities!r} (pseudonyms or full)")
    from .context import section_labels

    lang = lang or letter.output_language
    langs = [lang]
    if bilingual and bilingual != lang:
        langs.append(bilingual)
    for code in langs:
        if code not in LANGUAGES:
            raise RenderError(f"unknown letter language {code!r} (choose one of {', '.join(LANGUAGES)})")
    # The letter as it would be sent in each language (point 14 counts untranslated text);
    # a bilingual letter is incomplete when either of its versions is.
    versions = [letter if code == letter.output_language else letter.model_copy(update={"output_language": code})
                for code in langs]
    if incomplete is None:
        from ..checklist import incomplete_in_languages

        incomplete = incomplete_in_languages(letter, langs, today=today)
    sections = [r.point for r in incomplete]
    roots = [parse_markup(render_markup(version, code, section_labels(sections, code), langs,
                                        identities == "full", name, training))
             for version, code in zip(versions, langs)]
    return Blocks(langs, roots, bool(sections), section_labels(sections, lang), training)
