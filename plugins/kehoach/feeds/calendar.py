"""Calendar feeds: every dated task and reporting duty as an all-day event.

The rule, one for every feed (guide: docs/huong-dan/dang-ky-lich.md):

* the deadline, its last day and its effective day are the resolved view's
  (`core.view`): a task's own deadline or its section's period, the last day
  (the exact day, the day before "trước ngày X", the end of the month, quarter,
  half-year or school year), moved to the next working day when that day is a
  weekend or a holiday (BLDS 2015 Điều 148 k5), and the description says so;
  ongoing ("thường xuyên") and undated items are not events;
* who sees an event in their feed, and under which role, is `view.involved`,
  the same answer as the agency pages and the digest;
* the status is `agenda.recorded` as of the build day: a done task says so
  (summary and proof) and rings no alarm; built with a day (`today`), the open
  items of a plan ended by then read "Không ghi nhận kết quả" and ring none
  either. Without a day no plan has ended.

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
from ..core.agenda import ended, recorded, recorded_words
from ..core.deadlines import quarter_of
from ..core.labels import PROOF_WORD, ROLE_WORDS, STATUS_WORDS, plan_base, plan_label
from ..core.loader import Corpus, LoadedPlan, quiet_gc
from ..core.models import Agency
from ..core.registry import members, name_of
from ..core.reuse import Reuse
from ..core.text import roman, short_date, weekday_name
from ..core.view import DutyView, ItemView, Named, PlanView, involved, resolve
from ..core.workdays import why_closed
from .ical import TRANSPARENT_AND_ALARMS, TRANSPARENT_ONLY, CalendarMeta, VEvent, text_line, write_calendar, write_event

ROLES = {role: f"[{words}] " for role, words in ROLE_WORDS.items()}  # before the title in an agency's feed


@dataclass(frozen=True)
class Event(VEvent):
    """One deadline as an all-day event (`day` is after moving off a closed day)."""

    plan_id: str
    year: int  # the plan's year: the event is in that year's feed
    roles: tuple[tuple[str, str], ...]  # (agency id, role) for every agency whose feed shows it
    alarms: bool = True  # False for a done task and for an open item of an ended plan


def build_feeds(corpus: Corpus, site_url: str, today: date | None = None,
                directory_urls: bool = True) -> dict[str, bytes]:
    """Every feed as relative path -> bytes, identical whatever order plans were read in.

    There is a feed for every plan, every year that has a plan and every agency
    of the registry, even with no event yet, so that every page's subscribe
    link works and a subscription made today picks up next year's deadlines.
    `site_url` is the site's public address ("https://intranet/kehoach/"), `directory_urls` MkDocs'
    `use_directory_urls` (false: pages at ke-hoach/2024/x.html);
    event URLs point at the task anchors of the plan pages under it. With
    `today`, the open items of plans ended by then (`agenda.ended`) say so and
    lose their alarms; without it no plan has ended.
    """
    return dict(iter_feeds(corpus, site_url, today=today, directory_urls=directory_urls))


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
               today: date | None = None, directory_urls: bool = True) -> Iterator[tuple[str, bytes]]:
    """Every feed as (relative path, bytes), made one at a time.

    A large site has hundreds of megabytes of feeds (each event is in the all,
    year, plan and several agency feeds); a caller that writes each feed before
    taking the next never holds them all. Until then each event is held once, in
    pieces (`FeedItem`), and a feed is joined from them when its turn comes.
    `reuse` keeps each plan's events between builds (a plan's events change on
    the day it ends, so whether it has is part of what they are kept by).
    """
    base = links.Site(site_url.rstrip("/") + "/", directory_urls)  # without a site_url: root-relative URLs
    reach, resolved = members(corpus.agencies), resolve(corpus)

    def make(loaded: LoadedPlan) -> list[FeedItem]:
        return plan_items(resolved.plans[loaded.id], reach, base, today)

    def key(loaded: LoadedPlan) -> tuple[object, ...]:
        return loaded, corpus.agencies, base, ended(resolved.plans[loaded.id], today)

    with quiet_gc():  # hundreds of thousands of short-lived objects, none in a cycle
        found = [item for loaded in corpus.plans
                 for item in (reuse.get(loaded.id, key(loaded), partial(make, loaded)) if reuse else make(loaded))]
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
        yield links.plan_feed(loaded.id), write_calendar(_plan_meta(resolved.plans[loaded.id], base),
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


def plan_items(plan: PlanView, reach: dict[str, list[str]], base: links.Site,
               today: date | None = None) -> list[FeedItem]:
    """The feed items of one plan as of `today`, in the plan's order."""
    items = []
    for event in plan_events(plan, base, reach, today):
        head, tail = write_event(event)
        items.append(FeedItem((event.day, event.plan_id, event.uid), event.year, head,
                              text_line("SUMMARY", event.summary), tail, _agency_lines(event), event.alarms))
    return items


def events(corpus: Corpus, site_url: str, today: date | None = None, directory_urls: bool = True) -> list[Event]:
    """Every event of the corpus as of `today` (see `build_feeds`), sorted by day, plan and item id."""
    reach, resolved = members(corpus.agencies), resolve(corpus)
    site = links.Site(site_url.rstrip("/") + "/", directory_urls)
    found = [event for plan in resolved.plans.values() for event in plan_events(plan, site, reach, today)]
    return sorted(found, key=lambda event: (event.day, event.plan_id, event.uid))


@dataclass(frozen=True)
class PlanContext:
    """What every event of one plan shares, worked out once per plan."""

    plan: PlanView
    page: str  # the plan page's URL; a task URL adds "#<task-id>"
    heading: str  # the description's first lines: plan label and title
    first: date  # plan_base: SEQUENCE counts days from here
    revised: date  # the later of `first` and `updated:`
    today: date | None  # the build day: a plan ended by then has its open items' outcome unrecorded

    @classmethod
    def of(cls, plan: PlanView, site: links.Site, today: date | None = None) -> PlanContext:
        loaded = plan.loaded
        first = plan_base(loaded.plan)
        return cls(plan, site.to(links.plan_page(loaded.id)), f"{plan_label(loaded.plan, plan.agencies)}\n{plan.title}",
                   first, max(first, loaded.plan.updated or first), today)


def plan_events(plan: PlanView, site: links.Site, reach: dict[str, list[str]],
                today: date | None = None) -> Iterator[Event]:
    """The events of one plan as of `today`: its dated tasks, then its dated reporting duties."""
    context = PlanContext.of(plan, site, today)
    for item in plan.items:
        if item.effective_due is not None:  # ongoing or undated: nothing to put on a calendar
            yield _event(context, item, reach)


def _people(item: ItemView) -> list[tuple[str, tuple[Named, ...]]]:
    if isinstance(item, DutyView):
        return [("Đơn vị báo cáo", item.reporters), ("Gửi", (item.recipient,) if item.recipient else ()),
                ("Qua", (item.via,) if item.via else ())]
    return [(ROLE_WORDS["lead"], item.lead), (ROLE_WORDS["partner"], item.partners)]


def _event(context: PlanContext, item: ItemView, reach: dict[str, list[str]]) -> Event:
    assert item.due is not None and item.effective_due is not None
    day, url = item.effective_due, context.page + "#" + item.id
    proof = item.proof if not isinstance(item, DutyView) else None
    stamp = max(context.revised, proof.date if proof and proof.date else day.min)
    note = f" (thời hạn chung của mục {item.section})" if item.inherited and not isinstance(item, DutyView) else ""
    lines = [context.heading]
    lines += [f"{label}: {'; '.join(a.name for a in named)}" for label, named in _people(item) if named]
    written = item.deadline is not None and item.deadline.text
    lines.append(f"{'Thời hạn ghi trong văn bản' if written else 'Thời hạn'}: {item.deadline_text}{note}")
    lines.append(due_line(item.due, day))
    lines += status_lines(item, context.today)
    lines.append(f"Chi tiết: {url}")
    categories: tuple[str, ...] = (context.plan.title, quarter_label(item.due))
    if item.is_report:
        categories += ("Báo cáo",)
    loaded = context.plan.loaded
    roles = tuple((agency_id, role) for agency_id, (role, _) in involved(item, reach).items())
    code = recorded(item, context.today)
    return Event(uid=f"{item.id}.{loaded.id.replace('/', '-')}@kehoach", day=day, stamp=stamp,
                 sequence=(stamp - context.first).days, summary=summary_of(item.title, code == "done"),
                 description="\n".join(lines), url=url, categories=categories, plan_id=loaded.id,
                 year=loaded.plan.year, roles=roles, alarms=code not in ("done", "unrecorded"))


def status_lines(item: ItemView, today: date | None) -> list[str]:
    """ "Tình trạng: …" (`agenda.recorded_words`), then a done task's proof.

    A duty records no state: it says one only once its plan has ended.
    """
    code = recorded(item, today)
    if code == "unrecorded":
        return [f"Tình trạng: {recorded_words(item, today)} (kế hoạch đã kết thúc)"]
    if item.is_report:
        return []
    lines = [f"Tình trạng: {recorded_words(item, today)}"]
    if code == "done" and not isinstance(item, DutyView) and item.proof_label:
        lines.append(f"{PROOF_WORD}: {item.proof_label}")
    return lines


def _agency_lines(event: Event) -> tuple[tuple[bytes, tuple[str, ...]], ...]:
    """The event's SUMMARY line in agencies' feeds, with each agency's role (`view.involved`), and who gets each."""
    by_role: dict[str, list[str]] = {}
    for agency_id, role in event.roles:
        by_role.setdefault(role, []).append(agency_id)
    return tuple((text_line("SUMMARY", ROLES[role] + event.summary), tuple(ids)) for role, ids in by_role.items())


# --- what an event says ------------------------------------------------------------

def one_line(text: str) -> str:
    """A title on one line: a SUMMARY with a line break is refused by clients (calcurse)."""
    return " ".join(text.split())


def summary_of(title: str, done: bool) -> str:
    """The event's title on one line, led by "Đã hoàn thành: " when the task is done (after any role)."""
    return f"{STATUS_WORDS['done']}: {one_line(title)}" if done else one_line(title)


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

def _all_meta(base: links.Site) -> CalendarMeta:
    return CalendarMeta("Hạn nhiệm vụ thi đua, khen thưởng",
                        "Mọi thời hạn nhiệm vụ và báo cáo trong các kế hoạch thi đua, khen thưởng.",
                        base.to(links.HOME), base.to(links.ALL_FEED))


def _year_meta(year: int, base: links.Site) -> CalendarMeta:
    return CalendarMeta(f"Hạn nhiệm vụ năm {year}",
                        f"Thời hạn nhiệm vụ và báo cáo trong các kế hoạch thi đua, khen thưởng năm {year}.",
                        base.to(links.year_page(year)), base.to(links.year_feed(year)))


def _plan_meta(plan: PlanView, base: links.Site) -> CalendarMeta:
    loaded = plan.loaded
    return CalendarMeta(f"Hạn nhiệm vụ: {plan.title}",
                        f"Thời hạn nhiệm vụ và báo cáo của {plan_label(loaded.plan, plan.agencies)}.",
                        base.to(links.plan_page(loaded.id)), base.to(links.plan_feed(loaded.id)))


def _agency_meta(agency: Agency, agencies: dict[str, Agency], base: links.Site) -> CalendarMeta:
    text = (f"Nhiệm vụ {agency.name} chủ trì, phối hợp, phải báo cáo hoặc nhận báo cáo, "
            "kể cả nhiệm vụ giao cho nhóm mà cơ quan thuộc về.")
    if agency.successor:
        text += f" Cơ quan đã được thay bằng {name_of(agency.successor, agencies)}."
    elif agency.valid_until:
        text += f" Cơ quan chấm dứt hoạt động sau ngày {short_date(agency.valid_until)}."
    return CalendarMeta(f"Hạn nhiệm vụ: {agency.name}", text,
                        base.to(links.agency_page(agency.id)), base.to(links.agency_feed(agency.id)))
