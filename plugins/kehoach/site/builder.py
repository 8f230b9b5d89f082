"""Every generated page of the site, as docs-relative path -> Markdown, without MkDocs.

`build_pages` is the one code path behind both the MkDocs plugin (which hands
the pages to MkDocs as generated files) and `kehoach build-docs OUTDIR` (which
writes them as plain files for engines that run no MkDocs plugins). The build
date is an explicit option, so the same plans and the same date give
byte-identical pages.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from functools import partial

from ..core import links
from ..core.loader import Corpus, LoadedPlan
from ..core.reuse import Reuse
from ..core.view import Row, views_by_agency
from .options import Options
from .pages import (
    agency_page_of,
    plan_years,
    render_agencies_index,
    render_agency_page,
    render_home,
    render_year_page,
    render_years_index,
    split_by_year,
)
from .render import render_plan_page


def build_pages(corpus: Corpus, options: Options, reuse: Reuse[str] | None = None) -> dict[str, str]:
    """Every generated page: plans, years, agencies, their indexes and the home page, sorted by path."""
    return {uri: render() for uri, render in sorted(page_renderers(corpus, options, reuse).items())}


def page_renderers(corpus: Corpus, options: Options, reuse: Reuse[str] | None = None) -> dict[str, Callable[[], str]]:
    """Every generated page by path, as a function that renders it.

    A caller can render the pages one at a time and let each go (a province's
    pages are hundreds of megabytes). With `reuse` (mkdocs serve), a plan, year
    or agency page whose plans, registry and options are unchanged since the
    previous build is not rendered again; the indexes and the home page
    summarise every plan, so they always are.
    """
    def page(uri: str, shown: list[LoadedPlan], render: Callable[[], str], *more: object) -> Callable[[], str]:
        return partial(reuse.get, uri, (options, corpus.agencies, *more, *shown), render) if reuse else render

    pages = {links.plan_page(loaded.id): page(links.plan_page(loaded.id), [loaded],
                                              partial(render_plan_page, loaded, corpus, options))
             for loaded in corpus.plans}
    for year in sorted({loaded.plan.year for loaded in corpus.plans}):
        shown = [loaded for loaded in corpus.plans if loaded.plan.year == year]
        pages[links.year_page(year)] = page(links.year_page(year), shown,
                                            partial(render_year_page, year, corpus, options))
    pages[links.YEARS] = partial(render_years_index, corpus, options)
    by_agency = views_by_agency(corpus)
    plans = {loaded.id: loaded for loaded in corpus.plans}
    for agency_id, agency in corpus.agencies.items():
        current, by_year = split_by_year(by_agency.get(agency_id, []), plans, options.today)
        years = plan_years(by_year, options.today)
        parts: list[tuple[int | None, list[Row]]] = [*by_year.items()] or [(None, [])]  # no tasks: a page still
        for plan_year, rows in parts:
            uri = agency_page_of(agency_id, plan_year, current)
            shown = [plans[plan_id] for plan_id in dict.fromkeys(row.item.plan_id for row in rows)]
            pages[uri] = page(uri, shown, partial(render_agency_page, agency, plan_year, rows, years, current, corpus,
                                                  options), plan_year, years, current)
    pages[links.AGENCIES] = partial(render_agencies_index, corpus, by_agency, options)
    pages[links.HOME] = partial(render_home, corpus, options)
    return pages


_OWN_BLOCK = re.compile(r'<(?:div|table|p|h3)\b[^>\n]*\bclass="[^"]*\bkh-')
_ID = re.compile(r'\bid="([^"]+)"')


def stash_html(markdown: str) -> tuple[str, list[str]]:
    """Take the HTML blocks a generated page carries out of its Markdown, leaving placeholders.

    Python-Markdown and MkDocs each run an HTML parser over every raw HTML block,
    which is most of a large generated page's build time; the blocks need no
    Markdown processing, so `put_back` puts them back into the rendered page
    unchanged. Only self-contained blocks opened by one of our `kh-` elements move.
    """
    chunks, blocks = markdown.split("\n\n"), list[str]()
    for index, chunk in enumerate(chunks):
        block = chunk.lstrip("\n")
        if _OWN_BLOCK.match(block) and all(block.count(f"<{tag}") == block.count(f"</{tag}>")
                                           for tag in ("div", "table", "ul", "svg")):
            chunks[index] = chunk[: len(chunk) - len(block)] + f"KHSTASH{len(blocks)}X"
            blocks.append(block)
    return "\n\n".join(chunks), blocks


Packed = tuple[tuple[int, ...], bytes]


def pack_blocks(blocks: list[str]) -> Packed:
    """The stashed blocks of a page, compressed, to wait while MkDocs converts every other page.

    MkDocs converts all pages before it writes any, so the blocks of the whole
    site would wait in memory at once: at 3,000 plans, some 400 MB of HTML. The
    blocks repeat their markup row after row, and zlib's fastest level packs
    them to about a tenth at some 400 MB/s. They are packed as one text and
    the length of each.
    """
    return tuple(map(len, blocks)), zlib.compress("".join(blocks).encode("utf-8"), 1)


def unpack_blocks(packed: Packed) -> list[str]:
    """The blocks `pack_blocks` packed."""
    lengths, data = packed
    text, start, blocks = zlib.decompress(data).decode("utf-8"), 0, []
    for length in lengths:
        blocks.append(text[start:start + length])
        start += length
    return blocks


def put_back(html: str, blocks: list[str]) -> str:
    """Put stashed blocks back in place of their placeholders."""
    for index, block in enumerate(blocks):
        html = html.replace(f"<p>KHSTASH{index}X</p>", block, 1)
    return html


def block_ids(blocks: list[str]) -> set[str]:
    """The ids the stashed blocks carry: anchors of the page that Markdown never saw."""
    return {anchor for block in blocks for anchor in _ID.findall(block)}
