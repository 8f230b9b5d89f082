"""Diacritic-free search: fold the words of Material's search index.

Material's search (lunr with the `vi` language) matches words exactly as they
are written, so "thi dua" never finds "thi đua". After Material writes
`search/search_index.json`, every entry gets a hidden span appended to its
text holding the folded form (no diacritics, đ -> d, lower case) of each of
its words that folding changes. Unaccented queries then match the hidden words
and accented queries still match the visible ones. The span is `hidden`, so
result snippets never show it, and Material's tokenizer skips the tags.

"Words" are the tokens lunr itself indexes: the text between tags, split on
the index's `separator` (`[\\s\\-]+` by default), lower-cased, punctuation
kept (Material drops the `vi` trimmer from the pipeline). Only distinct folded
tokens that are not already tokens of the entry are appended, not a folded
copy of the whole text: lunr indexes a bag of words (queries are OR-ed
prefixes, no phrases), so a copy would add bytes but no matches.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core import links
from ..core.text import fold

FOLD_MARK = "<span hidden data-fold>"
_FOLD_END = "</span>"
_TAG = re.compile(r"<[^>]*>")
DEFAULT_SEPARATOR = r"[\s\-]+"
# Material escapes "<" and ">" in index text; a stray one would open a tag inside the hidden span.
_ANGLE = frozenset("<>")


def separator_of(config: dict[str, Any]) -> re.Pattern[str]:
    """The token separator of the index (a JavaScript regex, compatible with Python's for Material's defaults)."""
    try:
        return re.compile(str(config.get("separator") or DEFAULT_SEPARATOR))
    except re.error:
        return re.compile(DEFAULT_SEPARATOR)


def tokens(markup: str, separator: re.Pattern[str] = re.compile(DEFAULT_SEPARATOR)) -> list[str]:
    """The tokens lunr indexes for a title or text: text between tags, split, lower-cased."""
    return [
        token.lower()
        for segment in _TAG.split(markup)
        for token in separator.split(segment)
        if token and not token.isspace()
    ]


def folded_tokens(markups: list[str], separator: re.Pattern[str]) -> list[str]:
    """Folded tokens that are not tokens already, in order of first appearance.

    A token that folding leaves unchanged ("thi") is already searchable as
    typed; a folded form that also occurs as written ("dua" beside "đua")
    adds nothing either.
    """
    present = [token for markup in markups for token in tokens(markup, separator)]
    seen = set(present)
    extra: list[str] = []
    for token in present:
        folded = fold(token)
        if folded and folded not in seen and not _ANGLE & set(folded):
            seen.add(folded)
            extra.append(folded)
    return extra


def unfolded(text: str) -> str:
    """Return an index text without the span a previous fold appended (idempotence)."""
    cut = text.rfind(FOLD_MARK)
    if cut >= 0 and text.endswith(_FOLD_END):
        return text[:cut]
    return text


def fold_entry(entry: dict[str, Any], separator: re.Pattern[str]) -> dict[str, Any]:
    """Return a copy of one index entry with the folded tokens of its title and text appended to its text."""
    text = unfolded(str(entry.get("text", "")))
    extra = folded_tokens([str(entry.get("title", "")), text], separator)
    if extra:
        text = f"{text}{FOLD_MARK}{' '.join(extra)}{_FOLD_END}"
    return {**entry, "text": text}


@dataclass(frozen=True)
class Scope:
    """Which sections of which pages the index keeps, by page URL (as in an entry's location).

    Material makes one entry per heading with an id (location `page#id`) and one
    for what precedes the first (location `page`), the page's opening.
    """

    openings_only: frozenset[str] = frozenset()
    """Pages indexed by their opening alone (agency pages: their name and other names, not the
    headings of their task groups, which hold nothing that is indexed)."""
    titles_only: frozenset[str] = frozenset()
    """Pages whose sections keep their heading and lose their text (plan pages of a large site:
    the opening, the document's heading block, stays whole). Sections the page template adds
    (ids `kh-…`: "Báo cáo định kỳ", "Nhiệm vụ khác") have the same heading on every plan and go."""

    def entry(self, entry: dict[str, Any]) -> dict[str, Any] | None:
        """The entry as the index keeps it, or None when it is left out."""
        page, _, anchor = str(entry.get("location", "")).partition("#")
        if not anchor:
            return entry
        if page in self.openings_only or (page in self.titles_only and anchor.startswith("kh-")):
            return None
        return {**entry, "text": ""} if page in self.titles_only else entry

    def entries(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The entries the index keeps, in order."""
        return [kept for entry in entries if (kept := self.entry(entry)) is not None]


AGENCY_PAGES = posixpath.dirname(links.AGENCIES) + "/"  # every agency's pages sit under the agencies index


def scope_of(titles: bool, plan_ids: Iterable[str], pages: Iterable[tuple[str, str, bool]]) -> Scope:
    """What the index keeps of the pages, given as (source path, URL, generated): agency pages by their
    opening only; plan pages by their headings when `titles`."""
    plans = {links.plan_page(plan_id) for plan_id in plan_ids} if titles else set()
    pages = list(pages)
    return Scope(openings_only=frozenset(url for src, url, generated in pages if generated and
                                         src.startswith(AGENCY_PAGES) and src != links.AGENCIES),
                 titles_only=frozenset(url for src, url, _ in pages if src in plans))


def fold_search_index(text: str, scope: Scope = Scope()) -> str:
    """Return Material's search_index.json text with every entry made searchable without diacritics.

    Only the entries `scope` keeps are written. Idempotent (folding twice
    gives the same text) and deterministic (entry and key order are kept).
    The JSON is written as UTF-8 rather than ASCII escapes ("ở" is 3 bytes
    instead of 6), which keeps the index small; Material reads it with
    `fetch().json()`, which always decodes UTF-8.
    """
    index = json.loads(text)
    separator = separator_of(index.get("config") or {})
    index["docs"] = [fold_entry(entry, separator) for entry in scope.entries(index.get("docs", []))]
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def fold_search_index_file(path: Path) -> None:
    """Fold the search index at `path` in place; a missing file (search disabled) is left alone."""
    if path.is_file():
        path.write_text(fold_search_index(path.read_text(encoding="utf-8")), encoding="utf-8")


class SearchPages:
    """The search entries of each page, kept across `mkdocs serve --dirty` rebuilds, folded once.

    In a dirty rebuild Material's search plugin merges the entries of the pages
    it just indexed into its previous index by dropping the previous entries of
    the *first* of those pages only (it assumes one page changed). Saving a plan
    re-renders several pages (the plan, its agencies, the home page), so the
    plugin keeps the entries itself, page by page, and writes the index from them.
    """

    def __init__(self) -> None:
        self.pages: dict[str, list[dict[str, Any]]] = {}  # page URL -> its entries, in first-build order
        self.folded: dict[str, list[dict[str, Any]]] = {}
        self.scope = Scope()

    def update(self, entries: list[dict[str, Any]], rendered: set[str], alive: set[str]) -> None:
        """Take the entries of the pages rendered in this build; forget the pages that are gone."""
        fresh: dict[str, list[dict[str, Any]]] = {}  # in the search plugin's order, which a first build keeps
        for entry in entries:
            fresh.setdefault(str(entry.get("location", "")).split("#")[0], []).append(entry)
        for url in sorted(rendered - fresh.keys()):
            fresh[url] = []  # rendered, nothing to index (excluded from search)
        for url, found in fresh.items():
            self.pages[url] = found
            self.folded.pop(url, None)
        for url in self.pages.keys() - alive:
            del self.pages[url]
            self.folded.pop(url, None)

    def write(self, index_text: str, scope: Scope = Scope()) -> str:
        """The search index: the configuration of `index_text` (as Material wrote it) and every kept entry
        that `scope` keeps, folded."""
        index = json.loads(index_text)
        separator = separator_of(index.get("config") or {})
        if scope != self.scope:  # e.g. `search: auto` crossed its threshold while serving
            self.folded.clear()
            self.scope = scope
        for url, entries in self.pages.items():
            if url not in self.folded:
                self.folded[url] = [fold_entry(entry, separator) for entry in scope.entries(entries)]
        index["docs"] = [entry for url in self.pages for entry in self.folded[url]]
        return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
