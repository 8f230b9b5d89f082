"""Reports from many units: who owes a reporting duty, who has sent it, who has not.

A duty addressed to a group ("các cơ quan, đơn vị … báo cáo về Sở Nội vụ") is
owed by every member of the group: the agencies inside it (through nested
groups too) that are not groups themselves; a group with no member in the
registry owes it as one. A duty is tracked once its `submissions` list is
written (`submissions: []` starts tracking before anything arrives); each
entry records one member's report. The receiving agency's page, the digest, the
member's page and feed and the sheets all ask this module, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .deadlines import due
from .errors import Finding
from .labels import plan_title
from .loader import Corpus, LoadedPlan
from .models import Agency, ReportingDuty, Submission
from .registry import members_of, name_of
from .text import fold, short_date
from .workdays import effective


def expected_senders(duty: ReportingDuty, agencies: dict[str, Agency],
                     groups: dict[str, list[str]] | None = None) -> list[str]:
    """The agencies that owe the duty, each once, sorted by name: members of its reporters, or the reporter."""
    groups = members_of(agencies) if groups is None else groups
    found: set[str] = set()
    for reporter in duty.reporters:
        inside = [m for m in groups.get(reporter, []) if m in agencies and agencies[m].kind != "group"]
        found.update(inside or [reporter])
    return sorted(found, key=lambda a: (fold(agencies[a].name) if a in agencies else fold(a), a))


@dataclass(frozen=True)
class Standing:
    """Where a tracked duty stands: its last day, who has sent (with what), who has not."""

    plan_id: str
    plan_title: str
    duty: ReportingDuty
    due: date | None  # effective: a limit on a day off runs to the next working day
    sent: tuple[Submission, ...]
    missing: tuple[str, ...]

    def is_late(self, today: date) -> bool:
        """True when the last day has passed and someone has not sent."""
        return bool(self.missing) and self.due is not None and self.due < today


def duty_standing(loaded: LoadedPlan, duty: ReportingDuty, agencies: dict[str, Agency],
                  groups: dict[str, list[str]] | None = None) -> Standing | None:
    """The standing of one duty of the plan `loaded`; None when its submissions are not tracked."""
    if duty.submissions is None:
        return None
    expected = expected_senders(duty, agencies, groups)
    sent = {s.agency for s in duty.submissions}
    last = due(duty.deadline)
    order = {agency_id: index for index, agency_id in enumerate(expected)}
    return Standing(loaded.id, plan_title(loaded.plan, loaded.id), duty, effective(last) if last else None,
                    tuple(sorted(duty.submissions, key=lambda s: (order.get(s.agency, len(order)), s.agency))),
                    tuple(a for a in expected if a not in sent))


def standings(corpus: Corpus) -> list[Standing]:
    """Every tracked duty of the corpus, by last day (undated last), plan and duty id."""
    groups = members_of(corpus.agencies)
    found = [standing for loaded in corpus.plans for duty in loaded.plan.reporting
             if (standing := duty_standing(loaded, duty, corpus.agencies, groups)) is not None]
    return sorted(found, key=lambda s: (s.due or date.max, s.plan_id, s.duty.id))


def sent_reports(corpus: Corpus) -> set[tuple[str, str, str]]:
    """(plan id, duty id, agency id) of every report recorded as sent."""
    return {(loaded.id, duty.id, s.agency) for loaded in corpus.plans for duty in loaded.plan.reporting
            for s in duty.submissions or []}


def owing(duty: ReportingDuty, agencies: dict[str, Agency]) -> list[str]:
    """Who still owes the duty: its reporters when untracked, else the members that have not sent."""
    if duty.submissions is None:
        return list(duty.reporters)
    sent = {s.agency for s in duty.submissions}
    return [a for a in expected_senders(duty, agencies) if a not in sent]


def submission_words(submission: Submission) -> str:
    """ "số 25/BC-UBND ngày 10/06/2024": a recorded report as a reader sees it."""
    number = f"số {submission.number} " if submission.number else ""
    return f"{number}ngày {short_date(submission.date)}"


def receivable(duty: ReportingDuty, agencies: dict[str, Agency]) -> bool:
    """The receipt sheet has rows for the duty: it is addressed to a group, or its submissions are tracked."""
    return duty.submissions is not None or any(
        r in agencies and agencies[r].kind == "group" for r in duty.reporters)


def receipts(duty: ReportingDuty, agencies: dict[str, Agency],
             groups: dict[str, list[str]] | None = None) -> list[tuple[str, Submission | None]]:
    """One (member, what it has sent or None) for each agency that owes the duty, in `expected_senders` order."""
    sent = {s.agency: s for s in duty.submissions or []}
    return [(agency_id, sent.get(agency_id)) for agency_id in expected_senders(duty, agencies, groups)]


def owes(agency_id: str, duty: ReportingDuty, agencies: dict[str, Agency]) -> bool:
    """The agency owes the duty: it is one of its reporters, or inside one (KH406 refuses any other)."""
    return any(_belongs(agency_id, r, agencies) for r in duty.reporters)


def _belongs(agency_id: str, group: str, agencies: dict[str, Agency]) -> bool:
    seen, todo = set(), [agency_id]
    while todo:
        current = todo.pop()
        if current == group:
            return True
        if current in seen or current not in agencies:
            continue
        seen.add(current)
        todo.extend(agencies[current].groups)
    return False


def check_submissions(loaded: LoadedPlan, agencies: dict[str, Agency]) -> Iterator[Finding]:
    """A submission comes from an agency that owes the duty (KH406), once (KH407).

    An unknown agency is KH401 and an impossible date KH301, like anywhere else in a plan.
    """
    for index, duty in enumerate(loaded.plan.reporting):
        seen: dict[str, int] = {}
        for slot, submission in enumerate(duty.submissions or []):
            loc = ("reporting", index, "submissions", slot, "agency")
            agency_id = submission.agency
            if agency_id in seen:
                line, col = loaded.at(*loc)
                yield Finding(loaded.yaml_path, line, col, "KH407", "error",
                              f"Báo cáo «{duty.id}» của «{agency_id}» đã ghi ở mục thứ {seen[agency_id] + 1}",
                              "Mỗi đơn vị ghi một lần; gửi lại thì sửa số, ngày ở mục cũ và ghi chú vào note.")
                continue
            seen[agency_id] = slot
            if agency_id in agencies and not owes(agency_id, duty, agencies):
                line, col = loaded.at(*loc)
                owed = ", ".join(f"«{r}»" for r in duty.reporters) or "(chưa ghi đơn vị báo cáo)"
                yield Finding(loaded.yaml_path, line, col, "KH406", "error",
                              f"«{agencies[agency_id].name}» không thuộc đơn vị phải gửi báo cáo «{duty.id}»",
                              f"Đơn vị báo cáo: {owed}. Sửa mã đơn vị, hoặc thêm đơn vị vào nhóm "
                              "(groups) trong danh mục plans/agencies/.")


def standing_words(standing: Standing | None, agencies: dict[str, Agency], agency_id: str | None = None) -> str:
    """A tracked duty in one line: for `agency_id` that owes it, whether it has sent; else who has and has not.

    Empty when the duty is not tracked.
    """
    if standing is None:
        return ""
    own = next((s for s in standing.sent if s.agency == agency_id), None)
    if own is not None:
        return f"Đã gửi ({submission_words(own)})"
    if agency_id in standing.missing:
        return "Chưa gửi"
    total = len(standing.sent) + len(standing.missing)
    words = f"Đã gửi {len(standing.sent)}/{total}"
    if standing.sent:
        words += ": " + "; ".join(f"{name_of(s.agency, agencies)} ({submission_words(s)})" for s in standing.sent)
    if standing.missing:
        words += ". Chưa gửi: " + "; ".join(name_of(a, agencies) for a in standing.missing)
    return words + "."
