"""The rows of the sheet «Nhận báo cáo» held against the plans: each member's report recorded or removed.

A row names a plan, a reporting duty and a member that owes it (the sheet's
hidden columns) and what the receiving agency has of its report: number, date,
note. A row with a date records the submission (or corrects it); a row whose
number, date and note are all empty records none, so a prefilled row a person
clears removes that member's submission; a row left as exported changes
nothing, and a member whose row was deleted keeps what the plan records. The
refusals mirror `kehoach check`: a filled row of a duty the plan no longer has
(KH610), a unit that does not owe the report (KH611, as KH406; an empty row of
either asks for nothing and is passed over) or comes twice (KH611, as KH407), a number
or note without a date (KH612, a submission's date is required), a date that is
no day (KH606). `status_import` refuses the sheet whole when there is any.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..core.errors import Finding
from ..core.loader import Corpus, LoadedPlan
from ..core.models import Agency, ReportingDuty, Submission
from ..core.registry import name_of
from ..core.sheet import DUTY_ID, MEMBER_ID, PLAN_ID, RECEIPT_COLUMNS, RECEIPT_IDS, SENT_DATE, SENT_NOTE, SENT_NUMBER
from ..core.tracking import owes
from .sheet_reader import Sheet, SheetRow, cell_date, cell_text, has_columns

Submissions = dict[str, dict[str, list[dict[str, Any]]]]  # plan id -> duty id -> its new submissions list
Wanted = dict[tuple[str, str], dict[str, dict[str, Any] | None]]  # (plan, duty) -> member -> entry, None: none


def sheet_submissions(sheet: Sheet, corpus: Corpus, problems: list[Finding]) -> Submissions:
    """The submissions lists that differ from the plans, by plan and duty id; each bad cell added to `problems`."""
    if not has_columns(sheet, (*RECEIPT_IDS, SENT_DATE), problems):
        return {}
    plans = {loaded.id: loaded for loaded in corpus.plans}
    wanted: Wanted = {}
    seen: dict[tuple[str, str, str], int] = {}
    for row in sheet.rows:
        found = _match(sheet, row, plans, corpus.agencies, seen, problems)
        if found is not None:
            plan_id, duty, agency_id = found
            old = next((s for s in duty.submissions or [] if s.agency == agency_id), None)
            read, entry = _entry(sheet, row, agency_id, name_of(agency_id, corpus.agencies), old, problems)
            if read:
                wanted.setdefault((plan_id, duty.id), {})[agency_id] = entry
    changes: Submissions = {}
    for (plan_id, duty_id), members in wanted.items():
        duty = next(d for d in plans[plan_id].plan.reporting if d.id == duty_id)
        new = merged(duty, members)
        if new != [s.model_dump(exclude_none=True) for s in duty.submissions or []] and (
                new or duty.submissions is not None):
            changes.setdefault(plan_id, {})[duty_id] = new
    return changes


def merged(duty: ReportingDuty, members: dict[str, dict[str, Any] | None]) -> list[dict[str, Any]]:
    """The duty's submissions with the sheet's rows applied: kept in place, corrected, removed, new ones last."""
    recorded = [s.agency for s in duty.submissions or []]
    kept = [members[s.agency] if s.agency in members else s.model_dump(exclude_none=True)
            for s in duty.submissions or []]
    new = [entry for agency_id, entry in members.items() if agency_id not in recorded]
    return [entry for entry in kept + new if entry is not None]


def _match(sheet: Sheet, row: SheetRow, plans: dict[str, LoadedPlan], agencies: dict[str, Agency],
           seen: dict[tuple[str, str, str], int], problems: list[Finding]) -> tuple[str, ReportingDuty, str] | None:
    """The plan id, duty and member a row is about, or None with the reason added to `problems`."""
    plan_id, duty_id, agency_id = (cell_text(row, header) for header in RECEIPT_IDS)
    blank = not any(cell_text(row, header) for header in RECEIPT_COLUMNS)
    loaded = plans.get(plan_id)
    duty = next((d for d in loaded.plan.reporting if d.id == duty_id), None) if loaded else None
    if loaded is None or duty is None:
        if blank:
            return None  # an empty row of a duty removed since the export asks for nothing: no need to refuse
        what = (f"kế hoạch «{plan_id}» không còn báo cáo «{duty_id}»" if loaded and duty_id else
                "dòng không ghi mã báo cáo" if loaded else
                f"không có kế hoạch «{plan_id}»" if plan_id else "dòng không ghi mã kế hoạch")
        problems.append(sheet.finding(row.number, DUTY_ID if loaded else PLAN_ID, "KH610",
                                      f"Không khớp được dòng với báo cáo định kỳ: {what}",
                                      "Kế hoạch đã đổi sau khi tải bảng: tải lại bảng từ trang kế hoạch hoặc trang "
                                      "cơ quan rồi điền lại dòng này, hoặc xóa dòng."))
        return None
    if agency_id not in agencies or not owes(agency_id, duty, agencies):
        if blank:
            return None  # nor does one of a unit that left the group
        what = (f"«{agencies[agency_id].name}» không thuộc đơn vị phải gửi «{duty.title}»"
                if agency_id in agencies else f"Không có đơn vị «{agency_id}» trong danh mục" if agency_id
                else "Dòng không ghi mã đơn vị gửi")
        owed = ", ".join(f"«{name_of(r, agencies)}»" for r in duty.reporters) or "(chưa ghi đơn vị báo cáo)"
        problems.append(sheet.finding(row.number, MEMBER_ID, "KH611", what,
                                      f"Đơn vị báo cáo: {owed}. Giữ nguyên cột mã của tệp đã tải về; đơn vị mới "
                                      "của nhóm thì khai vào nhóm (groups) trong danh mục plans/agencies/ rồi tải "
                                      "lại bảng."))
        return None
    if (plan_id, duty_id, agency_id) in seen:
        problems.append(sheet.finding(row.number, MEMBER_ID, "KH611",
                                      f"«{duty.title}» của «{name_of(agency_id, agencies)}» đã có ở dòng "
                                      f"{seen[(plan_id, duty_id, agency_id)]}",
                                      "Mỗi đơn vị ghi một dòng cho mỗi báo cáo; xóa dòng thừa."))
        return None
    seen[(plan_id, duty_id, agency_id)] = row.number
    return plan_id, duty, agency_id


def _entry(sheet: Sheet, row: SheetRow, agency_id: str, unit: str, old: Submission | None,
           problems: list[Finding]) -> tuple[bool, dict[str, Any] | None]:
    """Whether the row could be read, and the submission it asks for (None: none). A column the sheet lacks
    keeps the value the plan records."""
    day: date | None = cell_date(sheet, row, SENT_DATE, problems)
    if day is None and cell_text(row, SENT_DATE):
        return False, None  # an unreadable date: `cell_date` said why
    number = cell_text(row, SENT_NUMBER) if SENT_NUMBER in sheet.columns else (old.number if old else None)
    note = cell_text(row, SENT_NOTE) if SENT_NOTE in sheet.columns else (old.note if old else None)
    if day is None:
        if number or note:
            problems.append(sheet.finding(row.number, SENT_DATE, "KH612",
                                          f"Có số văn bản hoặc ghi chú nhưng thiếu ngày văn bản của «{unit}»",
                                          "Ghi ngày văn bản của báo cáo đã nhận, ví dụ 15/06/2024; chưa nhận thì "
                                          "để trống cả số, ngày và ghi chú."))
            return False, None
        return True, None
    entry: dict[str, Any] = {"agency": agency_id}
    if number:
        entry["number"] = number
    entry["date"] = day
    if note:
        entry["note"] = note
    return True, entry
