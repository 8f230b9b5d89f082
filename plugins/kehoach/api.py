"""The one library API that both faces of kehoach, the MkDocs plugin and the CLI, translate.

Load and check the plans (`Project.load`, `checked`), build the pages
(`Project.pages`), write the feeds (`Project.feeds`), the exports and the
assets. Nothing here imports MkDocs or click: an engine that runs no MkDocs
plugin reaches the same pages through `kehoach build-docs`, which is this API
writing files.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from importlib.resources import files
from pathlib import Path

from .core.deadlines import check_day
from .core.errors import Finding, PlanError, has_errors, render, strictly, summary
from .core.links import outside_nav as outside_nav
from .core.loader import Corpus
from .core.reuse import Reuse
from .core.schema import write_schemas as write_schemas
from .core.workspace import Workspace
from .feeds.calendar import FeedItem
from .feeds.calendar import iter_feeds as _iter_feeds
from .site.badges import asset_bytes
from .site.builder import build_pages, page_renderers
from .site.guide import fill_rule_table
from .site.indexer import Report
from .site.options import ASSET_DIR, ASSETS, Options
from .site.options import PAGE_ASSETS as PAGE_ASSETS
from .site.search import SearchError
from .site.session import Content, Session, edit_root
from .site.stamp import stamp_text
from .site.standalone import custom_dir_of, docs_dir_of, load_config, standalone_config

TODAY_ENV = "KEHOACH_TODAY"
PLANS = Path("plans")  # the plans folder when a command is given none


@dataclass
class Project:
    """A plans folder and what is built from it, kept between builds under `mkdocs serve`.

    `keep` (serve) remembers pages and calendar events so that a rebuild after one plan is
    saved redoes only what that plan touches; a one-off build keeps nothing.
    """

    plans_dir: Path
    base: Path
    keep: bool = False
    workspace: Workspace = field(init=False)
    kept_pages: Reuse[str] = field(default_factory=Reuse)
    kept_feeds: Reuse[list[FeedItem]] = field(default_factory=Reuse)

    def __post_init__(self) -> None:
        self.workspace = Workspace([self.plans_dir], self.base)

    def load(self) -> tuple[Corpus, list[Finding]]:
        """The plans and every finding about them (re-reading only changed folders when kept)."""
        return self.workspace.load()

    def checked(self) -> tuple[Corpus, list[Finding]]:
        """The plans and their warnings; `PlanError` with every error when one plan has one."""
        corpus, findings = self.load()
        raise_errors(findings)
        return corpus, findings

    def pages(self, corpus: Corpus, options: Options) -> dict[str, Callable[[], str]]:
        """Every generated page by path, as a function that renders it (or gives the kept page)."""
        self.kept_pages.next_build()
        return page_renderers(corpus, options, self.kept_pages if self.keep else None)

    def feeds(self, corpus: Corpus, site_url: str, today: date | None = None,
              directory_urls: bool = True) -> Iterator[tuple[str, bytes]]:
        """Every feed as of `today`, one at a time, reusing the events of unchanged plans when kept."""
        self.kept_feeds.next_build()
        return _iter_feeds(corpus, site_url, self.kept_feeds if self.keep else None, today, directory_urls)


@dataclass
class Site:
    """A site built by an engine that takes generated files (the MkDocs plugin): one build, or every rebuild
    of `mkdocs serve`, which keeps the project (plans, pages, events) and the session (what changed).

    The engine calls, in order: `configure`, `files` (then `session.add` for each file it makes of them),
    `scope`, `write_feeds`, the session's page steps, `finish`.
    """

    session: Session = field(default_factory=Session)
    project: Project | None = None
    today: date = field(default_factory=date.today)
    base: Path = field(default_factory=Path.cwd)  # the folder of the site's config: file paths are shown from it
    docs: str = "docs"  # the hand-written pages' folder, as findings name it
    corpus: Corpus | None = None
    options: Options = field(default_factory=lambda: Options(date.today()))
    notes: list[str] = field(default_factory=list)  # what to tell the author about this build

    def configure(self, today: str | None, source_edit_uri: str | None, repo_url: str | None,
                  edit_uri: str | None, docs_dir: Path, config_dir: Path) -> None:
        """Fix the build date (`build_date`; `BuildError` when malformed) and where plan files are edited: at
        `source_edit_uri`, else at the site's `edit_uri` (joined to `repo_url`) without its docs folder."""
        try:
            self.today, self.base, self.docs = build_date(today), config_dir, docs_dir.name
        except PlanError as exc:
            raise BuildError(str(exc)) from None
        self.session.edit_root = edit_root(source_edit_uri, repo_url, edit_uri, docs_dir, config_dir)

    def files(self, plans_dir: Path, site_url: str, directory_urls: bool, exports: bool,
              taken: Callable[[str], bool] = lambda uri: False) -> dict[str, Content]:
        """Every generated file of the checked plans (pages as functions that render them, assets, exports when
        asked). `BuildError` with every error of the plans, or when a file `taken` by the engine (a hand-written
        page) has the path of one (KH609). Begins the session's build."""
        serving = self.session.serving
        if not serving or self.project is None or self.project.plans_dir != plans_dir:
            self.project = Project(plans_dir, self.base, keep=serving)
        try:
            corpus, warnings = self.project.checked()
        except PlanError as exc:
            raise BuildError(f"Kế hoạch còn lỗi, chưa dựng được trang:\n{exc}\n"
                             "Chạy «kehoach check» để xem chi tiết.") from None
        self.corpus, reloaded = corpus, self.project.workspace.reloaded
        self.notes = [f.as_text() for f in warnings] + self.session.notes(len(corpus.plans), reloaded)
        downloads = build_exports(corpus, self.today) if exports else {}
        self.options = Options(self.today, site_url, directory_urls, frozenset(downloads))
        generated: dict[str, Content] = {**self.project.pages(corpus, self.options), **build_assets(), **downloads}
        clashing = clashes((uri for uri in generated if taken(uri)), self.docs)
        if clashing:
            raise BuildError(str(PlanError(clashing)))
        self.session.start()
        return generated

    def scope(self, pages: Iterable[tuple[str, str, bool, str]], search: str, titles_from: int,
              made: int) -> list[str]:
        """Once the `made` generated files are added: what the search index keeps of the site's pages (source
        path, URL, generated, path in the site folder; `search` and `titles_from` are the plugin's options) and
        what to tell the author."""
        assert self.corpus is not None, "files() comes first"
        notes = self.notes + self.session.changes_note()
        self.session.remove_gone()
        plans = [loaded.id for loaded in self.corpus.plans]
        notes += self.session.choose_scope(search, titles_from, plans, pages)
        return [*notes, f"{len(plans)} kế hoạch, {made} tệp được tạo (ngày {self.today})."]

    def write_feeds(self, site_dir: Path) -> None:
        """Write every feed as of the build date into the built site (under serve --dirty, only those that changed)."""
        assert self.project is not None and self.corpus is not None, "files() comes first"
        self.session.write_feeds(site_dir, self.project.feeds(self.corpus, self.options.site_url, self.today,
                                                              self.options.directory_urls))

    def finish(self, site_dir: Path, report: Report) -> None:
        """End a build: index the written site for search (`BuildError` when Pagefind fails; under serve in the
        background, `report` saying when the search has caught up); a one-off build lets go of the plans, a
        served one keeps them for the next."""
        try:
            self.session.write_search(site_dir, report)
        except SearchError as exc:
            raise BuildError(str(exc)) from None
        if not self.session.serving:
            self.project = None


class BuildError(Exception):
    """Why a site cannot be built: a Vietnamese message for the build log, whole (the engine adds nothing)."""


def raise_errors(findings: Iterable[Finding]) -> None:
    """Stop with every error found; warnings pass."""
    found = list(findings)
    if has_errors(found):
        raise PlanError(f for f in found if f.severity == "error")


def load_checked(paths: list[Path], base: Path | None = None) -> tuple[Corpus, list[Finding]]:
    """Load and check plans in one pass (each plan checked as it is read), every finding returned."""
    return Workspace(paths, base or Path.cwd()).load()


def checked_corpus(paths: list[Path], base: Path | None = None) -> Corpus:
    """The plans under `paths`, or `PlanError` with every error when one has one."""
    corpus, findings = load_checked(paths, base)
    raise_errors(findings)
    return corpus


def build_assets() -> dict[str, bytes]:
    """The stylesheet and script the pages need, under assets/kehoach/."""
    folder = files("kehoach.site") / "assets"
    return {f"{ASSET_DIR}/{name}": asset_bytes(name, (folder / name).read_bytes()) for name in ASSETS}


def iter_feeds(corpus: Corpus, site_url: str, today: date | None = None,
               directory_urls: bool = True) -> Iterator[tuple[str, bytes]]:
    """Every calendar feed (lich/…) as of `today` (plans ended by then ring no alarms), one at a time."""
    return _iter_feeds(corpus, site_url, today=today, directory_urls=directory_urls)


def build_exports(corpus: Corpus, today: date) -> dict[str, bytes]:
    """Every export (xuat/…: DOCX, XLSX, CSV, JSON) as of `today` (overdue rows, ended plans); slow, so optional."""
    from .exports.files import export_files

    return export_files(corpus, today)


def build_date(value: str | None, environ: Mapping[str, str] = os.environ) -> date:
    """The build's "today": an explicit value, else $KEHOACH_TODAY, else the clock.

    Pinning it makes a build reproducible; leaving it makes "overdue" true on the day of the build.
    """
    text = value or environ.get(TODAY_ENV, "")
    if not text:
        return date.today()
    try:
        return check_day(date.fromisoformat(text.strip()), TODAY_ENV if not value else "--today")
    except ValueError:
        raise PlanError([Finding(TODAY_ENV, 1, 1, "KH603", "error",
                                 f"Ngày lập trang «{text}» không đúng dạng NĂM-THÁNG-NGÀY",
                                 "Ví dụ: KEHOACH_TODAY=2024-06-15")]) from None


def site_source(corpus: Corpus, options: Options, config_file: Path | None, outdir: Path,
                exports: bool = False) -> Iterator[tuple[str, str | bytes]]:
    """A whole site source for engines that run no kehoach plugin (`kehoach build-docs`), as (path, content).

    Under docs/: the generated pages, the hand-written guides of the config's docs_dir (the rule table
    filled in, as the site's hook does), the assets, the feeds and (`exports`) the exports; beside it
    mkdocs.yml (`site.standalone`) and the theme's `custom_dir` (overrides/) when it lies beside the
    config. `PlanError` (KH603) when `outdir` would overwrite the config or its guides, (KH609) when a
    guide has the path of a generated page.
    """
    config = load_config(config_file.read_text(encoding="utf-8") if config_file else None)
    folder = config_file.resolve().parent if config_file else Path.cwd()
    guides_dir = folder / docs_dir_of(config)
    out, guides_at = outdir.resolve(), guides_dir.resolve()
    if out == folder or out == guides_at or guides_at in out.parents:
        raise PlanError([Finding(str(outdir), 1, 1, "KH603", "error",
                                 f"Thư mục ghi «{outdir}» là thư mục của mkdocs.yml hoặc của trang hướng dẫn; "
                                 "ghi vào đó sẽ đè lên chúng",
                                 "Chọn một thư mục riêng, ví dụ: kehoach build-docs build/trang")])
    files: dict[str, str | bytes] = {**build_exports(corpus, options.today)} if exports else {}
    options = replace(options, downloads=frozenset(files))
    files.update({**build_pages(corpus, options), **build_assets()})
    guides = _guides(guides_dir) if config_file else {}
    theme_dir = custom_dir_of(config) if config_file else None
    theme = {f"{theme_dir}/{uri}": content for uri, content in _guides(folder / theme_dir).items()} if theme_dir else {}
    raise_errors(clashes(guides.keys() & files.keys(), docs_dir_of(config)))
    stamp = stamp_text(options.today, source_commit(folder))
    yield "mkdocs.yml", standalone_config(config, site_url=options.site_url, directory_urls=options.directory_urls,
                                          stamp=stamp, engine=options.engine)
    yield from sorted(theme.items())
    for uri, content in sorted({**files, **guides}.items()):
        yield f"docs/{uri}", content
    for uri, content in iter_feeds(corpus, options.site_url, options.today, options.directory_urls):
        yield f"docs/{uri}", content


def build_docs(outdir: Path, plans_dir: Path, config_file: Path | None = None, site_url: str = "",
               today: str | None = None, directory_urls: bool = True, exports: bool = False,
               engine: str = "mkdocs") -> list[Path]:
    """Write the whole site source of checked plans under `outdir` (`site_source`) as of `today` (`build_date`);
    the config defaults to ./mkdocs.yml when there is one. The written paths; `PlanError` as the plans, the date
    or `site_source` have it."""
    config = config_file or (Path("mkdocs.yml") if Path("mkdocs.yml").is_file() else None)
    corpus = checked_corpus([plans_dir])
    options = Options(build_date(today), site_url, directory_urls, engine=engine)
    return write_tree(outdir, site_source(corpus, options, config, outdir, exports))


def clashes(uris: Iterable[str], docs_dir: str = "docs") -> list[Finding]:
    """KH609 for each hand-written file (its path in `docs_dir`) that has the path of a generated one."""
    return [Finding(f"{docs_dir}/{uri}", 1, 1, "KH609", "error",
                    "Trang viết tay trùng đường dẫn với trang do kehoach tạo ra",
                    "Đổi tên tệp đó hoặc chuyển nó vào thư mục khác, ví dụ huong-dan/") for uri in sorted(uris)]


def _guides(folder: Path) -> dict[str, str | bytes]:
    """Every file of the hand-written docs folder by its path there; Markdown with the rule table filled in."""
    found: dict[str, str | bytes] = {}
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        uri = path.relative_to(folder).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in uri.split("/")):
            text = path.suffix == ".md"
            found[uri] = fill_rule_table(path.read_text(encoding="utf-8")) if text else path.read_bytes()
    return found


def source_commit(folder: Path) -> str | None:
    """The short hash of the git commit `folder` is checked out at, or None outside a repository (or without git)."""
    try:
        found = subprocess.run(["git", "rev-parse", "--short=8", "HEAD"], cwd=folder, capture_output=True,
                               text=True, check=False)
    except OSError:
        return None
    return (found.stdout.strip() or None) if found.returncode == 0 else None


def build_stamp(folder: Path, today: str | None = None) -> str:
    """The footer's build stamp: the build date (`build_date`) and the commit of `folder`, in Vietnamese."""
    return stamp_text(build_date(today), source_commit(folder))


def write_tree(outdir: Path, content: Iterable[tuple[str, str | bytes]]) -> list[Path]:
    """Write each (relative path, content) under `outdir`, in the order given; return the written paths."""
    written = []
    for relative, data in content:
        path = outdir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(data)
        written.append(path)
    return written


@dataclass(frozen=True)
class CheckReport:
    """What `kehoach check` says: the findings rendered, a one-line summary, whether any is an error."""

    output: str
    summary: str
    failed: bool


def check(paths: list[Path], strict: bool = False, fmt: str = "text") -> CheckReport:
    """Load and check the plans under `paths` (default plans/); `strict` makes every warning an error."""
    _, findings = load_checked(paths or [PLANS])
    if strict:
        findings = strictly(findings)
    return CheckReport(render(findings, fmt), summary(findings), has_errors(findings))


def write_feeds(outdir: Path, plans_dir: Path, site_url: str, today: date | None = None,
                directory_urls: bool = True) -> list[Path]:
    """Write every calendar feed of checked plans under `outdir`/lich/, one at a time (hundreds of MB)."""
    return write_tree(outdir, iter_feeds(checked_corpus([plans_dir]), site_url, today, directory_urls))


def write_exports(paths: list[Path], outdir: Path, today: date | None = None) -> list[Path]:
    """Write every export of checked plans under `outdir`/xuat/, as of `today` (default: `build_date`)."""
    return write_tree(outdir, build_exports(checked_corpus(paths or [PLANS]), today or build_date(None)).items())


def diff(base: str, head: str, fmt: str = "text", site_url: str = "", directory_urls: bool = True) -> str:
    """What changed in the plans between two git revisions (or two folders holding plans/), as text or Markdown."""
    from .authoring.diff import compare_specs, render_markdown, render_text

    report = compare_specs(base, head)
    return render_markdown(report, site_url, directory_urls) if fmt == "markdown" else render_text(report)


def digest(paths: list[Path], today: date | None, days: int, fmt: str = "text", site_url: str = "",
           directory_urls: bool = True) -> str:
    """Overdue work and work due in `days` days, per agency, of checked plans.

    `today` defaults to $KEHOACH_TODAY, then the clock, as for the site, the feeds and the exports.
    """
    from .exports.digest import build_digest, render_markdown, render_text

    day = today or build_date(None)
    corpus = checked_corpus(paths or [PLANS])
    found = build_digest(corpus, day, days)
    return (render_markdown(found, corpus, day, days, site_url, directory_urls) if fmt == "markdown"
            else render_text(found, corpus, day, days))


def new_plan(source: Path, year: int, slug: str | None = None) -> str:
    """Write next year's plan folder from `source`; the checklist of what a person must decide."""
    from .authoring.rollover import roll_forward

    return "\n".join(roll_forward(source, year, slug).checklist)


def import_statuses(file: Path, plans: Path) -> str:
    """Write the statuses of a filled tracking sheet (XLSX, CSV) into the plans, all or nothing; what was written."""
    from .authoring.status_import import import_statuses as write_statuses
    from .authoring.status_import import report

    return report(write_statuses(file, plans))


def import_plan(file: Path, plans: Path, year: int | None = None, slug: str | None = None) -> str:
    """Write a draft plan folder from a document (.docx, .txt, .md), never over one; the report of the draft."""
    from .authoring.importer import report, write_draft

    folder, draft = write_draft(file, plans, year, slug)
    return report(folder, draft)
