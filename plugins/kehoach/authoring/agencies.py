"""Matching the agency names a document prints against the registry.

Strict by design: a name is matched by its folded full name, short name or
abbreviation (or a very close spelling); anything else stays as text and is listed
for a person, who may add it to the registry as a new entry.
"""

from __future__ import annotations

import difflib
import re

from ..core.checks import AgencyNames
from ..core.models import Agency
from ..core.text import fold
from .docx_text import Block


class Agencies:
    """Registry look-up by folded name, short name or abbreviation, strict by design."""

    def __init__(self, agencies: dict[str, Agency], namespace: str | None):
        self.by_name = AgencyNames(agencies).by_name
        self.namespace = namespace

    def find(self, text: str) -> tuple[str | None, bool]:
        """The agency `text` names and whether the words matched exactly."""
        plain = fold(re.sub(r"^(?:giao|các)\s+", "", text.strip(" ;,.:-"), flags=re.I))
        keys = [fold(text.strip(" ;,.:-")), plain, fold(re.sub(r"\s*\([^)]*\)", "", text).strip(" ;,.:-"))]
        for index, key in enumerate(keys):
            found = self._pick(self.by_name.get(key, []))
            if found:
                return found, index == 0
        for close in difflib.get_close_matches(keys[0], list(self.by_name), n=3, cutoff=0.9):
            found = self._pick(self.by_name[close])
            if found:
                return found, False
        return None, False

    def _pick(self, ids: list[str]) -> str | None:
        home = [i for i in ids if self.namespace is None or i.startswith(self.namespace + "/")]
        central = [i for i in ids if i.startswith("trung-uong/")]
        return next(iter(home or central), None)

    def scan(self, text: str) -> list[str]:
        """Agencies whose full name or short name occurs in `text`, longest first, no overlaps."""
        folded = fold(text)
        found: list[str] = []
        taken: list[tuple[int, int]] = []
        for key in sorted(self.by_name, key=len, reverse=True):
            at = folded.find(key) if len(key) >= 12 else -1
            agency = self._pick(self.by_name[key]) if at >= 0 else None
            if agency and agency not in found and not any(s < at + len(key) and at < e for s, e in taken):
                found.append(agency)
                taken.append((at, at + len(key)))
        return [a for _, a in sorted(zip([s for s, _ in taken], found, strict=True))]


def guess_namespace(blocks: list[Block], agencies: dict[str, Agency]) -> str | None:
    """The jurisdiction the document belongs to: the registry prefix it names most."""
    text = fold(" ".join(b if isinstance(b, str) else " ".join(b) for b in blocks))
    scores: dict[str, int] = {}
    for agency in agencies.values():
        prefix = agency.id.split("/")[0]
        if prefix == "trung-uong":
            continue
        names = [fold(agency.name), *(fold(s) for s in agency.short)]
        scores[prefix] = scores.get(prefix, 0) + sum(1 for name in names if len(name) >= 12 and name in text)
    for prefix in scores:
        scores[prefix] += 3 * len(re.findall(rf"\b{prefix.replace('-', ' ')}\b", text))
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    # One common phrase ("truyền thông") is no evidence; the place's name or three agencies are.
    return best[0][0] if best and best[0][1] >= 3 else None
