"""A document's elements as printed (NĐ 30/2020/NĐ-CP Điều 8, Phụ lục I), with a blank where one is missing.

The print page and the DOCX both take a document's header and signature block
from `elements`, so the two print the same words and leave the same blanks to
fill, as a draft for signature does ("Số:      /KH-…", "…, ngày … tháng … năm …",
a dotted line for the signer's name). `missing` names what a document lacks
that its drafter must supply before it is signed; `kehoach check` warns about
it (KH508) when the plan says it is offered for signature (`for_signature`).

A plan issued with a decision ("Ban hành kèm theo Quyết định số …") carries no
number, date or signature of its own: those are the decision's. Such a plan is
`attached`: it prints a number, a date line or a signature only when it gives
one, and needs only its issuer and subject.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .errors import Finding
from .labels import DATE_FILL, ELEMENT_WORDS, FILL, FILL_LINE, symbol_blank
from .loader import LoadedPlan
from .models import Agency, Document, Plan
from .text import BLANK, admin_partial_date


@dataclass(frozen=True)
class Elements:
    """What a document prints of the decree's elements; blanks stand where the plan gives nothing."""

    parent: str | None  # the body above the issuer, in capitals
    issuer: str  # the issuing body in capitals, else a dotted line
    number: str | None  # "Số: 274/KH-UBND"; None for an attached plan that gives none (the decision's counts)
    date: str | None  # "Đồng Nai, ngày 23 tháng 12 năm 2022"; None for an attached plan that gives none
    type: str  # "KẾ HOẠCH"
    issuing: str | None  # a decision's issuing authority under its subject, in capitals
    capacity: tuple[str, ...]  # "TM. ỦY BAN NHÂN DÂN", then the signer's title, in capitals
    signer_name: str | None  # the name, else a dotted line; None when the document prints no signature


def is_attached(plan: Plan, document: Document) -> bool:
    """The plan issued with a decision (or whose source says it is attached to one), not the decision."""
    return document is plan.document and (plan.decision is not None or document.attached_to is not None)


def issuer_name(document: Document, agencies: dict[str, Agency]) -> str | None:
    """The issuer as printed, else its registry name in capitals; None when neither is known."""
    if document.issuer_name:
        return document.issuer_name.upper()
    return agencies[document.issuer].name.upper() if document.issuer in agencies else None


def number_line(document: Document) -> str:
    """ "Số: 274/KH-UBND"; a missing number is a gap, a missing ký hiệu its type's part and a blank."""
    return f"Số: {document.number or BLANK}/{document.symbol or symbol_blank(document)}"


def date_line(document: Document) -> str:
    """ "Đồng Nai, ngày 23 tháng 12 năm 2022"; blanks where the place, day or month are missing."""
    when = DATE_FILL if document.date is None else admin_partial_date(document.date)
    return f"{document.place or FILL}, {when}"


def missing(document: Document, agencies: dict[str, Agency], attached: bool) -> tuple[str, ...]:
    """The elements the document lacks that its drafter must supply before signature (`ELEMENT_WORDS`)."""
    signer = document.signer
    lacking = {
        "issuer": issuer_name(document, agencies) is None,
        "symbol": not document.symbol,
        "place": not document.place,
        "subject": not document.subject,
        "signer": signer is None or not (signer.capacity or signer.title),
        "signer_name": signer is None or not signer.name,
        "recipients": not document.recipients,
    }
    needed = ("issuer", "subject") if attached else tuple(ELEMENT_WORDS)
    return tuple(key for key in ELEMENT_WORDS if key in needed and lacking[key])


def elements(document: Document, agencies: dict[str, Agency], attached: bool = False) -> Elements:
    """The document's header and signature elements as both the print page and the DOCX print them."""
    signer = document.signer
    capacity = [f"{c.kind} {c.of}".upper() for c in signer.capacity] if signer else []
    if signer and signer.title:
        capacity.append(signer.title.upper())
    signs = not attached or signer is not None
    if signs and not capacity:
        capacity.append(FILL_LINE)
    name = (signer.name if signer and signer.name else FILL_LINE) if signs else None
    return Elements(
        parent=document.parent.upper() if document.parent else None,
        issuer=issuer_name(document, agencies) or FILL_LINE,
        number=number_line(document) if not attached or document.number or document.symbol else None,
        date=date_line(document) if not attached or document.place or document.date else None,
        type=document.type.upper(),
        issuing=document.issuing_title.upper() if document.issuing_title else None,
        capacity=tuple(capacity),
        signer_name=name,
    )


def check_signing(loaded: LoadedPlan, agencies: dict[str, Agency]) -> Iterator[Finding]:
    """KH508: a plan offered for signature (`for_signature: true`) whose documents lack an element."""
    plan = loaded.plan
    if not plan.for_signature:
        return
    for key, document in (("decision", plan.decision), ("document", plan.document)):
        if document is None:
            continue
        lacking = missing(document, agencies, is_attached(plan, document))
        if not lacking:
            continue
        line, col = loaded.at(key)
        names = ", ".join(ELEMENT_WORDS[item][0] for item in lacking)
        fields = "; ".join(ELEMENT_WORDS[item][1] for item in lacking)
        yield Finding(
            loaded.yaml_path, line, col, "KH508", "warning",
            f"{document.type} trình ký còn thiếu thành phần thể thức theo Nghị định 30/2020/NĐ-CP: {names}",
            f"Ghi vào khối «{key}»: {fields}. Số và ngày ban hành để trống được: văn thư ghi sau khi ký. "
            "Nếu văn bản chưa trình ký, bỏ dòng `for_signature: true`.")
