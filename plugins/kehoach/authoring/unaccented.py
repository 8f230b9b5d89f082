"""A header that lost its diacritics (an OCR'd scan, a PDF's text layer): what can still be read from it.

OCR of a scanned plan often drops every diacritic and flattens the header into one
paragraph ("CONG HOA XA HOI … UBND QUAN LONG BIEN HOI DONG … Long Bien, ngay ^ 9
thangi^-nam 2020 So: ^3 /KH-HDTDKT KE ROACH To chuc …"). Only what is unambiguous is
taken: the landmarks split the paragraph into cells, a garbled day, month or number is
left blank (and listed), names stay as printed. Text with diacritics never comes here.
"""

from __future__ import annotations

import re

_ACCENTED = re.compile("[À-ỹ]")
_HEAD = 600  # the landmarks are looked for in a flattened header's first characters only
_CUT_BEFORE = re.compile(r"\bSo\s*:|\bK[EÊ]\s+[HR]OACH\b|\b(?:Thuc hien|Can cu|Theo de nghi)\b")
_CUT_AFTER = re.compile(r"\bK[EÊ]\s+[HR]OACH\b|(?i:hanh phuc)")
_PLACE_DATE = re.compile(r",\s*ngay\b", re.IGNORECASE)
_MOTTO_END = re.compile(r"hanh phuc", re.IGNORECASE)
TYPE_LINE = re.compile(r"^k[eê]\s+[hr]oach$")  # "KE HOACH", and OCR's "KE ROACH"
DATE = re.compile(r",\s*ngay\b(.{0,10}?)thang(.{0,6}?)nam\s*(\d{4})", re.IGNORECASE)
_CLEAN = re.compile(r"^\s*(\d{1,2})\s*$")


def is_unaccented(text: str) -> bool:
    """True for Vietnamese text without a single diacritic (a line of letters, not a number or a rule)."""
    return sum(c.isalpha() for c in text) >= 20 and not _ACCENTED.search(text)


def split_flattened(line: str) -> list[str]:
    """The cells of a header flattened into one unaccented paragraph, split at its landmarks."""
    if len(line) < 200 or not is_unaccented(line) or not _MOTTO_END.search(line[:300]):
        return [line]
    head = line[:_HEAD]
    cuts = {m.start() for m in _CUT_BEFORE.finditer(head)} | {m.end() for m in _CUT_AFTER.finditer(head)}
    cuts |= {_place_start(head, m.start()) for m in _PLACE_DATE.finditer(head)}
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(line)), len(line)]
    return [part for a, b in zip(bounds, bounds[1:], strict=False) if (part := line[a:b].strip())]


def _place_start(text: str, comma: int) -> int:
    """The start of the capitalised words (at most three) that end at `comma`: the place name."""
    start = comma
    for word in reversed(text[:comma].split()[-3:]):
        if not (word[:1].isupper() and word[1:].islower()):
            break
        start = text.rindex(word, 0, start)
    return start


def date_parts(text: str) -> tuple[int, str, str | None, str | None] | None:
    """Where an OCR'd place-date starts, its year, and its month and day when they are clean digits."""
    found = DATE.search(text)
    if not found:
        return None
    day, month = _CLEAN.match(found.group(1)), _CLEAN.match(found.group(2))
    return (found.start(), found.group(3), month.group(1) if month else None,
            day.group(1) if day and month else None)
