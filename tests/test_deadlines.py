"""Deadline phrases as Vietnamese plans write them, and what each one means."""

from __future__ import annotations

from datetime import date

import pytest

from kehoach.core.deadlines import Reading, describe, due, effective_deadline, kind, read_phrase, span, written_day
from kehoach.core.models import Deadline, Section, Task

PHRASES = [
    ("trước ngày 15 tháng 3 năm 2023", 2023, Reading("before", date(2023, 3, 15))),
    ("chậm nhất ngày 15/3/2023", 2023, Reading("by", date(2023, 3, 15))),
    ("chậm nhất vào ngày 20/3/2025", 2025, Reading("by", date(2025, 3, 20))),
    ("Chậm nhất ngày 05 tháng 01 năm 2024", 2024, Reading("by", date(2024, 1, 5))),
    ("vào ngày 15 tháng 6", 2024, Reading("date", date(2024, 6, 15))),
    ("15/5/2024", 2024, Reading("date", date(2024, 5, 15))),
    ("01/11/2024", 2024, Reading("date", date(2024, 11, 1))),
    ("Trước 15/12", 2025, Reading("before", date(2025, 12, 15))),
    ("5/2024", 2024, Reading("month", "2024-05")),
    ("tháng 5/2024", 2024, Reading("month", "2024-05")),
    ("Trong tháng 10/2024", 2024, Reading("month", "2024-10")),
    ("tháng 5 năm 2024", 2024, Reading("month", "2024-05")),
    ("Tháng 12", 2023, Reading("month", "2023-12")),
    ("Trong quý III", 2024, Reading("quarter", "2024-Q3")),
    ("Quý III/2024", 2023, Reading("quarter", "2024-Q3")),
    ("Quý IV năm 2024", 2024, Reading("quarter", "2024-Q4")),
    ("Quý 2", 2025, Reading("quarter", "2025-Q2")),
    ("6 tháng đầu năm", 2024, Reading("half", "2024-H1")),
    ("6 tháng cuối năm 2023", 2023, Reading("half", "2023-H2")),
    ("năm học 2022 - 2023", 2023, Reading("school_year", "2022-2023")),
    ("Năm học 2022-2023", 2023, Reading("school_year", "2022-2023")),
    ("Thường xuyên", 2024, Reading("ongoing", True)),
    ("thuong xuyen", 2024, Reading("ongoing", True)),
    ("Cả năm", 2024, Reading("ongoing", True)),
    ("Cuối năm", 2024, Reading("by", date(2024, 12, 31))),
    ("cuối năm 2023", 2024, Reading("by", date(2023, 12, 31))),
    ("Giữa năm", 2024, Reading("by", date(2024, 6, 30))),
    ("cuối tháng 2", 2024, Reading("by", date(2024, 2, 29))),
    ("Cuối tháng 5/2025", 2025, Reading("by", date(2025, 5, 31))),
    ("cuối quý III", 2024, Reading("by", date(2024, 9, 30))),
    ("cuối năm học 2022-2023", 2023, Reading("school_year", "2022-2023")),
]


@pytest.mark.parametrize(("phrase", "year", "expected"), PHRASES, ids=[p[0] for p in PHRASES])
def test_read_phrase_understands_the_forms_plans_use(phrase: str, year: int, expected: Reading) -> None:
    assert read_phrase(phrase, year) == expected


@pytest.mark.parametrize("phrase", ["", "Đầu năm", "31/02/2024", "theo kế hoạch", "tháng 13/2024", "cuối tháng",
                                    "cuối quý 5", "Kết thúc mỗi đợt thi đua"])
def test_read_phrase_gives_none_when_no_meaning_can_be_read(phrase: str) -> None:
    assert read_phrase(phrase, 2024) is None


SPANS = [
    (Deadline(date=date(2024, 6, 15)), (date(2024, 6, 15), date(2024, 6, 15))),
    (Deadline(by=date(2024, 3, 15)), (date(2024, 3, 15), date(2024, 3, 15))),
    (Deadline(before=date(2024, 3, 15)), (date(2024, 3, 14), date(2024, 3, 14))),
    (Deadline(before=date(2024, 3, 1)), (date(2024, 2, 29), date(2024, 2, 29))),
    (Deadline(month="2024-02"), (date(2024, 2, 1), date(2024, 2, 29))),
    (Deadline(month="2023-02"), (date(2023, 2, 1), date(2023, 2, 28))),
    (Deadline(quarter="2024-Q3"), (date(2024, 7, 1), date(2024, 9, 30))),
    (Deadline(quarter="2024-Q4"), (date(2024, 10, 1), date(2024, 12, 31))),
    (Deadline(half="2024-H1"), (date(2024, 1, 1), date(2024, 6, 30))),
    (Deadline(half="2024-H2"), (date(2024, 7, 1), date(2024, 12, 31))),
    (Deadline(school_year="2022-2023"), (date(2022, 9, 1), date(2023, 8, 31))),
    (Deadline(ongoing=True), None),
    (Deadline(text="Không ghi"), None),
    (None, None),
]


@pytest.mark.parametrize(("deadline", "expected"), SPANS)
def test_span_and_due_follow_the_written_kind(deadline: Deadline | None, expected: tuple[date, date] | None) -> None:
    assert span(deadline) == expected
    assert due(deadline) == (expected[1] if expected else None)


def test_before_means_the_day_before_and_by_means_the_day_itself() -> None:
    assert due(Deadline(text="trước ngày 15/12/2024", before=date(2024, 12, 15))) == date(2024, 12, 14)
    assert due(Deadline(text="chậm nhất ngày 15/12/2024", by=date(2024, 12, 15))) == date(2024, 12, 15)


def test_written_day_is_the_named_day_only_for_day_deadlines() -> None:
    assert written_day(Deadline(before=date(2024, 12, 15))) == date(2024, 12, 15)
    assert written_day(Deadline(quarter="2024-Q3")) is None
    assert written_day(None) is None


def test_kind_names_the_meaning_or_none() -> None:
    assert kind(Deadline(text="Quý III", quarter="2024-Q3")) == "quarter"
    assert kind(Deadline(text="Chưa rõ")) == "none"
    assert kind(None) == "none"


def test_a_task_without_deadline_inherits_its_section_period() -> None:
    section = Section(id="quy-iii", title="Quý III", period=Deadline(text="Quý III", quarter="2024-Q3"))
    bare = Task(id="a", section="quy-iii", title="Việc A")
    own = Task(id="b", section="quy-iii", title="Việc B", deadline=Deadline(by=date(2024, 8, 1)))
    assert effective_deadline(bare, {"quy-iii": section}) == section.period
    assert effective_deadline(own, {"quy-iii": section}) == own.deadline
    assert effective_deadline(Task(id="c", section="khac", title="Việc C"), {"quy-iii": section}) is None


@pytest.mark.parametrize(("reading", "words"), [
    (Reading("by", date(2025, 3, 20)), "chậm nhất ngày 20/03/2025"),
    (Reading("before", date(2025, 1, 5)), "trước ngày 05/01/2025"),
    (Reading("month", "2024-05"), "tháng 5/2024"),
    (Reading("quarter", "2024-Q3"), "quý III/2024"),
    (Reading("half", "2024-H2"), "6 tháng cuối năm 2024"),
    (Reading("school_year", "2022-2023"), "năm học 2022-2023"),
    (Reading("ongoing", True), "thường xuyên"),
])
def test_describe_says_a_meaning_in_vietnamese(reading: Reading, words: str) -> None:
    assert describe(reading) == words


def test_two_meanings_in_one_deadline_are_refused() -> None:
    with pytest.raises(ValueError, match="một cách hiểu"):
        Deadline(by=date(2025, 3, 20), month="2025-03")
