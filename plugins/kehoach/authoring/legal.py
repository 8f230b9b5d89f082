"""Reading a căn cứ paragraph into the documents it cites."""

from __future__ import annotations

import re
from typing import Any

from .layout import make_date

DOC_TYPES = ("Luật", "Nghị định", "Nghị quyết", "Thông tư", "Quyết định", "Chỉ thị", "Kế hoạch", "Tờ trình",
             "Công văn", "Hướng dẫn", "Thông báo")
_REF_START = re.compile(r"[;,]\s*(?=(?:{})\b)".format("|".join(DOC_TYPES)))
_REF_DATE = re.compile(r"ngày\s+(\d{1,2})\s*(?:/|tháng)\s*(\d{1,2})\s*(?:/|năm)\s*(\d{4})")


def legal_basis(text: str) -> dict[str, Any]:
    """One căn cứ paragraph with the documents it cites (type, number, date, issuer)."""
    body = re.sub(r"^(?:Căn cứ|Theo đề nghị của)\s+", "", text)
    refs = []
    for clause in _REF_START.split(body):
        proposer = re.match(r"(.+?)\s+tại\s+(.+)$", clause) if text.startswith("Theo đề nghị") else None
        words = proposer.group(2) if proposer else clause
        kind = next((t for t in DOC_TYPES if words.startswith(t)), None)
        if kind is None:
            continue
        ref: dict[str, Any] = {"type": kind}
        number = re.search(r"\bsố\s+([\w./-]+\w)", words)
        if number:
            ref["number"] = number.group(1)
        day = _REF_DATE.search(words)
        if day:
            ref["date"] = make_date(day.group(3), day.group(2), day.group(1))
        issuer = re.search(r"\bcủa\s+(.+?)(?=\s+(?:quy định|về|hướng dẫn|ban hành)\b|[,;.]|$)", words)
        if proposer:
            ref["issuer"] = proposer.group(1)
        elif issuer and len(issuer.group(1).split()) <= 8:
            ref["issuer"] = issuer.group(1)
        if kind == "Luật":
            ref["title"] = re.split(r"\s+ngày\s+", words)[0].rstrip(" ;.")
        refs.append({k: v for k, v in ref.items() if v})
    return {"text": text, "refs": refs} if refs else {"text": text}
