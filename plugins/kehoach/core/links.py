"""Where every generated page and feed lives, and relative links between them.

The URL scheme is a contract shared with feeds and exports: plan pages at
`ke-hoach/<year>/<slug>/`, agency pages at `co-quan/<agency-id>/` (other plan years of the
agency at `co-quan/<agency-id>/nam-<year>/`), year pages at
`nam/<year>/`, feeds under `lich/`. Generated tables are raw HTML, which MkDocs
does not rewrite, so links are computed here, relative to the page they sit on,
so the site works under any path prefix and from any static server.

Engines read a relative href of raw HTML two ways. MkDocs and ProperDocs leave it as written: the
browser reads it from the page's URL ("ke-hoach/2024/x/"). Zensical (0.0.73) reads it as it reads a
Markdown link, from the folder of the page's Markdown file ("ke-hoach/2024/"), and rewrites it for
the page's URL: with directory URLs, one "../" fewer. `ENGINES` names them; `Links` takes one.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME = "index.md"
YEARS = "nam/index.md"
AGENCIES = "co-quan/index.md"
ALL_FEED = "lich/tat-ca.ics"

ENGINES = ("mkdocs", "zensical")  # what builds the pages (ProperDocs reads links as MkDocs does)
FROM_SOURCE = frozenset({"zensical"})  # engines reading a raw-HTML href from the Markdown file's folder


def outside_nav(path: str) -> bool:
    """Whether a generated file is a page left out of the navigation on purpose: plan, year and agency pages
    (a navigation of thousands of pages makes the build quadratic); the three index pages are in it."""
    return path.endswith(".md") and path not in (HOME, YEARS, AGENCIES)


def plan_page(plan_id: str) -> str:
    """Docs path of a plan page: plan id "2024/slug" -> "ke-hoach/2024/slug.md"."""
    return f"ke-hoach/{plan_id}.md"


def agency_page(agency_id: str) -> str:
    """Docs path of an agency page: "son-la/so-noi-vu" -> "co-quan/son-la/so-noi-vu.md"."""
    return f"co-quan/{agency_id}.md"


def agency_year_page(agency_id: str, year: int) -> str:
    """Docs path of an agency's tasks in one of its other plan years (its page holds the current year)."""
    return f"co-quan/{agency_id}/nam-{year}.md"


def year_page(year: int) -> str:
    """Docs path of a year page."""
    return f"nam/{year}.md"


def plan_feed(plan_id: str) -> str:
    """Path of a plan's calendar feed."""
    return f"lich/ke-hoach/{plan_id}.ics"


def agency_feed(agency_id: str) -> str:
    """Path of an agency's calendar feed."""
    return f"lich/co-quan/{agency_id}.ics"


def year_feed(year: int) -> str:
    """Path of a year's calendar feed."""
    return f"lich/nam/{year}.ics"


def plan_exports(plan_id: str) -> str:
    """Path of a plan's export files without their extension (.docx, .xlsx, .csv, .json)."""
    return f"xuat/ke-hoach/{plan_id}"


def agency_exports(agency_id: str) -> str:
    """Path of an agency's export files without their extension (.xlsx, .csv)."""
    return f"xuat/co-quan/{agency_id}"


def receipts_csv(base: str) -> str:
    """Path of the CSV of a plan's or agency's receipt sheet («Nhận báo cáo»), beside its other exports.

    A dot cannot occur in a plan's slug or an agency id, so no other plan's or agency's file has this name.
    """
    return f"{base}.nhan-bao-cao.csv"


def page_url(path: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a docs path, as MkDocs computes it; other files keep their path."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


class Links:
    """Relative links from one page to others.

    A link climbs to the site root and descends to the target ("../../co-quan/x/"):
    not always the shortest form, but cheap to compute for the tens of thousands of
    links a large site has, and it never depends on where the pages have folders in common.
    """

    def __init__(self, page: str, directory_urls: bool = True, engine: str = "mkdocs"):
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}")
        self.directory_urls = directory_urls
        # the folder a link is read from: the one the page is served from ("nam/2024/" -> "nam/2024",
        # "nam/2024.html" -> "nam", "index.html" and "" -> "", the site root), or under Zensical the
        # one of its Markdown file ("nam/2024.md" -> "nam")
        folder = (page if engine in FROM_SOURCE else page_url(page, directory_urls)).rpartition("/")[0]
        self.root = "../" * (folder.count("/") + 1) if folder else ""

    def to(self, path: str, anchor: str | None = None) -> str:
        """Relative URL from this page to the docs path or file `path`, with an optional #anchor."""
        relative = self.root + page_url(path, self.directory_urls)
        return (relative or "./") + (f"#{anchor}" if anchor else "")

    def absolute(self, site_url: str, path: str) -> str:
        """Absolute URL of a file of the site, for feed subscriptions; "" without a site_url."""
        return Site(site_url, self.directory_urls).to(path) if site_url else ""


@dataclass(frozen=True)
class Site:
    """URLs of pages and files of the published site, for what is read outside it: feeds, mails, pull requests.

    `url` is the site's public address ("https://intranet.example/kehoach/"); without one, URLs are
    site-relative ("ke-hoach/2024/x/"), or root-relative when it is "/". `directory_urls` is MkDocs'
    `use_directory_urls`: with false, a page is "ke-hoach/2024/x.html", not "ke-hoach/2024/x/".
    """

    url: str
    directory_urls: bool = True

    def to(self, path: str, anchor: str | None = None) -> str:
        """The URL of the docs path or file `path`, with an optional #anchor."""
        base = self.url.rstrip("/") + "/" if self.url else ""
        return base + page_url(path, self.directory_urls) + (f"#{anchor}" if anchor else "")
