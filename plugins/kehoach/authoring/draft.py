"""Assembling the plan's YAML mapping from a draft, with honest notes.

What the document does not say stays empty and is named in a "gap" note; what the
importer worked out (a type from a symbol, facts from a title line, the year from the
subject) is named in an "inference" note; a deadline it could not read keeps only its
words. The notes go into the plan's `source` list, where `kehoach check` and a person
reviewing the draft see them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..core.text import slugify
from .names import keep_names
from .reader import is_caps
from .tasks import Draft
from .year import year_of

_DOC_ORDER = ("type", "parent", "issuer_name", "issuer", "number", "symbol", "place", "date", "subject",
              "attached_to", "issuing_title", "legal_bases", "body", "recipients", "signer")
_GAPS = {"issuer_name": "tên cơ quan ban hành", "number": "số", "symbol": "ký hiệu", "place": "địa danh",
         "date": "ngày ban hành", "subject": "trích yếu", "signer": "người ký"}
FACTS = ("parent", "issuer_name", "number", "symbol", "place", "date", "type", "subject")


def documents(draft: Draft) -> list[tuple[dict[str, Any], list[str]]]:
    """The documents the draft holds (decision first, plan last), each with its body lines."""
    return [(d, b) for d, b in zip(draft.docs, draft.bodies, strict=True) if d.get("type") or d.get("subject") or b]


def header_facts(draft: Draft) -> dict[str, Any]:
    """The plan document's header facts as the draft gives them (None when absent)."""
    docs = documents(draft)
    facts = _facts(docs[-1][0] if docs else {})
    facts["type"] = facts["type"] or "Kế hoạch"
    facts["year"], facts["school_year"] = year_of(draft.docs)
    return facts


def decision_facts(draft: Draft) -> dict[str, Any]:
    """The header facts of the Quyết định the plan is issued with, when the draft has one (else all None)."""
    docs = documents(draft)
    return _facts(docs[0][0] if len(docs) > 1 else {})


def _facts(doc: dict[str, Any]) -> dict[str, Any]:
    facts: dict[str, Any] = {key: doc.get(key) for key in FACTS}
    signer = doc.get("signer") or {}
    facts["signer"] = " ".join(str(signer[k]) for k in ("title", "name") if signer.get(k)) or None
    return facts


def gaps(draft: Draft) -> list[str]:
    """The header facts of the plan document that the source does not give, in Vietnamese."""
    docs = documents(draft)
    doc = docs[-1][0] if docs else {}
    if doc.get("attached_to") or len(docs) > 1:  # a plan issued with a decision takes number and date from it
        return [label for key, label in _GAPS.items() if key in ("subject", "signer") and not doc.get(key)]
    return [label for key, label in _GAPS.items() if not doc.get(key)]


def plan_data(draft: Draft, year: int, source_name: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The ke-hoach.yml mapping and the Markdown files of a draft."""
    docs = documents(draft)
    plan_doc, plan_body = docs[-1] if docs else ({}, [])
    decision = docs[0] if len(docs) > 1 else None
    files = {"noi-dung.md": "\n\n".join(plan_body) + "\n"}
    text = " ".join(" ".join(body) for _, body in docs)
    data: dict[str, Any] = {"schema_version": 1, "year": year, "title": _title(plan_doc, text, draft.named)}
    school_year = year_of(draft.docs)[1]
    if school_year and int(school_year[:4]) == year:
        data["period"] = {"start": dt.date(year, 9, 1), "end": dt.date(year + 1, 8, 31)}
    data["document"] = _document(plan_doc, "noi-dung.md")
    if decision:
        files["quyet-dinh.md"] = "\n\n".join(decision[1]) + "\n" if decision[1] else "\n"
        data["document"].setdefault("issuer", decision[0].get("issuer"))
        data["decision"] = _document(decision[0], "quyet-dinh.md")
    data.update({"sections": draft.sections, "tasks": draft.tasks, "reporting": draft.reporting})
    if draft.appendix and draft.appendix["sections"]:
        data["appendix"] = {k: v for k, v in draft.appendix.items() if v is not None}
    data["source"] = source_notes(draft, source_name, year, school_year)
    return {k: v for k, v in data.items() if v not in (None, [])}, files


def source_notes(draft: Draft, source_name: str, year: int, school_year: str | None) -> list[dict[str, str]]:
    """What the importer inferred and what the source lacks, as the plan's `source` notes."""
    notes = [{"kind": "inference", "text": f"Bản nháp do «kehoach import» tạo từ «{source_name}»; "
                                           "cần người soát lại trước khi dùng."}]
    notes += [{"kind": kind, "text": text} for kind, text in draft.notes]
    if school_year:
        notes.append({"kind": "inference", "text": f"Kế hoạch năm học {school_year}: thời gian thực hiện đặt từ "
                                                   f"01/9/{year} đến 31/8/{year + 1}; cần người soát lại."})
    missing = gaps(draft)
    if missing:
        notes.append({"kind": "gap", "text": "Bản nguồn không ghi " + ", ".join(missing) + "; để trống, cần người "
                                             "điền nếu có."})
    if draft.skipped:
        notes.append({"kind": "doubt", "text": f"Đã bỏ {len(draft.skipped)} dòng đứng trước văn bản (phần trang "
                                               "web, thông tin cơ sở dữ liệu); xem báo cáo của «kehoach import»."})
    return notes


def _document(doc: dict[str, Any], body: str) -> dict[str, Any]:
    found = {**doc, "type": doc.get("type") or "Kế hoạch", "body": body}
    return {key: found[key] for key in _DOC_ORDER if found.get(key) not in (None, [], {})}


def _title(doc: dict[str, Any], text: str, named: str | None = None) -> str:
    """"Kế hoạch <subject>", the subject in the casing the document gives its words; a plan without a trích yếu
    of its own takes the name its decision gives it ("Phê duyệt Kế hoạch chuyển đổi …")."""
    if not doc.get("subject") and named:
        return " ".join(named.split())
    subject = " ".join((doc.get("subject") or "").split())
    # "V/v" (về việc), a công văn's abbreviation some plans print before their subject, adds nothing to a title.
    subject = re.sub(r"^[Vv]/[Vv]\s+", "", subject)
    if is_caps(subject):
        words = keep_names(subject, text)
    else:  # a printed subject opens with a capital the title does not need, unless an abbreviation
        first = subject.split(" ", 1)[0]
        words = subject if is_caps(first) else subject[:1].lower() + subject[1:]
    return f"{doc.get('type') or 'Kế hoạch'} {words}".strip()


def default_slug(data: dict[str, Any], namespace: str | None) -> str:
    """A folder name from place (or jurisdiction), type and number: dong-nai-ke-hoach-274."""
    doc = data.get("decision") or data["document"]
    place = doc.get("place") or (namespace or "")
    return slugify(" ".join([place, *(str(doc.get(k) or "") for k in ("type", "number"))])) or "ke-hoach"
