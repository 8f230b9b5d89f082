"""What a plan's Markdown body declares that the rest of its page depends on: heading anchors and links.

The site's Markdown (Python-Markdown's toc with pymdownx's slugify, `case: lower`, as in mkdocs.yml)
gives each heading an id; a heading whose id is a task's id would take the task's anchor, so links
to the task (from feeds, exports, agency pages) would open the heading. A relative link in a body
points into the repository, which the site does not publish, so `mkdocs build --strict` fails on it.
Both are found here, in the core, so `kehoach check` reports them before a build does.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_ATTR_ID = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}\s*$")
_TAGS = re.compile(r"</?[^>]*>")
_INVALID = re.compile(r"[^\w\- ]")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INLINE_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S*?)>?(?:\s|$)")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def slug(text: str) -> str:
    """A heading's id as the site's toc makes it (pymdownx.slugs.slugify, case lower)."""
    plain = _TAGS.sub("", unicodedata.normalize("NFC", text)).strip().lower()
    return _INVALID.sub("", plain).replace(" ", "-")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines outside fenced code blocks."""
    fence = ""
    for number, line in enumerate(text.split("\n"), start=1):
        opened = _FENCE.match(line)
        if opened and (not fence or opened.group(1) == fence):
            fence = "" if fence else opened.group(1)
            continue
        if not fence:
            yield number, line.rstrip("\r")


def headings(text: str) -> Iterator[tuple[int, int, str, str, bool]]:
    """Line, column, words, id of each heading of a body (ATX `## …` and setext underlined ones), and
    whether the id is written out (`{#id}`). One pass of a compiled pattern unless the body has code fences."""
    if "```" in text or "~~~" in text:
        yield from _headings_by_line(text)
        return
    for match in _HEADING.finditer(text):
        words = match.group(2) if match.group(1) else match.group(3).strip()
        start = match.start(2) if match.group(1) else match.start(3)
        line = text.count("\n", 0, start) + 1
        yield line, start - (text.rfind("\n", 0, start) + 1) + 1, *_id_of(words)


_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\r?$"
                      r"|^ {0,3}(\S[^\n]*)\n {0,3}(?:=+|-+)[ \t]*\r?$", re.MULTILINE)


def _headings_by_line(text: str) -> Iterator[tuple[int, int, str, str, bool]]:
    previous: tuple[int, str] | None = None
    for number, line in _lines(text):
        atx = _ATX.match(line)
        if atx:
            yield number, atx.start(2) + 1, *_id_of(atx.group(2))
        elif previous and previous[1].strip() and _SETEXT.match(line) and not previous[1].startswith(("    ", "\t")):
            yield previous[0], 1, *_id_of(previous[1].strip())
        previous = (number, line)


def _id_of(words: str) -> tuple[str, str, bool]:
    explicit = _ATTR_ID.search(words)
    if explicit:
        return words[: explicit.start()].rstrip(), explicit.group(1), True
    return words, slug(words), False


def relative_links(text: str) -> Iterator[tuple[int, int, str]]:
    """Line, column and target of each Markdown link or image that points into the repository
    (no scheme such as https:, not an anchor on the page, not a site-absolute /path)."""
    for number, line in _lines(text):
        found = [(m.start(1), m.group(1)) for m in _INLINE_LINK.finditer(line)]
        reference = _REFERENCE.match(line)
        if reference:
            found.append((reference.start(1), reference.group(1)))
        for start, target in found:
            plain = re.sub(r"[\x00-\x20]+", "", html.unescape(target))  # as a browser reads the address
            if plain and not plain.startswith(("#", "/")) and not _SCHEME.match(plain):
                yield number, start + 1, target


MAX_NESTING = 20  # a document needs a few levels; Python-Markdown recurses once per level (about 1,000 crash it)
_QUOTES = re.compile(rf"^(?:[ \t]*>){{{MAX_NESTING + 1},}}", re.MULTILINE)
_DEEP_LIST = re.compile(rf"^(?: {{{2 * MAX_NESTING + 1},}}|\t{{{MAX_NESTING // 2 + 1},}})"  # 2 spaces or a tab a level
                        r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


def too_deep(text: str) -> Iterator[tuple[int, int, str]]:
    """Line, column and kind of the first place, of each kind, where a body nests deeper than
    `MAX_NESTING` levels: block quotes, lists (by indentation), raw HTML elements, emphasis
    (`*` and `_` runs opening inside a paragraph). Linear in the text; compiled patterns first,
    a walk over the lines only for a body with many tags or emphasis marks."""
    for pattern, kind in ((_QUOTES, "trích dẫn «>»"), (_DEEP_LIST, "danh sách thụt lề")):
        found = pattern.search(text)
        if found:
            yield text.count("\n", 0, found.start()) + 1, 1, kind
    many_tags = text.count("<") > MAX_NESTING
    many_marks = text.count("*") + text.count("_") > MAX_NESTING
    if many_tags or many_marks:
        yield from _deep_inline(text, many_tags, many_marks)


def _deep_inline(text: str, many_tags: bool, many_marks: bool) -> Iterator[tuple[int, int, str]]:
    tags = emphasis = 0
    seen: set[str] = set()
    for number, line in _lines(text):
        if not line.strip():
            emphasis = 0  # emphasis never spans paragraphs
        for tag in _HTML_TAG.finditer(line) if many_tags and "<" in line else ():
            if tag.group(2).lower() in _VOID or tag.group(3):
                continue
            tags = max(tags - 1, 0) if tag.group(1) else tags + 1
            if tags > MAX_NESTING and "tags" not in seen:
                seen.add("tags")
                yield number, tag.start() + 1, "thẻ HTML"
        for run in _EMPHASIS.finditer(line) if many_marks and ("*" in line or "_" in line) else ():
            levels = (len(run.group(2)) + 1) // 2
            emphasis = emphasis + levels if run.group(3) and not run.group(1) else max(emphasis - levels, 0)
            if emphasis > MAX_NESTING and "marks" not in seen:
                seen.add("marks")
                yield number, run.start(2) + 1, "chữ đậm, nghiêng"


_EMPHASIS = re.compile(r"(?:(?<=(\S)))?([*_]+)(?=(\S?))")
