"""Working days of Vietnamese public bodies and the Điều 148 k5 BLDS 2015 shift."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kehoach.core.workdays import effective, holiday_name, is_working_day, why_closed


@pytest.mark.parametrize("day", [date(2026, 2, 16) + timedelta(days=n) for n in range(5)])
def test_tet_2026_days_off_follow_tb_9441(day: date) -> None:
    """TB 9441/TB-BNV: civil servants are off Monday 16/02 to Friday 20/02/2026."""
    assert not is_working_day(day)
    assert why_closed(day) == "Tết Nguyên đán"


def test_tet_2026_break_is_nine_days_and_work_resumes_on_23_february() -> None:
    closed = [day for day in (date(2026, 2, 13) + timedelta(days=n) for n in range(11)) if not is_working_day(day)]
    assert closed == [date(2026, 2, 14) + timedelta(days=n) for n in range(9)]
    assert effective(date(2026, 2, 16)) == date(2026, 2, 23)
    assert is_working_day(date(2026, 2, 13)) and is_working_day(date(2026, 2, 23))


def test_a_weekend_deadline_moves_to_monday() -> None:
    assert why_closed(date(2025, 3, 22)) == "Thứ Bảy"
    assert why_closed(date(2025, 3, 23)) == "Chủ nhật"
    assert effective(date(2025, 3, 22)) == date(2025, 3, 24)
    assert effective(date(2025, 3, 23)) == date(2025, 3, 24)


def test_a_working_day_does_not_move() -> None:
    assert effective(date(2025, 3, 20)) == date(2025, 3, 20)
    assert why_closed(date(2025, 3, 20)) is None


def test_make_up_saturday_4_may_2024_is_a_working_day() -> None:
    assert date(2024, 5, 4).weekday() == 5
    assert is_working_day(date(2024, 5, 4))
    assert effective(date(2024, 5, 4)) == date(2024, 5, 4)


def test_the_swapped_day_29_april_2024_is_off() -> None:
    assert not is_working_day(date(2024, 4, 29))
    assert effective(date(2024, 4, 27)) == date(2024, 5, 2)


@pytest.mark.parametrize(("day", "name"), [
    (date(2025, 1, 1), "Tết Dương lịch"),
    (date(2025, 4, 30), "Ngày Chiến thắng"),
    (date(2025, 5, 1), "Ngày Quốc tế Lao động"),
    (date(2025, 9, 2), "Quốc khánh"),
    (date(2024, 4, 18), "Giỗ Tổ Hùng Vương"),
])
def test_public_holidays_have_vietnamese_names(day: date, name: str) -> None:
    assert holiday_name(day) == name
    assert not is_working_day(day)


def test_a_deadline_in_tet_2025_moves_past_the_whole_break() -> None:
    assert why_closed(date(2025, 1, 30)) == "Tết Nguyên đán"
    assert effective(date(2025, 1, 30)) == date(2025, 2, 3)
