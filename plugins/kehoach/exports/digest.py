"""The nightly digest: per agency, what is overdue and what falls due in the next days.

Built on `view.views_by_agency`, so an agency sees the same tasks here as on
its page and in its feed: those it leads or partners in, the reports it owes,
receives or gathers for the recipient, those given to groups it belongs to.
Dates are effective dates (a limit ending on a weekend or holiday runs to the
next working day, BLDS 2015 Điều 148 k5). `today` is always passed in, so the
digest is the same on every run for the same day.

The digest leads with what is late: a summary line per agency (overdue work,
reports still missing), then each agency's reports awaited from units that have
not sent them, its overdue work, and what falls due soon. It is meant to be
mailed as it is. A reporting duty whose submissions are tracked (`submissions`,
see `core.tracking`) is overdue for each unit that has not sent it once its day
has passed; an untracked duty has no way to be marked sent, so it is listed
while it falls due but never as overdue: otherwise every past year's reports
would stay "overdue" for ever. A plan that has ended (`agenda.ended`) needs no
reminder: its open items read "Không ghi nhận kết quả" (`agenda.status`), are
overdue nowhere, and are not in the digest (neither are its missing reports),
as its feed events ring no alarm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..core import links
from ..core.agenda import ended, status, status_words
from ..core.deadlines import check_day
from ..core.errors import Finding, PlanError
from ..core.labels import ROLE_WORDS, STATUS_WORDS
from ..core.loader import Corpus
from ..core.text import fold, short_date, weekday_name
from ..core.tracking import Standing, standings, submission_words
from ..core.view import Row, resolve, views_by_agency
from ..core.workdays import why_closed

DEFAULT_DAYS = 14
MAX_DAYS = 3660  # ten years: a digest looks weeks ahead


@dataclass(frozen=True)
class AgencyDigest:
    """One agency's overdue rows and rows due within the window."""

    agency_id: str
    name: str
    overdue: list[Row]
    soon: list[Row]
    missing: list[Standing] = field(default_factory=list)  # reports it receives that some units have not sent


def build_digest(corpus: Corpus, today: date, days: int = DEFAULT_DAYS) -> list[AgencyDigest]:
    """Agencies with something overdue, missing or due in `days` days, ordered by name then id.

    `PlanError` (KH603) for a day outside the years plans can name or a window past them.
    """
    check_day(today, "--today")
    if not 0 <= days <= MAX_DAYS:
        raise PlanError([Finding("--days", 1, 1, "KH603", "error", f"Số ngày tới «{days}» quá lớn",
                                 f"Chọn từ 0 đến {MAX_DAYS} ngày, ví dụ --days 14.")])
    horizon = today + timedelta(days=days)
    plans = resolve(corpus).plans
    tracked = [s for s in standings(corpus) if not ended(plans[s.plan_id], today)]  # an ended plan: no reminder
    owed = {(s.plan_id, s.duty.id): set(s.missing) for s in tracked}  # a group owes only through its members
    missing: dict[str, list[Standing]] = {}
    for standing in (s for s in tracked if s.is_late(today)):
        for receiver in sorted({a for a in (standing.duty.recipient, standing.duty.via) if a}):
            missing.setdefault(receiver, []).append(standing)
    by_agency = views_by_agency(corpus)
    found = []
    for agency_id in sorted(set(by_agency) | set(missing)):
        dated = [(row, row.item.effective_due) for row in by_agency.get(agency_id, [])
                 if status(row.item, today) not in ("done", "unrecorded")]
        overdue = [row for row, day in dated if day and day < today and (not row.item.is_report or (
            row.role == "report" and agency_id in owed.get((row.item.plan_id, row.item.id), ())))]
        soon = [row for row, day in dated if day and today <= day <= horizon]
        if overdue or soon or agency_id in missing:
            agency = corpus.agencies.get(agency_id)
            found.append(AgencyDigest(agency_id, agency.name if agency else agency_id, overdue, soon,
                                      missing.get(agency_id, [])))
    return sorted(found, key=lambda item: (fold(item.name), item.agency_id))


def _names(ids: tuple[str, ...] | list[str], corpus: Corpus) -> str:
    return "; ".join(corpus.agencies[a].name if a in corpus.agencies else a for a in ids)


def _late_words(standing: Standing, today: date) -> str:
    assert standing.due is not None
    total = len(standing.sent) + len(standing.missing)
    return (f"Hạn {short_date(standing.due)}, quá {(today - standing.due).days} ngày; "
            f"đã gửi {len(standing.sent)}/{total}")


def _sent_words(standing: Standing, corpus: Corpus) -> str:
    return "; ".join(f"{_names([s.agency], corpus)} ({submission_words(s)})" for s in standing.sent)


def summary_lines(digests: list[AgencyDigest]) -> list[str]:
    """One line per agency with something late: how many tasks overdue, how many reports missing."""
    lines = []
    for item in digests:
        parts = ([f"{len(item.overdue)} việc quá hạn"] if item.overdue else []) + (
            [f"{len(item.missing)} báo cáo còn thiếu"] if item.missing else [])
        if parts:
            lines.append(f"{item.name}: {', '.join(parts)}")
    return lines


def _when(row: Row, today: date) -> str:
    entry = row.item
    assert entry.due is not None and entry.effective_due is not None
    when = f"hạn {short_date(entry.effective_due)} ({weekday_name(entry.effective_due)}"
    if entry.effective_due != entry.due:
        when += f"; hạn ghi {short_date(entry.due)} là ngày nghỉ: {why_closed(entry.due)}"
    when += ")"
    gap = (entry.effective_due - today).days
    return when + (f", quá {-gap} ngày" if gap < 0 else ", hôm nay" if gap == 0 else f", còn {gap} ngày")


def _role(row: Row, corpus: Corpus) -> str:
    role = ROLE_WORDS[row.role]
    if row.group:
        group = corpus.agencies.get(row.group)
        role += f", qua nhóm «{group.name if group else row.group}»"
    return role


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_text(digests: list[AgencyDigest], corpus: Corpus, today: date, days: int) -> str:
    """The digest as plain text, one block per agency."""
    lines = [f"Nhắc việc ngày {short_date(today)}: việc quá hạn và việc đến hạn trong {days} ngày tới", ""]
    if not digests:
        return "\n".join(lines + ["Không có việc quá hạn hay sắp đến hạn."]) + "\n"
    late = summary_lines(digests)
    lines += ["Việc quá hạn và báo cáo còn thiếu:", *[f"  - {line}" for line in late], ""] if late else [
        "Không có việc quá hạn hay báo cáo còn thiếu.", ""]
    for item in digests:
        lines.append(f"{item.name} ({item.agency_id})")
        lines.extend(_text_missing(item, corpus, today))
        for label, rows in ((STATUS_WORDS["overdue"], item.overdue), (f"Đến hạn trong {days} ngày", item.soon)):
            if not rows:
                continue
            lines.append(f"  {label} ({len(rows)}):")
            for row in rows:
                entry = row.item
                lines.append(f"    - [{_role(row, corpus)}] {_short(entry.title)}")
                lines.append(f"      Kế hoạch: {entry.plan_title} ({entry.plan_id}, #{entry.id})")
                lines.append(f"      Thời hạn: «{entry.deadline_text}»; {_when(row, today)}")
                lines.append(f"      Tình trạng: {status_words(entry, today)}")
        lines.append("")
    return "\n".join(lines)


def _text_missing(item: AgencyDigest, corpus: Corpus, today: date) -> list[str]:
    if not item.missing:
        return []
    lines = [f"  Báo cáo còn thiếu ({len(item.missing)}):"]
    for standing in item.missing:
        lines.append(f"    - {_short(standing.duty.title)}")
        lines.append(f"      Kế hoạch: {standing.plan_title} ({standing.plan_id}, #{standing.duty.id})")
        lines.append(f"      {_late_words(standing, today)}; chưa gửi: {_names(standing.missing, corpus)}")
        if standing.sent:
            lines.append(f"      Đã gửi: {_sent_words(standing, corpus)}")
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(digests: list[AgencyDigest], corpus: Corpus, today: date, days: int, site_url: str = "",
                    directory_urls: bool = True) -> str:
    """The digest as Markdown for a job summary or a mail: a table per agency and list, linked into the site."""
    site = links.Site(site_url, directory_urls)
    lines = [f"# Nhắc việc ngày {short_date(today)}", "",
             f"Việc quá hạn và việc đến hạn trong {days} ngày tới, theo từng cơ quan.", ""]
    if not digests:
        return "\n".join(lines + ["Không có việc quá hạn hay sắp đến hạn."]) + "\n"
    late = summary_lines(digests)
    lines += ["**Việc quá hạn và báo cáo còn thiếu:**", "", *[f"- {_cell(line)}" for line in late], ""] if late else [
        "Không có việc quá hạn hay báo cáo còn thiếu.", ""]
    for item in digests:
        lines += [f"## [{_cell(item.name)}]({site.to(links.agency_page(item.agency_id))})", ""]
        if item.missing:
            lines += [f"### Báo cáo còn thiếu ({len(item.missing)})", "",
                      "| Báo cáo | Kế hoạch | Hạn | Chưa gửi | Đã gửi |", "|---|---|---|---|---|"]
            for standing in item.missing:
                link = site.to(links.plan_page(standing.plan_id), standing.duty.id)
                cells = [f"[{_cell(_short(standing.duty.title, 120))}]({link})", _cell(standing.plan_title),
                         _cell(_late_words(standing, today)), _cell(_names(standing.missing, corpus)),
                         _cell(_sent_words(standing, corpus))]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        for label, rows in ((STATUS_WORDS["overdue"], item.overdue), (f"Đến hạn trong {days} ngày", item.soon)):
            if not rows:
                continue
            lines += [f"### {label} ({len(rows)})", "",
                      "| Nhiệm vụ | Kế hoạch | Vai trò | Thời hạn ghi | Hạn tính | Tình trạng |",
                      "|---|---|---|---|---|---|"]
            for row in rows:
                entry = row.item
                link = site.to(links.plan_page(entry.plan_id), entry.id)
                cells = [f"[{_cell(_short(entry.title, 120))}]({link})", _cell(entry.plan_title),
                         _cell(_role(row, corpus)), _cell(entry.deadline_text),
                         _cell(_when(row, today)), _cell(status_words(entry, today))]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
    return "\n".join(lines)
