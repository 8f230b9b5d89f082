"""Working days for Vietnamese public bodies, and deadline shifting.

Public holidays come from the maintained `holidays` library (Bộ luật Lao động
2019 Điều 112, with the Tết and swapped days the government fixes each year).
`data/ngay-nghi.yml` adds what the library does not know: make-up working
Saturdays and corrections, each with its source.

Shifting follows Bộ luật Dân sự 2015 Điều 148 khoản 5: when the last day of a
time limit is a weekend or a public holiday, the limit ends at the close of the
next working day.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files

import holidays
import yaml


@lru_cache(maxsize=1)
def _extra() -> dict[str, dict[date, str]]:
    raw = yaml.safe_load(files("kehoach.core").joinpath("data/ngay-nghi.yml").read_text(encoding="utf-8"))
    return {key: {entry["date"]: entry["name"] for entry in raw.get(key, [])}
            for key in ("holidays", "working_days", "not_holidays")}


@lru_cache(maxsize=64)
def holidays_of(year: int) -> dict[date, str]:
    """Public holidays of one year for civil servants, date -> Vietnamese name."""
    found = {day: _VI_NAMES.get(name.split(" (")[0], name)
             for day, name in holidays.country_holidays("VN", years=year).items()}
    extra = _extra()
    found.update({d: n for d, n in extra["holidays"].items() if d.year == year})
    for day in extra["not_holidays"]:
        found.pop(day, None)
    return found


def holiday_name(day: date) -> str | None:
    """Name of the public holiday on `day`, or None."""
    return holidays_of(day.year).get(day)


def is_working_day(day: date) -> bool:
    """True when civil servants work on `day` (QĐ 188/1999: Saturday and Sunday off)."""
    if day in _extra()["working_days"]:
        return True
    return day.weekday() < 5 and day not in holidays_of(day.year)


def why_closed(day: date) -> str | None:
    """Why `day` is not a working day ("Chủ nhật", "Tết Nguyên đán"…), or None."""
    if is_working_day(day):
        return None
    return holiday_name(day) or ("Thứ Bảy" if day.weekday() == 5 else "Chủ nhật")


def effective(day: date) -> date:
    """The day a limit ending on `day` really ends (Điều 148 k5 BLDS 2015)."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


_VI_NAMES = {
    "New Year's Day": "Tết Dương lịch",
    "29 of Lunar New Year": "Tết Nguyên đán",
    "Lunar New Year's Eve": "Tết Nguyên đán",
    "Lunar New Year": "Tết Nguyên đán",
    "Second Day of Lunar New Year": "Tết Nguyên đán",
    "Third Day of Lunar New Year": "Tết Nguyên đán",
    "Fourth Day of Lunar New Year": "Tết Nguyên đán",
    "Fifth Day of Lunar New Year": "Tết Nguyên đán",
    "Hung Kings' Commemoration Day": "Giỗ Tổ Hùng Vương",
    "Liberation Day/Reunification Day": "Ngày Chiến thắng",
    "International Labor Day": "Ngày Quốc tế Lao động",
    "National Day": "Quốc khánh",
    "Vietnam Cultural Day": "Ngày Văn hóa Việt Nam",
    "Day off": "Ngày nghỉ hoán đổi",
}
