"""`kehoach diff`: what a change does to the plans, in Vietnamese, as text and Markdown.

tests/cases/diff/{base,head}/plans/ hold two versions of a small tree: a task
added, removed, reworded, moved to another section; a deadline moved onto a
Saturday; lead and partners reassigned; a status set to done with its proof;
reporting duties; the registry; a plan added, one removed, one that fails to
load on one side. Regenerate the expected files after a deliberate change:

    .venv/bin/pytest --update-goldens tests/test_diff.py
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CASES, ROOT, compare_with_file, run_kehoach

from kehoach.authoring.diff import compare_specs

CASE = CASES / "diff"


def test_diff_of_two_trees_as_text_matches_the_expected_file() -> None:
    code, output = run_kehoach(["diff", "base", "head"], CASE)
    assert code == 0
    compare_with_file(output, CASE / "expected.txt")


def test_diff_of_two_trees_as_markdown_matches_the_expected_file() -> None:
    code, output = run_kehoach(["diff", "base", "head", "--format", "markdown"], CASE)
    assert code == 0
    compare_with_file(output, CASE / "expected.md")


def test_diff_links_follow_the_sites_address_and_page_urls() -> None:
    args = ["diff", "base", "head", "--format", "markdown", "--site-url", "https://intranet.example/kh"]
    _, files = run_kehoach([*args, "--no-directory-urls"], CASE)
    assert "[2024/thi-dua-xa-a](https://intranet.example/kh/ke-hoach/2024/thi-dua-xa-a.html)" in files
    assert "(https://intranet.example/kh/ke-hoach/2024/thi-dua-xa-a.html#hoi-nghi-dien-hinh)" in files
    assert "[`thu/hoi-phu-nu`](https://intranet.example/kh/co-quan/thu/hoi-phu-nu.html)" in files


def test_a_plan_that_fails_to_load_is_not_called_removed() -> None:
    report = compare_specs("base", "head", CASE)
    broken = [plan for plan in report.plans if plan.plan_id == "2024/hong"]
    assert [change.verb for change in broken[0].changes] == ["Không so sánh được"]
    assert report.problems and "subjet" in report.problems[0][1][0].message


def test_same_revision_has_no_changes() -> None:
    code, output = run_kehoach(["diff", "HEAD", "HEAD"], ROOT)
    assert (code, output) == (0, "So sánh kế hoạch: HEAD → HEAD\n\nKhông có thay đổi.\n")


def test_unknown_revision_is_a_plain_error() -> None:
    code, output = run_kehoach(["diff", "khong-co-nhanh-nay", "HEAD"], ROOT)
    assert code == 1
    assert "Không tìm thấy phiên bản «khong-co-nhanh-nay»" in output


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=Thử", "-c", "user.email=thu@example.invalid", *args],
                          cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository: a first commit without plans/, then the base tree, then the head tree."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for this test: apt-get install git")
    _git(tmp_path, "init", "-q")
    (tmp_path / "README.md").write_text("thử\n", encoding="utf-8")
    _git(tmp_path, "add", "README.md")
    _git(tmp_path, "commit", "-q", "-m", "không có plans/")
    for side in ("base", "head"):
        shutil.rmtree(tmp_path / "plans", ignore_errors=True)
        shutil.copytree(CASE / side / "plans", tmp_path / "plans")
        _git(tmp_path, "add", "-A", "plans")
        _git(tmp_path, "commit", "-q", "-m", side)
    return tmp_path


def test_git_revisions_give_the_same_report_as_the_folders(repo: Path) -> None:
    code, output = run_kehoach(["diff", "HEAD~1", "HEAD"], repo)
    expected = (CASE / "expected.txt").read_text(encoding="utf-8")
    assert code == 0
    assert output.replace("HEAD~1 → HEAD", "base → head").replace("(HEAD)", "(head)") == expected


def test_a_revision_without_plans_reads_as_empty(repo: Path) -> None:
    report = compare_specs("HEAD~2", "HEAD~1", repo)
    assert [(p.plan_id, p.changes[0].verb) for p in report.plans] == [
        ("2024/bo-di", "Thêm kế hoạch"), ("2024/hong", "Thêm kế hoạch"), ("2024/thi-dua-xa-a", "Thêm kế hoạch")]


def test_first_commit_of_this_repository_against_head() -> None:
    root_commit = _git(ROOT, "rev-list", "--max-parents=0", "HEAD").splitlines()[0]
    report = compare_specs(root_commit, "HEAD", ROOT)
    head_plans = set(_git(ROOT, "ls-tree", "-d", "--name-only", "HEAD", "plans/2023/", "plans/2024/",
                          "plans/2025/").splitlines())
    added = {f"plans/{p.plan_id}" for p in report.plans if p.changes[0].verb == "Thêm kế hoạch"}
    assert added <= head_plans
    assert not report.problems
