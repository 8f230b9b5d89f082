"""MkDocs hook of this site: the editing guide's table of rule codes, rendered from the code's registry.

`docs/huong-dan/soan-ke-hoach.md` keeps a marker where the table goes (`site.guide`); the table's
rows come from `kehoach.core.rules`, which every check's finding names. `kehoach build-docs` fills the
same marker when it copies the guide, for engines that run no hooks.
"""

from __future__ import annotations

from typing import Any

from kehoach.site.guide import fill_rule_table


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """Put the rule table in place of its marker."""
    return fill_rule_table(markdown)
