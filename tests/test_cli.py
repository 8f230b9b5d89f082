"""The `kehoach check` command: exit codes, formats, --strict, and that it never writes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CASES, ROOT, run_kehoach

from kehoach.core.errors import Finding

CHECK = CASES / "check"


def test_clean_plans_exit_0() -> None:
    assert run_kehoach(["check", "plans"], CHECK / "clean-plan") == (0, "Không có lỗi nào.\n")


def test_warnings_only_exit_0() -> None:
    code, output = run_kehoach(["check", "plans"], CHECK / "deadline-on-weekend")
    assert code == 0
    assert "KH305 cảnh báo" in output and output.endswith("0 lỗi, 1 cảnh báo.\n")


def test_errors_exit_1() -> None:
    code, output = run_kehoach(["check", "plans"], CHECK / "unknown-agency-typo")
    assert code == 1
    assert "KH401 lỗi" in output


def test_strict_turns_warnings_into_errors() -> None:
    code, output = run_kehoach(["check", "--strict", "plans"], CHECK / "deadline-on-weekend")
    assert code == 1
    assert "KH305 lỗi" in output and output.endswith("1 lỗi, 0 cảnh báo.\n")


@pytest.mark.parametrize("args", [
    ["check", "--bogus", "plans"],
    ["check", "khong-co-thu-muc-nay"],
    ["check", "--format", "xml", "plans"],
    ["khong-co-lenh-nay"],
])
def test_usage_errors_exit_2_with_a_vietnamese_line(args: list[str]) -> None:
    code, output = run_kehoach(args, CHECK / "clean-plan")
    assert code == 2
    assert "Lỗi cách dùng" in output and "Traceback" not in output


def test_default_path_is_plans() -> None:
    assert run_kehoach(["check"], CHECK / "deadline-on-weekend") == run_kehoach(
        ["check", "plans"], CHECK / "deadline-on-weekend")


def test_a_year_folder_or_one_plan_folder_can_be_checked() -> None:
    case = CHECK / "deadline-on-weekend"
    whole = run_kehoach(["check", "plans"], case)
    assert run_kehoach(["check", "plans/2025"], case) == whole
    assert run_kehoach(["check", "plans/2025/ke-hoach-tdkt"], case) == whole


def test_json_format_lists_every_finding_with_its_fields() -> None:
    code, output = run_kehoach(["check", "--format", "json", "plans"], CHECK / "phrase-meaning-mismatch")
    assert code == 1
    findings = json.loads(output)
    assert [(f["path"], f["line"], f["col"], f["code"], f["severity"]) for f in findings] == [
        ("plans/2025/ke-hoach-tdkt/ke-hoach.yml", 49, 7, "KH306", "error")]
    assert set(findings[0]) == {"path", "line", "col", "code", "severity", "message", "hint"}
    assert "chậm nhất ngày 12/03/2025" in findings[0]["message"]


def test_json_format_of_a_clean_tree_is_an_empty_list() -> None:
    code, output = run_kehoach(["check", "--format", "json", "plans"], CHECK / "clean-plan")
    assert (code, json.loads(output)) == (0, [])


def test_github_format_writes_workflow_annotations_on_the_line() -> None:
    code, output = run_kehoach(["check", "--format", "github", "plans"], CHECK / "deadline-on-weekend")
    assert code == 0
    assert re.fullmatch(
        r"::warning file=plans/2025/ke-hoach-tdkt/ke-hoach\.yml,line=49,col=7,title=KH305::"
        r"Hạn cuối của nhiệm vụ «tap-huan» rơi vào ngày nghỉ: Thứ Bảy 22/03/2025 \(gợi ý: .*Thứ Hai 24/03/2025\.\)\n",
        output)


def test_github_format_marks_errors_as_errors() -> None:
    _, output = run_kehoach(["check", "--format", "github", "plans"], CHECK / "unknown-agency-typo")
    assert output.startswith("::error file=plans/2025/ke-hoach-tdkt/ke-hoach.yml,line=52,col=16,title=KH401::")


def test_github_annotation_escapes_newlines_percent_and_property_separators() -> None:
    finding = Finding("a,b:c.yml", 3, 4, "KH105", "error", "100% sai", "dòng 1\ndòng 2")
    assert finding.as_github() == (
        "::error file=a%2Cb%3Ac.yml,line=3,col=4,title=KH105::100%25 sai (gợi ý: dòng 1%0Adòng 2)")


def _tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_check_never_modifies_a_file(tmp_path: Path) -> None:
    shutil.copytree(CHECK, tmp_path / "cases")
    before = _tree_hash(tmp_path)
    for case in sorted(path for path in (tmp_path / "cases").iterdir() if path.is_dir()):
        for fmt in ("text", "json", "github"):
            run_kehoach(["check", "--format", fmt, "plans"], case)
    assert _tree_hash(tmp_path) == before


def test_check_leaves_the_real_plans_untouched() -> None:
    before = _tree_hash(ROOT / "plans")
    run_kehoach(["check", "--strict", "plans"], ROOT)
    assert _tree_hash(ROOT / "plans") == before


def test_the_command_as_a_process_exits_1_without_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "kehoach.cli", "check", "plans"], cwd=CHECK / "yaml-billion-laughs",
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout.startswith("plans/2025/ke-hoach-tdkt/ke-hoach.yml:2:5: KH106 lỗi:")
    assert result.stderr == "1 lỗi, 0 cảnh báo.\n"


def test_check_from_the_repository_root_finds_plans() -> None:
    assert run_kehoach(["check", "."], ROOT) == run_kehoach(["check", "plans"], ROOT)


def test_a_folder_without_plans_is_an_error_not_a_silent_pass(tmp_path: Path) -> None:
    code, output = run_kehoach(["check", "."], tmp_path)
    assert code == 1
    assert output.startswith(".:1:1: KH108 lỗi: Không thấy kế hoạch nào trong «.»")


def test_an_unreadable_folder_is_a_finding_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(CHECK / "clean-plan" / "plans", tmp_path / "plans")
    real_iterdir = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self.name == "2025":  # tests run as root on CI, so chmod cannot make a folder unreadable
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code, output = run_kehoach(["check", "plans"], tmp_path)
    assert code == 1
    assert output.startswith("plans/2025:1:1: KH108 lỗi: Không đọc được thư mục\n")


def test_the_help_speaks_vietnamese(kehoach) -> None:  # type: ignore[no-untyped-def]
    for args in (["--help"], ["feeds", "--help"]):
        code, output = kehoach(args, Path.cwd())
        assert code == 0 and output.startswith("Cách dùng: ")
        assert "Tùy chọn:" in output and "Hiện hướng dẫn này rồi thoát." in output
        assert not [word for word in ("Usage:", "Options:", "Commands:", "Show this message", "[OPTIONS]")
                    if word in output]
