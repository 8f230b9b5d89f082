"""The resolved view of every task and reporting duty: each fact a reader sees, worked out once.

The plan page, the agency pages, the feeds, the exports, the digest and the diff
all show a task's deadline as written and as effective (BLDS 2015 Điều 148 k5),
its recorded state, its proof, who leads, partners, reports, receives and through
whom, its plan's title and the last day its plan is in force (`lifecycle.last_day`).
They take these from the views made here and compute none of it themselves; the
words come from `labels`. What depends on the day a
page is read (overdue, soon, no outcome recorded once the plan has ended) is
`agenda.status(view, today)`, also in one place.

A corpus is resolved once (`resolve`): the pages, feeds and exports of one build
share its views, and under `mkdocs serve` a plan whose file and registry are
unchanged keeps its views from the previous build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from .deadlines import due, effective_deadline, kind
from .labels import ROLE_RANK, STATE_WORDS, phrase, proof_label, section_heading
from .labels import plan_title as title_of
from .lifecycle import last_day
from .loader import Corpus, LoadedPlan
from .models import Agency, Deadline, DocRef, Plan
from .registry import members
from .reuse import Remembered
from .workdays import effective


@dataclass(frozen=True, slots=True)
class Named:
    """An agency as a view names it: its id and official name (the id when not in the registry)."""

    id: str
    name: str
    known: bool  # in the registry, so it has a page and a feed


@dataclass(frozen=True, slots=True)
class TaskView:
    """A task as every output shows it."""

    plan_id: str
    plan_title: str
    id: str
    number: str | None
    section_id: str
    section: str  # "I. Nhiệm vụ thực hiện trong quý I"; the section id when the plan has no such section
    title: str
    deadline: Deadline | None  # the task's own, or its section's period (`inherited`)
    deadline_text: str  # as written (`labels.phrase`)
    inherited: bool
    kind: str  # `deadlines.kind` of `deadline`
    due: date | None  # the last day as written
    effective_due: date | None  # moved past weekends and holidays
    state: str  # as recorded: not_started, in_progress, done
    proof: DocRef | None
    proof_label: str
    lead: tuple[Named, ...]
    partners: tuple[Named, ...]
    lead_text: str | None  # the plan's own words for the Chủ trì cell, when it gives them
    partners_text: str | None
    conditional: bool
    note: str | None
    ends: date  # the last day its plan is in force (`lifecycle.last_day`); `agenda.ended` reads it
    progress_note: str | None = None  # `status.note`: how the work stands, in the words of who reported it
    is_report: ClassVar[bool] = False

    @property
    def state_words(self) -> str:
        """The recorded state in words ("Đang thực hiện")."""
        return STATE_WORDS[self.state]

    @property
    def lead_cell(self) -> str:
        """The Chủ trì cell of a table: the plan's words, else the official names."""
        return self.lead_text or "; ".join(a.name for a in self.lead)

    @property
    def partners_cell(self) -> str:
        """The Phối hợp cell of a table: the plan's words, else the official names."""
        return self.partners_text or "; ".join(a.name for a in self.partners)

    @property
    def roles(self) -> tuple[tuple[str, tuple[Named, ...]], ...]:
        """Who takes part, by role (`labels.ROLE_WORDS`)."""
        return ("lead", self.lead), ("partner", self.partners)

    @property
    def sort_key(self) -> tuple[date, str, str]:
        """Earliest deadline first; undated last; then by plan and id for stable output."""
        return (self.effective_due or date.max, self.plan_id, self.id)


@dataclass(frozen=True, slots=True)
class DutyView:
    """A reporting duty as every output shows it: who reports, to whom, through whom, by when."""

    plan_id: str
    plan_title: str
    id: str
    title: str
    deadline: Deadline
    deadline_text: str
    kind: str
    due: date | None
    effective_due: date | None
    reporters: tuple[Named, ...]
    recipient: Named | None
    via: Named | None  # the report goes to `recipient` through this agency ("qua Sở Nội vụ")
    text: str | None  # the plan's own sentence
    ends: date  # the last day its plan is in force (`lifecycle.last_day`); `agenda.ended` reads it
    tracked: bool = False  # its submissions are recorded (`core.tracking`)
    sent: frozenset[str] = frozenset()  # agencies recorded as having sent it: off their lists
    number: ClassVar[None] = None
    inherited: ClassVar[bool] = False
    state: ClassVar[str] = "not_started"  # a duty records no state: it is due again every period
    is_report: ClassVar[bool] = True

    @property
    def state_words(self) -> str:
        """The recorded state in words: a duty is never marked done."""
        return STATE_WORDS[self.state]

    @property
    def lead(self) -> tuple[Named, ...]:
        """Who must act: the reporters (lists that name who acts show them)."""
        return self.reporters

    @property
    def roles(self) -> tuple[tuple[str, tuple[Named, ...]], ...]:
        """Who takes part, by role: reporters, the recipient, and the agency the report goes through."""
        return (("report", self.reporters), ("receive", (self.recipient,) if self.recipient else ()),
                ("forward", (self.via,) if self.via else ()))

    @property
    def sort_key(self) -> tuple[date, str, str]:
        """Earliest deadline first; undated last; then by plan and id for stable output."""
        return (self.effective_due or date.max, self.plan_id, self.id)


ItemView = TaskView | DutyView


@dataclass(frozen=True)
class PlanView:
    """One plan resolved: its title, its tasks, then its reporting duties, in the plan's order."""

    loaded: LoadedPlan
    plan: Plan  # `loaded.plan` when resolved: a caller may put another in its place
    agencies: dict[str, Agency]  # the registry it was resolved against
    title: str
    tasks: tuple[TaskView, ...]
    duties: tuple[DutyView, ...]
    ends: date  # the last day the plan is in force (`lifecycle.last_day`): its period's, or before its closing

    def resolves(self, loaded: LoadedPlan, agencies: dict[str, Agency]) -> bool:
        """This is the view of `loaded` against `agencies`: the same objects it was made from."""
        return self.loaded is loaded and self.plan is loaded.plan and self.agencies is agencies

    @property
    def items(self) -> tuple[ItemView, ...]:
        """Tasks, then reporting duties."""
        return (*self.tasks, *self.duties)


class _Names:
    """Official names of agencies, one `Named` per id however many tasks name it."""

    def __init__(self, agencies: dict[str, Agency]):
        self.agencies, self.found = agencies, dict[str, Named]()

    def one(self, agency_id: str) -> Named:
        found = self.found.get(agency_id)
        if found is None:
            agency = self.agencies.get(agency_id)
            found = self.found[agency_id] = Named(agency_id, agency.name if agency else agency_id, agency is not None)
        return found

    def all(self, ids: Iterable[str]) -> tuple[Named, ...]:
        return tuple(self.one(agency_id) for agency_id in ids)


def _dates(deadline: Deadline | None) -> tuple[date | None, date | None]:
    last = due(deadline)
    return last, effective(last) if last else None


def resolve_plan(loaded: LoadedPlan, agencies: dict[str, Agency], names: _Names | None = None) -> PlanView:
    """Every task and reporting duty of one plan, resolved against the registry `agencies`."""
    plan, names = loaded.plan, names or _Names(agencies)
    title, sections = title_of(plan, loaded.id), {section.id: section for section in plan.sections}
    ends = last_day(plan)
    tasks = []
    for task in plan.tasks:
        deadline = effective_deadline(task, sections)
        section = sections.get(task.section)
        status = task.status
        tasks.append(TaskView(
            loaded.id, title, task.id, task.number, task.section, section_heading(section) if section else task.section,
            task.title, deadline, phrase(deadline), deadline is not task.deadline, kind(deadline), *_dates(deadline),
            status.state, status.proof, proof_label(status.proof), names.all(task.lead), names.all(task.partners),
            task.lead_text, task.partners_text, task.conditional, task.note, ends, status.note))
    duties = [DutyView(loaded.id, title, duty.id, duty.title, duty.deadline, phrase(duty.deadline),
                       kind(duty.deadline), *_dates(duty.deadline), names.all(duty.reporters),
                       names.one(duty.recipient) if duty.recipient else None,
                       names.one(duty.via) if duty.via else None, duty.text, ends, duty.submissions is not None,
                       frozenset(s.agency for s in duty.submissions or []))
              for duty in plan.reporting]
    return PlanView(loaded, plan, agencies, title, tuple(tasks), tuple(duties), ends)


@dataclass(frozen=True)
class Row:
    """One item on one agency's list: the agency's part in it, and the group it came through if any."""

    item: ItemView
    role: str
    group: str | None = None


@dataclass
class CorpusView:
    """Every plan of a corpus resolved, by plan id in the corpus' order; agencies' lists on first use."""

    corpus: Corpus
    plans: dict[str, PlanView]
    _by_agency: dict[str, list[Row]] | None = field(default=None, repr=False)

    def items(self) -> Iterable[ItemView]:
        """Every task and duty of every plan."""
        for plan in self.plans.values():
            yield from plan.items

    def by_agency(self) -> dict[str, list[Row]]:
        """Agency id -> its rows across all plans, directly or through its groups, by effective deadline."""
        if self._by_agency is None:
            self._by_agency = _by_agency(self)
        return self._by_agency


_last: list[CorpusView] = []  # the last corpus resolved: the outputs of one build share it


def resolve(corpus: Corpus) -> CorpusView:
    """Every plan of `corpus` resolved, once per corpus; unchanged plans keep the views of the previous one."""
    previous = _last[0] if _last else None
    if previous and previous.corpus is corpus and _same_plans(previous, corpus):
        return previous
    names = _Names(corpus.agencies)
    plans = {}
    for loaded in corpus.plans:
        kept = previous.plans.get(loaded.id) if previous else None
        if kept is None or not kept.resolves(loaded, corpus.agencies):
            kept = resolve_plan(loaded, corpus.agencies, names)
        plans[loaded.id] = kept
    _last[:] = [CorpusView(corpus, plans)]
    return _last[0]


def _same_plans(view: CorpusView, corpus: Corpus) -> bool:
    """The corpus still holds the plans and registry it was resolved from (a caller may have changed it)."""
    return len(view.plans) == len(corpus.plans) and all(
        plan.resolves(loaded, corpus.agencies) for plan, loaded in zip(view.plans.values(), corpus.plans, strict=True))


def involved(item: ItemView, reach: dict[str, list[str]]) -> dict[str, tuple[str, str | None]]:
    """Every agency whose list shows `item`: agency id -> (its role, the group it came through or None).

    An agency named in a group's place sees the item through that group
    (`registry.members`, transitively). An agency with two parts in one item
    keeps the one the plan gives it by name over one it has through a group
    (Sở Nội vụ receives the report that "các sở" send, although it is one of
    them), then the most important (`labels.ROLE_RANK`). This is the one
    answer for pages, feeds, exports and the digest.
    """
    found: dict[str, tuple[bool, int, str, str | None]] = {}
    sent = item.sent if isinstance(item, DutyView) else frozenset()
    for role, named in item.roles:
        rank = ROLE_RANK[role]
        for agency in named:
            for member in reach.get(agency.id, (agency.id,)):
                if role == "report" and member in sent:
                    continue  # a unit that has sent its report is not reminded of it (`core.tracking`)
                group = None if member == agency.id else agency.id
                best = (group is not None, rank, role, group)
                if member not in found or best[:2] < found[member][:2]:
                    found[member] = best
    return {member: (role, group) for member, (_, _, role, group) in found.items()}


def _by_agency(view: CorpusView) -> dict[str, list[Row]]:
    reach = members(view.corpus.agencies)
    rows: dict[str, list[Row]] = {}
    for plan in view.plans.values():
        for agency_id, found in _plan_rows(plan, view.corpus.agencies, reach).items():
            rows.setdefault(agency_id, []).extend(found)
    return {agency_id: sorted(found, key=_row_order) for agency_id, found in sorted(rows.items())}


def _row_order(row: Row) -> tuple[date, str, str]:
    return row.item.sort_key


def _rows_of(plan: PlanView, agencies: dict[str, Agency], reach: dict[str, list[str]]) -> dict[str, list[Row]]:
    """One plan's rows by agency (see `involved`), in the plan's order."""
    rows: dict[str, list[Row]] = {}
    for item in plan.items:
        for agency_id, (role, group) in involved(item, reach).items():
            rows.setdefault(agency_id, []).append(Row(item, role, group))
    return rows


# A plan's rows, once per plan view and registry: under serve a plan that did not change keeps its view, so a
# rebuild works out the edited plan's rows only (and an agency page whose rows are the same objects is kept).
_plan_rows: Remembered[PlanView, dict[str, list[Row]]] = Remembered(
    _rows_of, lambda plan, agencies, reach: (agencies,))


def views_by_agency(corpus: Corpus) -> dict[str, list[Row]]:
    """Agency id -> every task and duty on its list (see `involved`), earliest deadline first."""
    return resolve(corpus).by_agency()
