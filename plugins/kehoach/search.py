"""Diacritic-free search: fold the words of Material's search index.

Material's search (lunr with the `vi` pipeline) matches words exactly as they
are written, so "thi dua" never finds "thi đua". After Material writes
`search/search_index.json`, every entry gets a hidden span appended to its
text holding the folded form (no diacritics, đ -> d, lower case) of each word
of its title and text that folding changes. Unaccented queries then match the
hidden words and accented queries still match the visible ones. The span is
`hidden`, so result snippets never show it, and Material's tokenizer skips the
tags themselves.

Only distinct changed words are appended, not a folded copy of the whole text:
lunr indexes a bag of words (queries are OR-ed prefixes, no phrases), so the
copy would add bytes but no matches.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from kehoach.text import fold

FOLD_MARK = "<span hidden data-fold>"
_FOLD_END = "</span>"
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


def words(markup: str) -> list[str]:
    """Return the lower-cased words of an index title or text, tags and entities resolved."""
    plain = html.unescape(_TAG.sub(" ", markup))
    return _WORD.findall(unicodedata.normalize("NFC", plain).lower())


def folded_words(*markups: str) -> list[str]:
    """Folded forms that differ from every word present, in order of first appearance.

    A word that folding leaves unchanged ("thi") is already searchable as
    typed; a folded form that also occurs as a written word ("dua" beside
    "đua") adds nothing either.
    """
    present = [word for markup in markups for word in words(markup)]
    seen = set(present)
    extra: list[str] = []
    for word in present:
        folded = fold(word)
        if folded not in seen:
            seen.add(folded)
            extra.append(folded)
    return extra


def unfolded(text: str) -> str:
    """Return an index text without the span a previous fold appended (idempotence)."""
    cut = text.rfind(FOLD_MARK)
    if cut >= 0 and text.endswith(_FOLD_END):
        return text[:cut]
    return text


def fold_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of one index entry with the folded words appended to its text."""
    text = unfolded(str(entry.get("text", "")))
    extra = folded_words(str(entry.get("title", "")), text)
    if extra:
        text = f"{text}{FOLD_MARK}{' '.join(extra)}{_FOLD_END}"
    return {**entry, "text": text}


def fold_search_index(text: str) -> str:
    """Return Material's search_index.json text with every entry made searchable without diacritics.

    Idempotent (folding twice gives the same text) and deterministic (entry
    and key order are kept). The JSON is written as UTF-8 rather than
    ASCII escapes ("ở" is 3 bytes instead of 6), which keeps the index small;
    Material reads it with `fetch().json()`, which always decodes UTF-8.
    """
    index = json.loads(text)
    index["docs"] = [fold_entry(entry) for entry in index.get("docs", [])]
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def fold_search_index_file(path: Path) -> None:
    """Fold the search index at `path` in place; a missing file (search disabled) is left alone."""
    if path.is_file():
        path.write_text(fold_search_index(path.read_text(encoding="utf-8")), encoding="utf-8")
