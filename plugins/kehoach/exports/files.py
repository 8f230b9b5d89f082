"""Exports of plans for offices and other systems: DOCX, XLSX, CSV and JSON files.

API (stable; the site links these paths, `kehoach export` writes them):

* `export_files(corpus, today) -> dict[str, bytes]`: every export, keyed by its path
  relative to the site root, in sorted order:
  `xuat/ke-hoach/<year>/<slug>.{docx,xlsx,csv,json}` for each plan and
  `xuat/co-quan/<agency-id>.{xlsx,csv}` for each registry agency that leads or
  partners in at least one task (directly or through a group it belongs to,
  `Agency.groups`), and the XLSX alone for one that only receives reports from
  a group (its «Nhận báo cáo» sheet). An agency with neither has no file: link
  a file only when its path is among the keys. A plan or agency whose XLSX has
  a «Nhận báo cáo» sheet also has it as `<base>.nhan-bao-cao.csv`
  (`links.receipts_csv`).
* `plan_json`, `plan_csv`, `plan_xlsx` (here) and `docx_export.plan_docx`: one
  plan's file as bytes; `agency_csv`, `agency_xlsx`: one agency's tasks.

Every file is a pure function of the plans and the day it is made for
(`today`, passed in: overdue rows are shaded, and the open tasks of a plan
ended by then read "Không ghi nhận kết quả", `agenda.recorded`; without a day
no plan has ended): no clock, sorted iteration, and the timestamps inside
DOCX/XLSX (zip entries, document properties) are the plan's own date (`stamp`),
so the same plans and day give byte-identical files.

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

from ..core import links
from ..core.agenda import recorded, recorded_words
from ..core.deadlines import KIND_VI, kind
from ..core.labels import ROLE_WORDS, phrase, plan_base, plan_label
from ..core.loader import Corpus, LoadedPlan
from ..core.models import Agency, Plan
from ..core.sheet import task_numbers
from ..core.tracking import duty_standing, standing_words
from ..core.view import DutyView, Named, PlanView, TaskView, resolve, resolve_plan
from .docx import plan_docx, stable_zip
from .receipt_sheet import RECEIPT_COLUMNS, RECEIPT_PLAN, Receipts, agency_receipts, plan_receipts
from .tracking_sheet import AGENCY_COLUMNS, PLAN_COLUMNS, agency_cells, csv_cells, is_overdue, plan_cells
from .xlsx import FORMULA_START, agency_workbook, plan_workbook

SCHEMA = "kehoach-export/1"


def stamp(plan: Plan) -> date:
    """The date written inside a plan's files: its issue date or its last revision, whichever is later."""
    return max(day for day in (plan_base(plan), plan.updated) if day)


# --- JSON -----------------------------------------------------------------------------

def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _agencies(named: tuple[Named, ...]) -> list[dict[str, str]]:
    return [{"id": a.id, "name": a.name} for a in named]


def _task_json(view: TaskView, today: date | None) -> dict[str, object]:
    return {
        "id": view.id, "number": view.number, "title": view.title, "section": view.section_id,
        "section_title": view.section, "deadline_text": view.deadline_text, "kind": view.kind,
        "kind_vi": KIND_VI[view.kind], "due": _iso(view.due), "effective_due": _iso(view.effective_due),
        "lead": _agencies(view.lead), "lead_text": view.lead_text,
        "partners": _agencies(view.partners), "partners_text": view.partners_text,
        "conditional": view.conditional, "note": view.note, "status": recorded(view, today),
        "status_vi": recorded_words(view, today), "proof": view.proof_label or None,
    }


def _report_json(view: DutyView) -> dict[str, object]:
    return {"id": view.id, "title": view.title, "deadline_text": view.deadline_text, "kind": view.kind,
            "due": _iso(view.due), "effective_due": _iso(view.effective_due), "reporters": _agencies(view.reporters),
            "recipient": view.recipient.id if view.recipient else None, "via": view.via.id if view.via else None,
            "text": view.text}


def plan_json(loaded: LoadedPlan, agencies: dict[str, Agency], today: date | None = None,
              view: PlanView | None = None) -> bytes:
    """The plan header, its sections, tasks (as of `today`) and reporting duties as JSON."""
    plan, document = loaded.plan, loaded.plan.document
    view = view or resolve_plan(loaded, agencies)
    header = {
        "id": loaded.id, "year": plan.year, "title": view.title, "label": plan_label(plan, agencies),
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
            "tasks": [_task_json(task, today) for task in view.tasks],
            "reporting": [_report_json(duty) for duty in view.duties]}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


# --- CSV (the tracking sheet's columns, see tracking_sheet) ---------------------------

def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting with = + - @, tab or CR gets a leading
    apostrophe (OWASP, CSV injection), so "=HYPERLINK(…)" or "- Sở Nội vụ" never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([csv_cell(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def plan_csv(loaded: LoadedPlan, agencies: dict[str, Agency], today: date | None = None,
             view: PlanView | None = None) -> bytes:
    """The plan's task table as of `today` as CSV (see the module docstring for the dialect)."""
    view = view or resolve_plan(loaded, agencies)
    return _csv_bytes([[name for name, _ in PLAN_COLUMNS]]
                      + [csv_cells(plan_cells(task, today)) for task in view.tasks])


# --- per agency -----------------------------------------------------------------------

def agency_tasks(corpus: Corpus) -> dict[str, list[tuple[str, TaskView]]]:
    """For each agency, its (role, task) pairs across plans, as its page lists them (`view.involved`).

    A task given to a group counts for every agency in the group (transitively);
    reporting duties are on the pages and in the feeds, not in these task tables.
    """
    found = {agency_id: [(row.role, row.item) for row in rows if isinstance(row.item, TaskView)]
             for agency_id, rows in resolve(corpus).by_agency().items()}
    return {agency_id: rows for agency_id, rows in found.items() if rows}


def _agency_table(rows: list[tuple[str, TaskView]], plans: dict[str, LoadedPlan],
                  today: date | None) -> list[list[object]]:
    """An agency's task rows as of `today`, each TT with its section ("III.2") so rows from many sections stay
    apart."""
    numbers = {plan_id: task_numbers(plans[plan_id].plan) for plan_id in {view.plan_id for _, view in rows}}
    return [agency_cells(numbers[view.plan_id][view.id], role, view, today) for role, view in rows]


def agency_csv(rows: list[tuple[str, TaskView]], plans: dict[str, LoadedPlan], today: date | None = None) -> bytes:
    """One agency's tasks as of `today` as CSV (the columns of its sheet)."""
    return _csv_bytes([[name for name, _ in AGENCY_COLUMNS]]
                      + [csv_cells(c) for c in _agency_table(rows, plans, today)])


def agency_reports(agency_id: str, corpus: Corpus) -> list[list[object]]:
    """The reports an agency owes or receives, as its page lists them, with who has sent them."""
    plans = {loaded.id: loaded for loaded in corpus.plans}
    table: list[list[object]] = []
    for row in resolve(corpus).by_agency().get(agency_id, []):
        view = row.item
        if not isinstance(view, DutyView):
            continue
        loaded = plans[view.plan_id]
        duty = next(d for d in loaded.plan.reporting if d.id == view.id)
        words = standing_words(duty_standing(loaded, duty, corpus.agencies), corpus.agencies, agency_id)
        table.append([view.plan_title, view.title, ROLE_WORDS[row.role], view.deadline_text, view.due,
                      view.effective_due, "; ".join(a.name for a in view.reporters),
                      view.recipient.name if view.recipient else "", words, view.plan_id, view.id])
    return table


# --- all files ------------------------------------------------------------------------

def receipts_csv(receipts: Receipts) -> bytes:
    """A receipt sheet («Nhận báo cáo») as CSV: its columns, hidden ids included, dates ISO 8601."""
    return _csv_bytes([[name for name, _ in RECEIPT_COLUMNS]] + [csv_cells(row) for row in receipts[0]])


def plan_xlsx(loaded: LoadedPlan, agencies: dict[str, Agency], today: date, view: PlanView | None = None,
              receipts: Receipts | None = None) -> bytes:
    """The plan's tracking sheet (overdue as of `today` shaded), reporting duties and receipt sheet as an Excel
    workbook."""
    tracked = [standing_words(duty_standing(loaded, duty, agencies), agencies) for duty in loaded.plan.reporting]
    view = view or resolve_plan(loaded, agencies)
    receipts = receipts or plan_receipts(loaded, view, agencies, today)
    data = plan_workbook(view, plan_label(loaded.plan, agencies), today, tracked, receipts)
    return stable_zip(data, stamp(loaded.plan))


def agency_xlsx(agency: Agency, rows: list[tuple[str, TaskView]], plans: dict[str, LoadedPlan], today: date,
                reports: list[list[object]], receipts: Receipts) -> bytes:
    """One agency's tasks across plans (a tracking sheet), its reports and the reports it receives from groups
    as an Excel workbook."""
    overdue = [is_overdue(view, today) for _, view in rows]
    used = {view.plan_id for _, view in rows} | {str(row[RECEIPT_PLAN]) for row in receipts[0]}
    when = max(stamp(plans[plan_id].plan) for plan_id in used)
    return stable_zip(agency_workbook(agency, _agency_table(rows, plans, today), overdue, reports, receipts), when)


def export_files(corpus: Corpus, today: date) -> dict[str, bytes]:
    """Every export file of the corpus, by relative path (see the module docstring), as of `today`: overdue
    rows shaded, the open tasks of plans ended by then "Không ghi nhận kết quả"."""
    files: dict[str, bytes] = {}
    resolved = resolve(corpus)
    for loaded in corpus.plans:
        base, view = links.plan_exports(loaded.id), resolved.plans[loaded.id]
        receipts = plan_receipts(loaded, view, corpus.agencies, today)
        files[base + ".docx"] = plan_docx(loaded, corpus.agencies, view)
        files[base + ".xlsx"] = plan_xlsx(loaded, corpus.agencies, today, view, receipts)
        if receipts[0]:
            files[links.receipts_csv(base)] = receipts_csv(receipts)
        files[base + ".csv"] = plan_csv(loaded, corpus.agencies, today, view)
        files[base + ".json"] = plan_json(loaded, corpus.agencies, today, view)
    plans = {loaded.id: loaded for loaded in corpus.plans}
    tasks = agency_tasks(corpus)
    duties = {(loaded.id, duty.id): duty for loaded in corpus.plans for duty in loaded.plan.reporting}
    for agency_id in sorted(corpus.agencies):
        rows, receipts = tasks.get(agency_id, []), agency_receipts(agency_id, corpus, today, duties)
        if rows or receipts[0]:
            files[links.agency_exports(agency_id) + ".xlsx"] = agency_xlsx(
                corpus.agencies[agency_id], rows, plans, today, agency_reports(agency_id, corpus), receipts)
        if receipts[0]:
            files[links.receipts_csv(links.agency_exports(agency_id))] = receipts_csv(receipts)
        if rows:
            files[links.agency_exports(agency_id) + ".csv"] = agency_csv(rows, plans, today)
    return dict(sorted(files.items()))
