"""The wizard's steps: their order is :func:`.plan.step_sections`, their views are loaded on demand.

Importing this package is cheap; :func:`step_plan` imports the step views (and with them
the model), which the window does after its first paint.
"""

from __future__ import annotations

from .plan import REVIEW, START, step_sections


def step_plan() -> list[type]:
    """Step view classes in wizard order, matching :func:`.plan.step_sections` one to one."""
    from .review import ReviewPage
    from .start import StartPage
    from .steps import STEP_CLASSES

    by_sections = {tuple(cls.section_ids): cls for cls in (*STEP_CLASSES, StartPage, ReviewPage)}
    plan = []
    for sections in step_sections():
        cls = by_sections.get(sections)
        if cls is None:
            raise RuntimeError(f"no wizard step for checklist section(s) {list(sections)}")
        plan.append(cls)
    unused = set(by_sections.values()) - set(plan)
    if unused:
        raise RuntimeError(f"wizard steps outside the plan: {sorted(c.__name__ for c in unused)}")
    return plan


__all__ = ["REVIEW", "START", "step_plan", "step_sections"]
