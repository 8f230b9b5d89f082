"""A small word index of what Pagefind indexed, which the search box answers from first.

At 3,000 plans Pagefind's own search of a word found on nearly every page
("khen thưởng") takes one to two seconds in the browser: it works through
every place of the word on every page to rank and to cut excerpts. The search
worker answers from this index first (the pages' titles, best first), then
replaces that list with Pagefind's (excerpts, sections, Pagefind's ranking).

The index is made from Pagefind's own fragments, so it holds what Pagefind
indexed (a plan page's title, heading block, headings and task titles; an
agency's opening; ...): each folded word (`core.text.fold`: no tone marks,
đ -> d) with the pages it is on and how often, in files by the word's first
two letters, so a query fetches the few files of its words' beginnings. A
page is a number: its place in `pages.json` (fragment ids in sorted order).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..core.text import fold

FOLDER = "words"  # inside Pagefind's bundle folder
KEY = 2  # a word's file is named by its first two letters (a shorter word: by itself)
_WORD = re.compile(r"[^\W_]+")  # as the worker splits a query: letters and digits


def words_of(text: str) -> list[str]:
    """The folded words of a text, as the search worker splits a query."""
    return _WORD.findall(fold(text))


def word_files(pages: Iterable[dict[str, Any]]) -> dict[str, str]:
    """The index's files (name -> JSON) for Pagefind's fragments in page-number order: per word, a flat list
    of [page number as a step from the previous one, times on the page, 1 if in the page's title else 0]."""
    postings: dict[str, list[int]] = defaultdict(list)
    last: dict[str, int] = {}
    for number, fragment in enumerate(pages):
        title = set(words_of(fragment.get("meta", {}).get("title", "")))
        for word, count in sorted(Counter(words_of(fragment.get("content", ""))).items()):
            postings[word].extend((number - last.get(word, -1), count, int(word in title)))
            last[word] = number
    files: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word in sorted(postings):
        files[word[:KEY]][word] = postings[word]
    return {f"{key}.json": json.dumps(entries, separators=(",", ":")) for key, entries in sorted(files.items())}


def write_word_index(bundle: Path, pages: Iterable[dict[str, Any]]) -> None:
    """Write the word index of the fragments `pages` (in page-number order) into Pagefind's bundle folder."""
    folder = bundle / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in word_files(pages).items():
        (folder / name).write_text(content, encoding="utf-8")
