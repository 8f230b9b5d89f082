"""Telling the issuer's lines of a header apart: motto, banner, parent, issuer.

Copied headers break the issuer over lines ("ỦY" / "BAN NHÂN DÂN", "HỘI ĐỒNG THI" /
"ĐUA -" / "KHEN THƯỞNG TRUNG ƯƠNG") and mix in the right column's national motto,
itself broken ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM"), or the banner that Party,
Đoàn and Đội documents print in its place ("ĐẢNG CỘNG SẢN VIỆT NAM"). A line that
starts with a unit noun (SỞ, CÔNG ĐOÀN, LIÊN ĐỘI…) starts a new unit: the one above
it is the parent; any other line continues the unit above ("TỈNH NGHỆ AN").
"""

from __future__ import annotations

import re

from ..core.text import fold

_MOTTOS = (" cong hoa xa hoi chu nghia viet nam ", " doc lap tu do hanh phuc ")
_BANNERS = ("dang cong san viet nam", "doan tncs ho chi minh", "doi tntp ho chi minh",
            "doan thanh nien cong san ho chi minh", "doi thieu nien tien phong ho chi minh")
# Words that open the name of a body; "tỉnh", "huyện"… continue the name above them.
_UNIT_NOUNS = tuple(f"{noun} " for noun in (
    "uy ban", "ubnd", "hdnd", "hoi dong", "so", "phong", "ban", "bo", "cuc", "chi cuc", "tong cuc", "vu", "vien",
    "truong", "trung tam", "benh vien", "cong doan", "cdcs", "lien doan", "doan", "bch", "lien doi", "chi doi", "hoi",
    "chi hoi", "dang uy", "dang bo", "chi bo", "dang doan", "ban can su", "tinh uy", "thanh uy", "huyen uy",
    "quan uy", "tinh doan", "thanh doan", "huyen doan", "quan doan", "cong ty", "tong cong ty", "khoi", "cum",
    "van phong", "thanh tra", "mat tran", "bo chi huy", "cong an", "kho bac", "hoc vien", "dai hoc"))
_OPEN_ENDINGS = (" -", " va", " &")


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def is_motto(text: str) -> bool:
    """True for the national motto or a piece of it, as broken lines leave it."""
    words = _words(text)
    return bool(words) and any(f" {words} " in motto for motto in _MOTTOS)


def is_banner(text: str) -> bool:
    """True for the banner a Party, Đoàn or Đội header prints in the motto's place."""
    return _words(text) in _BANNERS


def strip_banner(text: str) -> str:
    """A banner glued to the unit after it ("ĐỘI TNTP HỒ CHÍ MINH LIÊN ĐỘI …") is dropped."""
    for banner in _BANNERS:
        count = len(banner.split())
        head, rest = " ".join(text.split()[:count]), " ".join(text.split()[count:])
        if _words(head) == banner and rest and _starts_unit(rest):
            return rest
    return text


def _starts_unit(text: str) -> bool:
    return (_words(text) + " ").startswith(_UNIT_NOUNS)


def split_units(fragments: list[str]) -> list[str]:
    """The bodies named by the issuer's lines, outermost first: [parent, issuer]."""
    units: list[str] = []
    for fragment in fragments:
        text = " ".join(fragment.rstrip(" |").split())
        if not text:
            continue
        if units and (not _starts_unit(text) or _incomplete(units[-1])):
            units[-1] = f"{units[-1]} {text}"
        else:
            units.append(text)
    return units


def split_run(text: str) -> list[str]:
    """The units of one run of capitals that lost its line breaks: a unit noun starts the next unit."""
    units: list[list[str]] = [[]]
    words = text.split()
    for index, word in enumerate(words):
        if units[-1] and _starts_unit(" ".join(words[index:])) and not _incomplete(" ".join(units[-1])):
            units.append([])
        units[-1].append(word)
    return [" ".join(unit) for unit in units if unit]


def _incomplete(unit: str) -> bool:
    """True for a name cut mid-phrase: one word, or ending on a dash or a conjunction."""
    words = _words(unit)
    return len(unit.split()) == 1 or unit.endswith(_OPEN_ENDINGS) or words in ("uy ban", "hoi dong", "ban")
