"""No English from the `kehoach` command: every command's help, and its answer to an unknown option, a
missing argument and a bad value, in Vietnamese (`usage`), with exit 2 for a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES, ROOT, run_kehoach

from kehoach import commands

# What click says on its own: type placeholders, help notes, headings and its usage errors' words
ENGLISH = ("Usage:", "Options:", "Commands:", "Arguments:", "Error:", "TEXT", "INTEGER", "PATH", "FILE", "DIRECTORY",
           "RANGE", "[OPTIONS]", "COMMAND", "ARGS", "[default:", "default:", "[required]", "required", "Missing",
           "No such", "Invalid value", "Got unexpected", "extra argument", "Try '", "for help", "does not exist",
           "is not a valid", "is not one of", "Did you mean", "Show this message", "Show the version", "requires an",
           "does not take", "x>=", "<=x", "is a file", "is a directory", "Aborted")
PATHS = sorted(" ".join(command.path) for command in commands.COMMANDS)
BAD = {"choice": "khong-co-dang-nay", "number": "muoi", "date": "2024-13-01", "paths": "khong-co-thu-muc-nay",
       "file": "khong-co-tep-nay.docx", "plans": "khong-co-thu-muc-nay", "folder": "README.md"}


def english_in(output: str) -> list[str]:
    return [word for word in ENGLISH if word in output]


def command_of(path: str) -> commands.Command:
    return next(command for command in commands.COMMANDS if " ".join(command.path) == path)


def test_every_command_is_tried() -> None:
    assert PATHS == ["build-docs", "check", "diff", "digest", "export", "feeds", "import", "new", "schema",
                     "status import"]


@pytest.mark.parametrize("path", ["", "status", *PATHS])
def test_help_is_vietnamese(path: str) -> None:
    code, output = run_kehoach([*path.split(), "--help"], ROOT)
    assert code == 0
    assert output.startswith(f"Cách dùng: {' '.join(['kehoach', *path.split()])} [TÙY CHỌN]")
    assert english_in(output) == []


@pytest.mark.parametrize("path", PATHS)
def test_an_unknown_option_is_named_in_vietnamese(path: str) -> None:
    code, output = run_kehoach([*path.split(), "--khong-co"], ROOT)
    assert (code, output) == (2, f"Lỗi cách dùng: Không có tùy chọn «--khong-co».\nXem «kehoach {path} --help».\n")


@pytest.mark.parametrize("path", [path for path in PATHS if any(
    param.required or (not param.flags and param.kind != "paths") for param in command_of(path).params)])
def test_a_missing_argument_is_named_in_vietnamese(path: str) -> None:
    code, output = run_kehoach(path.split(), ROOT)
    first = next(param for param in command_of(path).params if param.required or not param.flags and
                 param.kind != "paths")
    what = f"tùy chọn «{first.flags[-1]}»" if first.flags else f"tham số «{first.metavar}»"
    assert (code, output) == (2, f"Lỗi cách dùng: Thiếu {what}.\nXem «kehoach {path} --help».\n")


@pytest.mark.parametrize("path", PATHS)
def test_a_bad_value_is_refused_in_vietnamese(path: str) -> None:
    param = next(param for param in command_of(path).params if param.kind in BAD)
    value = BAD[param.kind]
    code, output = run_kehoach([*path.split(), *param.flags[-1:], value], ROOT)
    name = param.flags[-1] if param.flags else (param.metavar or "").strip("[].")
    assert code == 2
    assert output.startswith(f"Lỗi cách dùng: Giá trị của «{name}» không dùng được: «{value}» ")
    assert output.endswith(f"\nXem «kehoach {path} --help».\n")
    assert english_in(output) == []


@pytest.mark.parametrize(("args", "said"), [
    (["chek"], "Không có lệnh «chek». Có phải là «check» hoặc «schema»?\nXem «kehoach --help»."),
    (["check", "khong-co"], "Giá trị của «THƯ_MỤC» không dùng được: «khong-co» không tồn tại.\n"
                            "Xem «kehoach check --help»."),
    (["check", "--format", "xml"], "Giá trị của «--format» không dùng được: «xml» không phải một trong: text, json, "
                                   "github.\nXem «kehoach check --help»."),
    (["check", "--strict=1"], "Tùy chọn «--strict» không nhận giá trị.\nXem «kehoach --help»."),
    (["digest", "--days"], "Tùy chọn «--days» cần một giá trị.\nXem «kehoach --help»."),
    (["digest", "--days", "-1"], "Giá trị của «--days» không dùng được: «-1» nằm ngoài khoảng cho phép (từ 0 trở "
                                 "lên).\nXem «kehoach digest --help»."),
    (["new", "1999", "--from", "plans"], "Giá trị của «NĂM» không dùng được: «1999» nằm ngoài khoảng cho phép (từ 2000 "
                                         "đến 2100).\nXem «kehoach new --help»."),
    (["new", "2025", "--from", "README.md"], "Giá trị của «--from» không dùng được: «README.md» là tệp, cần một thư "
                                             "mục.\nXem «kehoach new --help»."),
    (["import", "plans"], "Giá trị của «TỆP» không dùng được: «plans» là thư mục, cần một tệp.\n"
                          "Xem «kehoach import --help»."),
    (["digest", "--today", "15/06/2024"], "Giá trị của «--today» không dùng được: «15/06/2024» không phải một ngày "
                                          "dạng NĂM-THÁNG-NGÀY, ví dụ 2024-06-15.\nXem «kehoach digest --help»."),
    (["diff", "a", "b", "c", "d"], "Thừa tham số: «c», «d».\nXem «kehoach diff --help»."),
    (["feeds", "build"], "Thiếu tùy chọn «--site-url».\nXem «kehoach feeds --help»."),
])
def test_usage_errors_say_exactly_what_is_wrong(args: list[str], said: str) -> None:
    assert run_kehoach(args, ROOT) == (2, f"Lỗi cách dùng: {said}\n")


def test_help_notes_say_default_range_and_required_in_vietnamese() -> None:
    _, imported = run_kehoach(["import", "--help"], ROOT)
    _, new = run_kehoach(["new", "--help"], ROOT)
    imported, new = " ".join(imported.split()), " ".join(new.split())  # as wrapped, notes may break anywhere
    assert "(chứa agencies/). [mặc định: plans]" in imported and "không ghi rõ. [từ 2000 đến 2100]" in imported
    assert "--from THƯ_MỤC Thư mục kế hoạch năm trước: plans/2024/ten-ke-hoach [bắt buộc]" in new


def test_a_group_without_its_command_shows_its_help() -> None:
    code, output = run_kehoach(["status"], ROOT)
    assert code == 2 and output.startswith("Cách dùng: kehoach status [TÙY CHỌN] LỆNH [THAM SỐ]...\n")


def test_a_command_runs_without_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "check" / "deadline-on-weekend")
    outcome = commands.check((Path("plans"),), strict=True, fmt="text")
    assert (outcome.err, outcome.code) == ("1 lỗi, 0 cảnh báo.\n", 1)
    assert outcome.out.startswith("plans/2025/ke-hoach-tdkt/ke-hoach.yml:49:7: KH305 lỗi:")
