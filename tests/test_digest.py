"""`kehoach digest`: per agency, what is overdue and what falls due soon, as of a given day.

The case under tests/cases/digest/ has a group («các đơn vị») with two members, a
done task, an ongoing task, a section period, a written day on a Saturday and three
reporting duties, one tracked per member (the office has sent it, the official has
not). Regenerate the expected files after a deliberate change:

    .venv/bin/pytest --update-goldens tests/test_digest.py
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import CASES, ROOT, compare_with_file, run_kehoach

from kehoach.core.loader import load_corpus
from kehoach.exports.digest import build_digest

CASE = CASES / "digest"
ARGS = ["digest", "plans", "--today", "2024-03-20", "--days", "14"]


def test_digest_as_text_matches_the_expected_file() -> None:
    code, output = run_kehoach(ARGS, CASE)
    assert code == 0
    compare_with_file(output, CASE / "expected.txt")


def test_digest_as_markdown_matches_the_expected_file() -> None:
    code, output = run_kehoach([*ARGS, "--format", "markdown"], CASE)
    assert code == 0
    compare_with_file(output, CASE / "expected.md")


def _rows(today: date, days: int = 14) -> dict[str, tuple[list[str], list[str]]]:
    found = build_digest(load_corpus([CASE / "plans"], base=CASE), today, days)
    return {item.agency_id: ([r.item.id for r in item.overdue], [r.item.id for r in item.soon])
            for item in found}


def test_members_get_the_tasks_of_their_group() -> None:
    rows = _rows(date(2024, 3, 20))
    assert "ngay-nghi" in rows["thu/cac-don-vi"][0]
    assert "ngay-nghi" in rows["thu/van-phong"][0]
    assert "ngay-nghi" in rows["thu/cc-van-hoa"][0]


def test_done_ongoing_and_past_reports_are_never_listed() -> None:
    listed = {item for overdue, soon in _rows(date(2024, 3, 20), days=400).values() for item in overdue + soon}
    assert not listed & {"xong-roi", "thuong-xuyen", "bao-cao-dau-nam"}
    assert "con-xa" in listed


def test_a_saturday_deadline_is_due_on_the_next_monday() -> None:
    assert "ngay-nghi" in _rows(date(2024, 3, 18), days=0)["thu/cac-don-vi"][1]
    assert "ngay-nghi" in _rows(date(2024, 3, 19))["thu/cac-don-vi"][0]


def test_digest_is_the_same_on_every_run() -> None:
    runs = {run_kehoach(ARGS, CASE)[1] for _ in range(3)}
    assert len(runs) == 1


def test_digest_counts_from_kehoach_today_like_the_site(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEHOACH_TODAY", "2024-03-20")
    code, output = run_kehoach(ARGS[:2] + ARGS[4:], CASE)
    assert code == 0
    compare_with_file(output, CASE / "expected.txt")


def test_digest_of_the_real_plans_runs_without_error() -> None:
    code, output = run_kehoach(["digest", "plans", "--today", "2024-05-08"], ROOT)
    assert code == 0
    assert output.startswith("Nhắc việc ngày 08/05/2024")


def test_a_tracked_report_is_overdue_only_for_the_member_that_has_not_sent_it() -> None:
    rows = _rows(date(2024, 3, 20))
    assert "bao-cao-thang-2" in rows["thu/cc-van-hoa"][0]
    assert "bao-cao-thang-2" not in rows["thu/van-phong"][0] + rows["thu/cac-don-vi"][0]
    found = {item.agency_id: item for item in build_digest(load_corpus([CASE / "plans"], base=CASE),
                                                           date(2024, 3, 20), 14)}
    (late,) = found["thu/ubnd"].missing
    assert (late.duty.id, late.missing, [s.agency for s in late.sent]) == (
        "bao-cao-thang-2", ("thu/cc-van-hoa",), ["thu/van-phong"])


def test_digest_links_follow_the_sites_address_and_page_urls() -> None:
    args = [*ARGS, "--format", "markdown", "--site-url", "https://intranet.example/kh/"]
    _, folders = run_kehoach(args, CASE)
    _, files = run_kehoach([*args, "--no-directory-urls"], CASE)
    assert "(https://intranet.example/kh/co-quan/thu/cac-don-vi/)" in folders
    assert "(https://intranet.example/kh/ke-hoach/2024/nhac-viec/#bao-cao-quy)" in folders
    assert "(https://intranet.example/kh/co-quan/thu/cac-don-vi.html)" in files
    assert "(https://intranet.example/kh/ke-hoach/2024/nhac-viec.html#bao-cao-quy)" in files
