"""Exports of plans for offices and other systems: DOCX, XLSX, CSV and JSON files.

API (stable; the site links these paths, `kehoach export` writes them):

* `export_files(corpus) -> dict[str, bytes]`: every export, keyed by its path
  relative to the site root, in sorted order:
  `xuat/ke-hoach/<year>/<slug>.{docx,xlsx,csv,json}` for each plan and
  `xuat/co-quan/<agency-id>.{xlsx,csv}` for each registry agency that leads or
  partners in at least one task (directly or through a group it belongs to,
  `Agency.groups`). An agency with no task has no file: link a file only when
  its path is among the keys.
* `plan_json`, `plan_csv`, `plan_xlsx` (here) and `docx_export.plan_docx`: one
  plan's file as bytes; `agency_csv`, `agency_xlsx`: one agency's tasks.

Every file is a pure function of the plans: no clock, sorted iteration, and
the timestamps inside DOCX/XLSX (zip entries, document properties) are the
plan's own date (`stamp`), so the same plans give byte-identical files.

CSV: RFC 4180, comma-separated, CRLF line ends, UTF-8 with a byte order mark.
The BOM is there because Excel reads a CSV without it in the Windows code page
and garbles Vietnamese; other systems should strip it (Python: "utf-8-sig").
Dates in CSV and JSON are ISO 8601 (2024-03-15). On Windows set to the
Vietnamese region, where the list separator is ";", a double-clicked CSV shows
in one column: offices should open the XLSX, which needs no import step.

JSON: one object per plan, keys sorted, UTF-8 (not ASCII-escaped), indent 2;
`schema` names the layout ("kehoach-export/1") and changes if a key changes.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from ..core.deadlines import KIND_VI, due, kind
from ..core.labels import ROLE_WORDS, phrase, plan_base, plan_label, plan_title
from ..core.loader import Corpus, LoadedPlan
from ..core.models import Agency, Plan, ReportingDuty
from ..core.registry import members
from .docx import plan_docx, stable_zip
from .rows import TaskRow, named, task_rows, working_due
from .xlsx import agency_workbook, plan_workbook

SCHEMA = "kehoach-export/1"


def stamp(plan: Plan) -> date:
    """The date written inside a plan's files: its issue date or its last revision, whichever is later."""
    return max(day for day in (plan_base(plan), plan.updated) if day)


# --- JSON -----------------------------------------------------------------------------

def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _task_json(row: TaskRow) -> dict[str, object]:
    task = row.task
    return {
        "id": task.id, "number": task.number, "title": task.title, "section": task.section,
        "section_title": row.section, "deadline_text": row.deadline_text, "kind": row.kind,
        "kind_vi": KIND_VI[row.kind], "due": _iso(row.due), "effective_due": _iso(row.effective_due),
        "lead": [{"id": i, "name": n} for i, n in row.lead], "lead_text": task.lead_text,
        "partners": [{"id": i, "name": n} for i, n in row.partners], "partners_text": task.partners_text,
        "conditional": task.conditional, "note": task.note, "status": task.status.state,
        "status_vi": row.status, "proof": row.proof or None,
    }


def _report_json(duty: ReportingDuty, agencies: dict[str, Agency]) -> dict[str, object]:
    last = due(duty.deadline)
    return {"id": duty.id, "title": duty.title, "deadline_text": phrase(duty.deadline), "kind": kind(duty.deadline),
            "due": _iso(last), "effective_due": _iso(working_due(last)),
            "reporters": [{"id": i, "name": n} for i, n in named(duty.reporters, agencies)],
            "recipient": duty.recipient, "via": duty.via, "text": duty.text}


def plan_json(loaded: LoadedPlan, agencies: dict[str, Agency], today: date | None = None) -> bytes:
    """The plan header, its sections, tasks and reporting duties as JSON."""
    plan, document = loaded.plan, loaded.plan.document
    header = {
        "id": loaded.id, "year": plan.year, "title": plan_title(plan, loaded.id), "label": plan_label(plan, agencies),
        "type": document.type, "number": document.number, "symbol": document.symbol,
        "issuer": {"id": document.issuer, "name": agencies[document.issuer].name
                   if document.issuer in agencies else document.issuer_name},
        "place": document.place, "date": str(document.date) if document.date else None,
        "subject": document.subject, "updated": _iso(plan.updated),
        "decision": {"type": plan.decision.type, "number": plan.decision.number, "symbol": plan.decision.symbol,
                     "date": str(plan.decision.date) if plan.decision.date else None,
                     "subject": plan.decision.subject} if plan.decision else None,
    }
    sections = [{"id": s.id, "number": s.number, "title": s.title,
                 "period_text": phrase(s.period) if s.period and kind(s.period) != "none" else None}
                for s in plan.sections]
    data = {"schema": SCHEMA, "plan": header, "sections": sections,
            "tasks": [_task_json(row) for row in task_rows(loaded, agencies, today)],
            "reporting": [_report_json(duty, agencies) for duty in plan.reporting]}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


# --- CSV ------------------------------------------------------------------------------

PLAN_CSV_HEADER = ["TT", "Mã", "Nội dung", "Mục", "Thời hạn (ghi trong văn bản)", "Loại thời hạn", "Hạn cuối",
                   "Hạn tính theo ngày làm việc", "Mã chủ trì", "Chủ trì", "Mã phối hợp", "Phối hợp",
                   "Trạng thái", "Văn bản chứng minh", "Ghi chú"]


def _csv_cells(row: TaskRow) -> list[str]:
    task = row.task
    return [task.number or "", task.id, task.title, row.section, row.deadline_text, KIND_VI[row.kind],
            _iso(row.due) or "", _iso(row.effective_due) or "", " ".join(i for i, _ in row.lead), row.lead_cell,
            " ".join(i for i, _ in row.partners), row.partners_cell, row.status, row.proof, task.note or ""]


def _csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def plan_csv(loaded: LoadedPlan, agencies: dict[str, Agency], today: date | None = None) -> bytes:
    """The plan's task table as CSV (see the module docstring for the dialect)."""
    return _csv_bytes([PLAN_CSV_HEADER] + [_csv_cells(row) for row in task_rows(loaded, agencies, today)])


# --- per agency -----------------------------------------------------------------------

def agency_tasks(corpus: Corpus, today: date | None = None) -> dict[str, list[tuple[str, TaskRow]]]:
    """For each registry agency, its (role, row) pairs across plans, by effective deadline.

    A task given to a group counts for every agency in the group (transitively).
    """
    reach = members(corpus.agencies)
    found: dict[str, dict[tuple[str, str], tuple[str, TaskRow]]] = {}
    for loaded in corpus.plans:
        for row in task_rows(loaded, corpus.agencies, today):
            for role, ids in (("partner", row.task.partners), ("lead", row.task.lead)):
                for member in sorted({m for i in ids for m in reach.get(i, [])}):
                    found.setdefault(member, {})[(row.plan_id, row.task.id)] = (role, row)  # lead wins
    order = {(loaded.id, task.id): (p, t) for p, loaded in enumerate(corpus.plans)
             for t, task in enumerate(loaded.plan.tasks)}

    def key(item: tuple[str, TaskRow]) -> tuple[object, ...]:
        row = item[1]
        return (row.effective_due or date.max, order[(row.plan_id, row.task.id)])

    return {agency: sorted(rows.values(), key=key) for agency, rows in sorted(found.items())}


AGENCY_HEADER = ["Kế hoạch", "Mã kế hoạch", "TT", "Mã", "Nội dung", "Vai trò", "Thời hạn (ghi trong văn bản)",
                 "Hạn cuối", "Hạn tính theo ngày làm việc", "Chủ trì", "Phối hợp", "Trạng thái"]


def agency_cells(role: str, row: TaskRow, plans: dict[str, LoadedPlan], dates: bool) -> list[object]:
    """One agency row; dates as `date` objects for XLSX (`dates`) or ISO text for CSV."""
    fmt = (lambda d: d) if dates else (lambda d: _iso(d) or "")
    return [plan_title(plans[row.plan_id].plan, row.plan_id), row.plan_id, row.task.number or "", row.task.id,
            row.task.title,
            ROLE_WORDS[role], row.deadline_text, fmt(row.due), fmt(row.effective_due), row.lead_cell,
            row.partners_cell, row.status]


def agency_csv(rows: list[tuple[str, TaskRow]], plans: dict[str, LoadedPlan]) -> bytes:
    """One agency's tasks as CSV."""
    return _csv_bytes([AGENCY_HEADER] + [[str(c) for c in agency_cells(r, row, plans, False)] for r, row in rows])


# --- all files ------------------------------------------------------------------------

def plan_xlsx(loaded: LoadedPlan, agencies: dict[str, Agency], today: date | None = None) -> bytes:
    """The plan's task table and reporting duties as an Excel workbook."""
    data = plan_workbook(loaded, task_rows(loaded, agencies, today), agencies, plan_label(loaded.plan, agencies))
    return stable_zip(data, stamp(loaded.plan))


def agency_xlsx(agency: Agency, rows: list[tuple[str, TaskRow]], plans: dict[str, LoadedPlan]) -> bytes:
    """One agency's tasks across plans as an Excel workbook."""
    table = [agency_cells(role, row, plans, True) for role, row in rows]
    when = max(stamp(plans[row.plan_id].plan) for _, row in rows)
    return stable_zip(agency_workbook(agency, AGENCY_HEADER, table), when)


def export_files(corpus: Corpus, today: date | None = None) -> dict[str, bytes]:
    """Every export file of the corpus, by relative path (see the module docstring), as of `today`: the
    open tasks of plans ended by then read "Không ghi nhận kết quả"."""
    files: dict[str, bytes] = {}
    for loaded in corpus.plans:
        base = f"xuat/ke-hoach/{loaded.id}"
        files[base + ".docx"] = plan_docx(loaded, corpus.agencies)
        files[base + ".xlsx"] = plan_xlsx(loaded, corpus.agencies, today)
        files[base + ".csv"] = plan_csv(loaded, corpus.agencies, today)
        files[base + ".json"] = plan_json(loaded, corpus.agencies, today)
    plans = {loaded.id: loaded for loaded in corpus.plans}
    for agency_id, rows in agency_tasks(corpus, today).items():
        if agency_id in corpus.agencies:
            files[f"xuat/co-quan/{agency_id}.xlsx"] = agency_xlsx(corpus.agencies[agency_id], rows, plans)
            files[f"xuat/co-quan/{agency_id}.csv"] = agency_csv(rows, plans)
    return dict(sorted(files.items()))
