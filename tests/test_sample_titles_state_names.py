"""A sample's title names its two States as the rest of the application does (the UN names of
resources/states.json), so that the sample list and the case register never write one State
two ways ("Объединённые" in one, "Объединенные" in the other)."""

from __future__ import annotations

import re

from mla_writer import samples, states


def test_sample_titles_use_the_state_names_of_states_json():
    checked = 0
    for name in samples.sample_names():
        info = samples.sample_info(name)
        letter = samples.load_sample(name)
        for lang in ("fr", "ru", "es"):
            match = re.search(r"\(([^()]*) [—–] ([^()]*)\)$", info.title[lang])
            if not match:
                continue
            for code, shown in zip((letter.requesting_state, letter.requested_state), match.groups()):
                if states.is_state(code):
                    assert shown == states.name(code, lang), (name, lang)
                    checked += 1
    assert checked >= 6
