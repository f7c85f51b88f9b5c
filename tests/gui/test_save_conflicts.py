"""Saving from the window never overwrites what it should not (issue 12): a draft changed on
disk since it was opened (a colleague's save) is not overwritten without the user's choice,
and a read-only draft is not overwritten: the user is offered Save As."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from mla_writer.storage import load

pytestmark = pytest.mark.gui


@pytest.fixture
def opened(make_window, example_path, tmp_path):
    path = tmp_path / "case.mlar"
    shutil.copyfile(example_path, path)
    window = make_window()
    assert window.open_file(str(path), ask=False)
    window.session.letter.place.set("fr", "Mine")
    window.session.touch()
    asked = []
    window.ask_changed_on_disk = lambda p, gone: pytest.fail("asked about a change on disk")
    window.ask_draft_path = lambda: pytest.fail("asked for a file name")
    return window, path, asked


def _colleague_saves(path):
    letter = load(path)
    letter.place.set("fr", "Colleague")
    from mla_writer.storage import save

    save(letter, path)


def test_saving_twice_asks_nothing(opened):
    window, path, _asked = opened
    assert window.save_draft()
    window.session.letter.place.set("fr", "Mine again")
    window.session.touch()
    assert window.save_draft()
    assert load(path).place.get("fr") == "Mine again"


def test_a_colleagues_save_is_not_overwritten_when_the_user_cancels(opened):
    window, path, asked = opened
    _colleague_saves(path)
    window.ask_changed_on_disk = lambda p, gone: asked.append((p, gone)) or None
    assert window.save_draft() is False
    assert asked == [(path, False)]
    assert load(path).place.get("fr") == "Colleague"
    assert window.session.dirty and window.session.letter.place.get("fr") == "Mine"


def test_overwrite_keeps_the_colleagues_version_as_the_backup(opened):
    window, path, _asked = opened
    _colleague_saves(path)
    window.ask_changed_on_disk = lambda p, gone: "overwrite"
    assert window.save_draft()
    assert load(path).place.get("fr") == "Mine"
    assert load(path.with_name(path.name + ".bak")).place.get("fr") == "Colleague"
    assert not window.session.dirty


def test_save_as_leaves_the_colleagues_file_alone(opened, tmp_path):
    window, path, _asked = opened
    _colleague_saves(path)
    window.ask_changed_on_disk = lambda p, gone: "save_as"
    window.ask_draft_path = lambda: str(tmp_path / "mine.mlar")
    assert window.save_draft()
    assert load(path).place.get("fr") == "Colleague"
    assert load(tmp_path / "mine.mlar").place.get("fr") == "Mine"
    assert window.session.path == tmp_path / "mine.mlar"


def test_reload_shows_the_version_on_disk(opened):
    window, path, _asked = opened
    _colleague_saves(path)
    window.ask_changed_on_disk = lambda p, gone: "reload"
    assert window.save_draft() is False
    assert window.session.letter.place.get("fr") == "Colleague" and not window.session.dirty


def test_a_deleted_draft_is_said_to_be_gone(opened):
    window, path, asked = opened
    path.unlink()
    window.ask_changed_on_disk = lambda p, gone: asked.append(gone) or "overwrite"
    assert window.save_draft()
    assert asked == [True] and load(path).place.get("fr") == "Mine"


def test_a_read_only_draft_is_not_overwritten_and_save_as_is_offered(opened, tmp_path):
    window, path, _asked = opened
    before = path.read_bytes()
    os.chmod(path, 0o444)
    offered = []
    window.ask_read_only = lambda p: offered.append(p) or True
    window.ask_draft_path = lambda: str(tmp_path / "copy.mlar")
    assert window.save_draft()
    assert offered == [path]
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert load(tmp_path / "copy.mlar").place.get("fr") == "Mine"
    assert window.session.path == tmp_path / "copy.mlar"


# -- a reviewer's comments saved in the file while the drafter had it open (issue 13 trial) ------


def _reviewer_comments(path, text="Name the bank."):
    from mla_writer import review
    from mla_writer.storage import save

    letter = load(path)
    if review.state(letter.review).status == "draft":
        review.set_status(letter, "submitted", review.Actor("Ion Ceban"))
    review.add_comment(letter, "urgency.deadline", text, review.Actor("Anna Popescu", "Head of unit"))
    save(letter, path)


def test_a_reviewers_comments_saved_meanwhile_are_kept_and_nothing_is_asked(opened):
    from mla_writer import review

    window, path, _asked = opened  # the drafter changed the place; asking would fail the test
    _reviewer_comments(path)
    assert window.save_draft()
    saved = load(path)
    assert saved.place.get("fr") == "Mine"  # the letter: the drafter's
    assert [c.text for c in review.state(saved.review).comments] == ["Name the bank."]  # the review: the file's
    assert review.verify(saved.review) == [] and review.state(saved.review).status == "submitted"
    assert "kept" in window.statusBar().currentMessage()
    assert [c.text for c in review.state(window.session.letter.review).comments] == ["Name the bank."]


def test_overwriting_a_colleagues_edit_keeps_the_review_and_says_so(opened):
    from mla_writer import review

    window, path, asked = opened
    _reviewer_comments(path)
    _colleague_saves(path)  # the letter changed on disk too: the user is asked
    window.ask_changed_on_disk = lambda p, gone, entries=0, kept=False: asked.append((gone, entries, kept)) or "overwrite"
    assert window.save_draft()
    assert asked == [(False, 2, True)]
    saved = load(path)
    assert saved.place.get("fr") == "Mine"
    assert [c.text for c in review.state(saved.review).comments] == ["Name the bank."]
