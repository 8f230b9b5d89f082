"""Word's automatic list numbers, which a paragraph's text does not contain.

In a Word plan "1. Mục đích" is often a numbered-list paragraph whose text is only
"Mục đích": the "1." is drawn from numbering.xml. The reader needs it to tell
headings and tasks apart, so it is rebuilt here: each paragraph's list (numId) and
level, directly or through its style, counted as Word counts (a list instance with
a start override restarts; deeper levels restart under a new item), formatted with
the level's number format and text ("%1.", "%1.%2.", "-").
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _val(element: Any, tag: str) -> str | None:
    found = element.find(qn(tag)) if element is not None else None
    return found.get(qn("w:val")) if found is not None else None


class Numbering:
    """The list labels of one document's paragraphs, counted in document order."""

    def __init__(self, document: Any):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.abstract: dict[str, str] = {}
        self.restart: set[tuple[str, int]] = set()
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a document without lists
            return
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                start = int(_val(lvl, "w:start") or 1)
                levels[int(lvl.get(qn("w:ilvl")))] = (_val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText")
                                                      or "", start)
            self.levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            self.abstract[num_id] = _val(num, "w:abstractNumId") or ""
            for override in num.findall(qn("w:lvlOverride")):
                if override.find(qn("w:startOverride")) is not None:
                    self.restart.add((num_id, int(override.get(qn("w:ilvl")))))

    def label(self, paragraph: Any) -> str | None:
        """The label Word shows before `paragraph` ("1.", "a)", "-"), or None."""
        found = _num_pr(paragraph)
        if found is None or found[0] not in self.abstract:
            return None
        num_id, level = found
        levels = self.levels.get(self.abstract[num_id], {})
        if level not in levels:
            return None
        key = num_id if any((num_id, lvl) in self.restart for lvl in levels) else self.abstract[num_id]
        counters = self.counters.setdefault(key, [levels[lvl][2] - 1 if lvl in levels else 0 for lvl in range(9)])
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = levels[deeper][2] - 1 if deeper in levels else 0
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return "-"
        for index in range(level + 1):
            shown = _format(levels.get(index, ("decimal", "", 1))[0], counters[index])
            text = text.replace(f"%{index + 1}", shown)
        return text or None


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """The list and level of a paragraph, set on it or on its style (or a style it is based on)."""
    ppr = paragraph._p.pPr
    num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        style_ppr = style.element.pPr
        num_pr = style_ppr.find(qn("w:numPr")) if style_ppr is not None else None
        style = style.base_style
    num_id = _val(num_pr, "w:numId")
    if num_id in (None, "0"):
        return None
    return num_id, int(_val(num_pr, "w:ilvl") or 0)


def _format(fmt: str, number: int) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        text = ""
        for value, letters in _ROMAN:
            while number >= value:
                text, number = text + letters, number - value
        return text if fmt == "upperRoman" else text.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    return "" if fmt == "none" else str(number)
