"""Every generated page of the site, as docs-relative path -> Markdown, without MkDocs.

`build_pages` is the one code path behind both the MkDocs plugin (which hands
the pages to MkDocs as generated files) and `kehoach build-docs OUTDIR` (which
writes them as plain files for engines that run no MkDocs plugins). The build
date is an explicit option, so the same plans and the same date give
byte-identical pages.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable
from functools import partial

from ..core import links
from ..core.loader import Corpus
from ..core.reuse import Reuse
from ..core.view import DutyView, Row, resolve, views_by_agency
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
    pages are hundreds of megabytes). With `reuse` (mkdocs serve), a page whose
    inputs are unchanged since the previous build is not rendered again: a plan
    page's inputs are its plan, a year page's the plans of the year, an agency
    page's the rows it lists (each task's or duty's view, with its plan's title;
    the agency's role; the group it came through), the plans of the reports it
    tracks, and the current year's plans it links; so an edit to one task
    re-renders the pages that show that task, not every page of its plan's
    agencies. The indexes and the home page summarise every plan, so they are
    always rendered.
    """
    def page(uri: str, render: Callable[[], str], *inputs: object) -> Callable[[], str]:
        return partial(reuse.get, uri, (options, corpus.agencies, *inputs), render) if reuse else render

    pages = {links.plan_page(loaded.id): page(links.plan_page(loaded.id),
                                              partial(render_plan_page, loaded, corpus, options), loaded)
             for loaded in corpus.plans}
    for year in sorted({loaded.plan.year for loaded in corpus.plans}):
        shown = [loaded for loaded in corpus.plans if loaded.plan.year == year]
        pages[links.year_page(year)] = page(links.year_page(year), partial(render_year_page, year, corpus, options),
                                            *shown)
    pages[links.YEARS] = partial(render_years_index, corpus, options)
    by_agency = views_by_agency(corpus)
    plans = {loaded.id: loaded for loaded in corpus.plans}
    current = _current_plans(corpus, options) if reuse else ()
    for agency_id, agency in corpus.agencies.items():
        shown_year, by_year = split_by_year(by_agency.get(agency_id, []), plans, options.today)
        years = plan_years(by_year, options.today)
        source = corpus.agency_pos.get(agency_id, ("", 0, 0))[0]
        parts: list[tuple[int | None, list[Row]]] = [*by_year.items()] or [(None, [])]  # no tasks: a page still
        for plan_year, rows in parts:
            uri = agency_page_of(agency_id, plan_year, shown_year)
            tracked = [plans[row.item.plan_id] for row in rows if isinstance(row.item, DutyView) and row.item.tracked]
            pages[uri] = page(uri, partial(render_agency_page, agency, plan_year, rows, years, shown_year, corpus,
                                           options), source, plan_year, years, shown_year, current, *tracked, *rows)
    pages[links.AGENCIES] = partial(render_agencies_index, corpus, by_agency, options)
    pages[links.HOME] = partial(render_home, corpus, options)
    return pages


def _current_plans(corpus: Corpus, options: Options) -> tuple[int | None, tuple[tuple[str, str], ...]]:
    """What an agency page's "current year" box (`pages.current_year`) is made from: today's year, or the
    latest earlier year with plans, and that year's plans with their titles."""
    years = {loaded.plan.year for loaded in corpus.plans}
    year = options.today.year if options.today.year in years else max(
        (y for y in years if y < options.today.year), default=None)
    titles = resolve(corpus).plans
    return year, tuple(sorted((loaded.id, titles[loaded.id].title) for loaded in corpus.plans
                              if loaded.plan.year == year))


_OWN_BLOCK = re.compile(r'<(?:div|table|p|h2|h3)\b[^>\n]*\bclass="[^"]*\bkh-')
_ID = re.compile(r'\bid="([^"]+)"')


class Blocks(list[str]):
    """A page's stashed blocks and the placeholder prefix they were stashed under (see `stash_html`)."""

    def __init__(self, blocks: list[str], token: str) -> None:
        super().__init__(blocks)
        self.token = token


def stash_html(markdown: str) -> tuple[str, Blocks]:
    """Take the HTML blocks a generated page carries out of its Markdown, leaving placeholders.

    Python-Markdown and MkDocs each run an HTML parser over every raw HTML block,
    which is most of a large generated page's build time; the blocks need no
    Markdown processing, so `put_back` puts them back into the rendered page
    unchanged. Only self-contained blocks opened by one of our `kh-` elements move.
    The placeholders carry a digest of the whole page, so a plan's own text cannot
    spell one (it would have to hold the digest of a page that holds it) and take a
    block's place.
    """
    token = "KHSTASH" + hashlib.blake2b(markdown.encode("utf-8"), digest_size=6).hexdigest() + "N"
    chunks, blocks = markdown.split("\n\n"), list[str]()
    for index, chunk in enumerate(chunks):
        block = chunk.lstrip("\n")
        if _OWN_BLOCK.match(block) and all(block.count(f"<{tag}") == block.count(f"</{tag}>")
                                           for tag in ("div", "table", "ul", "svg")):
            chunks[index] = chunk[: len(chunk) - len(block)] + f"{token}{len(blocks)}X"
            blocks.append(block)
    return "\n\n".join(chunks), Blocks(blocks, token)


Packed = tuple[tuple[int, ...], bytes, str]


def pack_blocks(blocks: Blocks) -> Packed:
    """The stashed blocks of a page, compressed, to wait while MkDocs converts every other page.

    MkDocs converts all pages before it writes any, so the blocks of the whole
    site would wait in memory at once: at 3,000 plans, some 400 MB of HTML. The
    blocks repeat their markup row after row, and zlib's fastest level packs
    them to about a tenth at some 400 MB/s. They are packed as one text, the
    length of each, and their placeholder prefix.
    """
    return tuple(map(len, blocks)), zlib.compress("".join(blocks).encode("utf-8"), 1), blocks.token


def unpack_blocks(packed: Packed) -> Blocks:
    """The blocks `pack_blocks` packed."""
    lengths, data, token = packed
    text, start, blocks = zlib.decompress(data).decode("utf-8"), 0, []
    for length in lengths:
        blocks.append(text[start:start + length])
        start += length
    return Blocks(blocks, token)


def put_back(html: str, blocks: Blocks) -> str:
    """Put stashed blocks back in place of their placeholders.

    A placeholder is a paragraph of its own, unless the plan's raw HTML left a block open
    around it (a lone `<div>`): then it stands bare, and the block still goes in its place.
    """
    for index, block in enumerate(blocks):
        token = f"{blocks.token}{index}X"
        paragraph = f"<p>{token}</p>"
        html = html.replace(paragraph if paragraph in html else token, block, 1)
    return html


def block_ids(blocks: list[str]) -> set[str]:
    """The ids the stashed blocks carry: anchors of the page that Markdown never saw."""
    return {anchor for block in blocks for anchor in _ID.findall(block)}
