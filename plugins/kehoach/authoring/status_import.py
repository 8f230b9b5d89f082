"""`kehoach status import FILE`: a filled tracking sheet written back as the tasks' status blocks.

Every row is matched to a task by its plan id and task id (the sheet's hidden
columns) and held against the plan: the task must still exist, its title must
read as the plan's, the status word must be one of `labels.STATE_WORDS` (or
"Không ghi nhận kết quả", which the export writes for an open task of an ended
plan: the state is left as the plan records it), and a proof's date must be a
real day. One bad cell refuses the whole sheet, with a
message per cell, and nothing is written. Otherwise only the status blocks
change (`status_yaml.splice_statuses`), each file is checked against its old
text, and all files are replaced together: written beside the originals first,
then renamed, and put back if one rename fails.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.errors import Finding, PlanError, has_errors
from ..core.labels import STATE_WORDS, STATUS_WORDS
from ..core.loader import PLAN_FILE, Corpus, LoadedPlan, shown_path
from ..core.models import Plan, Status, Task
from ..core.sheet import ID_COLUMNS, PLAN_ID, PROOF_DATE, PROOF_FIELDS, PROOF_TYPE, STATE, STATUS_NOTE, TASK_ID, TITLE
from ..core.source import parse_yaml
from ..core.text import fold
from ..core.workspace import Workspace
from .sheet_reader import Sheet, SheetRow, read_sheet
from .status_yaml import splice_statuses

WORDS = {fold(word): key for key, word in STATE_WORDS.items()}
WORD_LIST = ", ".join(f"«{word}»" for word in STATE_WORDS.values())
UNRECORDED = fold(STATUS_WORDS["unrecorded"])  # as exported for an ended plan's open task: state left as it is
_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True)
class Imported:
    """What an import wrote: per plan file, the ids of the tasks whose status changed."""

    files: dict[str, list[str]]  # shown path -> task ids

    @property
    def count(self) -> int:
        """How many tasks changed."""
        return sum(len(ids) for ids in self.files.values())


def import_statuses(file: Path, plans: Path, base: Path | None = None) -> Imported:
    """Read `file`, check every row against the plans under `plans`, write the changed status blocks."""
    base = base or Path.cwd()
    corpus, findings = Workspace([plans], base).load()
    if has_errors(findings):
        raise PlanError(f for f in findings if f.severity == "error")
    sheet = read_sheet(file, shown_path(file, base))
    by_id = {loaded.id: loaded for loaded in corpus.plans}
    return Imported(write_statuses(sheet_statuses(sheet, corpus), by_id, base))


def sheet_statuses(sheet: Sheet, corpus: Corpus) -> dict[str, dict[str, dict[str, Any]]]:
    """The status blocks that differ from the plans, by plan and task id; PlanError naming every bad cell."""
    missing = [header for header in (*ID_COLUMNS, TITLE, STATE) if header not in sheet.columns]
    if missing:
        raise PlanError([Finding(sheet.path, 1, 1, "KH608", "error",
                                 f"{sheet.label} thiếu cột {', '.join(f'«{h}»' for h in missing)}",
                                 "Không xóa cột của tệp đã tải về (cột mã được ẩn, không cần hiện).")])
    plans = {loaded.id: loaded for loaded in corpus.plans}
    problems: list[Finding] = []
    changes: dict[str, dict[str, dict[str, Any]]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in sheet.rows:
        found = _match(sheet, row, plans, seen, problems)
        if found is None:
            continue
        loaded, task = found
        status = _status(sheet, row, task, problems)
        if status is not None and Status.model_validate(status) != task.status:
            changes.setdefault(loaded.id, {})[task.id] = status
    if problems:
        raise PlanError(problems)
    return changes


def _cell(row: SheetRow, header: str) -> str:
    value = row.cells.get(header)
    return "" if value is None else str(value).strip()


def _match(sheet: Sheet, row: SheetRow, plans: dict[str, LoadedPlan], seen: dict[tuple[str, str], int],
           problems: list[Finding]) -> tuple[LoadedPlan, Task] | None:
    """The plan and task a row is about, or None with the reason added to `problems`."""
    plan_id, task_id = _cell(row, PLAN_ID), _cell(row, TASK_ID)
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
    if " ".join(task.title.split()) != _cell(row, TITLE):
        problems.append(sheet.finding(row.number, TITLE, "KH607",
                                      f"Nội dung nhiệm vụ «{task_id}» khác với kế hoạch «{plan_id}»",
                                      "Bảng chỉ ghi tiến độ; nội dung nhiệm vụ sửa trong tệp kế hoạch. "
                                      "Tải lại bảng, hoặc chép lại nội dung như kế hoạch."))
        return None
    return loaded, task


def _status(sheet: Sheet, row: SheetRow, task: Task, problems: list[Finding]) -> dict[str, Any] | None:
    """The status block a row asks for; columns the sheet lacks keep the task's current values."""
    word = _cell(row, STATE)
    state = task.status.state if fold(word) == UNRECORDED else WORDS.get(fold(word))
    if state is None:
        shown = f"Trạng thái «{word}» không có trong danh sách" if word else "Chưa chọn trạng thái"
        problems.append(sheet.finding(row.number, STATE, "KH605", shown, f"Chọn một trong: {WORD_LIST}."))
        return None
    current = task.status.proof.model_dump(exclude_none=True) if task.status.proof else {}
    proof = {**current}
    for header, name in PROOF_FIELDS.items():
        if header in sheet.columns:
            value = _date(sheet, row, problems) if header == PROOF_DATE else _cell(row, header) or None
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
    note = _cell(row, STATUS_NOTE) if STATUS_NOTE in sheet.columns else task.status.note
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


def _date(sheet: Sheet, row: SheetRow, problems: list[Finding]) -> date | None:
    """The proof's date: a date cell, or text dd/mm/yyyy or yyyy-mm-dd that names a real day."""
    value = row.cells.get(PROOF_DATE)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell(row, PROOF_DATE)
    if not text:
        return None
    day, iso = _DAY.match(text), _ISO.match(text)
    parts = (day.group(3), day.group(2), day.group(1)) if day else iso.groups() if iso else None
    if parts is None:
        problems.append(sheet.finding(row.number, PROOF_DATE, "KH606", f"Không đọc được ngày «{text}»",
                                      "Ghi ngày dạng ngày/tháng/năm, ví dụ 15/06/2024."))
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        problems.append(sheet.finding(row.number, PROOF_DATE, "KH606", f"Ngày không có thật: «{text}»",
                                      "Kiểm tra ngày và tháng (tháng 2 có 28 hoặc 29 ngày; "
                                      "tháng 4, 6, 9, 11 có 30 ngày)."))
        return None


def write_statuses(changes: dict[str, dict[str, dict[str, Any]]], plans: dict[str, LoadedPlan],
                   base: Path) -> dict[str, list[str]]:
    """Splice every plan's new status blocks, check them, then replace all the files together."""
    planned: list[tuple[Path, str, str]] = []
    written: dict[str, list[str]] = {}
    for plan_id, statuses in sorted(changes.items()):
        path = plans[plan_id].folder / PLAN_FILE
        before = path.read_text(encoding="utf-8")
        try:
            after = splice_statuses(before, statuses)
        except KeyError as exc:
            raise PlanError([Finding(shown_path(path, base), 1, 1, "KH607", "error",
                                     f"Không sửa được trạng thái của nhiệm vụ {exc} trong tệp",
                                     "Viết nhiệm vụ dạng khối (mỗi khoá một dòng), không dạng {…}.")]) from None
        if not reads_back(plans[plan_id], after, statuses):  # never seen; refuse rather than write a wrong file
            raise PlanError([Finding(shown_path(path, base), 1, 1, "KH607", "error",
                                     "Đọc lại tệp sau khi ghi trạng thái thấy khác dự kiến; không tệp nào bị đổi",
                                     "Báo cho người quản trị kho kèm bảng vừa dùng.")])
        planned.append((path, before, after))
        written[shown_path(path, base)] = sorted(statuses)
    try:
        _replace_all(planned)
    except OSError as exc:
        shown = shown_path(Path(exc.filename), base) if exc.filename else "plans"
        raise PlanError([Finding(shown, 1, 1, "KH108", "error",
                                 f"Không ghi được tệp ({exc.strerror}); không tệp kế hoạch nào bị đổi",
                                 "Kiểm tra quyền ghi và chỗ trống trên đĩa, rồi chạy lại lệnh.")]) from None
    return written


def reads_back(loaded: LoadedPlan, text: str, statuses: dict[str, dict[str, Any]]) -> bool:
    """True when `text`, read as the loader reads plans, is the loaded plan with exactly these statuses."""
    data, problems = parse_yaml(text, loaded.yaml_path, positions=False)
    if problems:
        return False
    try:
        plan = Plan.model_validate(data)
    except ValidationError:
        return False
    tasks = [task.model_copy(update={"status": Status.model_validate(statuses[task.id])}) if task.id in statuses
             else task for task in loaded.plan.tasks]
    return plan == loaded.plan.model_copy(update={"tasks": tasks})


def _replace_all(planned: list[tuple[Path, str, str]]) -> None:
    """Write every new text beside its file, then rename them all; on failure put the old texts back."""
    temps = []
    try:
        for path, _, after in planned:
            temp = path.with_name(f".{path.name}.kehoach-tam")
            temp.write_bytes(after.encode("utf-8"))
            temps.append(temp)
    except OSError:
        for temp in temps:
            temp.unlink(missing_ok=True)
        raise
    done: list[tuple[Path, str]] = []
    try:
        for (path, before, _), temp in zip(planned, temps, strict=True):
            os.replace(temp, path)
            done.append((path, before))
    except OSError:
        for path, before in done:
            path.write_bytes(before.encode("utf-8"))
        for temp in temps:
            temp.unlink(missing_ok=True)
        raise


def report(imported: Imported) -> str:
    """What the import wrote, in Vietnamese, and how to see it as a change."""
    if not imported.files:
        return "Bảng không có trạng thái nào khác kế hoạch; không tệp nào được ghi.\n"
    lines = [f"Đã ghi trạng thái của {imported.count} nhiệm vụ vào {len(imported.files)} tệp:"]
    lines += [f"  {path}: {', '.join(ids)}" for path, ids in imported.files.items()]
    return "\n".join(lines + ["Xem thay đổi: kehoach diff HEAD ."]) + "\n"
