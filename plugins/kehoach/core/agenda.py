"""Where a task or duty stands on a given day: its status and the part of an agency's list it goes in.

The facts come from `view` (who, what, by when, until when its plan is in
force); this module adds only what depends on `today` (overdue, soon, this
month, its plan ended…), which callers pass explicitly so that a build is
reproducible. Every output asks here: a task still open when its plan has ended
reads "Không ghi nhận kết quả" on the pages, in the feeds, the exports and the
digest alike, and is overdue in none of them.
"""

from __future__ import annotations

from datetime import date, timedelta

from .labels import BUCKETS, STATUS_WORDS
from .lifecycle import ended_by
from .view import ItemView, PlanView, Row

SOON_DAYS = 7  # "sắp đến hạn": due within this many days


def ended(item: ItemView | PlanView, today: date | None) -> bool:
    """The plan (of the item) has ended by `today` (`lifecycle.ended_by`; never without a day)."""
    return ended_by(item.ends, today)


def recorded(item: ItemView, today: date | None) -> str:
    """What is on record of the item as of `today`: its state, or "unrecorded" for one still open when its
    plan has ended. The exports and the feeds show this: no day makes it overdue there."""
    return "unrecorded" if item.state != "done" and ended(item, today) else item.state


def recorded_words(item: ItemView, today: date | None) -> str:
    """`recorded` in words: "Đang thực hiện", "Không ghi nhận kết quả"…"""
    return STATUS_WORDS[recorded(item, today)]


def status(item: ItemView, today: date) -> str:
    """done, unrecorded (its plan has ended), overdue, soon, in_progress or not_started, as of `today`."""
    code = recorded(item, today)
    if code in ("done", "unrecorded"):
        return code
    if item.effective_due and item.effective_due < today:
        return "overdue"
    if item.effective_due and item.effective_due <= today + timedelta(days=SOON_DAYS):
        return "soon"
    return code


def status_words(item: ItemView, today: date) -> str:
    """Where the item stands on `today`, in words: "Quá hạn", "Đang thực hiện"…"""
    return STATUS_WORDS[status(item, today)]


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def bucket(item: ItemView, today: date) -> str:
    """Which part of an agency's list the item belongs in, as of `today`."""
    code = recorded(item, today)
    if code in ("done", "unrecorded"):
        return code
    if item.effective_due is None:
        return "ongoing"
    if item.effective_due < today:
        return "overdue"
    months = _month_index(item.effective_due) - _month_index(today)
    return "this_month" if months == 0 else "next_month" if months == 1 else "later"


def grouped(rows: list[Row], today: date) -> list[tuple[str, str, list[Row]]]:
    """Rows split into the buckets, in the fixed order; empty buckets kept (label, count 0).

    The open rows of plans ended by `today` have a part of their own, "Không ghi
    nhận kết quả", just before the done ones, only when there are some.
    """
    parts: dict[str, list[Row]] = {key: [] for key, _ in BUCKETS}
    parts["unrecorded"] = []
    for row in rows:
        parts[bucket(row.item, today)].append(row)
    parts["overdue"].sort(key=lambda r: r.item.sort_key)
    found = [(key, label, parts[key]) for key, label in BUCKETS]
    if parts["unrecorded"]:
        found.insert(-1, ("unrecorded", STATUS_WORDS["unrecorded"], parts["unrecorded"]))
    return found


def quarter_bounds(today: date) -> tuple[date, date]:
    """First and last day of the quarter `today` falls in."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    end = date(today.year + (first_month == 10), (first_month + 3) % 12, 1) - timedelta(days=1)
    return start, end
