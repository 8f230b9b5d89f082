"""Resolved views made by hand, for tests of what depends on a view alone (status, buckets, the timeline)."""

from __future__ import annotations

from datetime import date

from kehoach.core.models import Deadline
from kehoach.core.view import TaskView


def task_view(due: date | None = None, state: str = "not_started", deadline: Deadline | None = None,
              title: str = "Việc", plan_id: str = "2024/x", number: str | None = None,
              ends: date = date.max) -> TaskView:
    """A task of plan `plan_id` due on `due` (also its effective day), with no agencies, its plan in force
    until `ends`."""
    return TaskView(plan_id, "Kế hoạch", "viec", number, "s", "Mục", title, deadline, "", False, "none", due, due,
                    state, None, "", (), (), None, None, False, None, ends)
