"""The plan page: a plan (and the decision issuing it) laid out as the official document.

The page is Markdown: the plan's own Markdown body goes through MkDocs'
Markdown as normal content, while everything taken from YAML (header, tasks,
signature, notes) is emitted as HTML escaped by Jinja's autoescape. The marker
line `<!-- nhiem-vu: SECTION -->` in the body is replaced by that section's tasks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from html import escape

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..core import links
from ..core.agenda import ended, status
from ..core.checks import MARKER, plan_period
from ..core.elements import elements, is_attached
from ..core.labels import (
    MOTTO,
    NATIONAL_TITLE,
    NOTE_WORDS,
    PROOF_WORD,
    STATUS_WORDS,
    TASK_TABLE_HEAD,
    appendix_reference,
    effective_words,
    proof_href,
    proof_name,
    row_number,
    section_heading,
    task_line,
)
from ..core.loader import Corpus, LoadedPlan
from ..core.models import Document
from ..core.text import short_date
from ..core.view import DutyView, ItemView, Named, resolve
from .options import Options
from .timeline import render_timeline

ENV = Environment(loader=PackageLoader("kehoach.site"), undefined=StrictUndefined,
                  autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True,
                  keep_trailing_newline=True)
ENV.filters["proof_name"] = proof_name
ENV.filters["proof_href"] = proof_href
ENV.filters["section_heading"] = section_heading
ENV.globals["proof_word"] = PROOF_WORD
ENV.globals["task_line"], ENV.globals["row_number"] = task_line, row_number
ENV.globals["national_title"], ENV.globals["motto"] = NATIONAL_TITLE, MOTTO
ENV.globals["task_table_head"] = TASK_TABLE_HEAD


def render(template: str, **context: object) -> str:
    """Render one template of the package with the given context."""
    return ENV.get_template(template).render(**context)


def front_matter(title: str, source: str | None, searched: bool = True) -> str:
    """YAML front matter; the title is HTML-escaped because themes print it unescaped.

    `searched=False` keeps the whole page out of Material's search index (`search: exclude`).
    """
    lines = ["---", f"title: {json.dumps(escape(title), ensure_ascii=False)}"]
    if source:
        lines.append(f"kehoach_source: {json.dumps(source, ensure_ascii=False)}")
    if not searched:
        lines += ["search:", "  exclude: true"]
    return "\n".join([*lines, "---", "", ""])


@dataclass(frozen=True)
class Linked:
    """An agency as shown in a cell: its name and a link to its page (None when not in the registry)."""

    name: str
    href: str | None


def linked(agencies: Iterable[Named], link: links.Links) -> list[Linked]:
    """Agencies of a view, with links to their pages from the page `link` is on."""
    return [Linked(a.name, link.to(links.agency_page(a.id)) if a.known else None) for a in agencies]


@dataclass(frozen=True)
class Shown:
    """A task or duty as a page shows it: its view, its status on the build day, its agencies linked."""

    item: ItemView
    status: str
    lead: list[Linked]
    partners: list[Linked]  # a duty's recipient
    via: list[Linked]  # the agency a duty's report goes through

    @property
    def status_label(self) -> str:
        """The status in words (`labels.STATUS_WORDS`)."""
        return STATUS_WORDS[self.status]

    @property
    def shifted(self) -> str:
        """ "hạn thực tế …" when the last day is a day off."""
        return effective_words(self.item.due, self.item.effective_due)

    @property
    def due_iso(self) -> str:
        """Effective last day for the browser's badge script; empty when none."""
        return self.item.effective_due.isoformat() if self.item.effective_due else ""

    @property
    def ends_iso(self) -> str:
        """The plan's last day in force, for the badge script: after it an open task has no outcome recorded."""
        return self.item.ends.isoformat()


def shown(item: ItemView, link: links.Links, today: date) -> Shown:
    """What a page shows of one task or duty as of `today`."""
    if isinstance(item, DutyView):
        return Shown(item, status(item, today), linked(item.reporters, link),
                     linked([item.recipient] if item.recipient else [], link),
                     linked([item.via] if item.via else [], link))
    return Shown(item, status(item, today), linked(item.lead, link), linked(item.partners, link), [])


def document_view(document: Document, corpus: Corpus, link: links.Links, attached: bool) -> dict[str, object]:
    """The header and signature parts of a document, ready for the template (`core.elements`)."""
    return {
        "doc": document, "el": elements(document, corpus.agencies, attached),
        "recipients": [(r.text, link.to(links.agency_page(r.agency)) if r.agency in corpus.agencies else None)
                       for r in document.recipients],
    }


def _body(loaded: LoadedPlan, document: Document | None, place_tasks: Callable[[str], str]) -> str:
    if document is None or document.body is None:
        return ""
    text = loaded.bodies.get(document.body, "")
    return MARKER.sub(lambda m: f"\n\n{place_tasks(m.group(1))}\n\n", text)


def render_plan_page(loaded: LoadedPlan, corpus: Corpus, options: Options) -> str:
    """The whole Markdown page of one plan."""
    title = resolve(corpus).plans[loaded.id].title
    return front_matter(title, loaded.yaml_path) + render("plan.md", **_plan_context(loaded, corpus, options))


def _plan_context(loaded: LoadedPlan, corpus: Corpus, options: Options) -> dict[str, object]:
    plan, today = loaded.plan, options.today
    link = options.links(links.plan_page(loaded.id))
    resolved = resolve(corpus).plans[loaded.id]
    views = [shown(item, link, today) for item in resolved.items]
    sections = [task.section for task in plan.tasks]
    by_section: dict[str, list[Shown]] = {s.id: [] for s in plan.sections}
    for section_id, view in zip(sections, views, strict=False):  # tasks come first, in the plan's order
        by_section.get(section_id, []).append(view)
    appendix = plan.appendix
    placed = set(appendix.sections if appendix else [])
    for text in loaded.bodies.values():
        placed.update(MARKER.findall(text))

    anchored: set[str] = set()  # a task shown twice (marker and appendix) carries its anchor once

    def place_tasks(section_id: str) -> str:
        placed_views = by_section.get(section_id, [])
        html = render("tasks-in-place.html", views=placed_views, anchored=set(anchored)).strip()
        anchored.update(v.item.id for v in placed_views)
        return html

    task_views = [v for v in views if not v.item.is_report]
    start, end = plan_period(loaded)
    return {
        "plan": plan, "options": options, "today_text": short_date(today),
        "counts": {"tasks": len(task_views), "done": sum(v.status == "done" for v in task_views),
                   "overdue": sum(v.status == "overdue" for v in task_views),
                   "unrecorded": sum(v.status == "unrecorded" for v in task_views)},
        "ended": ended(resolved, today), "ends_text": short_date(resolved.ends) if resolved.ends > date.min else "",
        "closing": proof_name(plan.closing),
        "plan_doc": document_view(plan.document, corpus, link, is_attached(plan, plan.document)),
        "decision": document_view(plan.decision, corpus, link, False) if plan.decision else None,
        "decision_body": Markup(_body(loaded, plan.decision, place_tasks)),
        "plan_body": Markup(_body(loaded, plan.document, place_tasks)),
        "anchored": anchored,
        "appendix": appendix, "appendix_reference": appendix_reference(plan),
        "appendix_sections": [(s, by_section[s.id]) for s in plan.sections if s.id in placed and appendix
                              and s.id in appendix.sections],
        "unplaced": [(s, by_section[s.id]) for s in plan.sections if s.id not in placed and by_section[s.id]],
        "reports": [v for v in views if v.item.is_report],
        "notes": [(NOTE_WORDS[note.kind], note.text) for note in plan.source],
        "timeline": Markup(render_timeline([v.item for v in views], start, end, today)),
        "today_inside": start <= today <= end,
        "feed": feed_links(link, links.plan_feed(loaded.id), options.site_url),
        "files": downloads(link, links.plan_exports(loaded.id), options),
        "year_href": link.to(links.year_page(plan.year)),
    }


def downloads(link: links.Links, base: str, options: Options) -> list[tuple[str, str]]:
    """(label, href) of the export files of one plan or agency that the build publishes."""
    found = [(ext.upper(), f"{base}.{ext}") for ext in ("docx", "xlsx", "csv", "json")]
    found.append(("CSV nhận báo cáo", links.receipts_csv(base)))
    return [(label, link.to(path)) for label, path in found if path in options.downloads]


def feed_links(link: links.Links, path: str, site_url: str) -> dict[str, str]:
    """Download link and, with a site URL, the https:// and webcal:// subscription addresses."""
    https = link.absolute(site_url, path)
    webcal = "webcal://" + https.split("://", 1)[1] if https else ""
    return {"download": link.to(path), "https": https, "webcal": webcal}
