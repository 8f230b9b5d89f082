"""What a site build keeps between MkDocs' events and, under `mkdocs serve`, between builds.

The MkDocs plugin only translates MkDocs' events; what it must remember lives
here, where no MkDocs is known: what each generated file held last build and
where it was written (so that `serve --dirty` renders only what changed and
deletes what is gone), the HTML blocks stashed away from the Markdown parser
until the page's HTML exists, the feeds' digests (a feed is written only when
it changed), and what the search index keeps of each page.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from .builder import Packed, block_ids, pack_blocks, put_back, stash_html, unpack_blocks
from .indexer import Indexer, Report
from .sanitiser import clean_html
from .search import Scope, empty_material_index, prepare_page, scope_of

Content = Callable[[], str] | bytes
DIRTY_HINT_PLANS = 200  # below this a full rebuild takes a few seconds: no need to suggest --dirty


@dataclass
class Session:
    """One site's builds: a one-off build, or every rebuild of `mkdocs serve` (`serving`), with `--dirty`."""

    serving: bool = False
    dirty: bool = False
    hinted: bool = False  # the --dirty hint was logged
    outputs: dict[str, str | bytes] = field(default_factory=dict)  # under serve: what each file held last build
    previous: dict[str, str | bytes] = field(default_factory=dict)
    dests: dict[str, str] = field(default_factory=dict)  # where each generated file was written
    gone: dict[str, str] = field(default_factory=dict)  # files of the last build not generated (yet) in this one
    feed_digests: dict[str, bytes] = field(default_factory=dict)  # under serve --dirty: feeds as last written
    scope: Scope = field(default_factory=Scope)  # what the search index keeps
    indexer: Indexer = field(default_factory=Indexer)  # the pages as Pagefind reads them, and its run
    page_paths: list[str] = field(default_factory=list)  # this build's pages, by their path in the site folder
    unsearched: set[str] = field(default_factory=set)  # URLs of this build's pages with `search: exclude`
    changed: list[str] = field(default_factory=list)  # generated files that changed in this build (under serve)
    stashed: dict[str, Packed] = field(default_factory=dict)
    anchors: dict[str, set[str]] = field(default_factory=dict)
    templates: Compiled = field(default_factory=lambda: Compiled())  # the theme's templates, compiled once
    edit_root: str | None = None  # where the repository's files are edited (`edit_root`)

    @property
    def keeps_pages(self) -> bool:
        """Whether MkDocs renders only what changed, so that the session must keep the rest right."""
        return self.serving and self.dirty

    def startup_notes(self) -> list[str]:
        """What to tell the author when serve renders only what changed (MkDocs' own warning is dropped)."""
        if not self.keeps_pages:
            return []
        return ["Dựng lại một phần (--dirty): trang kế hoạch, năm, cơ quan, lịch và chỉ mục tìm kiếm vẫn được "
                "cập nhật đúng; sửa mkdocs.yml hay trang hướng dẫn thì nên chạy lại lệnh."]

    def start(self) -> None:
        """Begin a build: what the last one generated becomes what this one compares with."""
        self.previous, self.outputs = self.outputs, {}
        self.gone, self.dests = self.dests, {}
        self.stashed, self.anchors, self.unsearched, self.changed = {}, {}, set(), []

    def add(self, uri: str, content: Content, dest: str) -> tuple[bool, Callable[[], str] | None]:
        """Note a generated file written to `dest`: whether it changed since the last build, and what
        renders it when MkDocs reads it (None: `content` is bytes, given as they are).

        Under serve the page is rendered now, to tell MkDocs whether it changed;
        an unchanged page comes from the project's kept pages as the same object.
        """
        self.dests[uri] = dest
        self.gone.pop(uri, None)
        if not self.serving:
            return True, content if callable(content) else None
        made = content() if callable(content) else content
        old, self.outputs[uri] = self.previous.get(uri), made
        changed = not (old is made or old == made)
        if changed:
            self.changed.append(uri)
        return changed, partial(str, made) if isinstance(made, str) else None

    def changes_note(self) -> list[str]:
        """Under a serve --dirty rebuild, how many generated files changed, so are rendered and written again."""
        if not self.keeps_pages or not self.previous:
            return []
        pages = sum(uri.endswith(".md") for uri in self.changed)
        return [f"Dựng lại {pages} trang có thay đổi, {len(self.changed) - pages} tệp khác."]

    def remove_gone(self) -> None:
        """Under serve --dirty, delete the written pages of plans and agencies that are gone."""
        for path in self.gone.values() if self.dirty else ():
            Path(path).unlink(missing_ok=True)
        self.previous = {}

    def notes(self, plans: int, reloaded: int) -> list[str]:
        """What to tell the author about this build: under a plain serve of a large site, once, how to make
        rebuilds fast; otherwise, under serve, how many plan folders were read again."""
        if self.serving and not self.dirty and not self.hinted and plans >= DIRTY_HINT_PLANS:
            self.hinted = True
            return [f"Có {plans} kế hoạch: «mkdocs serve --dirty» (như «make serve») chỉ dựng lại "
                    "những trang thay đổi khi sửa một kế hoạch, nhanh hơn nhiều."]
        if self.serving and reloaded < plans:
            return [f"Đọc lại {reloaded} thư mục kế hoạch có thay đổi."]
        return []

    def stash(self, uri: str, markdown: str) -> str:
        """Keep the generated HTML blocks of a page away from the Markdown parser (`builder.stash_html`).

        The blocks wait packed (`builder.pack_blocks`): MkDocs converts every page before it writes any.
        """
        markdown, blocks = stash_html(markdown)
        if blocks:
            self.stashed[uri] = pack_blocks(blocks)
        self.anchors[uri] = block_ids(blocks)
        return markdown

    def cleaned(self, uri: str, html: str, generated: bool) -> tuple[str, set[str]]:
        """A page's HTML, held to the allowlist (`sanitiser.clean_html`) when generated, before its stashed blocks
        come back; and the ids of those blocks, anchors of the page that link validation must count."""
        ids = self.anchors.pop(uri, set())
        return (clean_html(html, ids) if generated else html), ids

    def edit_url(self, source: str | None) -> str | None:
        """Where a generated page's plan or registry file (`source`, relative to the repository) is edited."""
        return urljoin(self.edit_root, quote(source)) if source and self.edit_root else None

    def put_back(self, uri: str, url: str, html: str | None) -> str | None:
        """A page's HTML with its stashed blocks back in place."""
        blocks = self.stashed.pop(uri, None)
        return put_back(html, unpack_blocks(blocks)) if blocks and html is not None else html

    def write_feeds(self, site_dir: Path, feeds: Iterable[tuple[str, bytes]]) -> None:
        """Write the calendar feeds into the site, one at a time; under serve --dirty, only those that changed.

        Written while the build holds only the plans: the feeds of a province are
        hundreds of megabytes, and MkDocs has no use for them as files.
        """
        digests: dict[str, bytes] = {}
        for uri, content in feeds:
            if self.dirty:  # the site folder keeps last build's feeds: skip those that are the same
                digest = digests[uri] = hashlib.blake2b(content, digest_size=16).digest()
                if self.feed_digests.get(uri) == digest:
                    continue
            (site_dir / uri).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / uri).write_bytes(content)
        for uri in self.feed_digests.keys() - digests.keys():
            (site_dir / uri).unlink(missing_ok=True)  # the feed of a plan or agency that is gone
        self.feed_digests = digests

    def choose_scope(self, mode: str, titles_from: int, plan_ids: list[str],
                     pages: Iterable[tuple[str, str, bool, str]]) -> list[str]:
        """Decide what the search index keeps (the `search` option: full, titles, or by the number of plans
        with auto) of the pages, given as (source path, URL, generated, path in the site folder); the note to
        log when auto chose titles."""
        titles = mode == "titles" or (mode == "auto" and len(plan_ids) >= titles_from)
        pages = list(pages)
        self.scope = scope_of(titles, plan_ids, (page[:3] for page in pages))
        self.page_paths = [page[3] for page in pages]
        self.indexer.use(self.scope.exclusions())
        if titles and mode == "auto":
            return [f"Có {len(plan_ids)} kế hoạch: ô tìm kiếm tìm theo tên, số hiệu, trích yếu, đề mục và nhiệm vụ "
                    "của kế hoạch, không tìm trong lời văn (search: auto)."]
        return []

    def take_for_search(self, url: str, meta: MutableMapping[str, Any]) -> None:
        """Note whether a page is searchable (no `search: exclude`), then exclude it from Material's own
        index: Pagefind indexes the written page, so Material's parse of every page would be wasted."""
        if (meta.get("search") or {}).get("exclude"):
            self.unsearched.add(url)
        meta["search"] = {"exclude": True}

    def prepare_for_search(self, url: str, path: str, html: str) -> str:
        """A page written at `path` marked for Pagefind (unless excluded), its search box on kehoach's worker."""
        self.indexer.written(path)
        return prepare_page(html, url, self.scope, url not in self.unsearched)

    def write_search(self, site_dir: Path, report: Report) -> None:
        """After the build: Material's index emptied, then Pagefind's index of the pages; under serve in the
        background, `report` saying when the search has caught up (`indexer.Indexer.index`)."""
        if empty_material_index(site_dir):
            self.indexer.index(site_dir, self.page_paths, report if self.serving else None)

    def wait_for_search(self) -> None:
        """Before a build writes the site: let the previous build's search index be finished."""
        self.indexer.wait()

    def close(self) -> None:
        """When serve stops: the search index finished, its folder of cut pages removed."""
        self.indexer.close()


class Compiled(BytecodeCache):
    """The theme's templates compiled, kept between the builds of `mkdocs serve`.

    MkDocs makes a new template environment for every build, and compiling the
    theme's templates again (Material has some forty) took about a second of
    each rebuild at 1,000 plans. Jinja checks a template's source against the
    code kept for it, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


def edit_root(explicit: str | None, repo_url: str | None, edit_uri: str | None, docs_dir: Path,
              config_dir: Path) -> str | None:
    """Edit URL of the repository root: the explicit option, else the site's edit URL without its docs folder.

    Generated pages are edited in their plan's files, which lie outside the docs folder.
    """
    if explicit:
        return explicit if explicit.endswith("/") else explicit + "/"
    if not edit_uri:
        return None
    full = urljoin(repo_url or "", edit_uri)
    docs = posixpath.relpath(docs_dir.resolve().as_posix(), config_dir.resolve().as_posix()) + "/"
    return full[: -len(docs)] if full.endswith(docs) else None
