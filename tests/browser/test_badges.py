""" "Quá hạn" is recomputed in the browser from today's date, so an old build still tells the truth."""

from __future__ import annotations

from datetime import date

import pytest
from browser_site import TODAY, corpus, noon

from kehoach.core.deadlines import due, effective_deadline

pytestmark = pytest.mark.browser

OVERDUE = "Quá hạn"
FAR_FUTURE = date(2100, 1, 4)


def task_due_after_build() -> tuple[str, str]:
    """A plan and a task not done whose last day comes after the build date: not overdue when built."""
    for loaded in corpus().plans:
        sections = {section.id: section for section in loaded.plan.sections}
        for task in loaded.plan.tasks:
            last = due(effective_deadline(task, sections))
            if task.status.state != "done" and last and last > TODAY:
                return loaded.id, task.id
    pytest.fail(f"no real plan has a task not done that is due after {TODAY}: the test has nothing to check")


def task_text(context, plan_id: str, task_id: str, today: date) -> str:
    tab = context.new_page()
    tab.clock.set_system_time(noon(today))
    tab.goto(f"ke-hoach/{plan_id}/")
    tab.wait_for_load_state("networkidle")
    row = tab.locator(f'[id="{task_id}"]').first
    assert row.count(), f"ke-hoach/{plan_id}/ has no element with id {task_id!r}"
    text = row.inner_text()
    tab.close()
    return text


def test_task_due_later_shows_overdue_once_the_browser_date_passes_it(context):
    plan_id, task_id = task_due_after_build()
    assert OVERDUE not in task_text(context, plan_id, task_id, TODAY)
    assert OVERDUE in task_text(context, plan_id, task_id, FAR_FUTURE)
