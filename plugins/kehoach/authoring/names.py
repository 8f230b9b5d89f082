"""Keeping the source's capitalisation when a subject printed in capitals becomes a title.

"TRIỂN KHAI … TRÊN ĐỊA BÀN TỈNH THANH HÓA" must become "triển khai … trên địa bàn tỉnh
Thanh Hóa", not "… tỉnh thanh hóa". The document itself says how its words are
written: each run of the subject's words is looked up in the document's own text and
takes the casing it has there; a word the text never writes in lower case keeps its
capital, a word found nowhere is written in lower case.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
_SENTENCE_END = (".", ":", ";", "?", "!", "“", "\"", "(")


def _core(token: str) -> str:
    found = _WORD.search(token)
    return found.group(0) if found else ""


def _casings(text: str) -> tuple[list[str], list[bool]]:
    """The words of `text` and whether each starts a sentence (its capital says nothing)."""
    words, starts = [], []
    start = True
    for token in text.split():
        core = _core(token)
        if core:
            words.append(core)
            starts.append(start or core.isupper() and len(core) > 1)
        start = token.endswith(_SENTENCE_END) or token.startswith(("“", "\"", "("))
    return words, starts


def keep_names(subject: str, text: str) -> str:
    """`subject` (in capitals) in the casing the document `text` gives its words."""
    tokens = subject.split()
    cores = [_core(t).lower() for t in tokens]
    words, starts = _casings(text)
    lowered = [w.lower() for w in words]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        best, at = 0, -1
        for p, word in enumerate(lowered):
            if word != cores[i] or not cores[i]:
                continue
            n = 0
            while i + n < len(tokens) and p + n < len(words) and lowered[p + n] == cores[i + n]:
                n += 1
            if n > best or (n == best and at >= 0 and starts[at] and not starts[p]):
                best, at = n, p
        for n in range(max(best, 1)):
            token = tokens[i + n].lower()
            capital = best and not starts[at + n] and words[at + n][:1].isupper()
            out.append(_capitalise(token) if capital else token)
        i += max(best, 1)
    return " ".join(out)


def _capitalise(token: str) -> str:
    for index, char in enumerate(token):
        if char.isalpha():
            return token[:index] + char.upper() + token[index + 1:]
    return token
