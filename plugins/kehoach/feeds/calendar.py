"""Calendar feeds: every dated task and reporting duty as an all-day event.

The rule, one for every feed (guide: docs/huong-dan/dang-ky-lich.md):

* a task's deadline is its own or, when it gives none, its section's period
  (`deadlines.effective_deadline`); a reporting duty's deadline is its own;
* the event falls on the deadline's last day (`deadlines.due`: the exact day,
  the day before "trước ngày X", the end of the month, quarter, half-year or
  school year), moved to the next working day when that day is a weekend or a
  holiday (`workdays.effective`, BLDS 2015 Điều 148 k5), and the description
  says so; ongoing ("thường xuyên") and undated items are not events.

Feeds: `lich/tat-ca.ics` (all), `lich/nam/<year>.ics` (plans of that year),
`lich/ke-hoach/<year>/<slug>.ics` (one plan), `lich/co-quan/<agency-id>.ics`
(what an agency leads, partners in, reports or receives, including what is
given to the groups it belongs to, transitively, see `members`). A merged or
dissolved agency keeps its own feed; its description names the successor.
Every plan, year and registry agency has a feed, empty or not (see
`ical.write_calendar` for how an empty one stays valid).

Updates: the UID is `<item-id>.<year>-<slug>@kehoach`, never a position, so a
client that re-fetches the feed (every 12 hours, REFRESH-INTERVAL) replaces the
event with the same UID. DTSTAMP is the latest of the plan's issue date, its
decision's date, `updated:` and the task's proof date; SEQUENCE is the number
of days from the plan's issue date to DTSTAMP. Both only grow when an editor
who changes a date also sets `updated:`, which clients that compare SEQUENCE
need; a subscription replaces the event at its next refresh either way.

All events are all-day (DATE values) and DTSTAMP is UTC, so no TZID is used
and no VTIMEZONE is needed. No METHOD: PUBLISH would require an ORGANIZER.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from typing import cast

from ..core import links
from ..core.deadlines import due, effective_deadline, quarter_of
from ..core.labels import STATUS_WORDS, phrase, plan_base, plan_label, plan_title
from ..core.lifecycle import has_ended
from ..core.loader import Corpus, LoadedPlan, quiet_gc
from ..core.models import Agency, Deadline, ReportingDuty, Task
from ..core.proof import PROOF_WORD, proof_text
from ..core.registry import members
from ..core.reuse import Reuse
from ..core.text import roman, short_date, weekday_name
from ..core.workdays import effective, why_closed
from .ical import TRANSPARENT_AND_ALARMS, TRANSPARENT_ONLY, CalendarMeta, VEvent, text_line, write_calendar, write_event

ROLES = {"lead": "[Chủ trì] ", "partner": "[Phối hợp] ", "report": "[Báo cáo] ", "receive": "[Nhận báo cáo] "}
RANK = {role: rank for rank, role in enumerate(ROLES)}  # an agency with two roles shows the first
PREFIXES = list(ROLES.values())
STATES = {"in_progress": "đang thực hiện", "done": "đã hoàn thành"}


@dataclass(frozen=True)
class Event(VEvent):
    """One deadline as an all-day event (`day` is after moving off a closed day)."""

    plan_id: str
    year: int  # the plan's year: the event is in that year's feed
    roles: tuple[tuple[str, str], ...]  # (agency id, role) as the plan names them
    alarms: bool = True  # False for a done task and for an open task of an ended plan


def build_feeds(corpus: Corpus, site_url: str, today: date | None = None) -> dict[str, bytes]:
    """Every feed as relative path -> bytes, identical whatever order plans were read in.

    There is a feed for every plan, every year that has a plan and every agency
    of the registry, even with no event yet, so that every page's subscribe
    link works and a subscription made today picks up next year's deadlines.
    `site_url` is the site's public address ("https://intranet/kehoach/");
    event URLs point at the task anchors of the plan pages under it. With
    `today`, the open tasks of plans ended by then (`lifecycle.has_ended`) say
    so and lose their alarms; without it only a recorded closing ends a plan.
    """
    return dict(iter_feeds(corpus, site_url, today=today))


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One event as the feeds write it, in pieces every feed shares.

    Only the SUMMARY line differs from feed to feed (an agency's feed puts the
    agency's role before the title), so the rest of an event's text is kept
    once, not once for each feed the event is in.
    """

    key: tuple[date, str, str]  # (day, plan id, UID): the order of every feed
    year: int  # the plan's year: the event is in that year's feed
    head: bytes  # BEGIN:VEVENT to DTEND
    summary: bytes  # the SUMMARY line of the all, year and plan feeds
    tail: bytes  # DESCRIPTION to CATEGORIES; ical.TRANSPARENT_AND_ALARMS ends the event
    roles: tuple[tuple[bytes, tuple[str, ...]], ...]  # a SUMMARY line with a role, and the agencies it is for
    alarms: bool = True

    def text(self, summary: bytes) -> tuple[bytes, bytes, bytes, bytes]:
        """The event's text with this SUMMARY line, in pieces."""
        return self.head, summary, self.tail, TRANSPARENT_AND_ALARMS if self.alarms else TRANSPARENT_ONLY


def iter_feeds(corpus: Corpus, site_url: str, reuse: Reuse[list[FeedItem]] | None = None,
               today: date | None = None) -> Iterator[tuple[str, bytes]]:
    """Every feed as (relative path, bytes), made one at a time.

    A large site has hundreds of megabytes of feeds (each event is in the all,
    year, plan and several agency feeds); a caller that writes each feed before
    taking the next never holds them all. Until then each event is held once, in
    pieces (`FeedItem`), and a feed is joined from them when its turn comes.
    `reuse` keeps each plan's events between builds.
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    reach, names = members(corpus.agencies), dict[tuple[str, ...], str]()

    def make(loaded: LoadedPlan, ended: bool) -> list[FeedItem]:
        return plan_items(loaded, corpus.agencies, reach, base, names, ended)

    def ended(loaded: LoadedPlan) -> bool:
        return has_ended(loaded.plan, today or date.min)

    with quiet_gc():  # hundreds of thousands of short-lived objects, none in a cycle
        found = [item for loaded in corpus.plans
                 for item in (reuse.get(loaded.id, (loaded, corpus.agencies, base, ended(loaded)),
                                        partial(make, loaded, ended(loaded)))
                              if reuse else make(loaded, ended(loaded)))]
        found.sort(key=_order)
        by_plan: dict[str, list[FeedItem]] = {loaded.id: [] for loaded in corpus.plans}
        by_agency: dict[str, list[FeedItem | bytes]] = defaultdict(list)  # item, its SUMMARY line, item, …
        for item in found:
            by_plan[item.key[1]].append(item)
            for line, agency_ids in item.roles:
                for agency_id in agency_ids:
                    by_agency[agency_id] += (item, line)
    yield links.ALL_FEED, write_calendar(_all_meta(base), _texts(found))
    for year in sorted({loaded.plan.year for loaded in corpus.plans}):
        yield links.year_feed(year), write_calendar(_year_meta(year, base),
                                                   _texts([item for item in found if item.year == year]))
    for loaded in sorted(corpus.plans, key=lambda loaded: loaded.id):
        yield links.plan_feed(loaded.id), write_calendar(_plan_meta(loaded, corpus.agencies, base),
                                                     _texts(by_plan[loaded.id]))
    for agency_id in sorted(corpus.agencies):
        meta = _agency_meta(corpus.agencies[agency_id], corpus.agencies, base)
        yield links.agency_feed(agency_id), write_calendar(meta, _role_texts(by_agency.get(agency_id, [])))


def _order(item: FeedItem) -> tuple[date, str, str]:
    return item.key


def _texts(items: list[FeedItem]) -> list[bytes]:
    """The plain text (no role on the summary) of each item, in pieces, in the order given."""
    return [piece for item in items for piece in item.text(item.summary)]


def _role_texts(pairs: list[FeedItem | bytes]) -> list[bytes]:
    """An agency feed's events in pieces; `pairs` alternates an item and its SUMMARY line in that feed."""
    items, lines = cast(list[FeedItem], pairs[::2]), cast(list[bytes], pairs[1::2])
    return [piece for item, line in zip(items, lines, strict=True) for piece in item.text(line)]


def plan_items(loaded: LoadedPlan, agencies: dict[str, Agency], reach: dict[str, list[str]], base: str,
               names: dict[tuple[str, ...], str], ended: bool = False) -> list[FeedItem]:
    """The feed items of one plan, in the plan's order; `ended`: the plan has ended (`lifecycle.has_ended`)."""
    items = []
    for event in plan_events(loaded, agencies, base, names, ended):
        head, tail = write_event(event)
        items.append(FeedItem((event.day, event.plan_id, event.uid), event.year, head,
                              text_line("SUMMARY", event.summary), tail, _agency_lines(event, reach), event.alarms))
    return items


def events(corpus: Corpus, site_url: str, today: date | None = None) -> list[Event]:
    """Every event of the corpus as of `today` (see `build_feeds`), sorted by day, plan and item id."""
    names: dict[tuple[str, ...], str] = {}
    found = [event for loaded in corpus.plans
             for event in plan_events(loaded, corpus.agencies, site_url, names,
                                      has_ended(loaded.plan, today or date.min))]
    return sorted(found, key=lambda event: (event.day, event.plan_id, event.uid))


@dataclass(frozen=True)
class PlanContext:
    """What every event of one plan shares, worked out once per plan."""

    loaded: LoadedPlan
    agencies: dict[str, Agency]
    page: str  # the plan page's URL; a task URL adds "#<task-id>"
    heading: str  # the description's first lines: plan label and title
    title: str
    first: date  # plan_base: SEQUENCE counts days from here
    revised: date  # the later of `first` and `updated:`
    names: dict[tuple[str, ...], str]  # cache of agency lists as text, shared by all plans
    ended: bool = False  # the plan has ended: its open tasks have no outcome recorded, and no alarms

    def names_of(self, ids: list[str]) -> str:
        """ "Sở Nội vụ tỉnh Sơn La; Văn phòng …": registry names, or the id when unknown."""
        key = tuple(ids)
        text = self.names.get(key)
        if text is None:
            text = self.names[key] = "; ".join(_name(agency_id, self.agencies) for agency_id in ids)
        return text

    @classmethod
    def of(cls, loaded: LoadedPlan, agencies: dict[str, Agency], site_url: str,
           names: dict[tuple[str, ...], str] | None = None, ended: bool = False) -> PlanContext:
        plan, first = loaded.plan, plan_base(loaded.plan)
        return cls(loaded, agencies, f"{site_url}ke-hoach/{loaded.id}/",
                   f"{plan_label(plan, agencies)}\n{plan_title(plan, loaded.id)}", plan_title(plan, loaded.id), first,
                   max(first, plan.updated or first), {} if names is None else names, ended)


def plan_events(loaded: LoadedPlan, agencies: dict[str, Agency], site_url: str,
                names: dict[tuple[str, ...], str] | None = None, ended: bool = False) -> Iterator[Event]:
    """The events of one plan: its dated tasks, then its dated reporting duties."""
    plan, context = loaded.plan, PlanContext.of(loaded, agencies, site_url, names, ended)
    sections = {section.id: section for section in plan.sections}
    for task in plan.tasks:
        deadline = effective_deadline(task, sections)
        inherited = deadline is not task.deadline
        section = sections.get(task.section)
        note = f" (thời hạn chung của mục {section.number or section.title})" if inherited and section else ""
        roles = [(a, "lead") for a in task.lead] + [(a, "partner") for a in task.partners]
        people = [("Chủ trì", task.lead), ("Phối hợp", task.partners)]
        yield from _event(context, task, deadline, note, roles, people)
    for duty in plan.reporting:
        roles = [(a, "report") for a in duty.reporters]
        roles += [(a, "receive") for a in (duty.recipient, duty.via) if a]
        people = [("Đơn vị báo cáo", duty.reporters), ("Gửi", [duty.recipient] if duty.recipient else []),
                  ("Qua", [duty.via] if duty.via else [])]
        yield from _event(context, duty, duty.deadline, "", roles, people)


def _event(context: PlanContext, item: Task | ReportingDuty, deadline: Deadline | None, note: str,
           roles: list[tuple[str, str]], people: list[tuple[str, list[str]]]) -> Iterator[Event]:
    last = due(deadline)
    if last is None or deadline is None:
        return  # ongoing or undated: nothing to put on a calendar
    day, url = shifted(last), context.page + "#" + item.id
    status = item.status if isinstance(item, Task) else None
    stamp = max(context.revised, status.proof.date if status and status.proof and status.proof.date else day.min)
    lines = [context.heading]
    lines += [f"{label}: {context.names_of(ids)}" for label, ids in people if ids]
    lines.append(f"{'Thời hạn ghi trong văn bản' if deadline.text else 'Thời hạn'}: {phrase(deadline)}{note}")
    lines.append(due_line(last, day))
    done = status is not None and status.state == "done"
    if status and status.state in STATES:
        lines.append(f"Tình trạng: {STATES[status.state]}")
    if done and status and status.proof:
        lines.append(f"{PROOF_WORD}: {proof_text(status.proof)}")
    if context.ended and not done:
        lines.append(f"Tình trạng: {STATUS_WORDS['unrecorded']} (kế hoạch đã kết thúc)")
    lines.append(f"Chi tiết: {url}")
    categories: tuple[str, ...] = (context.title, quarter_label(last))
    if isinstance(item, ReportingDuty):
        categories += ("Báo cáo",)
    loaded = context.loaded
    yield Event(uid=f"{item.id}.{loaded.id.replace('/', '-')}@kehoach", day=day, stamp=stamp,
                sequence=(stamp - context.first).days, summary=summary_of(item.title, done),
                description="\n".join(lines), url=url, categories=categories, plan_id=loaded.id,
                year=loaded.plan.year, roles=tuple(roles), alarms=not done and not context.ended)


def _agency_lines(event: Event, reach: dict[str, list[str]]) -> tuple[tuple[bytes, tuple[str, ...]], ...]:
    """The event's SUMMARY line in agencies' feeds, with the agency's most important role, and who gets each."""
    best: dict[str, int] = {}  # agency -> rank of its most important role
    for agency_id, role in event.roles:
        rank = RANK[role]
        for member in reach.get(agency_id, ()):
            if best.get(member, rank + 1) > rank:
                best[member] = rank
    by_rank: dict[int, list[str]] = {}
    for member, rank in best.items():
        by_rank.setdefault(rank, []).append(member)
    return tuple((text_line("SUMMARY", PREFIXES[rank] + event.summary), tuple(ids)) for rank, ids in by_rank.items())


# --- what an event says ------------------------------------------------------------

def one_line(text: str) -> str:
    """A title on one line: a SUMMARY with a line break is refused by clients (calcurse)."""
    return " ".join(text.split())


def summary_of(title: str, done: bool) -> str:
    """The event's title on one line, led by "Đã hoàn thành: " when the task is done (after any role)."""
    return f"{STATUS_WORDS['done']}: {one_line(title)}" if done else one_line(title)


def _name(agency_id: str, agencies: dict[str, Agency]) -> str:
    agency = agencies.get(agency_id)
    return agency.name if agency else agency_id


@lru_cache(maxsize=4096)
def shifted(last: date) -> date:
    """`workdays.effective`, remembered: thousands of tasks share a few hundred last days."""
    return effective(last)


@lru_cache(maxsize=4096)
def quarter_label(day: date) -> str:
    """The quarter category of a day: "Quý III/2024"."""
    return f"Quý {roman(quarter_of(day))}/{day.year}"


@lru_cache(maxsize=4096)
def due_line(last: date, day: date) -> str:
    """The last day, and where it moved to when it is a weekend or holiday."""
    if last == day:
        return f"Hạn cuối: {short_date(last)} ({weekday_name(last)})"
    return (f"Hạn cuối theo văn bản: {short_date(last)} ({why_closed(last)}); "
            f"hạn tính theo Điều 148 BLDS: {short_date(day)}")


# --- the calendars ------------------------------------------------------------------

def _all_meta(base: str) -> CalendarMeta:
    return CalendarMeta("Hạn nhiệm vụ thi đua, khen thưởng",
                        "Mọi thời hạn nhiệm vụ và báo cáo trong các kế hoạch thi đua, khen thưởng.",
                        base, base + links.ALL_FEED)


def _year_meta(year: int, base: str) -> CalendarMeta:
    return CalendarMeta(f"Hạn nhiệm vụ năm {year}",
                        f"Thời hạn nhiệm vụ và báo cáo trong các kế hoạch thi đua, khen thưởng năm {year}.",
                        f"{base}nam/{year}/", base + links.year_feed(year))


def _plan_meta(loaded: LoadedPlan, agencies: dict[str, Agency], base: str) -> CalendarMeta:
    return CalendarMeta(f"Hạn nhiệm vụ: {plan_title(loaded.plan, loaded.id)}",
                        f"Thời hạn nhiệm vụ và báo cáo của {plan_label(loaded.plan, agencies)}.",
                        f"{base}ke-hoach/{loaded.id}/", base + links.plan_feed(loaded.id))


def _agency_meta(agency: Agency, agencies: dict[str, Agency], base: str) -> CalendarMeta:
    text = (f"Nhiệm vụ {agency.name} chủ trì, phối hợp, phải báo cáo hoặc nhận báo cáo, "
            "kể cả nhiệm vụ giao cho nhóm mà cơ quan thuộc về.")
    if agency.successor:
        text += f" Cơ quan đã được thay bằng {_name(agency.successor, agencies)}."
    elif agency.valid_until:
        text += f" Cơ quan chấm dứt hoạt động sau ngày {short_date(agency.valid_until)}."
    return CalendarMeta(f"Hạn nhiệm vụ: {agency.name}", text,
                        f"{base}co-quan/{agency.id}/", base + links.agency_feed(agency.id))
