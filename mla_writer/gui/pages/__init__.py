"""The wizard's steps, derived from :data:`mla_writer.checklist.SECTIONS`.

Every section of the checklist has exactly one step (points 10-12 share one: their fields
belong to each measure); the steps follow the sections' order, then the review step.
"""

from __future__ import annotations

from ...checklist import SECTIONS
from .review import ReviewPage
from .steps import STEP_CLASSES


def step_plan() -> list[type]:
    """Step classes in wizard order, each once, following SECTIONS; the review step last."""
    by_section = {sid: cls for cls in STEP_CLASSES for sid in cls.section_ids}
    missing = [s.id for s in SECTIONS if s.id not in by_section]
    if missing:
        raise RuntimeError(f"no wizard step for checklist section(s) {missing}")
    plan: list[type] = []
    for section in SECTIONS:
        cls = by_section[section.id]
        if cls not in plan:
            plan.append(cls)
    return [*plan, ReviewPage]
