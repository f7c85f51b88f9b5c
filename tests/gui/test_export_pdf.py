"""File > Export PDF: the export letter flow, LibreOffice in the background, errors in a dialog."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QAction

pytestmark = pytest.mark.gui
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
from render_helpers import soffice  # noqa: E402

EXPORT_PDF = "Export &PDF\u2026"


def _pdf_action(window) -> QAction:
    files = window.menuBar().actions()[0].menu()
    actions = [a for a in files.actions() if a.text() == EXPORT_PDF]
    assert len(actions) == 1, [a.text() for a in files.actions()]
    assert actions[0].isEnabled()
    return actions[0]


def test_export_pdf_writes_a_pdfa_file_without_blocking_the_window(make_window, example_path, tmp_path, qtbot):
    from pypdf import PdfReader

    soffice()  # LibreOffice is required: fail, never skip
    window = make_window()
    assert window.open_file(str(example_path))
    target = tmp_path / "lettre.pdf"
    asked = []
    window.ask_export_incomplete = lambda count: asked.append(count) or True
    window.ask_export_variant = lambda: ("pseudonyms", True)  # the sample names a victim by a pseudonym
    window.ask_export_pdf_path = lambda: str(target)
    with qtbot.waitSignal(window.exported, timeout=180_000) as exported:
        _pdf_action(window).trigger()
        # the conversion runs in a worker: the window is back to its event loop at once
        assert window.pdf_job is not None and not target.exists()
        assert "LibreOffice" in window.statusBar().currentMessage()
        assert window.export_letter_pdf() is False  # one PDF at a time
    assert exported.args == [str(target)]
    assert window.pdf_job is None
    assert target.read_bytes().startswith(b"%PDF-")
    metadata = PdfReader(target).xmp_metadata.rdf_root.toxml()
    assert "pdfaid" in metadata and ">2<" in metadata.split("part")[1]
    assert str(target) in window.statusBar().currentMessage()
    annex = window.annex_path(target)  # the confidential annex of identities, beside the letter
    assert annex.read_bytes().startswith(b"%PDF-")
    assert not getattr(window, "error_box", None) or not window.error_box.isVisible()


def test_export_pdf_without_libreoffice_says_how_to_install_it(make_window, example_path, tmp_path, qtbot, monkeypatch):
    monkeypatch.setenv("MLA_WRITER_SOFFICE", str(tmp_path / "no" / "soffice"))
    window = make_window()
    assert window.open_file(str(example_path))
    asked = []
    window.ask_export_pdf_path = lambda: asked.append(1) or str(tmp_path / "x.pdf")
    _pdf_action(window).trigger()
    qtbot.waitUntil(lambda: getattr(window, "error_box", None) is not None and window.error_box.isVisible())
    text = window.error_box.text()
    assert "libreoffice-writer-nogui" in text and "MLA_WRITER_SOFFICE" in text
    assert asked == [] and window.pdf_job is None
    assert not (tmp_path / "x.pdf").exists()


def test_a_failed_conversion_shows_libreoffices_reason(make_window, example_path, tmp_path, qtbot, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\n[ \"$1\" = --version ] && { echo 'LibreOffice 7.6.0.1'; exit 0; }\n"
                    "echo 'Error: source file could not be loaded' >&2; exit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("MLA_WRITER_SOFFICE", str(fake))
    window = make_window()
    assert window.open_file(str(example_path))
    target = tmp_path / "x.pdf"
    target.write_bytes(b"previous")
    window.ask_export_incomplete = lambda count: True
    window.ask_export_variant = lambda: ("pseudonyms", False)
    window.ask_export_pdf_path = lambda: str(target)
    assert window.export_letter_pdf() is True
    qtbot.waitUntil(lambda: window.pdf_job is None, timeout=30_000)
    assert window.error_box.isVisible() and "source file could not be loaded" in window.error_box.text()
    assert target.read_bytes() == b"previous"
