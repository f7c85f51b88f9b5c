"""Shortcuts unambiguous and working with a real keyboard (issue 11: Ctrl+Q did nothing on a
real display). The cases run under Xvfb with the xcb platform (``xcb_shortcuts.py``), never
only offscreen; a missing Xvfb or xdotool fails, it does not skip."""

from __future__ import annotations

import pytest

from .xvfb import run_xcb_cases

pytestmark = pytest.mark.gui


def test_shortcuts_under_a_real_x_display():
    output = run_xcb_cases("xcb_shortcuts.py", "-rA")  # -rA: each passed case named in the summary
    for case in ("test_no_shortcut_is_ambiguous[ru]", "test_ctrl_q_quits[ru]", "test_real_keys_reach_the_preview_and_the_steps"):
        assert f"PASSED tests/gui/xcb_shortcuts.py::{case}" in output
