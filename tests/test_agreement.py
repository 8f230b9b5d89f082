"""Every output shows the same facts of a task: the plan page, its agencies' pages, feeds, CSV, XLSX, digest.

Each output is built as a user gets it and read back with an independent reader
(lxml for pages, icalendar for feeds, csv, openpyxl, the digest's own lines);
what each says of a task is then compared with the plan page: the effective
deadline, the status in words, who leads and partners, and where the task lives.
Nothing here asks the resolved view: a view that works a fact out for itself
makes this test fail. Every output is made for the same day, as a build makes
them: an open task of a plan ended by then reads "Không ghi nhận kết quả"
everywhere (`lifecycle.has_ended` is the rule), and is overdue nowhere.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import sys
from dataclasses import dataclass
from datetime import date

import icalendar
import lxml.html
import openpyxl
import pytest
from conftest import ROOT

from kehoach.api import checked_corpus
from kehoach.core.lifecycle import has_ended, last_day
from kehoach.core.loader import Corpus
from kehoach.exports.digest import build_digest, render_text
from kehoach.exports.files import agency_csv, agency_tasks, plan_csv, plan_xlsx
from kehoach.feeds.calendar import build_feeds
from kehoach.site.builder import build_pages
from kehoach.site.options import Options

sys.path.insert(0, str(ROOT / "bench"))
from province import STATUS_DAY, write_province  # noqa: E402

SITE = "https://intranet.example/kehoach/"
DAYS = 30
BY_DAY = ("Quá hạn", "Sắp đến hạn")  # the status words that depend on the day, not on the plan file
UNRECORDED = "Không ghi nhận kết quả"  # an open task of a plan that has ended
ENDED_NOTE = " (kế hoạch đã kết thúc)"  # a feed says why after the status words


@dataclass(frozen=True)
class Built:
    """Every output of a corpus, as files a user gets."""

    corpus: Corpus
    today: date
    pages: dict[str, str]
    feeds: dict[str, bytes]
    files: dict[str, bytes]
    digest: str


def build(corpus: Corpus, today: date) -> Built:
    """Every output made for `today`, as the plugin and `kehoach build-docs` make them."""
    pages = build_pages(corpus, Options(today=today, site_url=SITE))
    digest = render_text(build_digest(corpus, today, DAYS), corpus, today, DAYS)
    files = {}  # the exports this test reads (DOCX and agencies' XLSX take long and show the same cells)
    for loaded in corpus.plans:
        files[f"xuat/ke-hoach/{loaded.id}.csv"] = plan_csv(loaded, corpus.agencies, today)
        files[f"xuat/ke-hoach/{loaded.id}.xlsx"] = plan_xlsx(loaded, corpus.agencies, today)
    plans = {loaded.id: loaded for loaded in corpus.plans}
    for agency_id, rows in agency_tasks(corpus).items():
        files[f"xuat/co-quan/{agency_id}.csv"] = agency_csv(rows, plans, today)
    return Built(corpus, today, pages, build_feeds(corpus, SITE, today), files, digest)


@pytest.fixture(scope="module")
def real() -> Built:
    return build(checked_corpus([ROOT / "plans"], ROOT), date(2024, 6, 10))


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("province")
    write_province(root, 40)
    return build(checked_corpus([root / "plans"], root), STATUS_DAY)


# --- reading the outputs --------------------------------------------------------------

def _tree(markdown: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<div>{markdown}</div>")


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


@dataclass(frozen=True)
class Seen:
    """What one output says of one task (None: the output does not say)."""

    where: str
    due: date | None = None
    status: str | None = None
    lead: str | None = None
    partners: str | None = None
    url: str | None = None  # the plan page and anchor it leads to: "ke-hoach/<plan>/#<task>"


def _badge(element: lxml.html.HtmlElement) -> tuple[date | None, str]:
    (badge,) = element.xpath(".//span[contains(@class, 'kh-badge')]")
    due = badge.get("data-due")
    return (date.fromisoformat(due) if due else None), _text(badge)


def plan_page(tree: lxml.html.HtmlElement, plan_id: str, task_id: str) -> Seen:
    """The task's row (or paragraph) on its plan page."""
    (element,) = tree.xpath("//*[@id=$id]", id=task_id)
    due, status = _badge(element)
    if element.tag == "tr":
        cells = element.xpath("./td")
        lead, partners = _text(cells[3]), _text(cells[4])
    else:  # a paragraph placed in the body: "badge · Thời hạn: … · Chủ trì: … · Phối hợp: … · #"
        parts = _text(element.xpath(".//p[contains(@class, 'kh-task-meta')]")[0]).split(" · ")
        lead = next((p.removeprefix("Chủ trì: ") for p in parts if p.startswith("Chủ trì: ")), "")
        partners = next((p.removeprefix("Phối hợp: ") for p in parts if p.startswith("Phối hợp: ")), "")
    return Seen(f"ke-hoach/{plan_id}.md", due, status, lead, partners, f"ke-hoach/{plan_id}/#{task_id}")


def agency_rows(built: Built, agency_id: str) -> dict[str, Seen]:
    """Every row of an agency's pages (every plan year), by the URL it links to."""
    found = {}
    for path, markdown in built.pages.items():
        if path != f"co-quan/{agency_id}.md" and not path.startswith(f"co-quan/{agency_id}/nam-"):
            continue
        folder = path[: -len(".md")] + "/"
        for row in _tree(markdown).xpath("//table[contains(@class, 'kh-list')]/tbody/tr"):
            href = row.xpath("./td[2]/a")[0].get("href")
            target, _, anchor = href.partition("#")
            url = posixpath.normpath(posixpath.join(folder, target)) + "/#" + anchor
            due, status = _badge(row)
            found[url] = Seen(path, due, status, url=url)
    return found


def feed_events(built: Built, path: str) -> dict[str, Seen]:
    """The events of one feed, by the URL each points at, read with icalendar."""
    found = {}
    for event in icalendar.Calendar.from_ical(built.feeds[path]).walk("VEVENT"):
        url = str(event["URL"]).removeprefix(SITE)
        lines = dict(line.split(": ", 1) for line in str(event["DESCRIPTION"]).splitlines() if ": " in line)
        status = lines.get("Tình trạng")
        if status == UNRECORDED + ENDED_NOTE:  # the words, then why; any other pairing stays and disagrees
            status = UNRECORDED
        found[url] = Seen(path, event["DTSTART"].dt, status, lines.get("Chủ trì", ""), lines.get("Phối hợp", ""), url)
    return found


def csv_rows(built: Built, path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(built.files[path].decode("utf-8-sig"))))


def xlsx_rows(built: Built, path: str) -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(built.files[path]))["Nhiệm vụ"]
    rows = list(sheet.iter_rows(values_only=True))
    top = next(index for index, row in enumerate(rows) if "Mã nhiệm vụ" in row)
    return [dict(zip(rows[top], row, strict=True)) for row in rows[top + 1:]]


def _day(value: object) -> date | None:
    if not value:
        return None
    return value.date() if hasattr(value, "date") else date.fromisoformat(str(value))


def export_seen(where: str, row: dict, plan_id: str, task_id: str) -> Seen:
    return Seen(where, _day(row["Hạn tính theo ngày làm việc"]), row["Trạng thái"], row["Chủ trì"] or "",
                row["Phối hợp"] or "", f"ke-hoach/{plan_id}/#{task_id}")


DIGEST_AGENCY = re.compile(r"^\S.* \((?P<id>[^()]+)\)$")
DIGEST_PLAN = re.compile(r"^      Kế hoạch: .* \((?P<plan>[^ ,]+), #(?P<task>[^)]+)\)$")
DIGEST_DUE = re.compile(r"^      Thời hạn: «.*»; hạn (?P<d>\d\d)/(?P<m>\d\d)/(?P<y>\d{4}) ")
DIGEST_STATUS = re.compile(r"^      Tình trạng: (?P<status>.+)$")


def digest_items(built: Built) -> dict[tuple[str, str], Seen]:
    """(agency id, task URL) -> what the text digest says of it."""
    found, agency, url, due = {}, "", "", None
    for line in built.digest.splitlines():
        if match := DIGEST_AGENCY.match(line):
            agency = match["id"]
        elif match := DIGEST_PLAN.match(line):
            url = f"ke-hoach/{match['plan']}/#{match['task']}"
        elif match := DIGEST_DUE.match(line):
            due = date(int(match["y"]), int(match["m"]), int(match["d"]))
        elif match := DIGEST_STATUS.match(line):
            found[(agency, url)] = Seen("digest", due, match["status"], url=url)
    return found


# --- the agreement ----------------------------------------------------------------------

class Lazy(dict):
    """Values read once, when first asked for."""

    def __init__(self, read):
        super().__init__()
        self.read = read

    def __missing__(self, key):
        value = self[key] = self.read(key)
        return value


def disagreements(built: Built) -> list[str]:
    """Every fact of every task that two outputs show differently."""
    problems: list[str] = []
    agencies = built.corpus.agencies
    feeds = Lazy(lambda path: feed_events(built, path))
    on_pages = Lazy(lambda agency_id: agency_rows(built, agency_id))
    in_csv = Lazy(lambda agency_id: {(r["Mã kế hoạch"], r["Mã nhiệm vụ"]): r
                                     for r in csv_rows(built, f"xuat/co-quan/{agency_id}.csv")})
    digest = digest_items(built)

    def differ(page: Seen, other: Seen, *facts: str) -> None:
        for fact in facts:
            if getattr(other, fact) != getattr(page, fact):
                problems.append(f"{page.url}: {fact} {getattr(page, fact)!r} on {page.where}, "
                                f"{getattr(other, fact)!r} in {other.where}")

    for loaded in built.corpus.plans:
        plan_id = loaded.id
        plan_csv = {row["Mã nhiệm vụ"]: row for row in csv_rows(built, f"xuat/ke-hoach/{plan_id}.csv")}
        plan_xlsx = {row["Mã nhiệm vụ"]: row for row in xlsx_rows(built, f"xuat/ke-hoach/{plan_id}.xlsx")}
        tree = _tree(built.pages[f"ke-hoach/{plan_id}.md"])
        for task in loaded.plan.tasks:
            page = plan_page(tree, plan_id, task.id)
            # what the plan file records: the exports' status words, unless the day makes the task overdue or soon
            recorded = export_seen(f"xuat/ke-hoach/{plan_id}.csv", plan_csv[task.id], plan_id, task.id)
            differ(page, recorded, "due", "lead", "partners", "url")
            if page.status not in BY_DAY:
                differ(page, recorded, "status")
            differ(page, export_seen(f"xuat/ke-hoach/{plan_id}.xlsx", plan_xlsx[task.id], plan_id, task.id),
                   "due", "lead", "partners")
            ended = has_ended(loaded.plan, built.today)
            overdue = task.status.state != "done" and not ended and page.due is not None and page.due < built.today
            if overdue != (page.status == "Quá hạn"):
                problems.append(f"{page.url}: due {page.due}, state {task.status.state}, shown {page.status!r}")
            if (ended and task.status.state != "done") != (page.status == UNRECORDED):
                problems.append(f"{page.url}: plan ended {ended}, state {task.status.state}, shown {page.status!r}")
            events = [feeds[f"lich/ke-hoach/{plan_id}.ics"]]  # the year and all feeds join the same event texts
            named = [a for a in (*task.lead, *task.partners) if a in agencies]
            for agency_id in named:
                row = on_pages[agency_id].get(page.url)
                if row is None:
                    problems.append(f"{page.url}: not on the page of {agency_id}")
                else:
                    differ(page, row, "due", "status")
                events.append(feeds[f"lich/co-quan/{agency_id}.ics"])
                if (agency_id, page.url) in digest:
                    differ(page, digest[(agency_id, page.url)], "due", "status")
                    if page.status == UNRECORDED:
                        problems.append(f"{page.url}: in the digest of {agency_id} although its plan has ended")
                elif page.status in BY_DAY and page.due is not None and (page.due - built.today).days <= DAYS:
                    problems.append(f"{page.url}: {page.status} for {agency_id} but not in the digest")
                row = in_csv[agency_id].get((plan_id, task.id))
                if row is None:
                    problems.append(f"{page.url}: not in the CSV of {agency_id}")
                else:
                    differ(page, export_seen(f"xuat/co-quan/{agency_id}.csv", row, plan_id, task.id),
                           "due", "lead", "partners")
            for feed in events:
                event = feed.get(page.url)
                if page.due is None:
                    continue  # ongoing or undated: no event
                if event is None:
                    problems.append(f"{page.url}: no event in a feed ({len(feed)} events)")
                    continue
                differ(page, event, "due", "url")
                differ(recorded, event, "status")
                if not task.lead_text and not task.partners_text:
                    differ(page, event, "lead", "partners")
    return problems


def test_every_output_of_the_real_plans_shows_the_same_facts_of_each_task(real: Built) -> None:
    assert sum(len(loaded.plan.tasks) for loaded in real.corpus.plans) > 50
    assert disagreements(real) == []


def test_every_output_of_a_generated_province_shows_the_same_facts_of_each_task(province: Built) -> None:
    assert len(province.corpus.plans) == 40
    assert province.digest.count("Tình trạng: Quá hạn") > 0  # the day makes some tasks overdue: status is tested
    assert disagreements(province) == []


def test_a_report_sent_through_an_agency_is_on_its_page_in_its_feed_and_in_its_digest(real: Built) -> None:
    duties = [(loaded, duty) for loaded in real.corpus.plans for duty in loaded.plan.reporting if duty.via]
    assert duties, "no real plan sends a report through an agency: the test has nothing to check"
    for loaded, duty in duties:
        url = f"ke-hoach/{loaded.id}/#{duty.id}"
        roles = [_text(row.xpath("./td[contains(@class, 'kh-col-role')]")[0]) for row in _tree_rows(real, duty.via)
                 if row.xpath("./td[2]/a")[0].get("href").endswith(f"/{loaded.id}/#{duty.id}")]
        assert roles == ["Tổng hợp báo cáo"], f"{url} on the page of {duty.via}: {roles}"
        events = feed_events(real, f"lich/co-quan/{duty.via}.ics")
        if duty.deadline.date or duty.deadline.before or duty.deadline.by:
            day = events[url].due
            assert day is not None
            digest = render_text(build_digest(real.corpus, day, 0), real.corpus, day, 0)
            assert f"[Tổng hợp báo cáo] {duty.title}" in digest
            assert (duty.via, url) in digest_items(Built(real.corpus, day, {}, {}, {}, digest))


def test_an_ended_plans_open_tasks_read_no_outcome_recorded_in_every_output(real: Built) -> None:
    """By 10/06/2024 the Đồng Nai 2023 plan has ended: its open tasks read the same words on its page, its
    agencies' pages, the feeds (which ring no alarm for them), the CSV and XLSX, and none is overdue in the
    digest, where the same tasks were overdue on the plan's last day."""
    ended = [(loaded, task) for loaded in real.corpus.plans if has_ended(loaded.plan, real.today)
             for task in loaded.plan.tasks if task.status.state != "done"]
    assert ended, "no real plan has ended by the test's day: the test has nothing to check"
    assert any(not has_ended(loaded.plan, real.today) for loaded in real.corpus.plans)
    agencies, overdue_before = real.corpus.agencies, 0
    for loaded, task in ended:
        url = f"ke-hoach/{loaded.id}/#{task.id}"
        page = plan_page(_tree(real.pages[f"ke-hoach/{loaded.id}.md"]), loaded.id, task.id)
        said = {"plan page": page.status}
        said["CSV"] = {r["Mã nhiệm vụ"]: r for r in csv_rows(real, f"xuat/ke-hoach/{loaded.id}.csv")}[task.id][
            "Trạng thái"]
        said["XLSX"] = {r["Mã nhiệm vụ"]: r for r in xlsx_rows(real, f"xuat/ke-hoach/{loaded.id}.xlsx")}[task.id][
            "Trạng thái"]
        for agency_id in (a for a in (*task.lead, *task.partners) if a in agencies):
            said[f"page of {agency_id}"] = agency_rows(real, agency_id)[url].status
            said[f"CSV of {agency_id}"] = next(r["Trạng thái"] for r in csv_rows(real, f"xuat/co-quan/{agency_id}.csv")
                                               if (r["Mã kế hoạch"], r["Mã nhiệm vụ"]) == (loaded.id, task.id))
        if page.due is not None:
            said["feed"] = feed_events(real, f"lich/ke-hoach/{loaded.id}.ics")[url].status
            calendar = icalendar.Calendar.from_ical(real.feeds[f"lich/ke-hoach/{loaded.id}.ics"])
            event = next(e for e in calendar.walk("VEVENT") if str(e["URL"]) == SITE + url)
            assert not event.walk("VALARM"), f"{url}: the feed still rings an alarm"
        assert set(said.values()) == {UNRECORDED}, f"{url}: {said}"
        assert f"({loaded.id}, #{task.id})" not in real.digest, f"{url}: in the digest although its plan has ended"
        last = last_day(loaded.plan)
        if page.due is not None and page.due < last:
            before = render_text(build_digest(real.corpus, last, 0), real.corpus, last, 0)
            seen = digest_items(Built(real.corpus, last, {}, {}, {}, before))
            overdue_before += any(key[1] == url and item.status == "Quá hạn" for key, item in seen.items())
    assert overdue_before, "no ended task was overdue on its plan's last day: the digest part checks nothing"


def _tree_rows(built: Built, agency_id: str) -> list[lxml.html.HtmlElement]:
    return [row for path, markdown in built.pages.items()
            if path == f"co-quan/{agency_id}.md" or path.startswith(f"co-quan/{agency_id}/nam-")
            for row in _tree(markdown).xpath("//table[contains(@class, 'kh-list')]/tbody/tr")]


def test_the_comparison_finds_a_view_that_disagrees(real: Built) -> None:
    """A page that showed another day than the exports would be caught."""
    loaded = next(p for p in real.corpus.plans if any(t.deadline for t in p.plan.tasks))
    path = f"ke-hoach/{loaded.id}.md"
    broken = dict(real.pages)
    broken[path] = re.sub(r'data-due="\d{4}-\d\d-\d\d"', 'data-due="2000-01-01"', broken[path], count=1)
    found = disagreements(Built(real.corpus, real.today, broken, real.feeds, real.files, real.digest))
    assert found and all(loaded.id in line for line in found)
