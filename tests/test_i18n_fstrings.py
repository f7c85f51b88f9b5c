"""A translatable string inside an f-string is never extracted (Babel reads Python 3.11's
f-strings as plain strings): "Undo", "Untitled" and "identities" stayed English that way."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKERS = {"_", "N_", "L_", "ngettext", "gettext"}


def _calls_in_fstrings(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id in MARKERS
                        and inner.args and isinstance(inner.args[0], ast.Constant)):  # _(CONSTANT): marked elsewhere
                    lines.append(inner.lineno)
    return lines


def test_no_translation_call_inside_an_f_string():
    found = []
    for path in sorted((ROOT / "mla_writer").rglob("*.py")):
        for line in _calls_in_fstrings(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"{path.relative_to(ROOT)}:{line}")
    assert found == []


def test_the_check_sees_a_call_inside_an_f_string():
    assert _calls_in_fstrings(ast.parse("x = f'{a} <a>{escape(_(\"Undo\"))}</a>'")) == [1]
    assert _calls_in_fstrings(ast.parse("word = _('Undo')\nx = f'{word}'")) == []
    assert _calls_in_fstrings(ast.parse("x = f'{_(UNDO)}'")) == []  # a constant marked with N_ where it is defined
