"""The nightly digest: per agency, what is overdue and what falls due in the next days.

Built on `view.views_by_agency`, so an agency sees the same tasks here as on
its page and in its feed: those it leads or partners in, the reports it owes,
receives or gathers for the recipient, those given to groups it belongs to.
Dates are effective dates (a limit ending on a weekend or holiday runs to the
next working day, BLDS 2015 Điều 148 k5). `today` is always passed in, so the
digest is the same on every run for the same day.

A reporting duty has no status to mark it sent, so it is listed while it falls
due but never as overdue: otherwise every past year's reports would stay
"overdue" for ever. A plan that has ended (`agenda.ended`) needs no reminder:
its open items read "Không ghi nhận kết quả" (`agenda.status`), are overdue
nowhere, and are not in the digest, as its feed events ring no alarm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..core.agenda import status, status_words
from ..core.labels import ROLE_WORDS, STATUS_WORDS
from ..core.loader import Corpus
from ..core.text import fold, short_date, weekday_name
from ..core.view import Row, views_by_agency
from ..core.workdays import why_closed

DEFAULT_DAYS = 14


@dataclass(frozen=True)
class AgencyDigest:
    """One agency's overdue rows and rows due within the window."""

    agency_id: str
    name: str
    overdue: list[Row]
    soon: list[Row]


def build_digest(corpus: Corpus, today: date, days: int = DEFAULT_DAYS) -> list[AgencyDigest]:
    """Agencies with something overdue or due in `days` days, ordered by name then id."""
    horizon = today + timedelta(days=days)
    found = []
    for agency_id, rows in views_by_agency(corpus).items():
        dated = [(row, row.item.effective_due) for row in rows
                 if status(row.item, today) not in ("done", "unrecorded")]
        overdue = [row for row, day in dated if day and not row.item.is_report and day < today]
        soon = [row for row, day in dated if day and today <= day <= horizon]
        if overdue or soon:
            agency = corpus.agencies.get(agency_id)
            found.append(AgencyDigest(agency_id, agency.name if agency else agency_id, overdue, soon))
    return sorted(found, key=lambda item: (fold(item.name), item.agency_id))


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
    for item in digests:
        lines.append(f"{item.name} ({item.agency_id})")
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


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(digests: list[AgencyDigest], corpus: Corpus, today: date, days: int, site_url: str = "") -> str:
    """The digest as Markdown for a job summary or a mail: a table per agency and list."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    lines = [f"# Nhắc việc ngày {short_date(today)}", "",
             f"Việc quá hạn và việc đến hạn trong {days} ngày tới, theo từng cơ quan.", ""]
    if not digests:
        return "\n".join(lines + ["Không có việc quá hạn hay sắp đến hạn."]) + "\n"
    for item in digests:
        lines += [f"## [{_cell(item.name)}]({base}co-quan/{item.agency_id}/)", ""]
        for label, rows in ((STATUS_WORDS["overdue"], item.overdue), (f"Đến hạn trong {days} ngày", item.soon)):
            if not rows:
                continue
            lines += [f"### {label} ({len(rows)})", "",
                      "| Nhiệm vụ | Kế hoạch | Vai trò | Thời hạn ghi | Hạn tính | Tình trạng |",
                      "|---|---|---|---|---|---|"]
            for row in rows:
                entry = row.item
                link = f"{base}ke-hoach/{entry.plan_id}/#{entry.id}"
                cells = [f"[{_cell(_short(entry.title, 120))}]({link})", _cell(entry.plan_title),
                         _cell(_role(row, corpus)), _cell(entry.deadline_text),
                         _cell(_when(row, today)), _cell(status_words(entry, today))]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
    return "\n".join(lines)
