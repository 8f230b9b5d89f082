"""Site-wide settings of a build, shared by every page renderer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.links import Links

ASSETS = ("kehoach.css", "kehoach.js", "search-worker.js")
ASSET_DIR = "assets/kehoach"
PAGE_ASSETS = (f"{ASSET_DIR}/kehoach.css", f"{ASSET_DIR}/kehoach.js")  # linked from every page: stylesheet, script


@dataclass(frozen=True)
class Options:
    """Site-wide settings of a build."""

    today: date
    site_url: str = ""
    directory_urls: bool = True
    downloads: frozenset[str] = frozenset()  # export files published with the site (xuat/…), linked from pages
    engine: str = "mkdocs"  # what builds the pages from Markdown (`core.links.ENGINES`): how it reads their links

    def links(self, page: str) -> Links:
        """The relative links of the docs path `page` in this build."""
        return Links(page, self.directory_urls, self.engine)
