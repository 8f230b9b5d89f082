"""Reports received from many units, recorded through the sheet «Nhận báo cáo» and `kehoach status import`.

On the digest case (a group of two members owes two reports to the commune's
People's Committee; one member's report is recorded) and on the real plans
(Quyết Thắng's reports are owed by two groups that have no members in the
registry, so each owes them as one): export, fill with openpyxl as a person
would, import, diff. Only the `submissions` block of a duty changes, every other
byte of every file stays; a sheet with one bad row changes nothing, with the
exact Vietnamese message naming the sheet, row and column.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import CASES, ROOT
from openpyxl.utils import get_column_letter

from kehoach.core.loader import load_corpus
from kehoach.exports.files import export_files

Run = Callable[[list[str], Path], tuple[int, str]]
TODAY = date(2024, 3, 20)
PLAN = "plans/2024/nhac-viec/ke-hoach.yml"
SHADED = "FFF4CCCC"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def setup(tmp_path: Path, plans: Path, today: date) -> Path:
    """tmp_path/plans (to import into), tmp_path/base/plans (untouched), the exports under tmp_path/xuat."""
    shutil.copytree(plans, tmp_path / "plans")
    shutil.copytree(plans, tmp_path / "base" / "plans")
    for relative, data in export_files(load_corpus([plans]), today).items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes(data)
    return tmp_path


@pytest.fixture
def work(tmp_path: Path) -> Path:
    return setup(tmp_path, CASES / "digest" / "plans", TODAY)


def fill(path: Path, rows: dict[tuple[str, str], dict[str, object]], out: Path,
         tasks: dict[str, dict[str, object]] | None = None) -> Path:
    """The exported workbook with `rows` ((duty id, member id) -> header -> value) written into «Nhận báo cáo»
    and `tasks` (task id -> header -> value) into «Nhiệm vụ», saved as `out`."""
    book = openpyxl.load_workbook(path)
    for name, key, edits in (("Nhận báo cáo", ("Mã báo cáo", "Mã đơn vị gửi"), rows),
                             ("Nhiệm vụ", ("Mã nhiệm vụ",), {(k,): v for k, v in (tasks or {}).items()})):
        if name not in book.sheetnames:
            continue
        sheet = book[name]
        header = {cell.value: cell.column for cell in sheet[4]}
        for row in sheet.iter_rows(min_row=5):
            for column, value in edits.get(tuple(row[header[k] - 1].value for k in key), {}).items():
                row[header[column] - 1].value = value
    book.save(out)
    return out


def test_the_receivers_sheet_lists_every_member_prefilled_shades_the_late_and_hides_the_ids(work: Path) -> None:
    book = openpyxl.load_workbook(work / "xuat/co-quan/thu/ubnd.xlsx")
    assert book.sheetnames == ["Nhiệm vụ", "Báo cáo định kỳ", "Nhận báo cáo"]
    sheet = book["Nhận báo cáo"]
    header = [cell.value for cell in sheet[4]]
    assert header == ["TT", "Kế hoạch", "Báo cáo", "Hạn tính theo ngày làm việc", "Đơn vị gửi",
                      "Số, ký hiệu văn bản", "Ngày văn bản", "Ghi chú", "Mã kế hoạch", "Mã báo cáo", "Mã đơn vị gửi"]
    rows = [(r[2], r[3].date(), r[4], r[5], r[6].date() if r[6] else None, r[9], r[10])
            for r in sheet.iter_rows(min_row=5, values_only=True)]
    month, quarter = "Báo cáo kết quả thi đua tháng 2", "Báo cáo kết quả thi đua quý I"
    culture, office = "Công chức Văn hóa - Xã hội xã Thử", "Văn phòng Ủy ban nhân dân xã Thử"
    assert rows == [
        (month, date(2024, 3, 15), culture, None, None, "bao-cao-thang-2", "thu/cc-van-hoa"),
        (month, date(2024, 3, 15), office, "05/BC-VP", date(2024, 3, 14), "bao-cao-thang-2", "thu/van-phong"),
        (quarter, date(2024, 3, 25), culture, None, None, "bao-cao-quy", "thu/cc-van-hoa"),
        (quarter, date(2024, 3, 25), office, None, None, "bao-cao-quy", "thu/van-phong")]
    shaded = [sheet.cell(row=5 + i, column=1).fill.fgColor.rgb == SHADED for i in range(len(rows))]
    assert shaded == [True, False, False, False]  # due 15/3, nothing recorded, the plan in force on 20/3
    hidden = [name for index, name in enumerate(header, start=1)
              if sheet.column_dimensions[get_column_letter(index)].hidden]
    assert hidden == ["Mã kế hoạch", "Mã báo cáo", "Mã đơn vị gửi"]
    assert sheet["G6"].number_format == "dd/mm/yyyy"
    plan = openpyxl.load_workbook(work / "xuat/ke-hoach/2024/nhac-viec.xlsx")
    assert [r[9] for r in plan["Nhận báo cáo"].iter_rows(min_row=5, values_only=True)] == [
        "bao-cao-quy", "bao-cao-quy", "bao-cao-thang-2", "bao-cao-thang-2"]  # the plan's order
    own = openpyxl.load_workbook(work / "xuat/co-quan/thu/van-phong.xlsx")
    assert own.sheetnames == ["Nhiệm vụ", "Báo cáo định kỳ"]  # a member receives nothing


def test_a_recorded_note_that_reads_as_a_formula_stays_text_and_imports_back_unchanged(work: Path,
                                                                                     kehoach: Run) -> None:
    text = (work / PLAN).read_text(encoding="utf-8")
    (work / PLAN).write_text(text.replace("        number: 05/BC-VP\n",
                                          "        number: 05/BC-VP\n        note: '=HYPERLINK(\"x\")'\n"),
                             encoding="utf-8")
    data = export_files(load_corpus([work / "plans"]), TODAY)["xuat/co-quan/thu/ubnd.xlsx"]
    (work / "nhan.xlsx").write_bytes(data)
    cell = openpyxl.load_workbook(work / "nhan.xlsx")["Nhận báo cáo"]["H6"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("x")', "s", True)
    before = snapshot(work / "plans")
    code, output = kehoach(["status", "import", "nhan.xlsx"], work)
    assert (code, output) == (0, "Bảng không có gì khác kế hoạch; không tệp nào được ghi.\n")
    assert snapshot(work / "plans") == before


def test_once_the_plan_has_ended_no_row_is_shaded(tmp_path: Path) -> None:
    files = export_files(load_corpus([CASES / "digest" / "plans"]), date(2025, 1, 2))
    sheet = openpyxl.load_workbook(io.BytesIO(files["xuat/co-quan/thu/ubnd.xlsx"]))["Nhận báo cáo"]
    assert [sheet.cell(row=5 + i, column=1).fill.fgColor.rgb == SHADED for i in range(4)] == [False] * 4
    assert sheet.cell(row=8, column=11).value == "thu/van-phong"  # the rows are still there


RECEIVED = {("bao-cao-thang-2", "thu/cc-van-hoa"): {"Số, ký hiệu văn bản": "07/BC-VHXH",
                                                     "Ngày văn bản": datetime(2024, 3, 18), "Ghi chú": "Gửi muộn"},
            ("bao-cao-quy", "thu/van-phong"): {"Ngày văn bản": "19/3/2024"}}


def test_a_filled_sheet_changes_only_the_submissions_blocks_and_diff_tells_it(work: Path, kehoach: Run) -> None:
    before = snapshot(work / "plans")
    sheet = fill(work / "xuat/co-quan/thu/ubnd.xlsx", RECEIVED, work / "nhan.xlsx")
    code, output = kehoach(["status", "import", str(sheet)], work)
    assert (code, output) == (0, "Đã ghi báo cáo đã nhận của 2 đơn vị vào 1 tệp:\n"
                                 f"  {PLAN}: bao-cao-quy (thu/van-phong); bao-cao-thang-2 (thu/cc-van-hoa)\n"
                                 "Xem thay đổi: kehoach diff HEAD .\n")
    after = snapshot(work / "plans")
    assert [p for p in before if before[p] != after[p]] == ["2024/nhac-viec/ke-hoach.yml"]
    old = before["2024/nhac-viec/ke-hoach.yml"].decode()
    quarter_end = old.index("      date: 2024-03-25\n") + len("      date: 2024-03-25\n")
    quarter_end = old.index("\n", old.index("    recipient: thu/ubnd\n", quarter_end)) + 1
    expected = (old[:quarter_end] + "    submissions:\n      - agency: thu/van-phong\n        date: 2024-03-19\n"
                + old[quarter_end:] + "      - agency: thu/cc-van-hoa\n        number: 07/BC-VHXH\n"
                "        date: 2024-03-18\n        note: Gửi muộn\n")
    assert after["2024/nhac-viec/ke-hoach.yml"].decode() == expected  # every other byte where it was
    code, output = kehoach(["diff", "base", "."], work)
    assert (code, output.splitlines()[2:]) == (0, [
        "Kế hoạch 2024/nhac-viec: Xã Thử – Kế hoạch thi đua năm 2024",
        "  ~ Đổi báo cáo định kỳ «bao-cao-quy»: Báo cáo kết quả thi đua quý I",
        "      Bắt đầu theo dõi từng đơn vị gửi báo cáo",
        "      Đã nhận báo cáo của Văn phòng Ủy ban nhân dân xã Thử (thu/van-phong): ngày 19/03/2024",
        "  ~ Đổi báo cáo định kỳ «bao-cao-thang-2»: Báo cáo kết quả thi đua tháng 2",
        "      Đã nhận báo cáo của Công chức Văn hóa - Xã hội xã Thử (thu/cc-van-hoa): số 07/BC-VHXH ngày 18/03/2024"])
    code, output = kehoach(["status", "import", str(sheet)], work)  # the same sheet again: nothing to do
    assert (code, output) == (0, "Bảng không có gì khác kế hoạch; không tệp nào được ghi.\n")
    assert snapshot(work / "plans") == after
    code, output = kehoach(["check", "plans"], work)
    assert code == 0, output


def test_a_cleared_row_removes_the_submission_and_an_unchanged_export_writes_nothing(work: Path,
                                                                                     kehoach: Run) -> None:
    before = snapshot(work / "plans")
    for exported in ("xuat/co-quan/thu/ubnd.xlsx", "xuat/ke-hoach/2024/nhac-viec.xlsx"):
        code, output = kehoach(["status", "import", exported], work)
        assert (code, output) == (0, "Bảng không có gì khác kế hoạch; không tệp nào được ghi.\n")
    assert snapshot(work / "plans") == before
    cleared = {("bao-cao-thang-2", "thu/van-phong"): {"Số, ký hiệu văn bản": None, "Ngày văn bản": None}}
    code, output = kehoach(["status", "import", str(fill(work / "xuat/co-quan/thu/ubnd.xlsx", cleared,
                                                              work / "nhan.xlsx"))], work)
    assert (code, output) == (0, "Đã ghi báo cáo đã nhận của 1 đơn vị vào 1 tệp:\n"
                                 f"  {PLAN}: bao-cao-thang-2 (thu/van-phong)\nXem thay đổi: kehoach diff HEAD .\n")
    old = before["2024/nhac-viec/ke-hoach.yml"].decode()
    recorded = "    submissions:\n      - agency: thu/van-phong\n        number: 05/BC-VP\n        date: 2024-03-14\n"
    assert (work / PLAN).read_text(encoding="utf-8") == old.replace(recorded, "    submissions: []\n")
    code, output = kehoach(["diff", "base", "."], work)
    assert output.splitlines()[-1] == ("      Bỏ báo cáo đã nhận của Văn phòng Ủy ban nhân dân xã Thử (thu/van-phong) "
                                       "(số 05/BC-VP ngày 14/03/2024)")


def test_the_exported_csv_has_the_sheets_rows_and_imports_the_same_way(work: Path, kehoach: Run) -> None:
    data = (work / "xuat/co-quan/thu/ubnd.nhan-bao-cao.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    sheet = openpyxl.load_workbook(work / "xuat/co-quan/thu/ubnd.xlsx")["Nhận báo cáo"]
    header = [cell.value for cell in sheet[4]]
    assert list(rows[0]) == header
    assert [list(row.values()) for row in rows] == [
        ["" if v is None else v.date().isoformat() if isinstance(v, datetime) else str(v) for v in values]
        for values in sheet.iter_rows(min_row=5, values_only=True)]
    for row in rows:
        edits = RECEIVED.get((row["Mã báo cáo"], row["Mã đơn vị gửi"]), {})
        row.update({k: v.strftime("%d/%m/%Y") if isinstance(v, datetime) else str(v) for k, v in edits.items()})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    (work / "nhan.csv").write_bytes(out.getvalue().encode("utf-8-sig"))
    code, output = kehoach(["status", "import", "nhan.csv"], work)
    assert (code, output.splitlines()[0]) == (0, "Đã ghi báo cáo đã nhận của 2 đơn vị vào 1 tệp:")
    duty = next(d for d in load_corpus([work / "plans"]).plans[0].plan.reporting if d.id == "bao-cao-thang-2")
    assert [(s.agency, s.number, s.date, s.note) for s in duty.submissions or []] == [
        ("thu/van-phong", "05/BC-VP", date(2024, 3, 14), None),
        ("thu/cc-van-hoa", "07/BC-VHXH", date(2024, 3, 18), "Gửi muộn")]


SHEET = "nhan.xlsx:{row}:{col}: {code} lỗi: Trang tính «Nhận báo cáo», dòng {row}, cột {letter}: "
REFUSED = [
    ("not-a-member", {("bao-cao-quy", "thu/cc-van-hoa"): {"Mã đơn vị gửi": "thu/hoi-phu-nu",
                                                          "Ngày văn bản": "18/03/2024"}},
     SHEET.format(row=7, col=11, code="KH611", letter="K") + "«Hội Liên hiệp Phụ nữ xã Thử» không thuộc đơn vị "
     "phải gửi «Báo cáo kết quả thi đua quý I»\n    gợi ý: Đơn vị báo cáo: «Các cơ quan, đơn vị xã Thử». "
     "Giữ nguyên cột mã của tệp đã tải "
     "về; đơn vị mới của nhóm thì khai vào nhóm (groups) trong danh mục plans/agencies/ rồi tải lại bảng."),
    ("impossible-date", {("bao-cao-quy", "thu/cc-van-hoa"): {"Ngày văn bản": "30/02/2024"}},
     SHEET.format(row=7, col=7, code="KH606", letter="G") + "Ngày không có thật: «30/02/2024»\n    gợi ý: Kiểm tra "
     "ngày và tháng (tháng 2 có 28 hoặc 29 ngày; tháng 4, 6, 9, 11 có 30 ngày)."),
    ("unreadable-date", {("bao-cao-quy", "thu/cc-van-hoa"): {"Ngày văn bản": "mười tám tháng ba"}},
     SHEET.format(row=7, col=7, code="KH606", letter="G") + "Không đọc được ngày «mười tám tháng ba»\n"
     "    gợi ý: Ghi ngày dạng ngày/tháng/năm, ví dụ 15/06/2024."),
    ("no-date", {("bao-cao-quy", "thu/cc-van-hoa"): {"Số, ký hiệu văn bản": "09/BC-VHXH"}},
     SHEET.format(row=7, col=7, code="KH612", letter="G") + "Có số văn bản hoặc ghi chú nhưng thiếu ngày văn bản "
     "của «Công chức Văn hóa - Xã hội xã Thử»\n    gợi ý: Ghi ngày văn bản của báo cáo đã nhận, ví dụ 15/06/2024; "
     "chưa nhận thì để "
     "trống cả số, ngày và ghi chú."),
    ("twice", {("bao-cao-quy", "thu/cc-van-hoa"): {"Mã đơn vị gửi": "thu/van-phong", "Ngày văn bản": "18/03/2024"}},
     SHEET.format(row=8, col=11, code="KH611", letter="K") + "«Báo cáo kết quả thi đua quý I» của «Văn phòng Ủy "
     "ban nhân dân xã Thử» đã có ở "
     "dòng 7\n    gợi ý: Mỗi đơn vị ghi một dòng cho mỗi báo cáo; xóa dòng thừa."),
    ("removed-duty", {("bao-cao-quy", "thu/cc-van-hoa"): {"Ngày văn bản": "18/03/2024"}},
     SHEET.format(row=7, col=10, code="KH610", letter="J") + "Không khớp được dòng với báo cáo định kỳ: kế hoạch "
     "«2024/nhac-viec» không còn báo cáo «bao-cao-quy»\n    gợi ý: Kế hoạch đã đổi sau khi tải bảng: tải lại bảng "
     "từ trang kế hoạch hoặc trang cơ quan rồi điền lại dòng này, hoặc xóa dòng."),
]


@pytest.mark.parametrize(("case", "rows", "message"), REFUSED, ids=[case for case, _, _ in REFUSED])
def test_a_sheet_with_one_bad_row_is_refused_whole(work: Path, kehoach: Run, case: str,
                                                   rows: dict[tuple[str, str], dict[str, object]],
                                                   message: str) -> None:
    good = {("bao-cao-thang-2", "thu/cc-van-hoa"): RECEIVED[("bao-cao-thang-2", "thu/cc-van-hoa")], **rows}
    sheet = fill(work / "xuat/co-quan/thu/ubnd.xlsx", good, work / "nhan.xlsx",
                 tasks={"theo-quy": {"Trạng thái": "Đang thực hiện"}})  # a good task row: not written either
    if case == "removed-duty":  # the duty was taken out of the plan after the sheet was sent out
        text = (work / PLAN).read_text(encoding="utf-8")
        start = text.index("  - id: bao-cao-quy\n")
        (work / PLAN).write_text(text[:start] + text[text.index("  - id: bao-cao-dau-nam\n"):], encoding="utf-8")
    before = snapshot(work / "plans")
    code, output = kehoach(["status", "import", str(sheet)], work)
    assert (code, output) == (1, message + "\n")
    assert snapshot(work / "plans") == before


def resave_in_calc(path: Path, folder: Path) -> Path:
    """`path` opened and saved again by LibreOffice Calc, headless, as an Office Open XML workbook."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Calc is missing: install with: apt-get install libreoffice-calc-nogui"
    out = folder / "calc"
    run = subprocess.run([soffice, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                          "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(folder), "TMPDIR": str(folder)})
    saved = out / path.name
    assert run.returncode == 0 and saved.exists(), run.stdout + run.stderr
    return saved


def test_a_sheet_saved_again_by_libreoffice_calc_imports_the_same(work: Path, kehoach: Run, tmp_path: Path) -> None:
    before = snapshot(work / "plans")
    unchanged = resave_in_calc(work / "xuat/co-quan/thu/ubnd.xlsx", tmp_path / "a")
    code, output = kehoach(["status", "import", str(unchanged)], work)
    assert (code, output) == (0, "Bảng không có gì khác kế hoạch; không tệp nào được ghi.\n")
    filled = fill(work / "xuat/co-quan/thu/ubnd.xlsx", RECEIVED, work / "nhan.xlsx",
                  tasks={"theo-quy": {"Trạng thái": "Đang thực hiện", "Ghi chú tiến độ": "Đã chọn điển hình"}})
    code, direct = kehoach(["status", "import", str(filled)], work)
    assert code == 0 and direct.startswith("Đã ghi trạng thái của 1 nhiệm vụ vào 1 tệp:"), direct
    expected = snapshot(work / "plans")
    assert expected != before
    for relative, data in before.items():
        (work / "plans" / relative).write_bytes(data)
    code, output = kehoach(["status", "import", str(resave_in_calc(filled, tmp_path / "b"))], work)
    assert (code, output) == (0, direct)
    assert snapshot(work / "plans") == expected


# --- the real plans ------------------------------------------------------------------

QT = "2024/quyet-thang-ke-hoach-tdkt"


def test_on_the_real_plans_the_receiving_council_records_a_group_report(tmp_path: Path, kehoach: Run) -> None:
    work = setup(tmp_path, ROOT / "plans", date(2024, 6, 16))
    receiver = work / "xuat/co-quan/lai-chau/quyet-thang/hdtdkt.xlsx"  # no task of its own: the sheet is new
    book = openpyxl.load_workbook(receiver)
    assert book.sheetnames == ["Báo cáo định kỳ", "Nhận báo cáo"]
    rows = [(r[9], r[10]) for r in book["Nhận báo cáo"].iter_rows(min_row=5, values_only=True)]
    groups = ["lai-chau/quyet-thang/co-quan-don-vi", "lai-chau/quyet-thang/to-dan-pho-ban"]
    assert rows == [(duty, g) for duty in ("bao-cao-6-thang", "bao-cao-nam") for g in groups]
    shaded = [book["Nhận báo cáo"].cell(row=5 + i, column=1).fill.fgColor.rgb == SHADED for i in range(4)]
    assert shaded == [True, True, False, False]  # 6-month report due 14/05/2024, nothing recorded by 16/06
    before = snapshot(work / "plans")
    sheet = fill(receiver, {("bao-cao-6-thang", groups[1]): {"Số, ký hiệu văn bản": "12/BC-TDP",
                                                             "Ngày văn bản": "10/05/2024"}}, work / "nhan.xlsx")
    code, output = kehoach(["status", "import", str(sheet)], work)
    assert (code, output) == (0, "Đã ghi báo cáo đã nhận của 1 đơn vị vào 1 tệp:\n"
                                 f"  plans/{QT}/ke-hoach.yml: bao-cao-6-thang ({groups[1]})\n"
                                 "Xem thay đổi: kehoach diff HEAD .\n")
    after = snapshot(work / "plans")
    assert [p for p in before if before[p] != after[p]] == [f"{QT}/ke-hoach.yml"]
    old, new = (snap[f"{QT}/ke-hoach.yml"].decode() for snap in (before, after))
    anchor = "    text: trước ngày 15/5/2024 (đối với báo cáo 6 tháng)\n"
    assert new == old.replace(anchor, anchor + f"    submissions:\n      - agency: {groups[1]}\n"
                                               "        number: 12/BC-TDP\n        date: 2024-05-10\n")
    code, output = kehoach(["diff", "base", "."], work)
    assert output.splitlines()[-2:] == [
        "      Bắt đầu theo dõi từng đơn vị gửi báo cáo",
        "      Đã nhận báo cáo của Các tổ dân phố, bản thuộc phường Quyết Thắng (lai-chau/quyet-thang/to-dan-pho-ban):"
        " số 12/BC-TDP ngày 10/05/2024"]
    code, output = kehoach(["check", "plans"], work)
    assert code == 0, output


def test_a_workbook_with_neither_sheet_is_refused_naming_both(work: Path, kehoach: Run) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Trang tính1"
    book.save(work / "khac.xlsx")
    code, output = kehoach(["status", "import", "khac.xlsx"], work)
    assert (code, output) == (1, "khac.xlsx:1:1: KH608 lỗi: Tệp «khac.xlsx» không có trang tính «Nhiệm vụ» hay «Nhận "
                                 "báo cáo»\n    gợi ý: Các trang tính có trong tệp: «Trang tính1». Dùng tệp XLSX hoặc "
                                 "CSV tải từ trang kế hoạch hay trang cơ quan (nút Tải về), rồi điền vào đó.\n")
