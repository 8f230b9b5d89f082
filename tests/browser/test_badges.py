""" "Quá hạn" is recomputed in the browser from today's date, so an old build still tells the truth."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from browser_site import TODAY, corpus, noon

from kehoach.core.deadlines import due, effective_deadline
from kehoach.core.lifecycle import last_day

pytestmark = pytest.mark.browser

OVERDUE = "Quá hạn"
UNRECORDED = "Không ghi nhận kết quả"
FAR_FUTURE = date(2100, 1, 4)


def task_due_after_build() -> tuple[str, str, date, date]:
    """A plan and a task not done whose last day comes after the build date (not overdue when built), a day
    after it within the plan's period, and the plan's last day in force."""
    for loaded in corpus().plans:
        sections = {section.id: section for section in loaded.plan.sections}
        for task in loaded.plan.tasks:
            last = due(effective_deadline(task, sections))
            ends = last_day(loaded.plan)
            if task.status.state != "done" and last and TODAY < last < ends - timedelta(days=7):
                return loaded.id, task.id, last + timedelta(days=7), ends
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
    plan_id, task_id, late, _ = task_due_after_build()
    assert OVERDUE not in task_text(context, plan_id, task_id, TODAY)
    assert OVERDUE in task_text(context, plan_id, task_id, late)


def test_once_the_plan_has_ended_the_browser_says_no_outcome_was_recorded_not_overdue(context):
    plan_id, task_id, _, ends = task_due_after_build()
    for day in (ends + timedelta(days=1), FAR_FUTURE):
        text = task_text(context, plan_id, task_id, day)
        assert UNRECORDED in text and OVERDUE not in text
