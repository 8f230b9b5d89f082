"""Time `kehoach status import` on a 3,000-row sheet, and per-member report tracking at 1,000 plans.

Import (issue 16 budget: 5 s): a synthetic province (bench/province.py) of about
100 plans is written; one XLSX tracking sheet holds the first ROWS tasks across
the plans, in the export's columns, with every third row marked done (with a
proof), every third in progress with a note; then `import_statuses` runs as the
command does: load and check the plans, read the sheet, check every row, splice
the status blocks and replace the files. Timed in-process, CPU and wall.

Tracking: a province of TRACKING plans where every province-level reporting duty
(owed by «các sở, ban, ngành» and «UBND các xã, phường») records the first two
members' submissions; load + check, every duty's standing and the digest. Then
the receipt sheet («Nhận báo cáo») of the Sở Nội vụ, through which those reports
go, as the export makes its rows, with every other member not yet recorded given
a number and a date: `import_statuses` of it, timed like the task sheet (no
budget of its own; the issue's is the task sheet's).

    .venv/bin/python bench/status_import.py                 # 3,000 rows; tracking at 1,000 plans
    .venv/bin/python bench/status_import.py --quick         # 300 rows; tracking at 100 plans

Exit status 1 when the import's CPU time is over budget.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from province import NS, write_province

from kehoach.api import load_checked
from kehoach.authoring.status_import import import_statuses
from kehoach.core.sheet import (
    PROOF_DATE,
    PROOF_NUMBER,
    PROOF_TYPE,
    RECEIPT_SHEET,
    SENT_DATE,
    SENT_NUMBER,
    STATE,
    STATUS_NOTE,
    TASK_SHEET,
)
from kehoach.core.tracking import expected_senders, standings
from kehoach.core.view import resolve
from kehoach.exports.digest import build_digest
from kehoach.exports.receipt_sheet import RECEIPT_COLUMNS, agency_receipts
from kehoach.exports.tracking_sheet import PLAN_COLUMNS, plan_cells

BUDGET = 5.0  # CPU seconds for a 3,000-row sheet
TASKS_PER_PLAN = 30  # bench/province.py writes about this many


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def write_sheet(root: Path, rows: int) -> Path:
    """One tracking sheet of the first `rows` tasks of the province under root/plans, filled in."""
    corpus, _ = load_checked([root / "plans"], root)
    header = [name for name, _ in PLAN_COLUMNS]
    book = Workbook()
    sheet = book.active
    sheet.title = TASK_SHEET
    sheet.append(header)
    count = 0
    for plan in resolve(corpus).plans.values():
        for row in plan.tasks:
            if count == rows:
                break
            cells = dict(zip(header, plan_cells(row), strict=True))
            if count % 3 == 0:
                cells.update({STATE: "Đã hoàn thành", PROOF_TYPE: "Báo cáo", PROOF_NUMBER: f"{count + 1}/BC-TH",
                              PROOF_DATE: date(2025, 6, 10)})
            elif count % 3 == 1:
                cells.update({STATE: "Đang thực hiện", STATUS_NOTE: "Đang tổng hợp số liệu"})
            sheet.append([cells[name] for name in header])
            count += 1
    path = root / "theo-doi.xlsx"
    book.save(path)
    return path


def time_import(rows: int) -> tuple[float, float, int]:
    """Wall and CPU seconds of importing a `rows`-row sheet, and how many tasks it changed."""
    with tempfile.TemporaryDirectory(prefix="kehoach-status-") as folder:
        root = Path(folder)
        write_province(root, max(34, rows // TASKS_PER_PLAN + 4))
        sheet = write_sheet(root, rows)
        wall, cpu = _clock()
        imported = import_statuses(sheet, root / "plans", root)
        end_wall, end_cpu = _clock()
    return end_wall - wall, end_cpu - cpu, imported.count


def _track(root: Path) -> int:
    """Record the first two members' submissions on every province-level duty; how many duties."""
    corpus, _ = load_checked([root / "plans"], root)
    tracked = 0
    for loaded in corpus.plans:
        duties = [d for d in loaded.plan.reporting if f"{NS}/cac-so-ban-nganh" in d.reporters]
        if not duties:
            continue
        path = loaded.folder / "ke-hoach.yml"
        text = path.read_text(encoding="utf-8")
        for duty in duties:
            owed = expected_senders(duty, corpus.agencies)[:2]
            block = "    submissions:\n" + "".join(
                f"      - agency: {agency}\n        number: {index + 1}/BC\n        date: {loaded.plan.year}-06-10\n"
                for index, agency in enumerate(owed))
            start = text.index(f"  - id: {duty.id}\n", text.index("\nreporting:\n"))
            end = text.index("\n", text.index("    reporters: ", start)) + 1  # right after its reporters
            text = text[:end] + block + text[end:]
            tracked += 1
        path.write_text(text, encoding="utf-8")
    return tracked


def write_receipts(root: Path) -> tuple[Path, int]:
    """The Sở Nội vụ's receipt sheet as exported, every other unrecorded member filled in; path and row count."""
    corpus, _ = load_checked([root / "plans"], root)
    rows, _ = agency_receipts(f"{NS}/so-noi-vu", corpus, date(2025, 12, 1))
    header = [name for name, _ in RECEIPT_COLUMNS]
    book = Workbook()
    sheet = book.active
    sheet.title = RECEIPT_SHEET
    sheet.append(header)
    for index, row in enumerate(rows):
        cells = dict(zip(header, row, strict=True))
        if cells[SENT_DATE] is None and index % 2 == 0:
            cells.update({SENT_NUMBER: f"{index + 1}/BC", SENT_DATE: date(2025, 6, 12)})
        sheet.append([cells[name] for name in header])
    path = root / "nhan-bao-cao.xlsx"
    book.save(path)
    return path, len(rows)


def time_tracking(plans: int) -> tuple[tuple[float, float, int, int], tuple[float, float, int, int]]:
    """Load + check + standings + digest (wall, CPU seconds; tracked duties; units still missing), then the
    receipt sheet's import (wall, CPU seconds; rows; submissions recorded)."""
    with tempfile.TemporaryDirectory(prefix="kehoach-tracking-") as folder:
        root = Path(folder)
        write_province(root, plans)
        tracked = _track(root)
        wall, cpu = _clock()
        corpus, findings = load_checked([root / "plans"], root)
        assert not [f for f in findings if f.severity == "error"], findings[:3]
        found = standings(corpus)
        build_digest(corpus, date(2025, 12, 1))
        end_wall, end_cpu = _clock()
        sheet, rows = write_receipts(root)
        start_wall, start_cpu = _clock()
        imported = import_statuses(sheet, root / "plans", root)
        done_wall, done_cpu = _clock()
    return ((end_wall - wall, end_cpu - cpu, tracked, sum(len(s.missing) for s in found)),
            (done_wall - start_wall, done_cpu - start_cpu, rows, imported.members))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 rows; tracking at 100 plans")
    args = parser.parse_args()
    rows, plans = (300, 100) if args.quick else (3000, 1000)
    wall, cpu, changed = time_import(rows)
    print(f"status import, {rows} rows ({changed} tasks changed): {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"(budget {BUDGET:.0f} s)")
    within = cpu <= BUDGET
    (wall, cpu, tracked, missing), (r_wall, r_cpu, rows, recorded) = time_tracking(plans)
    print(f"tracking at {plans} plans ({tracked} tracked duties, {missing} units missing): load + check + "
          f"standings + digest {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"status import of the receipt sheet at {plans} plans ({rows} rows, {recorded} submissions recorded): "
          f"{r_wall:.2f} s wall, {r_cpu:.2f} s CPU")
    return 0 if args.quick or within else 1


if __name__ == "__main__":
    raise SystemExit(main())
