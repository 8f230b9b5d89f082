"""The pages around the plans: home, years, agencies, and each agency's task list.

Lists that repeat what plan pages already say are marked `data-search-exclude`
so Material's search index holds each task once (perf.md: the index is what
makes a large site slow in the browser); the home page and the years index are
left out whole (`search: exclude`). DEVELOPING.md "Search index" says what stays.

Material's search parser ends an exclusion at the first closing tag of the same
name, so `data-search-exclude` goes on elements holding no element of their own
tag (a `p`, a `td`, a `thead`, a list's `table`), never on a `div` around `div`s.
A heading inside an excluded box still opens a search entry of its own, so it
carries the attribute too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from ..core import links
from ..core.agenda import bucket, ended, grouped, quarter_bounds
from ..core.labels import NOTE_WORDS, ROLE_WORDS, STATUS_WORDS
from ..core.lifecycle import SHOWN_YEAR_RULE, shown_year
from ..core.loader import Corpus, LoadedPlan
from ..core.models import Agency
from ..core.text import short_date
from ..core.view import ItemView, Row, resolve
from .options import Options
from .render import Linked, Shown, downloads, feed_links, front_matter, render, shown
from .reports import received_reports

KIND_VI = {
    "government": "Chính quyền", "council": "Hội đồng", "department": "Sở, ngành", "office": "Văn phòng",
    "unit": "Đơn vị", "division": "Phòng, ban", "official": "Công chức, chức danh",
    "mass-organisation": "Đoàn thể", "press": "Báo chí", "party": "Cơ quan Đảng", "group": "Nhóm cơ quan",
    "ministry": "Bộ, ngành", "central-body": "Cơ quan trung ương",
}
HOME_OVERDUE_LIMIT = 30
HOME_SOON_LIMIT = 50  # a province has thousands of tasks due in a month; agency pages list them all
HORIZON_DAYS = 30


@dataclass(frozen=True)
class Item:
    """A task on a list page: what the page shows of it plus where it comes from."""

    view: Shown
    href: str
    plan: str
    plan_href: str
    role: str = ""
    group: Linked | None = None
    order: int = 0  # place in the page's whole list: the badge script keeps this order when it moves rows


def _item(item: ItemView, corpus: Corpus, link: links.Links, options: Options, row: Row | None = None,
          order: int = 0) -> Item:
    group = _named(row.group, corpus, link) if row else None
    return Item(shown(item, link, options.today), link.to(links.plan_page(item.plan_id), item.id), item.plan_title,
                link.to(links.plan_page(item.plan_id)), ROLE_WORDS[row.role] if row else "", group, order)


@dataclass(frozen=True)
class PlanYear:
    """One plan year of an agency's list, as the links between its pages show it."""

    year: int
    total: int
    overdue: int


def split_by_year(rows: list[Row], plans: Mapping[str, LoadedPlan],
                  today: date) -> tuple[int | None, dict[int, list[Row]]]:
    """An agency's rows by plan year, newest first, and the year its own page shows.

    The page shows the site's year (`lifecycle.shown_year` of every plan's
    year, the same for every agency, even one with no task in it), so adding a
    task to another year's plan never moves it. Each other year has a page of
    its own, so a page stays the size of one year's plans however many years
    the site keeps (a group's tasks are listed on every member's page).
    """
    shown = shown_year((loaded.plan.year for loaded in plans.values()), today)
    by_year: dict[int, list[Row]] = {} if shown is None else {shown: []}
    for row in rows:
        by_year.setdefault(plans[row.item.plan_id].plan.year, []).append(row)
    return shown, {year: by_year[year] for year in sorted(by_year, reverse=True)}


def plan_years(by_year: Mapping[int, list[Row]], today: date) -> tuple[PlanYear, ...]:
    """How many tasks, and how many overdue, each plan year of an agency holds: what every one of its
    pages links by. A task of a plan that has ended is not overdue any more (`agenda.bucket`)."""
    return tuple(PlanYear(year, len(rows), sum(bucket(row.item, today) == "overdue" for row in rows))
                 for year, rows in by_year.items())


def agency_page_of(agency_id: str, year: int | None, shown: int | None) -> str:
    """Docs path of an agency's page for a plan year: its own page for the year it shows."""
    return links.agency_page(agency_id) if year == shown else links.agency_year_page(agency_id, year or 0)


def render_agency_page(agency: Agency, year: int | None, rows: list[Row], years: tuple[PlanYear, ...],
                       shown: int | None, corpus: Corpus, options: Options) -> str:
    """The tasks an agency leads, partners in or reports on in one plan year, grouped by when they are due.

    `years` are all the agency's plan years, linked from the page; `shown` is
    the one its own page (co-quan/<id>/) holds.
    """
    link = options.links(agency_page_of(agency.id, year, shown))
    order = {id(row): number for number, row in enumerate(rows)}
    parts = grouped(rows, options.today)
    if all(key != "unrecorded" for key, _, _ in parts):  # hidden until the badge script moves rows into it
        parts.insert(-1, ("unrecorded", STATUS_WORDS["unrecorded"], []))
    groups = [(key, label, [_item(r.item, corpus, link, options, r, order[id(r)]) for r in found])
              for key, label, found in parts]
    members = sorted(a.id for a in corpus.agencies.values() if agency.id in a.groups)
    context = {
        "agency": agency, "kind": KIND_VI.get(agency.kind, agency.kind), "groups": groups,
        "today_text": short_date(options.today), "total": len(rows), "year": year,
        "years": [(y, link.to(agency_page_of(agency.id, y.year, shown))) for y in years],
        "parent": _named(agency.parent, corpus, link), "successor": _named(agency.successor, corpus, link),
        "member_of": [_named(g, corpus, link) for g in agency.groups],
        "members": [_named(m, corpus, link) for m in members],
        "feed": feed_links(link, links.agency_feed(agency.id), options.site_url),
        "files": downloads(link, links.agency_exports(agency.id), options),
        "agencies_href": link.to(links.AGENCIES), "year_rule": SHOWN_YEAR_RULE, "note_words": NOTE_WORDS,
        "current": current_year(corpus, link, options.today),
        "received": received_reports(rows, corpus, link, options.today),
    }
    source = corpus.agency_pos.get(agency.id, ("", 0, 0))[0] or None
    own = year == shown  # the agency's own page is the one search finds; another year's adds nothing to find
    title = agency.name if own else f"{agency.name} – năm {year}"
    return front_matter(title, source, searched=own) + render("agency.md", **context)


def _named(agency_id: str | None, corpus: Corpus, link: links.Links) -> Linked | None:
    if agency_id is None:
        return None
    agency = corpus.agencies.get(agency_id)
    return Linked(agency.name, link.to(links.agency_page(agency_id))) if agency else Linked(agency_id, None)


def render_agencies_index(corpus: Corpus, by_agency: dict[str, list[Row]], options: Options) -> str:
    """All agencies, parents before children, with how many tasks each has and any successor."""
    link = options.links(links.AGENCIES)
    rows = []
    for agency in sorted(corpus.agencies.values(), key=lambda a: a.id):
        found = by_agency.get(agency.id, [])
        rows.append({"agency": agency, "href": link.to(links.agency_page(agency.id)),
                     "depth": agency.id.count("/") - 1, "kind": KIND_VI.get(agency.kind, agency.kind),
                     "open": sum(r.item.state != "done" for r in found), "total": len(found),
                     "successor": _named(agency.successor, corpus, link)})
    return front_matter("Cơ quan, đơn vị", None) + render("agencies.md", rows=rows)


def issued_on(value: date | str | None) -> str:
    """Issue date for lists: 05/01/2024, or as much of it as the source gives (02/2024, 2024)."""
    if isinstance(value, date):
        return short_date(value)
    if value and "-" in value:
        year, month = value.split("-")
        return f"{month}/{year}"
    return value or ""


def _plan_rows(plans: list[LoadedPlan], link: links.Links, corpus: Corpus) -> list[dict[str, object]]:
    rows, resolved = [], resolve(corpus).plans
    for loaded in sorted(plans, key=lambda p: p.id):
        document, tasks = loaded.plan.document, resolved[loaded.id].tasks
        number = f"{document.number or '…'}/{document.symbol}" if document.symbol else (document.number or "")
        issuer = document.issuer_name or (corpus.agencies[document.issuer].name
                                          if document.issuer in corpus.agencies else "")
        rows.append({"title": resolved[loaded.id].title, "href": link.to(links.plan_page(loaded.id)),
                     "number": number,
                     "issuer": issuer, "date": issued_on(document.date), "tasks": len(tasks),
                     "done": sum(t.state == "done" for t in tasks)})
    return rows


def render_year_page(year: int, corpus: Corpus, options: Options) -> str:
    """The plans of one year."""
    link = options.links(links.year_page(year))
    plans = [loaded for loaded in corpus.plans if loaded.plan.year == year]
    context = {"year": year, "plans": _plan_rows(plans, link, corpus),
               "feed": feed_links(link, links.year_feed(year), options.site_url)}
    return front_matter(f"Kế hoạch năm {year}", None) + render("year.md", **context)


def render_years_index(corpus: Corpus, options: Options) -> str:
    """Every year with its plans."""
    link = options.links(links.YEARS)
    years = sorted({loaded.plan.year for loaded in corpus.plans}, reverse=True)
    context = {"years": [(year, link.to(links.year_page(year)),
                          _plan_rows([p for p in corpus.plans if p.plan.year == year], link, corpus))
                         for year in years],
               "feed": feed_links(link, links.ALL_FEED, options.site_url)}
    return front_matter("Kế hoạch theo năm", None, searched=False) + render("years.md", **context)


@dataclass(frozen=True)
class CurrentYear:
    """What the home and agency pages say about the current calendar year's plans."""

    year: int
    plans: list[Linked]  # the current year's plans; empty when it has none yet
    year_href: str | None  # its year page, when it has plans
    last_year: int | None  # when it has none: the latest year before it with plans
    last_plans: list[Linked]
    last_href: str | None


def current_year(corpus: Corpus, link: links.Links, today: date) -> CurrentYear:
    """The current year's plans, or, while it has none, the latest earlier year's (with links)."""
    resolved = resolve(corpus).plans

    def plans_of(year: int) -> list[Linked]:
        return [Linked(resolved[p.id].title, link.to(links.plan_page(p.id)))
                for p in sorted(corpus.plans, key=lambda p: p.id) if p.plan.year == year]

    years = {loaded.plan.year for loaded in corpus.plans}
    if today.year in years:
        return CurrentYear(today.year, plans_of(today.year), link.to(links.year_page(today.year)), None, [], None)
    last = max((year for year in years if year < today.year), default=None)
    return CurrentYear(today.year, [], None, last, plans_of(last) if last else [],
                       link.to(links.year_page(last)) if last else None)


def render_home(corpus: Corpus, options: Options) -> str:
    """Due in the next 30 days, overdue, this quarter's open tasks counted by lead agency; links to years
    and agencies. Plans that have ended leave the lists (their open tasks have no outcome recorded).

    The page stays the same size however many plans the site keeps: the two
    lists are cut to the nearest tasks, and the quarter is one line per lead
    agency, linking to the agency's page that lists the tasks.
    """
    today, link = options.today, options.links(links.HOME)
    in_force = [plan for plan in resolve(corpus).plans.values() if not ended(plan, today)]
    entries = sorted((e for plan in in_force for e in plan.items if e.state != "done"), key=lambda e: e.sort_key)
    soon = [e for e in entries if e.effective_due and today <= e.effective_due <= today + timedelta(HORIZON_DAYS)]
    overdue = sorted((e for e in entries if e.effective_due and e.effective_due < today),
                     key=lambda e: (e.effective_due, e.plan_id, e.id), reverse=True)
    start, end = quarter_bounds(today)
    by_lead: dict[str, list[ItemView]] = {}
    for entry in entries:
        if entry.effective_due and start <= entry.effective_due <= end:
            for agency_id in [a.id for a in entry.lead] or [""]:
                by_lead.setdefault(agency_id, []).append(entry)
    context = {
        "today_text": short_date(today), "horizon": HORIZON_DAYS,
        "soon": [_item(e, corpus, link, options) for e in soon[:HOME_SOON_LIMIT]],
        "soon_more": max(len(soon) - HOME_SOON_LIMIT, 0),
        "overdue": [_item(e, corpus, link, options) for e in overdue[:HOME_OVERDUE_LIMIT]],
        "overdue_more": max(len(overdue) - HOME_OVERDUE_LIMIT, 0),
        "quarter": [(_named(a, corpus, link) if a else Linked("(không ghi cơ quan chủ trì)", None), len(found),
                     sum(e.effective_due < today for e in found if e.effective_due))
                    for a, found in sorted(by_lead.items())],
        "quarter_text": f"{short_date(start)} – {short_date(end)}",
        "years": [(y, link.to(links.year_page(y))) for y in sorted({p.plan.year for p in corpus.plans},
                                                                 key=lambda y: (y != today.year, -y))],
        "current": current_year(corpus, link, today), "ended_count": len(corpus.plans) - len(in_force),
        "years_href": link.to(links.YEARS), "agencies_href": link.to(links.AGENCIES),
        "feed": feed_links(link, links.ALL_FEED, options.site_url), "plan_count": len(corpus.plans),
    }
    return front_matter("Kế hoạch thi đua, khen thưởng", None, searched=False) + render("home.md", **context)
