"""When a plan is in force, and when it has ended: the one rule every view applies.

A plan is in force during its period: the `period` it states, else the school
year its subject names ("năm học 2023-2024", September to August, as
`deadlines.span` reads a school year), else its calendar year. It has ended the
day after that period, or earlier on the date of its recorded closing (`closing`:
the year-end report that closes it). A task still open when its plan has ended is
not overdue any more, it has no outcome recorded ("unrecorded"): a red badge that
stays on for years teaches readers to ignore red.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from .agenda import Row, grouped
from .labels import STATUS_WORDS
from .loader import LoadedPlan
from .models import Plan
from .text import fold

_SCHOOL_YEAR = re.compile(r"nam hoc\s*(\d{4})\s*-\s*(\d{4})")


def school_year(plan: Plan) -> tuple[int, int] | None:
    """The school year a plan is for, when its title or subject names one (and no section says otherwise)."""
    for text in (plan.title, plan.document.subject):
        found = _SCHOOL_YEAR.search(fold(text or ""))
        if found and int(found.group(2)) == int(found.group(1)) + 1:
            return int(found.group(1)), int(found.group(2))
    return None


def period_of(plan: Plan) -> tuple[date, date]:
    """First and last day the plan is in force by its period (its closing aside)."""
    if plan.period:
        return plan.period.start, plan.period.end
    school = school_year(plan)
    if school:
        return date(school[0], 9, 1), date(school[1], 8, 31)
    return date(plan.year, 1, 1), date(plan.year, 12, 31)


def last_day(plan: Plan) -> date:
    """The last day the plan is in force: the end of its period, or the day before its recorded closing.

    A closing recorded without a date has ended the plan whatever the day (`date.min`).
    """
    end = period_of(plan)[1]
    if plan.closing is None:
        return end
    closed = plan.closing.date
    return min(end, closed - timedelta(days=1)) if closed else date.min


def has_ended(plan: Plan, today: date) -> bool:
    """True once `today` is past the plan's last day in force (the browser's badge script applies the same
    rule to the page's `data-ends`)."""
    return last_day(plan) < today


def outcome(state: str, ended: bool) -> str | None:
    """"unrecorded" for a task still open in a plan that has ended; None when the usual rule applies."""
    return "unrecorded" if ended and state != "done" else None


def shown_year(years: Iterable[int], today: date) -> int | None:
    """The plan year pages show first: the current calendar year when the site has a plan for it, else the
    latest year before it, else the earliest year (plans for years to come only).

    It depends on which years have plans, not on which tasks an agency has in
    them, so one task added to another year's plan never changes it, and every
    agency page shows the same year. `SHOWN_YEAR_RULE` says it in words.
    """
    known = sorted(set(years))
    if not known:
        return None
    return max((year for year in known if year <= today.year), default=known[0])


SHOWN_YEAR_RULE = ("năm hiện tại nếu đã có kế hoạch, nếu chưa thì năm gần nhất trước đó có kế hoạch; "
                   "các năm khác xem theo liên kết")
"""The rule of `shown_year`, as the agency pages state it."""


def ended_plans(plans: Iterable[LoadedPlan], today: date) -> frozenset[str]:
    """Ids of the plans that have ended as of `today`."""
    return frozenset(loaded.id for loaded in plans if has_ended(loaded.plan, today))


def grouped_as_of(rows: list[Row], today: date, ended: frozenset[str]) -> list[tuple[str, str, list[Row]]]:
    """An agency's rows in `agenda.grouped`'s buckets, with the open rows of ended plans taken out of them
    into their own part, "Không ghi nhận kết quả", just before the done ones (only when there are some)."""
    def unrecorded(row: Row) -> bool:
        return row.entry.plan_id in ended and row.entry.state != "done"

    left = [row for row in rows if unrecorded(row)]
    if not left:
        return grouped(rows, today)
    parts = grouped([row for row in rows if not unrecorded(row)], today)
    done = next((i for i, (key, _, _) in enumerate(parts) if key == "done"), len(parts))
    return [*parts[:done], ("unrecorded", STATUS_WORDS["unrecorded"], left), *parts[done:]]
