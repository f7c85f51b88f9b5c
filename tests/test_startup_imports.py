"""The command line's start-up imports: building its parser needs neither pydantic nor SQLAlchemy
(each costs a few tenths of a second), and ``mla-writer`` without arguments goes straight to the
application without building the parser at all."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.split())


def test_the_parser_is_built_without_pydantic_or_sqlalchemy():
    loaded = _modules_after("from mla_writer import cli\ncli.build_parser()\nassert cli.main(['draft.mlar']) == -1")
    assert not {"pydantic", "sqlalchemy", "mla_writer.model", "mla_writer.register.db"} & loaded
    assert "mla_writer.register.cli" in loaded  # (its arguments were added)


def test_the_register_package_loads_its_names_when_first_used():
    loaded = _modules_after("import mla_writer.register as r\nassert r.DRAFT == 'draft' and r.Register.__name__ == 'Register'")
    assert {"sqlalchemy", "mla_writer.register.db", "mla_writer.register.entry"} <= loaded
    loaded = _modules_after("import mla_writer.register.cli")
    assert "sqlalchemy" not in loaded
    proc = subprocess.run([sys.executable, "-c", "import mla_writer.register as r; r.nothing_like_this"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "AttributeError" in proc.stderr and "nothing_like_this" in proc.stderr


def test_no_arguments_open_the_application_without_the_parser():
    code = """
import sys
from mla_writer import app
app.run_gui = lambda argv: print('gui', argv) or 0
from mla_writer.__main__ import main
assert main([]) == 0
"""
    proc = subprocess.run([sys.executable, "-c", code + "\nprint('cli' in ' '.join(sys.modules), 'argparse' in sys.modules)"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["gui", "[]", "False", "False"]
