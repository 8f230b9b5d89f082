"""Vietnamese text helpers: NFC, diacritic folding, administrative dates, slugs.

Every piece of user-facing text goes through these so that search, matching and
printing treat Vietnamese the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

YEARS = (1900, 2199)  # the years a plan's dates can name; 0001 or 9999 are typing mistakes (and overflow)
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


# Characters no plan needs and that mislead readers or break outputs: C0/C1 controls other than
# tab and line feed (carriage return included: CRLF files are normalised before this is asked),
# and the format characters (Unicode category Cf, the soft hyphen excepted: Word pastes it, and it
# only hints where a line may break): bidirectional overrides and isolates, which
# reorder what a reviewer sees ("Trojan Source"), zero-width spaces and joiners, which make two
# different ids look identical, tag characters. Line and paragraph separators
# and noncharacters too.
CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
FORMAT_CHARS = ("\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e"
                "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\U000110bd\U000110cd"
                "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
FORBIDDEN = re.compile(f"[{CONTROL_CHARS}{FORMAT_CHARS}]")

_SCRIPTS_VI = {"CYRILLIC": "chữ Kirin (Nga)", "GREEK": "chữ Hy Lạp", "ARMENIAN": "chữ Armenia",
               "FULLWIDTH": "chữ toàn khổ", "MATHEMATICAL": "ký hiệu toán học"}


def is_control(char: str) -> bool:
    """True for a C0/C1 control character (tab and line feed excepted)."""
    return char not in "\t\n" and (ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F)


def describe_char(char: str) -> str:
    """How a message names a character a reader may not see or may mistake: "U+202E (ký tự đổi chiều chữ)"."""
    code = f"U+{ord(char):04X}"
    if is_control(char):
        return f"{code} (ký tự điều khiển)"
    if 0x202A <= ord(char) <= 0x202E or 0x2066 <= ord(char) <= 0x2069 or char in "\u200e\u200f\u061c":
        return f"{code} (ký tự đổi chiều chữ, không thấy trên màn hình)"
    if FORBIDDEN.match(char):
        return f"{code} (ký tự vô hình)"
    name = unicodedata.name(char, "")
    script = _SCRIPTS_VI.get(name.split(" ")[0]) if name else None
    return f"«{char}» {code} ({script}, trông giống chữ Latin)" if script else f"«{char}» {code}"


def odd_characters(text: str) -> list[tuple[int, str]]:
    """Index and character of each character in `text` that an ASCII id should not hold but a reader
    may not notice: invisible ones and letters of other scripts that look Latin (Cyrillic «о»)."""
    found = []
    for index, char in enumerate(text):
        if char.isascii() and not is_control(char):
            continue
        name = unicodedata.name(char, "")
        if FORBIDDEN.match(char) or name.split(" ")[0] in _SCRIPTS_VI or not name:
            found.append((index, char))
    return found


def visible(text: str) -> str:
    """`text` with each character a reader cannot see written as \\uXXXX (\\n, \\r, \\t as such),
    so a message quoting a name shows what is really there and stays on one line."""
    if not _HIDDEN.search(text):
        return text
    escapes = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return _HIDDEN.sub(lambda m: escapes.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


_HIDDEN = re.compile(f"[\t\n\r{CONTROL_CHARS}{FORMAT_CHARS}]")
