"""`kehoach new YEAR --from PLAN`: next year's plan from last year's, and its checklist.

The small plan under tests/cases/rollover/plans/ has comments, quoting, folded
lines, every kind of deadline, 29/02, a cited decree, a school year, a multi-year
period, done statuses and an agency that closes mid-year. The expected files are
the new plan byte for byte and the printed checklist. Regenerate after a
deliberate change, then read the diff:

    .venv/bin/pytest --update-goldens tests/test_rollover.py
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CASES, ROOT, compare_with_file, run_kehoach

from kehoach.authoring.rollover import YearShift, next_slug, roll_forward
from kehoach.core.checks import check_corpus
from kehoach.core.loader import load_corpus

CASE = CASES / "rollover"
SOURCE = "plans/2024/thi-dua-xa-thu"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the small case's plans/ to create next year's plan in."""
    shutil.copytree(CASE / "plans", tmp_path / "plans")
    return tmp_path


def test_new_plan_and_checklist_match_the_expected_files(tree: Path) -> None:
    code, output = run_kehoach(["new", "2025", "--from", SOURCE], tree)
    assert code == 0, output
    created = tree / "plans/2025/thi-dua-xa-thu"
    compare_with_file(output, CASE / "expected/checklist.txt")
    compare_with_file((created / "ke-hoach.yml").read_text(encoding="utf-8"), CASE / "expected/ke-hoach.yml")
    compare_with_file((created / "noi-dung.md").read_text(encoding="utf-8"), CASE / "expected/noi-dung.md")


def test_new_plan_keeps_every_comment_line(tree: Path) -> None:
    run_kehoach(["new", "2025", "--from", SOURCE], tree)
    def comments(path: Path) -> list[str]:
        return re.findall(r"#.*", path.read_text(encoding="utf-8"))
    assert comments(tree / SOURCE / "ke-hoach.yml") == comments(tree / "plans/2025/thi-dua-xa-thu/ke-hoach.yml")


def test_existing_folder_is_never_overwritten(tree: Path) -> None:
    (tree / "plans/2025/thi-dua-xa-thu").mkdir(parents=True)
    (tree / "plans/2025/thi-dua-xa-thu/ke-hoach.yml").write_text("giữ nguyên\n", encoding="utf-8")
    code, output = run_kehoach(["new", "2025", "--from", SOURCE], tree)
    assert code == 1
    assert "đã có; kehoach new không ghi đè" in output
    assert (tree / "plans/2025/thi-dua-xa-thu/ke-hoach.yml").read_text(encoding="utf-8") == "giữ nguyên\n"


def test_slug_option_names_the_new_folder(tree: Path) -> None:
    code, _ = run_kehoach(["new", "2025", "--from", SOURCE, "--slug", "ke-hoach-2025"], tree)
    assert code == 0
    assert (tree / "plans/2025/ke-hoach-2025/ke-hoach.yml").is_file()


def test_slug_with_diacritics_or_spaces_is_refused(tree: Path) -> None:
    code, output = run_kehoach(["new", "2025", "--from", SOURCE, "--slug", "Kế hoạch"], tree)
    assert code == 1
    assert "Tên thư mục kế hoạch «Kế hoạch» không dùng được" in output and "--slug ke-hoach" in output
    assert not (tree / "plans/2025").exists()


@pytest.mark.parametrize(("before", "after"), [
    ("năm 2024", "năm 2025"),
    ("khen thưởng năm 2023", "khen thưởng năm 2024"),
    ("trước ngày 15/6", "trước ngày 15/6"),
    ("trước ngày 15 tháng 3 năm 2024", "trước ngày 15 tháng 3 năm 2025"),
    ("năm học 2023 - 2024", "năm học 2024 - 2025"),
    ("năm học 2022-2023", "năm học 2023-2024"),
    ("giai đoạn 2021-2025", "giai đoạn 2021-2025"),
    ("Nghị định số 98/2023/NĐ-CP ngày 31/12/2023", "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023"),
    ("Kế hoạch số 33/KH-UBND, ngày 08/01/2024 của UBND", "Kế hoạch số 33/KH-UBND, ngày 08/01/2024 của UBND"),
    ("Quyết định số 43 ngày 10 tháng 01 năm 2024", "Quyết định số 43 ngày 10 tháng 01 năm 2024"),
    ("Luật Thi đua, Khen thưởng ngày 15/6/2022", "Luật Thi đua, Khen thưởng ngày 15/6/2022"),
    ("Nghị định 152/2025", "Nghị định 152/2025"),
    ("tháng 5/2024", "tháng 5/2025"),
    ("Quý I/2025", "Quý I/2026"),
    ("chậm nhất ngày 29/02/2024", "chậm nhất ngày 28/02/2025"),
    ("ngày 29 tháng 02 năm 2024", "ngày 28 tháng 02 năm 2025"),
    ("năm 2019", "năm 2019"),
])
def test_years_in_text_move_only_where_they_belong_to_the_plan(before: str, after: str) -> None:
    assert YearShift(2024, 1).text(before) == after


def test_leap_day_moves_to_the_last_day_of_february() -> None:
    from datetime import date
    assert YearShift(2024, 1).date(date(2024, 2, 29)) == date(2025, 2, 28)
    assert YearShift(2023, 1).date(date(2023, 2, 28)) == date(2024, 2, 28)


REAL_PLANS = sorted(path for path in (ROOT / "plans").glob("[0-9]*/*") if (path / "ke-hoach.yml").is_file())


@pytest.mark.parametrize("source", REAL_PLANS, ids=[f"{p.parent.name}/{p.name}" for p in REAL_PLANS])
def test_every_real_plan_rolls_forward_and_passes_check(source: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans/agencies", tmp_path / "plans/agencies")
    result = roll_forward(source, int(source.parent.name) + 1, plans_root=tmp_path / "plans", base=tmp_path)
    checklist = "\n".join(result.checklist)
    errors = [f for f in check_corpus(load_corpus([tmp_path / "plans"], base=tmp_path)) if f.severity == "error"]
    for finding in errors:
        assert finding.code == "KH402", finding.as_text()
        name = re.search(r"«(.+?)»", finding.message)
        assert name and name.group(1) in checklist, f"{finding.as_text()}\nkhông có trong danh sách:\n{checklist}"


@pytest.mark.parametrize("source", REAL_PLANS, ids=[f"{p.parent.name}/{p.name}" for p in REAL_PLANS])
def test_the_checklist_names_everything_check_flags_in_a_real_plan_rolled_to_2026(source: Path,
                                                                                    tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans/agencies", tmp_path / "plans/agencies")
    result = roll_forward(source, 2026, plans_root=tmp_path / "plans", base=tmp_path)
    checklist = "\n".join(result.checklist)
    findings = [f for f in check_corpus(load_corpus([tmp_path / "plans"], base=tmp_path))
                if f.path.startswith("plans/2026/")]
    for finding in findings:
        name = re.search(r"«(.+?)»", finding.message)
        assert f"({finding.code})" in checklist, f"{finding.as_text()}\nkhông có trong danh sách:\n{checklist}"
        assert name and name.group(1) in checklist, f"{finding.as_text()}\nkhông có trong danh sách:\n{checklist}"


# The folder name `kehoach new` gives each real plan's 2026 copy: no number of last year's document.
NEW_NAMES = {
    "2023/dong-nai-ke-hoach-274": "dong-nai-ke-hoach",
    "2024/quyet-thang-ke-hoach-tdkt": "quyet-thang-ke-hoach-tdkt",
    "2024/son-la-quyet-dinh-43-tdkt": "son-la-tdkt",
    "2025/son-la-co-so-dieu-tri-nghien-tdkt": "son-la-co-so-dieu-tri-nghien-tdkt",
}


@pytest.mark.parametrize("source", REAL_PLANS, ids=[f"{p.parent.name}/{p.name}" for p in REAL_PLANS])
def test_the_new_folder_does_not_carry_last_years_document_number(source: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "plans/agencies", tmp_path / "plans/agencies")
    result = roll_forward(source, 2026, plans_root=tmp_path / "plans", base=tmp_path)
    plan = result.source.plan
    numbers = {n.lstrip("0") for d in (plan.document, plan.decision) if d and d.number
               for n in re.findall(r"\d+", d.number)}
    tokens = result.folder.name.split("-")
    assert not numbers & {t.lstrip("0") for t in tokens}, result.folder.name
    assert str(plan.year) not in tokens
    assert result.folder.name == NEW_NAMES[f"{source.parent.name}/{source.name}"]


def test_real_plans_have_their_expected_new_names() -> None:
    assert sorted(NEW_NAMES) == sorted(f"{p.parent.name}/{p.name}" for p in REAL_PLANS)


@pytest.mark.parametrize(("name", "after"), [
    ("ke-hoach-2024", "ke-hoach-2025"),
    ("quyet-dinh-15-tdkt", "tdkt"),
    ("xa-thu-qd-015", "xa-thu"),
    ("thi-dua-xa-thu", "thi-dua-xa-thu"),
    ("15", "ke-hoach-tdkt"),
    ("truong-so-2-nam-hoc-2023-2024", "truong-so-2-nam-hoc-2024-2025"),
])
def test_next_slug_drops_the_document_number_and_moves_the_years(name: str, after: str) -> None:
    source = load_corpus([CASE / "plans"], base=CASE).plans[0].plan  # document number "15"
    assert next_slug(name, source, 2025) == after


def test_checklist_of_son_la_rolled_to_2026_matches_the_expected_file(tmp_path: Path) -> None:
    """The provincial plan issued by Quyết định số 43 in 2024, copied into 2026: every line a person reads."""
    shutil.copytree(ROOT / "plans", tmp_path / "plans", ignore=shutil.ignore_patterns("2026"))
    code, output = run_kehoach(["new", "2026", "--from", "plans/2024/son-la-quyet-dinh-43-tdkt"], tmp_path)
    assert code == 0, output
    assert (tmp_path / "plans/2026/son-la-tdkt/ke-hoach.yml").is_file()
    compare_with_file(output, CASE / "expected/checklist-son-la-2026.txt")


def test_real_plans_exist_for_the_roll_forward_test() -> None:
    assert len(REAL_PLANS) >= 1


def test_agency_closing_in_the_new_year_is_the_only_error_and_is_named(tree: Path) -> None:
    _, checklist = run_kehoach(["new", "2025", "--from", SOURCE], tree)
    errors = [f for f in check_corpus(load_corpus([tree / "plans"], base=tree)) if f.severity == "error"]
    assert [(f.code, f.path) for f in errors] == [("KH402", "plans/2025/thi-dua-xa-thu/ke-hoach.yml")]
    assert "Phòng Nội vụ huyện Thử (thu/phong-huyen): hoạt động đến hết 30/06/2025" in checklist


def test_a_draft_for_signature_names_the_elements_it_still_lacks(tmp_path: Path) -> None:
    """Sơn La's 2024 plan has no issuer line nor signer; offered for signature, its copy lists KH508 apart."""
    shutil.copytree(ROOT / "plans/agencies", tmp_path / "plans/agencies")
    source = tmp_path / "plans/2024/son-la-quyet-dinh-43-tdkt"
    shutil.copytree(ROOT / "plans/2024/son-la-quyet-dinh-43-tdkt", source)
    plan = source / "ke-hoach.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("\ndocument:\n", "\nfor_signature: true\ndocument:\n", 1),
                    encoding="utf-8")
    checklist = "\n".join(roll_forward(source, 2026, base=tmp_path).checklist)
    assert "Bản để trình ký còn thiếu thành phần thể thức (KH508)" in checklist
    assert "Điều khác" not in checklist
