"""How a done task's proof, or a plan's closing, reads: one label for the site, the feeds and the exports.

A task marked done names the document that shows it (`status.proof`): a
report, a decision. Every view prints it the same way, "Báo cáo số 12/BC-SNV
ngày 15/06/2024 của Sở Nội vụ", so a reader can find the document itself.
"""

from __future__ import annotations

from .models import DocRef
from .text import short_date

PROOF_WORD = "Minh chứng"
"""What a done task's document is called where it is shown: "Minh chứng: Báo cáo số …"."""


def proof_label(ref: DocRef | None) -> str:
    """ "Báo cáo số 12/BC-SNV ngày 15/06/2024 của Sở Nội vụ": type, number, date, issuer; empty when none."""
    if ref is None:
        return ""
    parts = [ref.type, f"số {ref.number}" if ref.number else "", f"ngày {short_date(ref.date)}" if ref.date else "",
             f"của {ref.issuer}" if ref.issuer else ""]
    return " ".join(part for part in parts if part)


def proof_text(ref: DocRef | None) -> str:
    """The label, then the document's subject and address, as plain text (feeds, exports)."""
    if ref is None:
        return ""
    return " ".join(part for part in (proof_label(ref), ref.title or "", ref.url or "") if part)


def proof_href(ref: DocRef | None) -> str | None:
    """The document's address when it is a web address (http, https); anything else is not made a link."""
    url = ref.url if ref else None
    return url if url and url.lower().startswith(("https://", "http://")) else None
