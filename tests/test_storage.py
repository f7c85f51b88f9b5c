"""Draft files: atomic saves with backup, damaged files refused with a clear reason."""

from __future__ import annotations

import json
import os

import pytest

from mla_writer import storage
from mla_writer.model import LetterOfRequest
from mla_writer.storage import DraftError


def _doc(letter: dict | None = None, **envelope) -> str:
    data = {"format": storage.FORMAT_NAME, "format_version": storage.FORMAT_VERSION, "letter": letter or {}}
    data.update(envelope)
    return json.dumps(data)


def test_save_is_atomic_and_keeps_a_backup(tmp_path, example):
    path = tmp_path / "case.mlar"
    storage.save(LetterOfRequest(place={"fr": "Old"}), path)
    assert not (tmp_path / "case.mlar.bak").exists()
    storage.save(example, path)
    assert storage.load(path) == example
    assert storage.load(tmp_path / "case.mlar.bak").place.get("fr") == "Old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.mlar", "case.mlar.bak"]  # no temp files left


def test_failed_save_leaves_the_old_file_untouched(tmp_path, monkeypatch, example):
    path = tmp_path / "case.mlar"
    storage.save(example, path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        storage.save(LetterOfRequest(place={"fr": "New"}), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["case.mlar"]


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "is empty"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"PK\x03\x04 this is a zip", "not valid JSON"),
        (b'{"format": "mla-writer-draft", "format_version": 1, "letter": {"pla', "not valid JSON"),
        (b"[1, 2, 3]", "not an MLA Writer draft"),
        (b'{"hello": "world"}', "not an MLA Writer draft"),
        (_doc(format_version=99).encode(), "newer MLA Writer"),
        (_doc(format_version="1").encode(), "format_version"),
        (_doc(format_version=0).encode(), "format_version"),
        (json.dumps({"format": storage.FORMAT_NAME, "format_version": 1}).encode(), '"letter" is missing'),
        (_doc({"urgency": {"deadline": "31/12/2026"}}).encode(), "Execute by: \u201c31/12/2026\u201d is not a date; write it as YYYY-MM-DD"),
        (_doc({"persons": [{"id": "p1"}, {"birth_date": 12}]}).encode(), "Person 2: Date of birth: \u201c12\u201d is not a date"),
        (_doc({"assistance": [{"kind": "teleport"}]}).encode(), "Measure 1 (teleport): \u201cteleport\u201d is not one of the accepted values (evidence, service"),
        (_doc({"requested_state": "Narnia"}).encode(), "Requested State: \u201cNARNIA\u201d is not a State code"),
        (b"[" * 100000, "nested too deeply"),
    ],
)
def test_damaged_files_are_refused_with_a_reason(tmp_path, content, expected):
    path = tmp_path / "bad.mlar"
    path.write_bytes(content)
    with pytest.raises(DraftError) as info:
        storage.load(path)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message and "Traceback" not in message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DraftError, match="does not exist"):
        storage.load(tmp_path / "nope.mlar")
    with pytest.raises(DraftError, match="folder"):
        storage.load(tmp_path)


def test_huge_file_is_refused_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.mlar"
    path.write_text(_doc())
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 10)
    with pytest.raises(DraftError, match="never that large"):
        storage.load(path)


def test_older_versions_are_migrated(monkeypatch, tmp_path):
    """A format-3 file read by a format-4 program goes through MIGRATIONS[3] (after nothing else)."""

    def three_to_four(data):
        data["letter"]["place"] = {"es": data["letter"].pop("town")}
        return data

    monkeypatch.setattr(storage, "FORMAT_VERSION", 4)
    monkeypatch.setitem(storage.MIGRATIONS, 3, three_to_four)
    path = tmp_path / "old.mlar"
    path.write_text(json.dumps({"format": storage.FORMAT_NAME, "format_version": 3, "letter": {"town": "Madrid"}}))
    assert storage.load(path).place.get("es") == "Madrid"


def test_format_1_place_and_identity_documents_are_upgraded(tmp_path):
    old = {
        "format": storage.FORMAT_NAME,
        "format_version": 1,
        "letter": {
            "drafting_language": "fr",
            "place": "Paris",
            "persons": [
                {"id": "p1", "id_document": {"type": "Passeport", "number": "X1"}},
                {"id": "p2", "id_document": {"type": "carte d'identité"}},
                {"id": "p3", "id_document": {"type": "Livret de marin", "number": "M7"}},
                {"id": "p4", "id_document": {"type": ""}},
            ],
        },
    }
    path = tmp_path / "v1.mlar"
    path.write_text(json.dumps(old), encoding="utf-8")
    letter = storage.load(path)
    assert letter.place.root == {"fr": "Paris"}
    docs = [p.id_document for p in letter.persons]
    assert [d.type for d in docs] == ["passport", "national_id", "other", None]
    assert docs[2].details.root == {"fr": "Livret de marin"} and docs[0].number == "X1"
    storage.save(letter, path)  # saved in the current format
    assert json.loads(path.read_text("utf-8"))["format_version"] == storage.FORMAT_VERSION


def test_missing_migration_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(storage, "FORMAT_VERSION", storage.FORMAT_VERSION + 2)
    with pytest.raises(DraftError, match=f"no way to upgrade draft format {storage.FORMAT_VERSION - 2}"):
        storage.loads(_doc(format_version=storage.FORMAT_VERSION - 2))


def test_file_carries_its_format_and_version(tmp_path, example):
    path = tmp_path / "x.mlar"
    storage.save(example, path)
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == "mla-writer-draft" and data["format_version"] == storage.FORMAT_VERSION
    assert set(data) == {"format", "format_version", "app_version", "saved_at", "letter"}


def test_schema_describes_the_file():
    schema = storage.json_schema()
    assert schema["properties"]["format"] == {"const": "mla-writer-draft"}
    letter = schema["properties"]["letter"]
    assert "assistance" in letter["properties"] and "legal_bases" in letter["properties"]
    # every $ref resolves inside the document
    refs = []

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.append(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert refs
    for ref in refs:
        assert ref.startswith("#/$defs/") and ref.split("/")[-1] in schema["$defs"]


def test_saved_files_keep_the_permissions_a_new_file_would_have(tmp_path, example):
    """mkstemp makes files private (0600); a draft on a shared folder must stay readable as the umask says."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = tmp_path / "shared.mlar"
        storage.save(example, path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        path.chmod(0o640)  # an existing file keeps its own permissions
        storage.save(example, path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_format_4_oath_and_certification_become_procedures_without_changing_the_verdict():
    """Format 5 asks for a statement under oath and the certification of records once, as
    special procedures: an old yes becomes the procedure where the measure already gives a
    reason for its procedures, and an upgrade note otherwise (never a silent loss, never a
    draft that turns incomplete by itself)."""
    from mla_writer.checklist import check

    letter = {
        "assistance": [
            {"kind": "evidence", "id": "a1", "under_oath": True, "procedures": {"requested": ["recording"],
                                                                              "reason": {"en": "For the trial."}}},
            {"kind": "evidence", "id": "a2", "under_oath": False},
            {"kind": "records", "id": "a3"},  # certification absent: the old default, yes
            {"kind": "records", "id": "a4", "certification": False},
        ]
    }
    loaded = storage.loads(_doc(letter, format_version=4))
    a1, a2, a3, a4 = loaded.assistance
    assert a1.procedures.requested == ["oath", "recording"]
    assert a2.procedures.requested == [] and a4.procedures.requested == []
    assert a3.procedures.requested == []
    notes = loaded.open_upgrade_notes()
    assert [(path, note.original) for path, note in notes] == [
        ("assistance[2].procedures.requested", "certification for admissibility: yes")]
    problems = check(loaded, "en", None).problems()
    assert any(p.code == "upgrade.unconverted" and p.path == "assistance[2].procedures.requested" for p in problems)
    assert not any(p.code == "procedures.reason" for p in problems)
    # a later save writes format 5 without the old fields
    saved = json.loads(storage.dumps(loaded))
    assert saved["format_version"] == storage.FORMAT_VERSION
    assert all("under_oath" not in m and "certification" not in m for m in saved["letter"]["assistance"])
