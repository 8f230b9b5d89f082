"""Who must do what by when: tasks and reporting duties as dated entries, per agency.

An agency's list holds every task it leads or partners in, every report it owes,
and the same for the groups it belongs to ("các cơ quan, đơn vị…"). Where an
entry stands (overdue, this month, next month, later, ongoing, done) depends on
`today`, which callers pass explicitly so that a build is reproducible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .deadlines import due, effective_deadline
from .labels import BUCKETS
from .loader import Corpus, LoadedPlan
from .models import Deadline
from .registry import members_of
from .workdays import effective

SOON_DAYS = 7  # "sắp đến hạn": due within this many days



@dataclass(frozen=True)
class Entry:
    """A task or reporting duty of one plan, with the deadline that applies to it."""

    plan_id: str
    item_id: str
    number: str | None
    title: str
    is_report: bool
    deadline: Deadline | None
    inherited: bool
    due: date | None
    effective_due: date | None
    state: str
    lead: tuple[str, ...]
    partners: tuple[str, ...]

    @property
    def sort_key(self) -> tuple[date, str, str]:
        """Earliest deadline first; undated last; then by plan and id for stable output."""
        return (self.effective_due or date.max, self.plan_id, self.item_id)


@dataclass(frozen=True)
class Row:
    """One entry on one agency's list: its role, and the group it came through if any."""

    entry: Entry
    role: str
    via: str | None = None


def _entry(loaded: LoadedPlan, item_id: str, number: str | None, title: str, deadline: Deadline | None,
           inherited: bool, state: str, lead: Iterable[str], partners: Iterable[str], is_report: bool) -> Entry:
    last = due(deadline)
    return Entry(loaded.id, item_id, number, title, is_report, deadline, inherited, last,
                 effective(last) if last else None, state, tuple(lead), tuple(partners))


def plan_entries(loaded: LoadedPlan) -> list[Entry]:
    """Every task, then every reporting duty, of a plan, in the plan's order."""
    plan = loaded.plan
    sections = {section.id: section for section in plan.sections}
    entries = []
    for task in plan.tasks:
        deadline = effective_deadline(task, sections)
        entries.append(_entry(loaded, task.id, task.number, task.title, deadline, deadline is not task.deadline,
                              task.status.state, task.lead, task.partners, False))
    for duty in plan.reporting:
        entries.append(_entry(loaded, duty.id, None, duty.title, duty.deadline, False, "not_started",
                              duty.reporters, [duty.recipient] if duty.recipient else [], True))
    return entries


def tasks_by_agency(corpus: Corpus) -> dict[str, list[Row]]:
    """Agency id -> its rows across all plans, directly or through its groups, sorted."""
    members = members_of(corpus.agencies)
    rows: dict[str, dict[tuple[str, str], Row]] = {}

    def add(agency_id: str, entry: Entry, role: str, via: str | None) -> None:
        seen = rows.setdefault(agency_id, {})
        key = (entry.plan_id, entry.item_id)
        if key not in seen or (seen[key].via is not None and via is None):
            seen[key] = Row(entry, role, via)

    for loaded in corpus.plans:
        for entry in plan_entries(loaded):
            roles = [("report", entry.lead), ("receive", entry.partners)] if entry.is_report else [
                ("lead", entry.lead), ("partner", entry.partners)]
            for role, ids in roles:
                for agency_id in ids:
                    add(agency_id, entry, role, None)
                    for member in members.get(agency_id, []):
                        add(member, entry, role, agency_id)
    return {agency_id: sorted(found.values(), key=lambda r: r.entry.sort_key)
            for agency_id, found in sorted(rows.items())}


def status(entry: Entry, today: date) -> str:
    """done, overdue, soon, in_progress or not_started, as of `today`."""
    if entry.state == "done":
        return "done"
    if entry.effective_due and entry.effective_due < today:
        return "overdue"
    if entry.effective_due and entry.effective_due <= today + timedelta(days=SOON_DAYS):
        return "soon"
    return entry.state


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def bucket(entry: Entry, today: date) -> str:
    """Which part of an agency's list the entry belongs in, as of `today`."""
    if entry.state == "done":
        return "done"
    if entry.effective_due is None:
        return "ongoing"
    if entry.effective_due < today:
        return "overdue"
    months = _month_index(entry.effective_due) - _month_index(today)
    return "this_month" if months == 0 else "next_month" if months == 1 else "later"


def grouped(rows: list[Row], today: date) -> list[tuple[str, str, list[Row]]]:
    """Rows split into the buckets, in the fixed order; empty buckets kept (label, count 0)."""
    parts: dict[str, list[Row]] = {key: [] for key, _ in BUCKETS}
    for row in rows:
        parts[bucket(row.entry, today)].append(row)
    parts["overdue"].sort(key=lambda r: r.entry.sort_key)
    return [(key, label, parts[key]) for key, label in BUCKETS]


def quarter_bounds(today: date) -> tuple[date, date]:
    """First and last day of the quarter `today` falls in."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    start = date(today.year, first_month, 1)
    end = date(today.year + (first_month == 10), (first_month + 3) % 12, 1) - timedelta(days=1)
    return start, end
