"""Links of a built site that lead nowhere: relative href/src of every HTML page, URLs of every feed.

A link resolves when the file it names exists in the built folder (a folder URL means its
index.html) and, when it names an #anchor of an HTML page, that page has an element with that id.
Feeds are read by `icalendar` (an independent parser); their URLs start with the site's address,
which maps to the built folder.
"""

from __future__ import annotations

import posixpath
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from icalendar import Calendar

LINK_ATTRIBUTES = {"href", "src"}


class _Page(HTMLParser):
    """The ids of a page and the href/src values of its elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES and value is not None:
                self.links.append(value)


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, relative: str) -> Path:
    """The file a site-relative path names: a folder means its index.html."""
    path = site / relative
    return path / "index.html" if relative in ("", ".") or relative.endswith("/") or path.is_dir() else path


def _check(site: Path, where: str, relative: str, fragment: str) -> str | None:
    """Why a site-relative path and fragment do not resolve, or None when they do."""
    if relative == ".." or relative.startswith("../"):
        return f"{where}: points above the site's root"
    path = _target(site, relative)
    if not path.is_file():
        return f"{where}: no file {path.relative_to(site).as_posix()}"
    if fragment and path.suffix == ".html" and unquote(fragment) not in _parse(path).ids:
        return f"{where}: no id «{fragment}» in {path.relative_to(site).as_posix()}"
    return None


def broken_links(site: Path) -> list[str]:
    """Every relative href/src of every HTML page of `site` that names no file (or no id) of it."""
    _parse.cache_clear()
    broken = []
    for page in sorted(site.rglob("*.html")):
        folder = posixpath.dirname(page.relative_to(site).as_posix())
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("/"):
                continue  # absolute: feed subscriptions, the site's own address; checked with the feeds
            relative = posixpath.normpath(posixpath.join(folder, unquote(parts.path))) if parts.path else \
                page.relative_to(site).as_posix()
            if parts.path.endswith("/") and relative != ".":
                relative += "/"
            problem = _check(site, f"{page.relative_to(site).as_posix()} -> {link}", relative, parts.fragment)
            if problem:
                broken.append(problem)
    return broken


def feed_urls(feed: Path) -> list[str]:
    """Every URL an iCalendar file gives: the calendar's own (URL, SOURCE) and each event's URL."""
    calendar = Calendar.from_ical(feed.read_bytes())
    found = [str(calendar[name]) for name in ("URL", "SOURCE") if name in calendar]
    return found + [str(event["URL"]) for event in calendar.walk("VEVENT") if "URL" in event]


def broken_feed_urls(site: Path, site_url: str) -> list[str]:
    """Every feed URL under `site` that is not `site_url` followed by a file (and id) of the built site."""
    _parse.cache_clear()
    broken = []
    for feed in sorted(site.rglob("*.ics")):
        for url in feed_urls(feed):
            where = f"{feed.relative_to(site).as_posix()}: {url}"
            if not url.startswith(site_url):
                broken.append(f"{where}: not under {site_url}")
                continue
            parts = urlsplit(url[len(site_url):])
            relative = unquote(parts.path)
            problem = _check(site, where, posixpath.normpath(relative) + ("/" if relative.endswith("/") else "")
                             if relative else "", parts.fragment)
            if problem:
                broken.append(problem)
    return broken
