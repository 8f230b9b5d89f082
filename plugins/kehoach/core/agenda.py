"""Where a task or duty stands on a given day: its status and the part of an agency's list it goes in.

The facts come from `view` (who, what, by when); this module adds only what
depends on `today` (overdue, soon, this month…), which callers pass explicitly
so that a build is reproducible. Every output asks here.
"""

from __future__ import annotations

from datetime import date, timedelta

from .labels import BUCKETS, STATUS_WORDS
from .view import ItemView, Row

SOON_DAYS = 7  # "sắp đến hạn": due within this many days


def status(item: ItemView, today: date) -> str:
    """done, overdue, soon, in_progress or not_started, as of `today`."""
    if item.state == "done":
        return "done"
    if item.effective_due and item.effective_due < today:
        return "overdue"
    if item.effective_due and item.effective_due <= today + timedelta(days=SOON_DAYS):
        return "soon"
    return item.state


def status_words(item: ItemView, today: date) -> str:
    """Where the item stands on `today`, in words: "Quá hạn", "Đang thực hiện"…"""
    return STATUS_WORDS[status(item, today)]


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def bucket(item: ItemView, today: date) -> str:
    """Which part of an agency's list the item belongs in, as of `today`."""
    if item.state == "done":
        return "done"
    if item.effective_due is None:
        return "ongoing"
    if item.effective_due < today:
        return "overdue"
    months = _month_index(item.effective_due) - _month_index(today)
    return "this_month" if months == 0 else "next_month" if months == 1 else "later"


def grouped(rows: list[Row], today: date) -> list[tuple[str, str, list[Row]]]:
    """Rows split into the buckets, in the fixed order; empty buckets kept (label, count 0)."""
    parts: dict[str, list[Row]] = {key: [] for key, _ in BUCKETS}
    for row in rows:
        parts[bucket(row.item, today)].append(row)
    parts["overdue"].sort(key=lambda r: r.item.sort_key)
    return [(key, label, parts[key]) for key, label in BUCKETS]


def quarter_bounds(today: date) -> tuple[date, date]:
    """First and last day of the quarter `today` falls in."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    end = date(today.year + (first_month == 10), (first_month + 3) % 12, 1) - timedelta(days=1)
    return start, end
