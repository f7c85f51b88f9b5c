"""The wizard at 1024×768 in every UI language: navigation buttons, the step's message and
titles whole, nothing outside the window (issue 11: in Russian the navigation bar wrapped at
1024 px); messages that come and go move nothing under the user's pointer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenuBar, QScrollArea, QWidget

pytestmark = pytest.mark.gui

LANGS = ["en", "fr", "ru", "es"]


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _in_window(window, widget: QWidget) -> bool:
    box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return window.rect().contains(box)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _button_problems(window, button) -> list[str]:
    name = _plain(button.text())
    found = []
    if not button.isVisible():
        found.append(f"{name!r} is not shown")
    if button.width() < button.sizeHint().width():
        found.append(f"{name!r} is {button.width()} px wide, its text needs {button.sizeHint().width()}")
    if button.fontMetrics().horizontalAdvance(name) > button.contentsRect().width():
        found.append(f"{name!r}: text wider than the button")
    if not _in_window(window, button):
        found.append(f"{name!r} is (partly) outside the window")
    return found


def _label_problems(window, label, one_line: bool) -> list[str]:
    text = label.text()
    found = []
    width = label.contentsRect().width()
    needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
    if label.height() < needed:
        found.append(f"{text!r} is cut off ({label.height()} px high, needs {needed})")
    longest = max((label.fontMetrics().horizontalAdvance(word) for word in text.split()), default=0)
    if longest > width:
        found.append(f"{text!r}: a word is wider than the label")
    if one_line and label.fontMetrics().horizontalAdvance(text) > width:
        found.append(f"{text!r} wraps ({label.fontMetrics().horizontalAdvance(text)} px in {width})")
    if not _in_window(window, label):
        found.append(f"{text!r} is (partly) outside the window")
    return found


def _sidebar_problems(window) -> list[str]:
    sidebar = window.sidebar
    found = []
    viewport = sidebar.viewport().rect()
    for row in range(sidebar.count()):
        item = sidebar.item(row)
        box = sidebar.visualItemRect(item)
        if box.right() > viewport.right():
            found.append(f"sidebar {item.text()!r} runs past the list's edge")
        needed = sidebar.fontMetrics().boundingRect(
            QRect(0, 0, box.width() - 4, 1 << 16), int(Qt.TextFlag.TextWordWrap), item.text()
        ).height()
        if box.height() < needed:
            found.append(f"sidebar {item.text()!r} is cut off ({box.height()} px high, needs {needed})")
    return found


def _menu_problems(window) -> list[str]:
    bar: QMenuBar = window.menuBar()
    return [f"menu {a.text()!r} does not fit the menu bar" for a in bar.actions()
            if a.isVisible() and not bar.rect().contains(bar.actionGeometry(a))]


@pytest.mark.parametrize("lang", LANGS)
def test_navigation_fits_at_1024_by_768(make_window, example_path, lang):
    window = make_window(lang)
    window.resize(1024, 768)
    assert window.open_file(str(example_path))
    _settle()
    assert (window.width(), window.height()) == (1024, 768)
    problems: list[str] = []
    for step in range(len(window.plan)):
        window.go_to(step)
        _settle()
        page = window.current_page()
        where = f"step {step + 1}"
        for button in (window.back_button, window.next_button, window.preview_button):
            problems += [f"{where}: {p}" for p in _button_problems(window, button)]
        problems += [f"{where}: {p}" for p in _label_problems(window, window.nav_message, one_line=True)]
        scroll = getattr(page, "scroll", None)
        if isinstance(scroll, QScrollArea) and scroll.widget().width() > scroll.viewport().width():
            problems.append(f"{where}: the form is {scroll.widget().width()} px wide in {scroll.viewport().width()}: "
                            "its right side is cut off")
        title = page.findChild(QLabel, "stepTitle")
        if title is not None:
            problems += [f"{where}: title {p}" for p in _label_problems(window, title, one_line=False)]
            if title.mapTo(page.scroll.viewport(), QPoint(title.width(), 0)).x() > page.scroll.viewport().width():
                problems.append(f"{where}: the title runs past the page's edge")
    problems += _sidebar_problems(window)
    problems += _menu_problems(window)
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_refusal_message_fits_without_moving_the_buttons(make_window, example_path, lang):
    window = make_window(lang)
    window.resize(1024, 768)
    assert window.open_file(str(example_path))
    window.go_to(window.step_of_section["closing"])
    _settle()
    before = window.next_button.mapTo(window, QPoint(0, 0))
    window.session.set("date", None)
    window.run_check()
    assert window.go_next() is False
    _settle()
    assert window.nav_message.text() != ""
    assert _label_problems(window, window.nav_message, one_line=False) == []
    assert _button_problems(window, window.next_button) == []
    assert window.next_button.mapTo(window, QPoint(0, 0)) == before  # the buttons stay where they were


def _y(widget) -> int:
    return widget.mapTo(widget.window(), QPoint(0, 0)).y()


def test_a_checklist_message_that_goes_keeps_its_space_until_the_step_is_left(make_window, example_path):
    """Issue 11: "the form jumps when a warning disappears, so clicks land on the wrong field"."""
    window = make_window("en")
    assert window.open_file(str(example_path))
    step = window.step_of_section["closing"]
    window.go_to(step)
    page = window.current_page()
    editor, label = page.problem_map.entries["date"]
    below = [e for e, _l in page.problem_map.entries.values() if e.isVisible() and _y(e) > _y(editor)]
    assert below
    watched = min(below, key=_y)
    day = window.session.letter.date
    window.session.set("date", None)
    window.run_check()
    _settle()
    assert label.isVisible() and label.problems
    shown_at = _y(watched)
    window.session.set("date", day)
    window.run_check()
    _settle()
    assert not label.isVisible() and not label.problems  # the message went ...
    assert _y(watched) == shown_at  # ... and nothing under it moved
    window.go_to(step + 1)
    window.go_to(step)
    _settle()
    assert _y(watched) < shown_at  # the space is given back once the step was left


# -- trial of issue 11, L1-L7: nothing moves, nothing is cut, in a 1024×768 window --------------------------


def _open_at_1024(make_window, example_path, lang):
    window = make_window(lang)
    window.resize(1024, 768)
    assert window.open_file(str(example_path))
    _settle()
    return window


@pytest.mark.parametrize("lang", LANGS)
def test_the_last_step_does_not_move_the_splitter(make_window, example_path, lang):
    """L1: opening "Review and export" widened the wizard's column and narrowed the preview
    for good."""
    window = _open_at_1024(make_window, example_path, lang)
    window.go_to(1)
    _settle()
    before = window.splitter.sizes()
    for step in range(len(window.plan)):
        window.go_to(step)
        _settle()
        assert window.splitter.sizes() == before, f"step {step + 1} moved the splitter"
    window.go_to(window.step_of_section["assistance"])
    _settle()
    assert window.splitter.sizes() == before


def _tab_problems(where: str, bar) -> list[str]:
    found = []
    for i in range(bar.count()):
        text = bar.tabText(i)
        box = bar.tabRect(i)
        if not bar.rect().contains(box):
            found.append(f"{where}: tab {text!r} runs past its bar ({box.right()} > {bar.width()})")
        if box.width() < bar.tabSizeHint(i).width():
            found.append(f"{where}: tab {text!r} is cut ({box.width()} px for {bar.tabSizeHint(i).width()})")
        if not bar.tabToolTip(i):
            found.append(f"{where}: tab {text!r} has no tooltip saying what it is")
    buttons = [b for b in bar.findChildren(QWidget) if b.isVisible() and b.parent() is bar]
    if buttons:
        found.append(f"{where}: the tab bar {[bar.tabText(i) for i in range(bar.count())]} needs scroll buttons")
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_language_tabs_are_shown_whole(make_window, example_path, lang):
    """L2: the tabs of a text held in two languages showed "ançais" or "Выход: Русский • требуе…"
    with scroll arrows on points 8, 9, 10 and 14."""
    from PySide6.QtWidgets import QTabBar

    window = _open_at_1024(make_window, example_path, lang)
    letter = window.session.letter
    letter.output_language = "es"
    letter.facts.summary.set("es", "")  # a Spanish text still to be written: "Output: Español • to translate"
    window.session.languages_changed.emit()
    _settle()
    problems: list[str] = []
    seen = 0
    for step in range(1, len(window.plan)):
        window.go_to(step)
        _settle()
        page = window.current_page()
        for bar in page.findChildren(QTabBar):
            if bar.isVisible() and bar.count() > 1:
                seen += 1
                problems += _tab_problems(f"step {step + 1}", bar)
    assert seen > 5
    assert problems == []


@pytest.mark.parametrize("lang", ["ru", "fr"])
def test_the_legal_basis_list_has_the_column_width(make_window, example_path, lang):
    """L3: the list of legal bases was ~120 px wide beside its buttons, its entry cut off."""
    window = _open_at_1024(make_window, example_path, lang)
    window.go_to(window.step_of_section["legal_basis"])
    _settle()
    page = window.current_page()
    editor = page.problem_map.entries["legal_bases"][0]
    items = editor.list
    viewport = page.scroll.viewport().width()
    assert items.width() >= viewport * 0.8, f"the list is {items.width()} px wide in a column of {viewport}"
    assert not items.horizontalScrollBar().isVisible()
    for row in range(items.count()):
        box = items.visualItemRect(items.item(row))
        needed = items.fontMetrics().boundingRect(
            QRect(0, 0, box.width() - 8, 1 << 16), int(Qt.TextFlag.TextWordWrap), items.item(row).text()).height()
        assert box.height() >= needed, f"{items.item(row).text()!r} is cut off"
        assert box.right() <= items.viewport().width()
    for button in (editor.add_button, editor.remove_button, editor.up_button, editor.down_button):
        assert button.isVisible() and button.width() >= button.sizeHint().width()
        assert _in_window(window, button)


def _breaks_inside_words(document) -> list[str]:
    """Lines of ``document`` (laid out) that end inside a word: "ACKNOWLEDGE|MENT"."""
    found = []
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(layout.lineCount() - 1):
            line = layout.lineAt(i)
            end = line.textStart() + line.textLength()
            if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                found.append(f"{text[max(0, end - 15):end]}|{text[end:end + 15]}")
        block = block.next()
    return found


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_preview_never_breaks_a_word(make_window, example_path, qtbot, lang):
    """L4: "ПОДТВЕРЖДЕН / ИЕ ПОЛУЧЕНИЯ", "Конта/ктное", "ACKNOWLEDGE/MENT" in a narrow preview:
    words wrap whole (and a pane too narrow for the letter scrolls sideways)."""
    window = _open_at_1024(make_window, example_path, lang)
    window.session.letter.output_language = lang
    window.session.languages_changed.emit()
    window.splitter.setSizes([270, 1024 - 270 - 200, 200])  # the narrowest the user may make it
    _settle()
    window.preview.render_now()
    preview = window.preview
    qtbot.waitUntil(lambda: preview.view is not None and not preview.timer.isActive()
                    and preview.shown_generation == preview.generation > 0, timeout=20000)
    _settle()
    document = preview.view.document()
    document.documentLayout().documentSize()  # laid out at the pane's width
    assert _breaks_inside_words(document) == []
    html = document.toHtml().lower()
    for css in ("word-break", "break-all", "overflow-wrap", "break-word", "wrap-anywhere"):
        assert css not in html


def test_the_preview_html_has_no_css_that_breaks_words(example):
    from mla_writer.render import render_html

    for lang in ("en", "ru"):
        html = render_html(example, lang).lower()
        for css in ("word-break", "break-all", "overflow-wrap", "break-word", "wrap-anywhere"):
            assert css not in html


@pytest.mark.parametrize("lang", ["ru", "fr"])
def test_the_find_bar_moves_nothing(make_window, example_path, qtbot, lang):
    """L6: "Not found" widened the preview by 15 px and moved the wizard's buttons; the find
    box shrank to four letters."""
    from .helpers import type_text

    window = _open_at_1024(make_window, example_path, lang)
    window.go_to(window.step_of_section["assistance"])
    _settle()
    sizes = window.splitter.sizes()
    next_at = window.next_button.mapTo(window, QPoint(0, 0))
    bar = window.preview.find_bar
    window.find_in_preview()
    _settle()
    assert window.splitter.sizes() == sizes
    type_text(bar.box, "Zorglub")
    _settle()
    assert bar.status.text() and bar.status.isVisible()
    assert window.splitter.sizes() == sizes
    assert window.next_button.mapTo(window, QPoint(0, 0)) == next_at
    assert bar.status.width() >= bar.status.fontMetrics().horizontalAdvance(bar.status.text())
    placeholder = bar.box.fontMetrics().horizontalAdvance(bar.box.placeholderText())
    assert bar.box.width() >= placeholder + 20, f"the find box is {bar.box.width()} px for {placeholder}"
    for widget in bar.findChildren(QWidget):
        if widget.isVisible():
            assert bar.rect().contains(QRect(widget.mapTo(bar, QPoint(0, 0)), widget.size()))
    QTest.keyClick(bar.box, Qt.Key.Key_Escape)
    _settle()
    assert window.splitter.sizes() == sizes


def _date_editor(window):
    window.go_to(window.step_of_section["closing"])
    _settle()
    page = window.current_page()
    return page, page.problem_map.entries["date"][0]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [1024, 942, 800])
def test_a_date_keeps_no_blank_gap_and_its_message_shows_whole(make_window, example_path, lang, width):
    """L5: a blank gap of ~50 px stayed under the letter's date; L7: "31/02/2027" was refused
    with a message whose third line hid behind the next one (942 px: the window's first size
    on a 1024×768 screen)."""
    window = _open_at_1024(make_window, example_path, lang)
    window.resize(width, 768)
    _settle()
    page, editor = _date_editor(window)
    slot = editor.error.parentWidget()
    line = slot.fontMetrics().lineSpacing()
    assert slot.height() <= line + 4, f"{slot.height()} px kept under the date for no message"
    editor.edit.setFocus()
    editor.set_text("31/02/2027")
    window.run_check()
    _settle()
    label = editor.error
    assert label.isVisible() and "31/02/2027" in label.text()
    assert label.height() >= label.heightForWidth(label.width()), "the message is cut off"
    assert slot.height() >= label.heightForWidth(slot.width()), "the message runs past its place"
    assert slot.height() >= label.geometry().bottom() + 1, "the message runs past its place"
    top = slot.mapTo(page, QPoint(0, 0)).y() + slot.height()
    problem = page.problem_map.entries["date"][1]
    assert problem.isVisible() and problem.problems  # "Give the date of the request."
    assert problem.mapTo(page, QPoint(0, 0)).y() >= top, "the next line lies over the message"


# -- issue 11, "Done when": every step in ru at 1024×768 shows nothing clipped ---------------------------


def _shipped_sample():
    from mla_writer.samples import DEFAULT_SAMPLE, sample_path

    return sample_path(DEFAULT_SAMPLE)  # the complete sample: every kind of measure, every conditional field


@pytest.mark.parametrize("lang", LANGS)
def test_no_step_cuts_any_text_at_1024_by_768(make_window, lang):
    """Every step, and every item of its lists (each kind of measure, each person ...), with the
    shipped complete sample: no label, button, tick box or drop-down shows its text cut, and none
    runs past the column (the trial found annex titles cut in their drop-downs, and the French
    "Langue de la lettre :" cut on the last step)."""
    from mla_writer.gui.widgets.listeditor import ListEditor

    from .clipping import clipped

    def laid_out() -> None:  # (text boxes grow to their text: a few rounds of layout)
        for _ in range(4):
            _settle()

    window = _open_at_1024(make_window, _shipped_sample(), lang)
    problems: list[str] = []
    seen_lists = 0
    for step in range(len(window.plan)):
        window.go_to(step)
        laid_out()
        page = window.current_page()
        problems += [f"step {step + 1}: {p}" for p in clipped(window, page)]
        for editor in [e for e in page.findChildren(ListEditor) if e.isVisible()]:
            seen_lists += 1
            for row in range(editor.list.count()):
                editor.list.setCurrentRow(row)
                laid_out()
                problems += [f"step {step + 1}, {editor.path} {row + 1}: {p}" for p in clipped(window, page)]
    problems += [f"window: {p}" for p in clipped(window, window.sidebar)]
    assert seen_lists >= 8
    assert list(dict.fromkeys(problems)) == []


def test_a_long_choice_is_shown_whole_when_closed_and_in_its_list(make_window, qtbot):
    """An annex whose title is longer than the column: its drop-down grows to show all of it on
    wrapped lines, and the list it opens shows every choice whole."""
    from PySide6.QtCore import QRect

    from mla_writer.gui.widgets.fields import ChoiceField, WrapCombo

    from .clipping import combo_text_rect, wrapped_height

    class Session:  # the field reads and writes one value
        value = None

        def get(self, _path):
            return self.value

        def set(self, _path, value):
            self.value = value

    window = make_window("ru")
    title = ("Постановление следственного судьи о проведении обыска и выемки в помещениях общества "
             "с ограниченной ответственностью VEST-LOGISTIC SRL от 18 ноября 2026 года")
    options = [("a1", "Приложение 1: Протокол"), ("a2", f"Приложение 2: {title}")]
    session = Session()
    field = ChoiceField(session, "annex", options, parent=None)
    qtbot.addWidget(field)
    field.resize(300, 40)
    field.show()
    combo = field.combo
    assert isinstance(combo, WrapCombo)
    one_line = combo.height()
    combo.setCurrentIndex(2)
    assert session.value == "a2"
    field.layout().activate()
    field.resize(300, field.heightForWidth(300))
    _settle()
    box = combo_text_rect(combo)
    needed = wrapped_height(combo.fontMetrics(), combo.currentText(), box.width() - 4)
    assert combo.height() > one_line
    assert box.height() >= needed, f"{box.height()} px for {needed}"
    combo.showPopup()
    _settle()
    view = combo.view()
    for row in range(combo.count()):
        rect = view.visualRect(view.model().index(row, 0))
        text = combo.itemText(row)
        need = combo.fontMetrics().boundingRect(QRect(0, 0, rect.width() - 8, 1 << 20),
                                                int(Qt.TextFlag.TextWordWrap), text).height()
        assert rect.height() >= need, f"choice {row} is cut in the list ({rect.height()} px for {need})"
        assert rect.right() <= view.viewport().width()
    combo.hidePopup()


@pytest.mark.parametrize("lang", ["ru", "fr"])
def test_the_preview_scales_the_letter_to_a_narrow_pane(make_window, example_path, qtbot, lang):
    """At 1024×768 the preview pane is some 300 px wide: the letter is shown smaller, whole,
    rather than cut at the pane's right edge; given the room again, it is shown at full size."""
    window = _open_at_1024(make_window, _shipped_sample(), lang)
    window.session.letter.output_language = lang
    window.session.languages_changed.emit()
    preview = window.preview

    def settled() -> bool:  # rendered, shown and fitted, nothing more on its way
        _settle()
        return (preview.view is not None and preview.shown_generation == preview.generation > 0
                and not preview.timer.isActive() and not preview.fit_timer.isActive())

    preview.render_now()
    qtbot.waitUntil(settled, timeout=20000)
    view = preview.view
    assert preview.scale < 1
    assert view.document().size().width() <= view.viewport().width() + 1, "the letter is wider than the pane"
    assert not view.horizontalScrollBar().isVisible()
    narrow = preview.scale
    window.resize(1600, 768)  # a wider window: the preview is given 700 px
    _settle()
    sizes = window.splitter.sizes()
    window.splitter.setSizes([sizes[0], sum(sizes) - sizes[0] - 700, 700])
    qtbot.waitUntil(settled, timeout=20000)
    wide = view.viewport().width()
    assert wide > 600
    assert preview.scale == 1.0 > narrow
    assert view.document().size().width() <= wide + 1


def _focus_in(widget) -> None:
    target = widget.focus_widget() if hasattr(widget, "focus_widget") else widget
    target.setFocus()
    _settle()
    assert QApplication.focusWidget() is target


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_message_that_comes_above_the_field_being_typed_in_moves_it_not(make_window, example_path, lang):
    """L5: a checklist message appearing under a field higher up (or a status line that grows)
    pushed down the field the user was typing in; it now stays where it is on screen."""
    window = _open_at_1024(make_window, example_path, lang)
    window.go_to(window.step_of_section["closing"])
    _settle()
    page = window.current_page()
    typing = page.problem_map.entries["signatory.name"][0]
    _focus_in(typing)
    at = _y(typing)
    window.session.set("date", None)
    window.run_check()
    _settle()
    for path in ("date",):
        label = page.problem_map.entries[path][1]
        assert label.isVisible() and label.problems, f"{path}: no message came"
    assert _y(typing) == at, "the field being typed in moved"


def test_a_long_one_line_text_is_shown_whole_and_stays_one_line(make_window, example_path):
    """The name of an authority longer than its box wraps in the box, which grows to show it;
    Enter adds no line, and what is kept is the one line typed."""
    from PySide6.QtWidgets import QPlainTextEdit

    from .helpers import type_text

    window = _open_at_1024(make_window, example_path, "ru")
    window.go_to(window.step_of_section["parties"])
    _settle()
    page = window.current_page()
    editor = page.problem_map.entries["addressee.name"][0]
    box = editor.edit
    assert isinstance(box, QPlainTextEdit)
    name = ("Ministère de la Justice de la République de Moldova, Direction de la coopération juridique "
            "internationale et de l'intégration européenne")
    box.setText("")
    type_text(box, name)
    type_text(box, "\n")  # Enter: no new line
    for _ in range(4):
        _settle()
    assert window.session.letter.addressee.name.get(editor.language()) == name
    assert box.text() == name and "\u2029" not in box.document().toRawText()
    lines = int(box.document().documentLayout().documentSize().height())
    assert lines >= 2
    assert box.viewport().height() >= lines * box.fontMetrics().lineSpacing(), "the box did not grow to show the name"
    assert not box.verticalScrollBar().isVisible() and not box.horizontalScrollBar().isVisible()


def test_a_text_box_grows_with_its_text_and_then_scrolls(qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from mla_writer.gui.widgets.fields import GROW_LINES, TextBox

    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    box = TextBox(3)
    layout.addWidget(box)
    layout.addStretch(1)
    holder.resize(300, 900)
    holder.show()
    box.setPlainText("word " * 40)
    for _ in range(4):
        _settle()
    lines = int(box.document().documentLayout().documentSize().height())
    assert 3 < lines <= GROW_LINES
    assert box.height() >= box.fontMetrics().lineSpacing() * lines
    assert not box.verticalScrollBar().isVisible()
    box.setPlainText("word " * 400)
    for _ in range(4):
        _settle()
    assert box.height() < box.fontMetrics().lineSpacing() * (GROW_LINES + 2)
    assert box.verticalScrollBar().isVisible()  # beyond, it scrolls


@pytest.mark.parametrize("lang", ["ru", "fr", "es"])
def test_the_longest_state_name_is_shown_whole(make_window, lang):
    """"Соединенное Королевство Великобритании и Северной Ирландии" was cut in the requested
    State's box at 1024×768: the box shows a chosen name on as many lines as it needs (while
    it is not being typed in), and every State it offers would be shown whole once chosen."""
    from .clipping import clipped

    window = _open_at_1024(make_window, _shipped_sample(), lang)
    window.session.set("requested_state", "GB")
    window.session.reloaded.emit()
    window.go_to(window.step_of_section["parties"])
    for _ in range(4):
        _settle()
    page = window.current_page()
    combo = page.problem_map.entries["requested_state"][0].combo
    combo.ensure_filled()
    _settle()
    assert combo.currentData() == "GB"
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) > 0
    assert clipped(window, page) == []


def test_a_status_message_never_moves_the_window_content(make_window, qtbot):
    """The status bar is there from the start: the first message (after an export, a save) does
    not push the wizard and its Back/Next buttons up under the user's hands."""
    window = make_window("ru")
    before = window.splitter.geometry()
    window.statusBar().showMessage("Письмо экспортировано: /tmp/запрос-ru.docx", 8000)
    qtbot.wait(50)
    assert window.splitter.geometry() == before
    window.statusBar().clearMessage()
    qtbot.wait(50)
    assert window.splitter.geometry() == before
