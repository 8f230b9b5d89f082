"""Site search: Pagefind's chunked index behind Material's search box.

Material's own search downloads one index of the whole site and builds a lunr
index of it in the browser on every page load (a minute at 3,000 plans), and
its Vietnamese word trimmer cuts "sở" to "s". Here Pagefind indexes the built
pages instead: its index is split into chunks by word, so a query downloads
only the chunks of its words and the fragments of the pages it shows.

Material's box, result list, keyboard handling and highlighting stay: the
box talks to a worker through Material's documented worker protocol, and the
plugin points it at `assets/kehoach/search-worker.js`, which asks Pagefind.
The worker folds the query (no tone marks, đ -> d, lower case) before
Pagefind sees it, so "sở nội vụ" and "so noi vu" are the same query. Pagefind
folds tone marks in its index but keeps đ, so the worker also tries each
folded "d" as "đ" and merges the results.

The build side, here: each page gets `data-pagefind-body` on its article
(pages with `search: exclude` do not), agency pages and, in `titles` mode,
plan pages get a mark that the exclusion selectors read; after the build
Material's own index is emptied (the box still reads its word separator
from it) and Pagefind indexes the pages (`site.indexer`, which also writes a
list of the indexed pages, fragment id -> address, title, so that the worker
lists every result, not only those whose fragments it loads).
"""

from __future__ import annotations

import gzip
import importlib
import json
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core import links
from .options import ASSET_DIR

WORKER = f"{ASSET_DIR}/search-worker.js"
BUNDLE = "pagefind"  # Pagefind's folder in the site
PAGE_LIST = f"{BUNDLE}/pages.json"
MATERIAL_INDEX = "search/search_index.json"
LANGUAGE = "vi"
ARTICLE = '<article class="md-content__inner md-typeset">'
BODY, OPENING, TITLES = "data-pagefind-body", "data-kh-opening", "data-kh-titles"
LOADING = "Đang chuẩn bị tìm kiếm"  # Material's vi translation leaves "Initializing search" in English
# What Pagefind leaves out: what Material's index left out (`data-search-exclude`), the "¶" of
# permalinks, the headings the plan template adds ("Báo cáo định kỳ", the same on every plan), an
# agency page's group headings ("Quá hạn", ...: its tasks are found on their plan pages).
EXCLUDE = ("[data-search-exclude]", ".headerlink", "h2[id^='kh-']", f"[{OPENING}] h2", f"[{OPENING}] h3")
# `titles`: a plan page keeps its heading block, headings and tasks, not its body text.
TITLES_EXCLUDE = tuple(f"[{TITLES}] > {tag}" for tag in ("p", "ul", "ol", "table", "blockquote", "dl",
                                                          "div.admonition"))
UNUSED = ("pagefind-*ui.*", "pagefind-highlight.js")  # Pagefind's own boxes: Material's box is used instead
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_LOADING = re.compile(r'(<div class="md-search-result__meta">)\s*[^<]*?\s*(</div>)')
_MATERIAL_WORKERS = "assets/javascripts/workers/"
_FRAGMENT_MAGIC = b"pagefind_dcd"


class SearchError(Exception):
    """Pagefind is missing or failed; the message is Vietnamese, for the build log."""


@dataclass(frozen=True)
class Scope:
    """Which pages the index keeps whole, by page URL (as MkDocs' `page.url` has it)."""

    openings_only: frozenset[str] = frozenset()
    """Pages indexed by their opening alone (agency pages: their name and other names, not the
    headings of their task groups)."""
    titles_only: frozenset[str] = frozenset()
    """Plan pages indexed by their heading block, headings and task titles, not their body text
    (`search: titles`, or `auto` on a large site)."""

    def body_attributes(self, url: str) -> str:
        """The attributes the article of the page at `url` gets."""
        marks = [BODY] + [OPENING] * (url in self.openings_only) + [TITLES] * (url in self.titles_only)
        return " ".join(marks)

    def exclusions(self) -> tuple[str, ...]:
        """Pagefind's exclusion selectors for this scope."""
        return EXCLUDE + (TITLES_EXCLUDE if self.titles_only else ())


AGENCY_PAGES = posixpath.dirname(links.AGENCIES) + "/"  # every agency's pages sit under the agencies index


def scope_of(titles: bool, plan_ids: Iterable[str], pages: Iterable[tuple[str, str, bool]]) -> Scope:
    """What the index keeps of the pages, given as (source path, URL, generated): agency pages by their
    opening only; plan pages without their body text when `titles`."""
    plans = {links.plan_page(plan_id) for plan_id in plan_ids} if titles else set()
    pages = list(pages)
    return Scope(openings_only=frozenset(url for src, url, generated in pages if generated and
                                         src.startswith(AGENCY_PAGES) and src != links.AGENCIES),
                 titles_only=frozenset(url for src, url, _ in pages if src in plans))


def prepare_page(html: str, url: str, scope: Scope, indexed: bool) -> str:
    """A written page as the search needs it: its article marked for Pagefind (when `indexed`),
    the search box pointed at kehoach's worker, its loading text in Vietnamese."""
    if indexed:
        html = html.replace(ARTICLE, f"{ARTICLE[:-1]} {scope.body_attributes(url)}>", 1)
    html = _LOADING.sub(rf"\g<1>{LOADING}\g<2>", html, count=1)
    return _CONFIG.sub(lambda found: found[1] + _with_worker(found[2]) + found[3], html, count=1)


def _with_worker(config_json: str) -> str:
    """Material's page configuration with its search worker replaced by kehoach's (same relative base)."""
    try:
        current = json.loads(config_json).get("search")
    except ValueError:
        return config_json
    if not isinstance(current, str) or _MATERIAL_WORKERS not in current:
        return config_json
    base = current[: current.index(_MATERIAL_WORKERS)]
    return config_json.replace(json.dumps(current), json.dumps(base + WORKER), 1)


def pagefind_executable() -> Path:
    """Pagefind's indexer, from the wheel of `pagefind[extended]` (or `pagefind[bin]`)."""
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            return Path(importlib.import_module(module).get_executable())
        except (ImportError, FileNotFoundError):
            continue
    raise SearchError("Chưa cài Pagefind, công cụ tạo chỉ mục tìm kiếm: chạy «make install» "
                      "(hoặc «pip install 'pagefind[extended]'») rồi dựng lại trang.")


def empty_material_index(site_dir: Path) -> bool:
    """After the build: empty Material's own index to its settings (the box reads its word separator from it);
    False when Material's search plugin is off (no search box to serve, nothing to index)."""
    material = site_dir / MATERIAL_INDEX
    if not material.is_file():
        return False
    config = json.loads(material.read_text(encoding="utf-8")).get("config", {})
    material.write_text(json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
    return True


def fragments(site_dir: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every page Pagefind indexed into the site, as it stored it: its fragment file and the fragment (url,
    content, meta, anchors), in file-name order."""
    return bundle_fragments(site_dir / BUNDLE)


def bundle_fragments(bundle: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every page in the Pagefind bundle folder `bundle` (`fragments`)."""
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        yield path, json.loads(raw[len(_FRAGMENT_MAGIC):] if raw.startswith(_FRAGMENT_MAGIC) else raw)
