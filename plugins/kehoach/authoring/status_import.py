"""`kehoach status import FILE`: a filled tracking sheet written back as status blocks and reports received.

The sheet «Nhiệm vụ» gives the tasks' status blocks (`task_rows`), the sheet
«Nhận báo cáo» the duties' `submissions` lists (`receipt_rows`); a workbook may
hold either or both, a CSV one of them. One bad cell in either refuses the
whole file, with a message per cell, and nothing is written. Otherwise only
those blocks change (`status_yaml`), each file is read back and compared with
the plan it must now be, and all files are replaced together: written beside
the originals first, then renamed, and put back if one rename fails.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.errors import Finding, PlanError, has_errors
from ..core.loader import PLAN_FILE, LoadedPlan, shown_path
from ..core.models import Plan, Status, Submission
from ..core.sheet import RECEIPT_SHEET, TASK_SHEET
from ..core.source import parse_yaml
from ..core.workspace import Workspace
from .receipt_rows import Submissions, sheet_submissions
from .sheet_reader import read_sheets
from .status_yaml import splice_statuses, splice_submissions
from .task_rows import Statuses, sheet_statuses


@dataclass(frozen=True)
class Imported:
    """What an import wrote: per plan file, the ids of the tasks whose status changed, and of the duties whose
    submissions changed with the members concerned."""

    files: dict[str, list[str]]  # shown path -> task ids
    received: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # shown path -> duty id -> agency ids

    @property
    def count(self) -> int:
        """How many tasks changed."""
        return sum(len(ids) for ids in self.files.values())

    @property
    def members(self) -> int:
        """How many members' submissions were recorded, corrected or removed."""
        return sum(len(ids) for duties in self.received.values() for ids in duties.values())


def import_statuses(file: Path, plans: Path, base: Path | None = None) -> Imported:
    """Read `file`, check every row against the plans under `plans`, write the changed blocks, all or none."""
    base = base or Path.cwd()
    corpus, findings = Workspace([plans], base).load()
    if has_errors(findings):
        raise PlanError(f for f in findings if f.severity == "error")
    problems: list[Finding] = []
    statuses: Statuses = {}
    submissions: Submissions = {}
    for sheet in read_sheets(file, shown_path(file, base)):
        if sheet.name == TASK_SHEET:
            statuses = sheet_statuses(sheet, corpus, problems)
        elif sheet.name == RECEIPT_SHEET:
            submissions = sheet_submissions(sheet, corpus, problems)
    if problems:
        raise PlanError(problems)
    by_id = {loaded.id: loaded for loaded in corpus.plans}
    return write_changes(statuses, submissions, by_id, base)


def write_changes(statuses: Statuses, submissions: Submissions, plans: dict[str, LoadedPlan],
                  base: Path) -> Imported:
    """Splice every plan's new status and submissions blocks, check them, then replace all the files together."""
    planned: list[tuple[Path, str, str]] = []
    imported = Imported({}, {})
    for plan_id in sorted(set(statuses) | set(submissions)):
        path = plans[plan_id].folder / PLAN_FILE
        shown = shown_path(path, base)
        before = path.read_text(encoding="utf-8")
        tasks, duties = statuses.get(plan_id, {}), submissions.get(plan_id, {})
        try:
            after = splice_submissions(splice_statuses(before, tasks), duties)
        except KeyError as exc:
            raise PlanError([Finding(shown, 1, 1, "KH607", "error",
                                     f"Không sửa được nhiệm vụ hay báo cáo {exc} trong tệp",
                                     "Viết nhiệm vụ và báo cáo dạng khối (mỗi khoá một dòng), không dạng {…}.")]
                            ) from None
        if not reads_back(plans[plan_id], after, tasks, duties):  # never seen; refuse rather than write a wrong file
            raise PlanError([Finding(shown, 1, 1, "KH607", "error",
                                     "Đọc lại tệp sau khi ghi thấy khác dự kiến; không tệp nào bị đổi",
                                     "Báo cho người quản trị kho kèm bảng vừa dùng.")])
        planned.append((path, before, after))
        if tasks:
            imported.files[shown] = sorted(tasks)
        if duties:
            imported.received[shown] = {duty_id: _members(plans[plan_id], duty_id, entries)
                                        for duty_id, entries in sorted(duties.items())}
    try:
        _replace_all(planned)
    except OSError as exc:
        shown = shown_path(Path(exc.filename), base) if exc.filename else "plans"
        raise PlanError([Finding(shown, 1, 1, "KH108", "error",
                                 f"Không ghi được tệp ({exc.strerror}); không tệp kế hoạch nào bị đổi",
                                 "Kiểm tra quyền ghi và chỗ trống trên đĩa, rồi chạy lại lệnh.")]) from None
    return imported


def _members(loaded: LoadedPlan, duty_id: str, entries: list[dict[str, Any]]) -> list[str]:
    """The members whose submission of the duty the new list records, corrects or removes, sorted."""
    duty = next(d for d in loaded.plan.reporting if d.id == duty_id)
    before = {s.agency: s.model_dump(exclude_none=True) for s in duty.submissions or []}
    after = {entry["agency"]: entry for entry in entries}
    return sorted(a for a in set(before) | set(after) if before.get(a) != after.get(a))


def reads_back(loaded: LoadedPlan, text: str, statuses: dict[str, dict[str, Any]],
               submissions: dict[str, list[dict[str, Any]]] | None = None) -> bool:
    """True when `text`, read as the loader reads plans, is the loaded plan with exactly these statuses and
    submissions lists."""
    data, problems = parse_yaml(text, loaded.yaml_path, positions=False)
    if problems:
        return False
    try:
        plan = Plan.model_validate(data)
    except ValidationError:
        return False
    submissions = submissions or {}
    tasks = [task.model_copy(update={"status": Status.model_validate(statuses[task.id])}) if task.id in statuses
             else task for task in loaded.plan.tasks]
    duties = [duty.model_copy(update={"submissions": [Submission.model_validate(e) for e in submissions[duty.id]]})
              if duty.id in submissions else duty for duty in loaded.plan.reporting]
    return plan == loaded.plan.model_copy(update={"tasks": tasks, "reporting": duties})


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
    if not imported.files and not imported.received:
        return "Bảng không có gì khác kế hoạch; không tệp nào được ghi.\n"
    lines = []
    if imported.files:
        lines += [f"Đã ghi trạng thái của {imported.count} nhiệm vụ vào {len(imported.files)} tệp:"]
        lines += [f"  {path}: {', '.join(ids)}" for path, ids in imported.files.items()]
    if imported.received:
        lines += [f"Đã ghi báo cáo đã nhận của {imported.members} đơn vị vào {len(imported.received)} tệp:"]
        lines += [f"  {path}: " + "; ".join(f"{duty_id} ({', '.join(ids)})" for duty_id, ids in duties.items())
                  for path, duties in imported.received.items()]
    return "\n".join(lines + ["Xem thay đổi: kehoach diff HEAD ."]) + "\n"
