"""Tasks as table rows, as the XLSX, CSV and JSON exports lay them out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.deadlines import due, effective_deadline, kind
from ..core.labels import STATUS_WORDS, phrase, section_heading
from ..core.lifecycle import has_ended, outcome
from ..core.loader import LoadedPlan
from ..core.models import Agency, DocRef, Task
from ..core.proof import proof_text
from ..core.workdays import effective


@dataclass(frozen=True)
class TaskRow:
    """One task as a table row: what the plan says and what it means."""

    plan_id: str
    task: Task
    section: str  # "1. Nhiệm vụ thực hiện trong Quý I"
    deadline_text: str
    kind: str
    due: date | None
    effective_due: date | None
    lead: list[tuple[str, str]]  # (id, name)
    partners: list[tuple[str, str]]
    ended: bool = False  # the plan has ended (`lifecycle.has_ended`) on the day of the export

    @property
    def lead_cell(self) -> str:
        """The Chủ trì cell: the words of the plan, else the registry names."""
        return self.task.lead_text or "; ".join(name for _, name in self.lead)

    @property
    def partners_cell(self) -> str:
        """The Phối hợp cell: the words of the plan, else the registry names."""
        return self.task.partners_text or "; ".join(name for _, name in self.partners)

    @property
    def status(self) -> str:
        """The state as the plan records it, or "Không ghi nhận kết quả" for an open task of an ended plan."""
        return STATUS_WORDS[outcome(self.task.status.state, self.ended) or self.task.status.state]

    @property
    def proof(self) -> str:
        return doc_ref_label(self.task.status.proof)


def named(ids: list[str], agencies: dict[str, Agency]) -> list[tuple[str, str]]:
    """Agency ids with their official names (the id itself when not in the registry)."""
    return [(i, agencies[i].name if i in agencies else i) for i in ids]


def doc_ref_label(ref: DocRef | None) -> str:
    """ "Báo cáo số 12/BC-SNV ngày 15/06/2024 của Sở Nội vụ"; empty when no document (`proof.proof_text`)."""
    return proof_text(ref)


def task_rows(loaded: LoadedPlan, agencies: dict[str, Agency], today: date | None = None) -> list[TaskRow]:
    """The plan's tasks in plan order, each with its deadline read and agencies named, as of `today`
    (without it, only a recorded closing ends the plan)."""
    plan = loaded.plan
    ended = has_ended(plan, today or date.min)
    sections = {section.id: section for section in plan.sections}
    rows = []
    for task in plan.tasks:
        deadline = effective_deadline(task, sections)
        last = due(deadline)
        section = sections.get(task.section)
        heading = section_heading(section) if section else task.section
        rows.append(TaskRow(loaded.id, task, heading, phrase(deadline) if deadline else "", kind(deadline), last,
                            working_due(last), named(task.lead, agencies),
                            named(task.partners, agencies), ended))
    return rows


def working_due(day: date | None) -> date | None:
    """The last day moved past weekends and holidays (BLDS 2015 Điều 148 k5); None stays None."""
    return effective(day) if day else None
