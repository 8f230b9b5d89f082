"""`kehoach status import`: export the tracking sheet, fill it as a person would, import it, diff it.

Runs on a copy of the real plans. A filled sheet must change only the status
blocks (every other byte of every file compared); a sheet with one bad cell
(a removed task, an impossible date, an unknown word) must change nothing, with
the exact Vietnamese message naming sheet, row and column.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from openpyxl.utils import get_column_letter

from kehoach.authoring.status_yaml import check_splice, splice_statuses
from kehoach.core.loader import load_corpus
from kehoach.core.view import resolve
from kehoach.exports.files import export_files

PLAN = "2024/son-la-quyet-dinh-43-tdkt"
TODAY = date(2024, 6, 16)
Run = Callable[[list[str], Path], tuple[int, str]]


@pytest.fixture(scope="module")
def exported() -> dict[str, bytes]:
    return {path: data for path, data in export_files(load_corpus([ROOT / "plans"]), TODAY).items()
            if path.endswith((".xlsx", ".csv"))}


@pytest.fixture
def work(tmp_path: Path, exported: dict[str, bytes]) -> Path:
    """tmp_path/plans (to import into) and tmp_path/base/plans (the untouched copy), exports in tmp_path/xuat."""
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    shutil.copytree(ROOT / "plans", tmp_path / "base" / "plans")
    for relative, data in exported.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(data)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fill(path: Path, rows: dict[str, dict[str, object]], out: Path) -> Path:
    """Open the exported sheet, write `rows` (task id -> header -> value) into it, save as `out`."""
    book = openpyxl.load_workbook(path)
    sheet = book["Nhiệm vụ"]
    header = {cell.value: cell.column for cell in sheet[4]}
    for row in sheet.iter_rows(min_row=5):
        values = rows.get(row[header["Mã nhiệm vụ"] - 1].value, {})
        for name, value in values.items():
            row[header[name] - 1].value = value
    book.save(out)
    return out


FILLED = {
    "cum-khoi-xay-dung-ke-hoach": {"Trạng thái": "Đã hoàn thành", "Loại văn bản chứng minh": "Kế hoạch",
                                   "Số, ký hiệu văn bản": "15/KH-CKTĐ", "Ngày văn bản": datetime(2024, 2, 20),
                                   "Cơ quan ban hành văn bản": "Cụm thi đua số 1"},
    "truong-khoi-trien-khai": {"Trạng thái": "Đang thực hiện", "Ghi chú tiến độ": "Đã họp cụm ngày 05/3"},
    "thuong-xuyen-02": {"Trạng thái": "đã hoàn thành", "Loại văn bản chứng minh": "Báo cáo",
                        "Ngày văn bản": "14/06/2024"},
}


def test_a_filled_sheet_changes_only_the_status_blocks_and_diff_tells_it(work: Path, kehoach: Run) -> None:
    before = snapshot(work / "plans")
    sheet = fill(work / f"xuat/ke-hoach/{PLAN}.xlsx", FILLED, work / "theo-doi.xlsx")
    code, output = kehoach(["status", "import", str(sheet)], work)
    assert (code, output) == (0, "Đã ghi trạng thái của 3 nhiệm vụ vào 1 tệp:\n"
                                 f"  plans/{PLAN}/ke-hoach.yml: cum-khoi-xay-dung-ke-hoach, thuong-xuyen-02, "
                                 "truong-khoi-trien-khai\nXem thay đổi: kehoach diff HEAD .\n")
    after = snapshot(work / "plans")
    changed = [path for path in before if before[path] != after[path]]
    assert changed == [f"{PLAN}/ke-hoach.yml"] and set(after) == set(before)
    expected = splice_statuses(before[changed[0]].decode(), {
        "cum-khoi-xay-dung-ke-hoach": {"state": "done", "proof": {
            "type": "Kế hoạch", "number": "15/KH-CKTĐ", "date": date(2024, 2, 20), "issuer": "Cụm thi đua số 1"}},
        "truong-khoi-trien-khai": {"state": "in_progress", "note": "Đã họp cụm ngày 05/3"},
        "thuong-xuyen-02": {"state": "done", "proof": {"type": "Báo cáo", "date": date(2024, 6, 14)}}})
    assert after[changed[0]].decode() == expected
    old_lines, new_lines = before[changed[0]].decode().splitlines(), expected.splitlines()
    inserted = [line for line in new_lines if line not in old_lines]
    assert [line for line in new_lines if line not in inserted] == old_lines  # every other byte in place
    assert inserted[:2] == ["    status:", "      state: done"]
    code, output = kehoach(["diff", "base", "."], work)
    assert code == 0
    assert output.splitlines()[2:] == [
        f"Kế hoạch {PLAN}: Tỉnh Sơn La – Kế hoạch triển khai công tác thi đua, khen thưởng năm 2024",
        "  ~ Đổi trạng thái «cum-khoi-xay-dung-ke-hoach»: Chưa thực hiện → Đã hoàn thành "
        "(Kế hoạch số 15/KH-CKTĐ ngày 20/02/2024 của Cụm thi đua số 1)",
        "  ~ Đổi trạng thái «thuong-xuyen-02»: Chưa thực hiện → Đã hoàn thành (Báo cáo ngày 14/06/2024)",
        "  ~ Đổi trạng thái «truong-khoi-trien-khai»: Chưa thực hiện → Đang thực hiện, "
        "ghi chú «Đã họp cụm ngày 05/3»"]
    code, output = kehoach(["status", "import", str(sheet)], work)  # the same sheet again: nothing to do
    assert (code, output) == (0, "Bảng không có gì khác kế hoạch; không tệp nào được ghi.\n")
    assert snapshot(work / "plans") == after


def test_the_sheet_offers_the_three_words_shades_overdue_rows_and_hides_the_ids(work: Path) -> None:
    book = openpyxl.load_workbook(work / f"xuat/ke-hoach/{PLAN}.xlsx")
    sheet = book["Nhiệm vụ"]
    header = [cell.value for cell in sheet[4]]
    (rule,) = sheet.data_validations.dataValidation
    state = get_column_letter(header.index("Trạng thái") + 1)
    assert rule.type == "list" and rule.formula1 == '"Chưa thực hiện,Đang thực hiện,Đã hoàn thành"'
    assert str(rule.sqref).startswith(f"{state}5:")
    hidden = [name for index, name in enumerate(header, start=1)
              if sheet.column_dimensions[get_column_letter(index)].hidden]
    assert hidden == ["Mã kế hoạch", "Mã nhiệm vụ"]
    rows = resolve(load_corpus([work / "plans"])).plans[PLAN].tasks
    shaded = [sheet.cell(row=5 + i, column=1).fill.fgColor.rgb == "FFF4CCCC" for i in range(len(rows))]
    assert shaded == [bool(r.effective_due and r.effective_due < TODAY) for r in rows] and any(shaded)


ENDED = "2023/dong-nai-ke-hoach-274"  # its year is over by TODAY


def test_an_ended_plans_sheet_reads_no_outcome_recorded_and_imports_back_unchanged(work: Path, kehoach: Run) -> None:
    book = openpyxl.load_workbook(work / f"xuat/ke-hoach/{ENDED}.xlsx")
    sheet = book["Nhiệm vụ"]
    header = [cell.value for cell in sheet[4]]
    words = [row[header.index("Trạng thái")] for row in sheet.iter_rows(min_row=5, values_only=True)]
    tasks = load_corpus([work / "plans"]).plans
    states = [t.status.state for loaded in tasks if loaded.id == ENDED for t in loaded.plan.tasks]
    assert words == ["Đã hoàn thành" if state == "done" else "Không ghi nhận kết quả" for state in states]
    assert "Không ghi nhận kết quả" in words
    assert not any(sheet.cell(row=5 + i, column=1).fill.fgColor.rgb == "FFF4CCCC" for i in range(len(words)))
    before = snapshot(work / "plans")
    code, output = kehoach(["status", "import", str(work / f"xuat/ke-hoach/{ENDED}.xlsx")], work)
    assert (code, output) == (0, "Bảng không có gì khác kế hoạch; không tệp nào được ghi.\n")
    assert snapshot(work / "plans") == before
    first = next(row[header.index("Mã nhiệm vụ")] for row in sheet.iter_rows(min_row=5, values_only=True))
    filled = fill(work / f"xuat/ke-hoach/{ENDED}.xlsx", {first: {"Trạng thái": "Đã hoàn thành"}},
                  work / "theo-doi.xlsx")
    code, output = kehoach(["status", "import", str(filled)], work)  # an outcome recorded late is recorded
    assert code == 0 and output.startswith("Đã ghi trạng thái của 1 nhiệm vụ vào 1 tệp"), output


def _csv_sheet(work: Path, edit: Callable[[list[dict[str, str]]], None]) -> Path:
    text = (work / f"xuat/ke-hoach/{PLAN}.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    edit(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path = work / "theo-doi.csv"
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return path


def test_a_csv_sheet_imports_the_same_way(work: Path, kehoach: Run) -> None:
    def edit(rows: list[dict[str, str]]) -> None:
        rows[0]["Trạng thái"] = "Đang thực hiện"

    code, output = kehoach(["status", "import", str(_csv_sheet(work, edit))], work)
    assert code == 0 and "Đã ghi trạng thái của 1 nhiệm vụ vào 1 tệp" in output
    plan = next(p for p in load_corpus([work / "plans"]).plans if p.id == PLAN)
    assert plan.plan.tasks[0].status.state == "in_progress"


REFUSED = [
    ("removed task", None, "theo-doi.xlsx:5:18: KH604 lỗi: Trang tính «Nhiệm vụ», dòng 5, cột R: Không khớp được dòng "
     "với nhiệm vụ: kế hoạch «2024/son-la-quyet-dinh-43-tdkt» không còn nhiệm vụ «cum-khoi-xay-dung-ke-hoach»\n"
     "    gợi ý: Kế hoạch đã đổi sau khi tải bảng: tải lại bảng từ trang kế hoạch và điền lại dòng này, "
     "hoặc xóa dòng."),
    ("impossible date", {"Ngày văn bản": "31/02/2024"},
     "theo-doi.xlsx:6:12: KH606 lỗi: Trang tính «Nhiệm vụ», dòng 6, cột L: Ngày không có thật: «31/02/2024»\n"
     "    gợi ý: Kiểm tra ngày và tháng (tháng 2 có 28 hoặc 29 ngày; tháng 4, 6, 9, 11 có 30 ngày)."),
    ("unknown word", {"Trạng thái": "Xong"},
     "theo-doi.xlsx:6:9: KH605 lỗi: Trang tính «Nhiệm vụ», dòng 6, cột I: Trạng thái «Xong» không có trong danh sách\n"
     "    gợi ý: Chọn một trong: «Chưa thực hiện», «Đang thực hiện», «Đã hoàn thành»."),
]


@pytest.mark.parametrize(("case", "bad", "message"), REFUSED, ids=[case for case, _, _ in REFUSED])
def test_a_sheet_with_one_bad_cell_is_refused_whole(work: Path, kehoach: Run, case: str,
                                                    bad: dict[str, object] | None, message: str) -> None:
    rows = dict(FILLED)
    if bad is not None:
        rows["truong-khoi-trien-khai"] = {**FILLED["truong-khoi-trien-khai"], "Loại văn bản chứng minh": "Báo cáo",
                                          **bad}
    sheet = fill(work / f"xuat/ke-hoach/{PLAN}.xlsx", rows, work / "theo-doi.xlsx")
    if bad is None:  # the task was removed from the plan after the sheet was sent out
        path = work / "plans" / PLAN / "ke-hoach.yml"
        text = path.read_text(encoding="utf-8")
        start = text.index("  - id: cum-khoi-xay-dung-ke-hoach\n")
        path.write_text(text[:start] + text[text.index("  - id: truong-khoi-trien-khai\n"):], encoding="utf-8")
    before = snapshot(work / "plans")
    code, output = kehoach(["status", "import", str(sheet)], work)
    assert (code, output) == (1, message + "\n")
    assert snapshot(work / "plans") == before


def test_an_edited_title_and_a_file_that_is_no_sheet_are_refused(work: Path, kehoach: Run) -> None:
    sheet = fill(work / f"xuat/ke-hoach/{PLAN}.xlsx", {"truong-khoi-trien-khai": {"Nội dung": "Việc khác"}},
                 work / "theo-doi.xlsx")
    code, output = kehoach(["status", "import", str(sheet)], work)
    assert code == 1 and output.startswith("theo-doi.xlsx:6:3: KH607 lỗi: Trang tính «Nhiệm vụ», dòng 6, cột C: "
                                           "Nội dung nhiệm vụ «truong-khoi-trien-khai» khác với kế hoạch")
    (work / "ghi-chu.txt").write_text("không phải bảng", encoding="utf-8")
    code, output = kehoach(["status", "import", "ghi-chu.txt"], work)
    assert (code, output.splitlines()[0]) == (1, "ghi-chu.txt:1:1: KH608 lỗi: Không đọc được tệp «ghi-chu.txt»: "
                                                 "chỉ nhận tệp .xlsx hoặc .csv")


def test_the_agency_sheet_numbers_rows_with_their_section_and_imports_back(work: Path, kehoach: Run) -> None:
    path = work / "xuat/co-quan/son-la/cum-khoi-thi-dua.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Nhiệm vụ"]
    header = [cell.value for cell in sheet[4]]
    numbers = [row[header.index("TT")] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert len(set(numbers)) == len(numbers) and all("." in str(n) for n in numbers)
    assert book.sheetnames == ["Nhiệm vụ", "Báo cáo định kỳ"]
    task_id = sheet.cell(row=5, column=header.index("Mã nhiệm vụ") + 1).value
    sheet.cell(row=5, column=header.index("Trạng thái") + 1).value = "Đang thực hiện"
    book.save(work / "co-quan.xlsx")
    code, output = kehoach(["status", "import", "co-quan.xlsx"], work)
    assert code == 0 and f": {task_id}\n" in output


def test_a_status_block_reads_back_as_written_even_where_yaml_would_read_another_type(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    path = tmp_path / "plans" / PLAN / "ke-hoach.yml"
    status = {"state": "done", "proof": {"type": "Báo cáo", "number": "12", "date": date(2024, 6, 14)},
              "note": "yes"}
    before = path.read_text(encoding="utf-8")
    after = splice_statuses(before, {"truong-khoi-trien-khai": status})
    assert check_splice(before, after, {"truong-khoi-trien-khai": status})
    path.write_text(after, encoding="utf-8")
    plan = next(p for p in load_corpus([tmp_path / "plans"]).plans if p.id == PLAN)
    task = next(t for t in plan.plan.tasks if t.id == "truong-khoi-trien-khai")
    assert (task.status.note, task.status.proof and task.status.proof.number) == ("yes", "12")
