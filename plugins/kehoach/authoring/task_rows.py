"""The rows of the sheet «Nhiệm vụ» held against the plans: the status blocks a filled sheet asks for.

Every row is matched to a task by its plan id and task id (the sheet's hidden
columns) and held against the plan: the task must still exist, its title must
read as the plan's, the status word must be one of `labels.STATE_WORDS` (or
"Không ghi nhận kết quả", which the export writes for an open task of an ended
plan: the state is left as the plan records it), and a proof's date must be a
real day. Every bad cell is one finding; `status_import` refuses the sheet
whole when there is any.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..core.errors import Finding
from ..core.labels import STATE_WORDS, STATUS_WORDS
from ..core.loader import Corpus, LoadedPlan
from ..core.models import Status, Task
from ..core.sheet import ID_COLUMNS, PLAN_ID, PROOF_DATE, PROOF_FIELDS, PROOF_TYPE, STATE, STATUS_NOTE, TASK_ID, TITLE
from ..core.text import fold
from .sheet_reader import Sheet, SheetRow, cell_date, cell_text, has_columns

WORDS = {fold(word): key for key, word in STATE_WORDS.items()}
WORD_LIST = ", ".join(f"«{word}»" for word in STATE_WORDS.values())
UNRECORDED = fold(STATUS_WORDS["unrecorded"])  # as exported for an ended plan's open task: state left as it is

Statuses = dict[str, dict[str, dict[str, Any]]]  # plan id -> task id -> its new status block


def sheet_statuses(sheet: Sheet, corpus: Corpus, problems: list[Finding]) -> Statuses:
    """The status blocks that differ from the plans, by plan and task id; each bad cell added to `problems`."""
    if not has_columns(sheet, (*ID_COLUMNS, TITLE, STATE), problems):
        return {}
    plans = {loaded.id: loaded for loaded in corpus.plans}
    changes: Statuses = {}
    seen: dict[tuple[str, str], int] = {}
    for row in sheet.rows:
        found = _match(sheet, row, plans, seen, problems)
        if found is None:
            continue
        loaded, task = found
        status = _status(sheet, row, task, problems)
        if status is not None and Status.model_validate(status) != task.status:
            changes.setdefault(loaded.id, {})[task.id] = status
    return changes


def _match(sheet: Sheet, row: SheetRow, plans: dict[str, LoadedPlan], seen: dict[tuple[str, str], int],
           problems: list[Finding]) -> tuple[LoadedPlan, Task] | None:
    """The plan and task a row is about, or None with the reason added to `problems`."""
    plan_id, task_id = cell_text(row, PLAN_ID), cell_text(row, TASK_ID)
    loaded = plans.get(plan_id)
    if loaded is None:
        what = f"không có kế hoạch «{plan_id}»" if plan_id else "dòng không ghi mã kế hoạch"
        problems.append(sheet.finding(row.number, PLAN_ID, "KH604", f"Không khớp được dòng với kế hoạch: {what}",
                                      "Giữ nguyên cột mã của tệp đã tải về; thêm nhiệm vụ mới vào tệp YAML, "
                                      "không thêm dòng vào bảng."))
        return None
    task = next((t for t in loaded.plan.tasks if t.id == task_id), None)
    if task is None:
        what = f"kế hoạch «{plan_id}» không còn nhiệm vụ «{task_id}»" if task_id else "dòng không ghi mã nhiệm vụ"
        problems.append(sheet.finding(row.number, TASK_ID, "KH604", f"Không khớp được dòng với nhiệm vụ: {what}",
                                      "Kế hoạch đã đổi sau khi tải bảng: tải lại bảng từ trang kế hoạch và điền lại "
                                      "dòng này, hoặc xóa dòng."))
        return None
    if (plan_id, task_id) in seen:
        problems.append(sheet.finding(row.number, TASK_ID, "KH607",
                                      f"Nhiệm vụ «{task_id}» đã có ở dòng {seen[(plan_id, task_id)]}",
                                      "Mỗi nhiệm vụ chỉ ghi một dòng; xóa dòng thừa."))
        return None
    seen[(plan_id, task_id)] = row.number
    if " ".join(task.title.split()) != cell_text(row, TITLE):
        problems.append(sheet.finding(row.number, TITLE, "KH607",
                                      f"Nội dung nhiệm vụ «{task_id}» khác với kế hoạch «{plan_id}»",
                                      "Bảng chỉ ghi tiến độ; nội dung nhiệm vụ sửa trong tệp kế hoạch. "
                                      "Tải lại bảng, hoặc chép lại nội dung như kế hoạch."))
        return None
    return loaded, task


def _status(sheet: Sheet, row: SheetRow, task: Task, problems: list[Finding]) -> dict[str, Any] | None:
    """The status block a row asks for; columns the sheet lacks keep the task's current values."""
    word = cell_text(row, STATE)
    state = task.status.state if fold(word) == UNRECORDED else WORDS.get(fold(word))
    if state is None:
        shown = f"Trạng thái «{word}» không có trong danh sách" if word else "Chưa chọn trạng thái"
        problems.append(sheet.finding(row.number, STATE, "KH605", shown, f"Chọn một trong: {WORD_LIST}."))
        return None
    current = task.status.proof.model_dump(exclude_none=True) if task.status.proof else {}
    proof = {**current}
    for header, name in PROOF_FIELDS.items():
        if header in sheet.columns:
            value = (cell_date(sheet, row, PROOF_DATE, problems) if header == PROOF_DATE
                     else cell_text(row, header) or None)
            proof.pop(name, None)
            if value:
                proof[name] = value
    status: dict[str, Any] = {"state": state}
    if proof:
        status["proof"] = {name: proof[name] for name in ("type", "number", "date", "issuer", "title", "url")
                           if name in proof}
        if "type" not in proof:
            problems.append(sheet.finding(row.number, PROOF_TYPE, "KH605",
                                          "Có số, ngày hoặc cơ quan ban hành văn bản chứng minh nhưng "
                                          "thiếu loại văn bản",
                                          "Ghi loại văn bản: Báo cáo, Quyết định, Công văn…"))
            return None
    note = cell_text(row, STATUS_NOTE) if STATUS_NOTE in sheet.columns else task.status.note
    if note:
        status["note"] = note
    try:
        Status.model_validate(status)
    except ValidationError as exc:
        problems.append(sheet.finding(row.number, STATE, "KH605",
                                      f"Không ghi được trạng thái: {exc.errors()[0]['msg']}",
                                      "Sửa các ô tiến độ của dòng này."))
        return None
    return status
