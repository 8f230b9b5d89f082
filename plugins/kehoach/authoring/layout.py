"""The building blocks of a header as it survives copying: cells, dates, the type line and subject.

A header table copied from a web page loses its shape: cells come as lines,
"|" residue or runs of spaces between columns, rule lines ("-------"), a date
split over two lines. `pieces` turns the first lines of a page back into cells;
`read_title` reads the type line (KẾ HOẠCH) and the subject under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..core.text import fold
from .issuer import is_banner, is_motto
from .unaccented import TYPE_LINE, split_flattened

ZONE = 80  # a header starts within the first lines of a page, after its chrome
_MARKUP = re.compile(r"\*+|_{2,}|^#+\s*|^[•·▪]\s*|\\$")  # and a web list's bullet: "• UỶ BAN MTTQ …"
_CELL_GAP = re.compile(r"\s*\|\s*|\s{3,}")
_RULE = re.compile(r"^[-–—_=*.\s]+$")
_DATE_START = re.compile(r",\s*ngày\b(?!.*năm\s*\d{4})")
_PLACE_DATE = re.compile(r"^[A-ZĐÀ-Ỹ][\w.]*(?:\s[\w.]+){0,3},\s*ngày\b")
TYPES = {"ke hoach": "Kế hoạch", "quyet dinh": "Quyết định"}
_WORD_OPENER = re.compile(r"^(?:Thực hiện|Nhằm|Để|Trên cơ sở|Tiếp theo)\s")
_TYPED_SUBJECT = re.compile(r"^KẾ HOẠCH\s+(?!số\b|SỐ\b)(\S.*)$")
# The period a subject ends with, set apart by a blank line: "NĂM HỌC 2024 – 2025", "Năm 2024".
_PERIOD = re.compile(r"^(?:nam hoc|nam|giai doan)\s+20\d\d\b")
_OPEN_PERIOD = re.compile(r"\b(?:nam hoc|nam|giai doan|den nam|tu nam)$")
# The national motto glued to the cell on its left when a Word header table is flattened.
_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM")
BODY_START = re.compile(r"^(?:[IVX]+\s*[.\-/]?\s|\d+\s*[.)/]\s*|[a-zđ]\)|[-+•–]\s|Căn cứ|Thực hiện|Theo đề nghị|"
                        r"Nhằm|Để\s|Trên cơ sở|Tiếp theo|Năm \d{4},|Ngày \d|\(Ban hành kèm)")
# Who decides: the line under a Quyết định's subject ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH").
_DECIDERS = ("CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "TRƯỞNG BAN", "HIỆU TRƯỞNG", "THỦ TRƯỞNG", "TỔNG GIÁM ĐỐC",
             "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "CHÁNH", "VIỆN TRƯỞNG", "CỤC TRƯỞNG", "BAN THƯỜNG VỤ")


@dataclass
class Piece:
    """One cell of one line: a header table cell as it survives copying."""

    line: int
    text: str


@dataclass
class Header:
    """The header's facts, where the body starts, and what was skipped or inferred."""

    facts: dict[str, Any] = field(default_factory=dict)
    end: int = 0
    skipped: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    rest: str = ""  # what follows the header on its last line (a flattened page): the body's start


def pieces(lines: list[str]) -> list[Piece]:
    """The cells of the first lines: "|" residue and wide space runs separate columns."""
    found: list[Piece] = []
    for index, raw in enumerate(lines[:ZONE]):
        for cell in [c for flat in split_flattened(raw.strip()) for c in _cells(_MARKUP.sub("", flat))]:
            for text in _unglue_motto(" ".join(cell.split())):
                if text and not _RULE.match(text):
                    found.append(Piece(index, text))
    return _join_dates(found)


def _unglue_motto(text: str) -> list[str]:
    """"PHÒNG GD & ĐT PHONG ĐIỀN CỘNG HÒA XÃ HỘI …": the issuer's cell and the motto, apart again.

    Only where the motto ends the cell or "Độc lập – Tự do – Hạnh phúc" follows it: a subject that names
    the country ("… QUỐC KHÁNH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (02/9/1945 - …)") stays whole."""
    motto = _MOTTO.search(text)
    after = text[motto.end():].strip() if motto else ""
    if not motto or motto.start() == 0 or not is_caps(text[:motto.start()]) or (after and not is_motto(after)):
        return [text]
    return [text[:motto.start()].strip(), *(part for part in (motto.group(), after) if part)]


def _cells(line: str) -> list[str]:
    """The cells of one line; a blank left for a number or a day ("Số:   /KH-UBND") is not a column gap."""
    cells: list[str] = []
    for cell in _CELL_GAP.split(line):
        if cells and (cell.startswith(("/", "-", "tháng", "năm")) or cells[-1].endswith((":", "ngày", "tháng", "Số"))):
            cells[-1] = f"{cells[-1]} {cell}"
        else:
            cells.append(cell)
    return cells


def _join_dates(found: list[Piece]) -> list[Piece]:
    """Cells a narrow column broke after a word, rejoined: "Hà Nội, ngày 03" + "tháng 06 năm 2014",
    "Sơn" + "La, ngày 11 tháng 3" + "năm 2020", "Số:" + "29/KH-UBND"."""
    joined: list[Piece] = []
    for piece in found:
        last = joined[-1] if joined else None
        if last and (_broken_date(last.text, piece.text) or _broken_place(last.text, piece.text) or
                     fold(last.text) in ("so", "so:")):
            joined[-1] = Piece(last.line, f"{last.text} {piece.text}")
        else:
            joined.append(piece)
    return joined


def _broken_date(last: str, text: str) -> bool:
    return bool(_DATE_START.search(last)) and (text[:1].isdigit() or text.startswith(("tháng", "năm")))


def _broken_place(last: str, text: str) -> bool:
    """"Thái" above "Nguyên, ngày 22 …": the first word(s) of a place name left on the line above."""
    words = last.split()
    return bool(_PLACE_DATE.match(text)) and 0 < len(words) <= 2 and all(
        w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words)


def make_date(year: str, month: str | None, day: str | None) -> Any:
    """A date, or a partial date ("2024-02", "2024") when the day or month is left blank."""
    import datetime as dt

    if not month:
        return year
    try:
        return dt.date(int(year), int(month), int(day)) if day else f"{int(year)}-{int(month):02d}"
    except ValueError:
        return None


def read_title(cells: list[Piece], index: int, header: Header) -> int:
    """Type line and subject after the anchors; the index of the first cell after them."""
    while index < len(cells) and (is_motto(cells[index].text) or is_banner(cells[index].text)):
        index += 1
    subject: list[str] = []
    if index < len(cells) and (fold(cells[index].text) in TYPES or TYPE_LINE.match(fold(cells[index].text))):
        header.facts["type"] = TYPES.get(fold(cells[index].text), "Kế hoạch")
        index += 1
    elif index < len(cells) and (typed := _TYPED_SUBJECT.match(cells[index].text)):
        header.facts["type"] = "Kế hoạch"  # "KẾ HOẠCH PHÁT ĐỘNG THI ĐUA …": type word and trích yếu on one line
        subject.append(typed.group(1))
        index += 1
    caps_only = "type" not in header.facts
    # A page that leaves a blank line between paragraphs leaves one between the type line and the subject, and
    # between the subject's lines too: only a wider gap than the one under the type line ends the subject.
    spacing = cells[index].line - cells[index - 1].line if "type" in header.facts and 0 < index < len(cells) else 1
    while index < len(cells) and len(subject) < 6:
        text = cells[index].text
        if subject and cells[index].line > cells[index - 1].line + max(1, min(spacing, 2)) and not (
                _open_quote(subject) or _PERIOD.match(fold(text))):
            break
        caps_subject = bool(subject) and is_caps(" ".join(subject))  # a subject in capitals ends at a plain line
        if (BODY_START.match(text) and not _subject_under_type(text, subject, caps_only)) or (
                (caps_only or caps_subject) and not is_caps(text) and not _period_end(text, subject)) or (
                subject and len(text) > 250) or (
                subject and header.facts.get("type") == "Quyết định" and text.startswith(_DECIDERS)):
            break
        subject.append(text)
        index += 1
    if subject:
        header.facts["subject"] = tidy_subject(" ".join(subject))
    return index


def _subject_under_type(text: str, subject: list[str], caps_only: bool) -> bool:
    """The line right under a type line that opens with a body word ("Thực hiện công tác thi đua …") is the
    trích yếu when it reads as one: short, ending without the ":", ";" or "." a body paragraph ends with."""
    return (not subject and not caps_only and len(text) < 200 and bool(_WORD_OPENER.match(text))
            and not text.rstrip().endswith((":", ";", ".")))


def _period_end(text: str, subject: list[str]) -> bool:
    """"2020 - 2025”" under "… GIAI ĐOẠN": the years a subject in capitals ends with, broken onto a line
    without letters; only when the subject is left open (a quote, or a period word waiting for its years)."""
    return (bool(subject) and not any(c.isalpha() for c in text) and text[:1].isdigit() and len(text) <= 20
            and (_open_quote(subject) or bool(_OPEN_PERIOD.search(fold(subject[-1])))))


def _open_quote(parts: list[str]) -> bool:
    joined = " ".join(parts)
    return joined.count("“") > joined.count("”")


def tidy_subject(text: str) -> str:
    """The subject as printed on one line, without the full stop a trích yếu does not take."""
    return " ".join(text.split()).rstrip(" .")


def is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
