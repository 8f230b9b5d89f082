"""The HTML a plan's own Markdown may put on a page: an allowlist, applied by nh3 (the ammonia sanitiser).

`kehoach check` refuses script-like content in a body (KH503), and this is the second line: whatever
Python-Markdown made of a plan's Markdown passes here before the page's own generated blocks (tasks,
header, signature; escaped by Jinja) are put back. What is kept is what Markdown and the site's
extensions produce (headings with ids, lists, tables with `text-align`, admonitions, links with
http(s), mailto and tel schemes or in-page anchors); what goes is everything that runs, loads or
covers: scripts and their content, event handlers, `style` (a fixed-position overlay), forms, frames,
images, `<plaintext>`, `javascript:` however written. An id that would take a task's anchor is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import nh3

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div", "dl",
    "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
    "ul",
})
DROPPED_WITH_CONTENT = frozenset({"template", "object", "embed", "svg", "math", "select"})
ATTRIBUTES = {
    "*": {"id", "title"},
    "a": {"href"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
}
CLASSES = {  # what Markdown's admonition extension and the toc's permalinks write
    "div": {"admonition", "note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger",
            "bug", "example", "quote", "important", "hint", "caution", "error", "attention"},
    "p": {"admonition-title"},
    "a": {"headerlink"},
}
# Elements whose content an HTML parser reads as raw text up to their end tag, or to the end of the
# document (`<plaintext>` has none): left open, they would swallow the rest of the page, placeholders of
# the generated blocks included. Their "<" is written as text before parsing; what they held stays text.
_SWALLOWING = re.compile(r"<(?=\s*/?\s*(?:plaintext|xmp|script|style|textarea|title|iframe|noembed|noframes"
                         r"|noscript)\b)", re.IGNORECASE)
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align"})  # the tables extension aligns columns with it


def clean_html(html: str, reserved_ids: Collection[str] = ()) -> str:
    """`html` rendered from a plan's Markdown, with only what the allowlist admits.

    `reserved_ids` are the anchors the page's generated blocks carry (tasks, reports, `kh-…`):
    an element of the body claiming one loses its id, so links to the task still reach the task.
    """
    def keep(tag: str, attribute: str, value: str) -> str | None:
        return None if attribute == "id" and value in reserved_ids else value

    html = _SWALLOWING.sub("&lt;", html)
    return nh3.clean(html, tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT), attributes=ATTRIBUTES,
                     attribute_filter=keep if reserved_ids else None, strip_comments=True, link_rel=None,
                     url_schemes=set(URL_SCHEMES), allowed_classes=CLASSES,
                     filter_style_properties=set(STYLE_PROPERTIES))
