"""Vietnamese text helpers: NFC, diacritic folding, administrative dates, slugs.

Every piece of user-facing text goes through these so that search, matching and
printing treat Vietnamese the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

_COMBINING = re.compile(r"[\u0300-\u036f]")


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the form every stored text must have."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Fold Vietnamese for matching: lower case, no diacritics, đ -> d.

    "Sở Nội vụ" and "so noi vu" fold to the same string, so a query typed
    without diacritics still finds the text.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    return " ".join(text.lower().split())


def slugify(text: str) -> str:
    """Return an ASCII slug for ids and URLs: "Sở Nội vụ" -> "so-noi-vu"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def pad_day(day: int) -> str:
    """Day of month as NĐ 30/2020 writes it: a leading 0 below 10."""
    return f"{day:02d}"


def pad_month(month: int) -> str:
    """Month as NĐ 30/2020 writes it: a leading 0 for January and February only."""
    return f"{month:02d}" if month < 3 else str(month)


def admin_date(day: date) -> str:
    """Format a date in the administrative style: "ngày 05 tháng 01 năm 2024"."""
    return f"ngày {pad_day(day.day)} tháng {pad_month(day.month)} năm {day.year}"


BLANK = "\u00a0" * 6  # a number or day the source left blank prints as a gap: "Số:      /KH-UBND"


def admin_partial_date(value: date | str | None) -> str:
    """Administrative date with blanks where the source left day or month empty.

    A full date gives "ngày 05 tháng 01 năm 2024"; "2024-02" (day not filled in)
    gives "ngày    tháng 02 năm 2024"; "2024" or nothing leaves day and month blank.
    """
    if isinstance(value, date):
        return admin_date(value)
    if isinstance(value, str) and "-" in value:
        year, month = value.split("-")
        return f"ngày {BLANK} tháng {pad_month(int(month))} năm {year}"
    return f"ngày {BLANK} tháng {BLANK} năm {value or BLANK}"


def short_date(day: date) -> str:
    """Format a date compactly for tables: "05/01/2024"."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def weekday_name(day: date) -> str:
    """Vietnamese name of the weekday of `day`."""
    return WEEKDAYS[day.weekday()]


ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def roman(number: int) -> str:
    """Roman numeral for 1-4, as quarters are written ("Quý III")."""
    return {value: key for key, value in ROMAN.items()}[number]


# Characters that Vietnamese never uses but that TCVN3 (ABC) and VNI text show
# when their bytes were decoded as Latin-1 or Windows-1252.
# « and » are left out: Vietnamese text uses them as quotation marks (TCVN3 writes
# "ô" as «, but its lines always carry other telltale characters too).
_LEGACY_CHARS = set("¡¢£¤¥¦§¨©ª¬®¯±²³´µ¶·¸¹º¼½¾¿ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïðñö÷øûüþÿ")
_LEGACY_RUN = re.compile("(?<=[A-Za-z])[%s]|[%s](?=[A-Za-z])" % ((re.escape("".join(sorted(_LEGACY_CHARS))),) * 2))


def legacy_encoding_column(line: str) -> int | None:
    """Return the 1-based column where a line looks like TCVN3 or VNI text, or None.

    A line counts when it holds at least two characters Vietnamese never uses,
    each touching a Latin letter: one stray "©" or "§" is not enough.
    """
    hits = [m.start() for m in _LEGACY_RUN.finditer(line)]
    return hits[0] + 1 if len(hits) >= 2 else None


_NOT_LEGACY = bytes(sorted(set(range(256)) - {ord(char) for char in _LEGACY_CHARS}))


def may_hold_legacy_encoding(text: str) -> bool:
    """Cheap test over a whole file: False means no line can look like TCVN3 or VNI text.

    Runs at C speed (an encode and a byte translate), so clean files skip the
    line-by-line scan.
    """
    return bool(text.encode("latin-1", "ignore").translate(None, _NOT_LEGACY))
