"""When a plan is in force, and when it has ended: the one rule every view applies.

A plan is in force during its period: the `period` it states, else the school
year its subject names ("năm học 2023-2024", September to August, as
`deadlines.span` reads a school year), else its calendar year. It has ended the
day after that period, or earlier on the date of its recorded closing (`closing`:
the year-end report that closes it). A task still open when its plan has ended is
not overdue any more, it has no outcome recorded ("unrecorded"): a red badge that
stays on for years teaches readers to ignore red.

The plan's last day is resolved once with the plan (`view.PlanView.ends`, and
`ends` on each of its tasks and duties); what it means on a given day is
`agenda.status`, the same for the pages, the feeds, the exports and the digest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

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


def ended_by(last: date, today: date | None) -> bool:
    """True once `today` is past `last`, a plan's last day in force; without a day (`None`) no plan has ended.

    The browser's badge script applies the same rule to the page's `data-ends`.
    """
    return today is not None and last < today


def has_ended(plan: Plan, today: date | None) -> bool:
    """True once `today` is past the plan's last day in force (`ended_by`)."""
    return ended_by(last_day(plan), today)


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
