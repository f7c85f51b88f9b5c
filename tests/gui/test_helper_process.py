"""The checklist and the preview's render run in a helper process (mla_writer.gui.helper_process,
issue 12: in a worker thread they held the interpreter lock the GUI thread needed, and typing
into a large case stalled): only the changed parts of the letter travel, only the newest job
of a runner is delivered, the helper's environment follows the application's, and a helper
that ends is replaced by the runner's thread without losing the result."""

from __future__ import annotations

import os

import pytest

from mla_writer import checklist, storage
from mla_writer.gui import helper_process
from mla_writer.gui.background import LatestOnly
from mla_writer.gui.helper_process import Job, check_letter, fill_notes, note_counts

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _helper_for_every_letter(monkeypatch):
    """The helper runs the jobs of these small letters too (it is otherwise started only once a
    job in a thread was slow: :func:`helper_process.wanted`)."""
    monkeypatch.setenv("MLA_WRITER_HELPER", "always")


def data_folder_seen(letter, name: str):
    """(a job for the helper: module-level, so that it pickles) the environment variable
    ``name`` as the helper sees it, and the letter's place."""
    return os.environ.get(name), letter.place.get("fr")


def process_id(letter):
    return os.getpid()


def _statuses(report):
    return [(r.point.id, r.status, [p.to_dict() for p in r.errors], [p.to_dict() for p in r.warnings])
            for r in report.results]


@pytest.fixture
def updates(monkeypatch):
    """What the runners send to the helper: ``(key, changed field names, removed)`` per update."""
    sent = []
    helper = helper_process.helper()
    assert helper is not None, "the helper process did not start"
    real = helper.update
    monkeypatch.setattr(helper, "update", lambda key, changed, removed: sent.append((key, sorted(changed), removed))
                        or real(key, changed, removed))
    return sent


def test_only_the_changed_fields_travel_and_the_report_is_the_one_made_here(qtbot, updates, example_path):
    from tests.conftest import TODAY

    letter = storage.load(example_path)
    runner = LatestOnly()
    work = Job(check_letter, lang="en", today=TODAY)
    with qtbot.waitSignal(runner.finished, timeout=30_000) as got:
        runner.submit(letter, work)
    assert len(updates) == 1 and "facts" in updates[0][1] and "persons" in updates[0][1]  # all of it, the first time
    assert _statuses(got.args[0]) == _statuses(checklist.check(letter, "en", TODAY))

    letter.facts.summary.set(letter.drafting_language, "")  # one field changes
    with qtbot.waitSignal(runner.finished, timeout=30_000) as got:
        runner.submit(letter, work)
    assert updates[-1][1] == ["facts"]
    assert _statuses(got.args[0]) == _statuses(checklist.check(letter, "en", TODAY))
    assert any(p.path.startswith("facts.summary") for p in got.args[0].problems())

    with qtbot.waitSignal(runner.finished, timeout=30_000):
        runner.submit(letter, work)  # nothing changed: nothing travels
    assert len(updates) == 2
    runner.shutdown()


def test_only_the_newest_job_of_a_runner_is_delivered(qtbot, updates):
    from mla_writer.model import LetterOfRequest

    runner = LatestOnly()
    got = []
    runner.finished.connect(got.append)
    letter = LetterOfRequest()
    for place in ("Lille", "Roubaix", "Tourcoing"):
        letter.place.set("fr", place)
        runner.submit(letter, Job(data_folder_seen, name="HOME"))
    qtbot.waitUntil(lambda: not runner.pending(), timeout=30_000)
    qtbot.wait(100)
    assert [place for _home, place in got] == ["Tourcoing"]
    runner.shutdown()


def test_the_helper_sees_the_applications_environment(qtbot, monkeypatch, tmp_path):
    """The checklist reads the installed State packs from MLA_WRITER_DATA_DIR: the helper,
    started earlier, reads the folder set now."""
    from mla_writer.model import LetterOfRequest

    monkeypatch.setenv("MLA_WRITER_DATA_DIR", str(tmp_path / "one"))
    runner = LatestOnly()
    with qtbot.waitSignal(runner.finished, timeout=30_000) as got:
        runner.submit(LetterOfRequest(), Job(data_folder_seen, name="MLA_WRITER_DATA_DIR"))
    assert got.args[0][0] == str(tmp_path / "one")
    monkeypatch.setenv("MLA_WRITER_DATA_DIR", str(tmp_path / "two"))
    with qtbot.waitSignal(runner.finished, timeout=30_000) as got:
        runner.submit(LetterOfRequest(), Job(data_folder_seen, name="MLA_WRITER_DATA_DIR"))
    assert got.args[0][0] == str(tmp_path / "two")
    runner.shutdown()


def test_a_helper_that_ends_is_replaced_and_nothing_is_lost(qtbot):
    from mla_writer.model import LetterOfRequest

    runner = LatestOnly()
    with qtbot.waitSignal(runner.finished, timeout=30_000) as got:
        runner.submit(LetterOfRequest(), Job(process_id))
    first = helper_process.helper()
    assert got.args[0] == first.process.pid != os.getpid()
    first.process.kill()  # the helper dies (killed, out of memory ...)
    first.process.join(10)
    qtbot.waitUntil(lambda: not first.alive, timeout=10_000)
    with qtbot.waitSignal(runner.finished, timeout=30_000) as got:
        runner.submit(LetterOfRequest(), Job(process_id))  # a new helper does it
    assert got.args[0] not in (first.process.pid, None)
    runner.shutdown()


def test_without_the_helper_the_thread_does_the_work(qtbot, monkeypatch):
    from mla_writer.model import LetterOfRequest

    monkeypatch.setenv("MLA_WRITER_NO_HELPER", "1")
    runner = LatestOnly()
    with qtbot.waitSignal(runner.finished, timeout=30_000) as got:
        runner.submit(LetterOfRequest(), Job(process_id))
    assert got.args[0] == os.getpid()
    runner.shutdown()


def test_note_marks_are_filled_and_a_change_of_counts_only_is_told_apart():
    mark = helper_process.NOTE_MARK
    shown = f"<p>a</p><p>{mark.format(kind='characters', count=10)}</p><p>{mark.format(kind='blocks', count=3)}</p>"
    typed = shown.replace(":10\ue001", ":12\ue001")
    assert note_counts(shown, typed) == [("characters", 10, 12), ("blocks", 3, 3)]
    assert note_counts(shown, typed.replace("<p>a</p>", "<p>b</p>")) is None  # the letter's text changed
    assert note_counts(shown, typed.replace("blocks", "characters")) is None
    assert note_counts("<p>a</p>", "<p>a</p>") is None  # no notes: nothing to rewrite
    note = lambda kind, count: f"[{count} more {kind} & co]"  # noqa: E731
    assert fill_notes(typed, note) == "<p>a</p><p>[12 more characters &amp; co]</p><p>[3 more blocks &amp; co]</p>"
    assert fill_notes("<p>plain</p>", note) == "<p>plain</p>"


def test_an_ordinary_letter_needs_no_helper_and_a_large_one_calls_for_it(qtbot, monkeypatch, example_path):
    """The jobs of an ordinary letter run in the runner's thread and no helper process is
    started (a second process costs memory an ordinary letter does not need); a letter of
    :data:`helper_process.LARGE_LETTER` characters or more sends them to the helper."""
    monkeypatch.delenv("MLA_WRITER_HELPER")
    monkeypatch.setattr(helper_process, "_large", False)
    started = []
    monkeypatch.setattr(helper_process, "Helper", lambda: started.append(1) or pytest.fail("helper started"))
    letter = storage.load(example_path)
    runner = LatestOnly(Job(process_id))
    with qtbot.waitSignal(runner.finished, timeout=20_000) as blocker:
        runner.submit(letter)
    assert blocker.args == [os.getpid()] and started == [] and not helper_process.wanted()

    monkeypatch.undo()  # (the real helper again)
    monkeypatch.delenv("MLA_WRITER_HELPER", raising=False)
    monkeypatch.setattr(helper_process, "_large", False)
    lang = letter.drafting_language
    letter.facts.summary.set(lang, "The accounts were emptied. " * (helper_process.LARGE_LETTER // 27 + 1))
    with qtbot.waitSignal(runner.finished, timeout=60_000) as blocker:
        runner.submit(letter)
    assert helper_process.wanted() and blocker.args[0] != os.getpid()
    runner.shutdown()


def test_opening_a_large_draft_starts_the_helper_while_it_loads(make_window, tmp_path, monkeypatch, example_path):
    """A draft file of LARGE_LETTER bytes or more starts the helper before the draft is read
    (its first check and preview do not wait for the helper to start); a small one does not."""
    from mla_writer import storage as storage_module

    monkeypatch.delenv("MLA_WRITER_HELPER")
    monkeypatch.setattr(helper_process, "_large", False)
    events = []
    monkeypatch.setattr(helper_process, "helper", lambda: events.append("helper started"))
    real_open = storage_module.open_draft
    monkeypatch.setattr(storage_module, "open_draft", lambda *a, **k: events.append("draft read") or real_open(*a, **k))
    window = make_window("en")
    small = tmp_path / "small.mlar"
    small.write_bytes(example_path.read_bytes())
    assert window.open_file(str(small), ask=False)
    assert events == ["draft read"]
    letter = storage.load(example_path)
    letter.facts.summary.set(letter.drafting_language, "The accounts were emptied. " * (helper_process.LARGE_LETTER // 27 + 1))
    large = tmp_path / "large.mlar"
    storage.save(letter, large, backup=False)
    events.clear()
    window.session.dirty = False
    assert window.open_file(str(large), ask=False)
    assert events[:2] == ["helper started", "draft read"] and helper_process.wanted()
