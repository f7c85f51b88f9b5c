"""Main window. The full wizard comes with its own issue; this is the real application shell."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from .. import __version__
from ..checklist import POINTS


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(f"MLA Writer {__version__}")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        title = QLabel("<h2>MLA Writer</h2><p>The step-by-step wizard is coming. It will follow these points:</p>")
        title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(title)
        points = QLabel("<ol>" + "".join(f"<li>{p.label('en')}</li>" for p in POINTS) + "</ol>")
        points.setTextFormat(Qt.TextFormat.RichText)
        points.setAccessibleName("The 14 points of the checklist")
        layout.addWidget(points)
        layout.addStretch(1)
        self.setCentralWidget(body)
        self.resize(640, 560)


def run(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("MLA Writer")
    app.setOrganizationName("MLA Writer")
    window = MainWindow()
    window.show()
    return app.exec()
