"""The receiving agency's view of reports from many units: for each due date, who has sent and who has not.

Only tracked duties (`submissions` written, see `core.tracking`) are shown: a
duty nobody records submissions for would list every unit as missing for ever.
A duty of a plan that has ended (`agenda.ended`) still lists who has sent and
who has not, but is not late any more: it is overdue nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core import links
from ..core.agenda import ended
from ..core.loader import Corpus
from ..core.registry import members_of
from ..core.text import short_date
from ..core.tracking import duty_standing, submission_words
from ..core.view import DutyView, Row
from .render import Linked


@dataclass(frozen=True)
class Received:
    """One tracked duty an agency receives: its due date, plan, who has sent (with what) and who has not."""

    title: str
    href: str
    plan: str
    due: date | None
    due_text: str
    late: bool
    sent: list[tuple[Linked, str]]
    missing: list[Linked]


def received_reports(rows: list[Row], corpus: Corpus, link: links.Links, today: date) -> list[Received]:
    """The tracked duties among an agency's rows that it receives or forwards, by due date (undated last)."""
    duties = [row.item for row in rows if row.role in ("receive", "forward") and isinstance(row.item, DutyView)
              and row.item.tracked]
    if not duties:
        return []
    plans = {loaded.id: loaded for loaded in corpus.plans}
    groups = members_of(corpus.agencies)
    found = []
    for view in duties:
        loaded = plans[view.plan_id]
        duty = next(d for d in loaded.plan.reporting if d.id == view.id)
        standing = duty_standing(loaded, duty, corpus.agencies, groups)
        if standing is None:
            continue
        found.append(Received(
            duty.title, link.to(links.plan_page(loaded.id), duty.id), standing.plan_title,
            standing.due, f"hạn {short_date(standing.due)}" if standing.due else "không ghi hạn",
            standing.is_late(today) and not ended(view, today),
            [(_named(s.agency, corpus, link), submission_words(s)) for s in standing.sent],
            [_named(a, corpus, link) for a in standing.missing]))
    return sorted(found, key=lambda r: (r.due or date.max, r.plan, r.href))


def _named(agency_id: str, corpus: Corpus, link: links.Links) -> Linked:
    agency = corpus.agencies.get(agency_id)
    return Linked(agency.name if agency else agency_id, link.to(links.agency_page(agency_id)) if agency else None)
