"""Guidance on each of the 14 points (issue 17, item 4): why the point matters, what gets a
request refused or sent back, a good and a bad example, in every UI language; the points are
those of mla_writer.points, and a broken or incomplete file is refused with a message."""

from __future__ import annotations

import json

import pytest

from mla_writer import guidance
from mla_writer.guidance import PARTS, GuidanceError, guidance_for, load_guidance, parse_guidance
from mla_writer.languages import languages
from mla_writer.points import POINTS


@pytest.mark.parametrize("lang", languages())
def test_every_point_has_every_part_in_every_ui_language(lang):
    path = guidance.guidance_file(lang)
    assert path.is_file(), f"no guidance in {lang}: {path}"
    data = json.loads(path.read_text("utf-8"))
    assert list(data["points"]) == [p.id for p in POINTS]  # the 14 points, in their order, no other
    loaded = load_guidance(lang)
    for point in POINTS:
        for part in PARTS:
            text = loaded[point.id].part(part)
            assert len(text) >= 20, (lang, point.id, part, text)


@pytest.mark.parametrize("lang", [lang for lang in languages() if lang != "en"])
def test_each_language_is_written_in_it_not_left_in_english(lang):
    english = load_guidance("en")
    own = load_guidance(lang)
    for point in POINTS:
        for part in PARTS:
            assert own[point.id].part(part) != english[point.id].part(part), (lang, point.id, part)


def test_the_examples_keep_to_invented_contacts():
    """Examples name people and addresses: e-mail addresses are at example domains only."""
    import re

    for lang in languages():
        for item in load_guidance(lang).values():
            for part in ("good", "bad"):
                for domain in re.findall(r"@([\w.-]+)", item.part(part)):
                    assert domain.split(".")[0] == "example", (lang, item.point_id, domain)


def _complete() -> dict:
    return {"language": "en", "points": {p.id: {part: f"{part} text" for part in PARTS} for p in POINTS}}


def test_a_point_missing_is_refused_by_name():
    data = _complete()
    del data["points"]["urgency"]
    with pytest.raises(GuidanceError, match="point 'urgency' is missing"):
        parse_guidance(data, "en")


def test_a_part_missing_or_empty_is_refused_by_name():
    data = _complete()
    del data["points"]["facts"]["bad"]
    data["points"]["link"]["why"] = "  "
    with pytest.raises(GuidanceError) as caught:
        parse_guidance(data, "en")
    assert "point 'facts' has no 'bad' text" in str(caught.value)
    assert "point 'link' has no 'why' text" in str(caught.value)


def test_a_point_that_is_not_one_of_the_fourteen_is_refused():
    data = _complete()
    data["points"]["closing"] = {part: "x" for part in PARTS}
    with pytest.raises(GuidanceError, match="'closing' is not one of the 14 points"):
        parse_guidance(data, "en")


def test_a_file_in_another_language_is_refused():
    data = _complete()
    with pytest.raises(GuidanceError, match="says it is in 'en'"):
        parse_guidance(data, "fr")


def test_a_file_that_is_not_json_is_refused_with_a_message(tmp_path, monkeypatch):
    (tmp_path / "xx.json").write_text("{not json", "utf-8")
    monkeypatch.setattr(guidance, "guidance_file", lambda lang: tmp_path / f"{lang}.json")
    load_guidance.cache_clear()
    try:
        with pytest.raises(GuidanceError, match="is not valid JSON"):
            load_guidance("xx")
        with pytest.raises(GuidanceError, match="cannot read"):
            load_guidance("yy")
    finally:
        load_guidance.cache_clear()


def test_sections_other_than_the_points_have_none_and_a_language_without_a_file_gets_english():
    assert guidance_for("parties", "en") is None
    assert guidance_for("closing", "ru") is None
    assert guidance_for("facts", "de").why == load_guidance("en")["facts"].why
    assert guidance_for("facts", "ru").why == load_guidance("ru")["facts"].why
