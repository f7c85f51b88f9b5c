"""Architecture rules: no Qt in the domain; one definition of the points."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mla_writer"


def test_only_gui_modules_mention_pyside6():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8") and path.relative_to(PACKAGE).parts[0] != "gui"
    ]
    assert offenders == []


def test_domain_imports_no_qt():
    code = (
        "import sys, importlib\n"
        "for name in ('mla_writer.model', 'mla_writer.checklist', 'mla_writer.storage', 'mla_writer.cli',"
        " 'mla_writer.catalogue', 'mla_writer.i18n', 'mla_writer.office',"
        " 'mla_writer.register', 'mla_writer.register.calendar', 'mla_writer.register.zones'):\n"
        "    importlib.import_module(name)\n"
        "try:\n    importlib.import_module('mla_writer.render')\nexcept ModuleNotFoundError:\n    pass\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_section_has_exactly_one_rule():
    """The sections are defined once (mla_writer.points); the checklist attaches one rule to each."""
    from mla_writer.checklist import RULES
    from mla_writer.points import SECTIONS

    assert list(RULES) == [s.id for s in SECTIONS]
    assert len({s.id for s in SECTIONS}) == len(SECTIONS) == 16


def test_points_module_is_light():
    """The window lists the points before the model loads: mla_writer.points imports no pydantic."""
    code = (
        "import sys, mla_writer.points\n"
        "print(sorted(m for m in ('pydantic', 'mla_writer.model', 'mla_writer.checklist', 'dataclasses') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "[]", proc.stdout + proc.stderr
