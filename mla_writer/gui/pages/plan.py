"""The order of the wizard's steps, from :data:`mla_writer.points.SECTIONS` (no model needed).

A start step, one step per checklist section in the checklist's order (points 10-12 share
one: their fields belong to each measure), then the review step. The window reads this
plan to lay out its sidebar and navigation before the model and the step pages are loaded.
"""

from __future__ import annotations

from ...points import SECTIONS

START = "start"
REVIEW = "review"

#: Sections shown together on one step.
SHARED_STEPS: tuple[tuple[str, ...], ...] = (("assistance", "link", "procedures"),)


def step_sections() -> list[tuple[str, ...]]:
    """Section ids of each step, in wizard order: ``[("start",), ("parties",), ..., ("review",)]``."""
    steps: list[tuple[str, ...]] = [(START,)]
    for section in SECTIONS:
        if any(section.id in group for group in steps):
            continue
        group = next((g for g in SHARED_STEPS if section.id in g), (section.id,))
        steps.append(group)
    steps.append((REVIEW,))
    return steps
