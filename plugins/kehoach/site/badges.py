"""The badge script's words: filled in from the one vocabulary when the asset is written.

The browser recomputes a task's badge from today's date (site/assets/kehoach.js);
the words it writes are `labels.STATUS_WORDS`, put into the script here, so the
build and the browser can never name the same status differently.
"""

from __future__ import annotations

import json

from ..core.labels import STATUS_WORDS

PLACEHOLDER = b"{/* STATUS_WORDS */}"


def asset_bytes(name: str, raw: bytes) -> bytes:
    """The asset as published: the badge script with the status words in it, any other file as it is."""
    if name != "kehoach.js":
        return raw
    if PLACEHOLDER not in raw:
        raise ValueError("kehoach.js lost its STATUS_WORDS placeholder")
    return raw.replace(PLACEHOLDER, json.dumps(STATUS_WORDS, ensure_ascii=False, sort_keys=True).encode())
