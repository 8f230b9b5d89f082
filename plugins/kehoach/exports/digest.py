"""The nightly digest: per agency, what is overdue and what falls due in the next days.

Built on `agenda.tasks_by_agency`, so an agency sees the same tasks here as on
its page: those it leads or partners in, the reports it owes or receives, those given to
groups it belongs to. Dates are effective dates (a limit ending on a weekend or
holiday runs to the next working day, BLDS 2015 Điều 148 k5). `today` is always
passed in, so the digest is the same on every run for the same day.

A reporting duty has no status to mark it sent, so it is listed while it falls
due but never as overdue: otherwise every past year's reports would stay
"overdue" for ever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..core.agenda import Row, tasks_by_agency
from ..core.labels import ROLE_WORDS, phrase, plan_title
from ..core.loader import Corpus
from ..core.text import fold, short_date, weekday_name
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
    for agency_id, rows in tasks_by_agency(corpus).items():
        open_rows = [row for row in rows if row.entry.state != "done" and row.entry.effective_due]
        overdue = [r for r in open_rows if not r.entry.is_report and r.entry.effective_due < today]  # type: ignore[operator]
        soon = [r for r in open_rows if today <= r.entry.effective_due <= horizon]  # type: ignore[operator]
        if overdue or soon:
            agency = corpus.agencies.get(agency_id)
            found.append(AgencyDigest(agency_id, agency.name if agency else agency_id, overdue, soon))
    return sorted(found, key=lambda item: (fold(item.name), item.agency_id))


def _title(corpus: Corpus) -> dict[str, str]:
    return {loaded.id: plan_title(loaded.plan, loaded.id) for loaded in corpus.plans}


def _when(row: Row, today: date) -> str:
    entry = row.entry
    assert entry.due is not None and entry.effective_due is not None
    when = f"hạn {short_date(entry.effective_due)} ({weekday_name(entry.effective_due)}"
    if entry.effective_due != entry.due:
        when += f"; hạn ghi {short_date(entry.due)} là ngày nghỉ: {why_closed(entry.due)}"
    when += ")"
    gap = (entry.effective_due - today).days
    return when + (f", quá {-gap} ngày" if gap < 0 else ", hôm nay" if gap == 0 else f", còn {gap} ngày")


def _role(row: Row, corpus: Corpus) -> str:
    role = ROLE_WORDS[row.role]
    if row.via:
        group = corpus.agencies.get(row.via)
        role += f", qua nhóm «{group.name if group else row.via}»"
    return role


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_text(digests: list[AgencyDigest], corpus: Corpus, today: date, days: int) -> str:
    """The digest as plain text, one block per agency."""
    titles = _title(corpus)
    lines = [f"Nhắc việc ngày {short_date(today)}: việc quá hạn và việc đến hạn trong {days} ngày tới", ""]
    if not digests:
        return "\n".join(lines + ["Không có việc quá hạn hay sắp đến hạn."]) + "\n"
    for item in digests:
        lines.append(f"{item.name} ({item.agency_id})")
        for label, rows in (("Quá hạn", item.overdue), (f"Đến hạn trong {days} ngày", item.soon)):
            if not rows:
                continue
            lines.append(f"  {label} ({len(rows)}):")
            for row in rows:
                entry = row.entry
                lines.append(f"    - [{_role(row, corpus)}] {_short(entry.title)}")
                plan = titles.get(entry.plan_id, entry.plan_id)
                lines.append(f"      Kế hoạch: {plan} ({entry.plan_id}, #{entry.item_id})")
                lines.append(f"      Thời hạn: «{phrase(entry.deadline)}»; {_when(row, today)}")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(digests: list[AgencyDigest], corpus: Corpus, today: date, days: int, site_url: str = "") -> str:
    """The digest as Markdown for a job summary or a mail: a table per agency and list."""
    titles = _title(corpus)
    base = site_url.rstrip("/") + "/" if site_url else ""
    lines = [f"# Nhắc việc ngày {short_date(today)}", "",
             f"Việc quá hạn và việc đến hạn trong {days} ngày tới, theo từng cơ quan.", ""]
    if not digests:
        return "\n".join(lines + ["Không có việc quá hạn hay sắp đến hạn."]) + "\n"
    for item in digests:
        lines += [f"## [{_cell(item.name)}]({base}co-quan/{item.agency_id}/)", ""]
        for label, rows in (("Quá hạn", item.overdue), (f"Đến hạn trong {days} ngày", item.soon)):
            if not rows:
                continue
            lines += [f"### {label} ({len(rows)})", "",
                      "| Nhiệm vụ | Kế hoạch | Vai trò | Thời hạn ghi | Hạn tính |", "|---|---|---|---|---|"]
            for row in rows:
                entry = row.entry
                link = f"{base}ke-hoach/{entry.plan_id}/#{entry.item_id}"
                plan = titles.get(entry.plan_id, entry.plan_id)
                cells = [f"[{_cell(_short(entry.title, 120))}]({link})", _cell(plan),
                         _cell(_role(row, corpus)), _cell(phrase(entry.deadline)),
                         _cell(_when(row, today))]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
    return "\n".join(lines)
