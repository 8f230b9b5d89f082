"""What a change does to the plans, in human terms: `kehoach diff BASE HEAD`.

Each side is a git revision (its `plans/` is unpacked into a temporary folder)
or a folder holding `plans/`. Both are loaded with `load_corpus` and compared
model to model: plans added or removed; tasks added, removed, reworded; deadlines
moved (the written phrase, the last day and the effective day, BLDS 2015 Điều 148
k5); lead and partner agencies reassigned; status changes with their proof;
reporting duties; the agency registry. A plan that does not load on one side is
reported as such, never as added or removed. Output is sorted by plan id, then
task id, so the same change always reads the same.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..core import links
from ..core.errors import Finding, PlanError
from ..core.labels import plan_title
from ..core.loader import Corpus, LoadedPlan, discover, load_corpus
from ..core.models import Agency, ReportingDuty, Submission
from ..core.text import short_date, weekday_name
from ..core.tracking import submission_words
from ..core.view import DutyView, Named, TaskView, resolve_plan
from ..core.workdays import why_closed


@dataclass(frozen=True)
class Change:
    """One change: a sign (+, -, ~), a verb, what it is about, and detail lines."""

    sign: str
    verb: str
    ref: str = ""  # task, duty or agency id; empty for plan-level changes
    text: str = ""
    details: tuple[str, ...] = ()
    anchor: bool = False  # ref is a task or duty on the plan page


@dataclass
class PlanChanges:
    """The changes of one plan, or why it could not be compared."""

    plan_id: str
    title: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Report:
    """Everything `kehoach diff` says about two sides."""

    base: str
    head: str
    plans: list[PlanChanges]
    registry: list[Change]
    problems: list[tuple[str, list[Finding]]]  # side label, its load errors

    @property
    def empty(self) -> bool:
        """True when nothing differs and neither side had load errors."""
        return not (self.plans or self.registry or self.problems)


# --- reading the two sides ------------------------------------------------------------

def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def materialise(rev: str, dest: Path, cwd: Path) -> Path:
    """Unpack `plans/` of git revision `rev` into `dest`; the unpacked plans folder."""
    found = _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=cwd)
    if found.returncode != 0:
        raise PlanError([Finding(rev, 1, 1, "KH602", "error", f"Không tìm thấy phiên bản «{rev}» trong kho git",
                                 "Dùng mã commit, tên nhánh hoặc thẻ, ví dụ HEAD~1 hoặc origin/main.")])
    top = Path(_git("rev-parse", "--show-toplevel", cwd=cwd).stdout.decode().strip())
    plans = dest / "plans"
    if _git("ls-tree", "--name-only", rev, "plans", cwd=top).stdout.strip():
        archive = _git("archive", "--format=tar", rev, "plans", cwd=top)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(dest, filter=_plain_members)
    plans.mkdir(parents=True, exist_ok=True)
    return plans


def _plain_members(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """Only files and folders come out of a revision: a committed symlink (to /etc/passwd, to /dev/zero)
    is left out, so that side's plan reads as missing a file, as `kehoach check` would report it."""
    return tarfile.data_filter(member, dest) if member.isfile() or member.isdir() else None


def plans_folder(spec: str, scratch: Path, cwd: Path) -> Path:
    """The plans folder a side names: `DIR/plans`, `DIR` itself, or a git revision's."""
    path = cwd / spec
    if path.is_dir():
        return path / "plans" if (path / "plans").is_dir() else path
    return materialise(spec, scratch, cwd)


def _unreadable(corpus: Corpus, folder: Path) -> set[str]:
    loaded = {plan.id for plan in corpus.plans}
    return {f"{d.parent.name}/{d.name}" for d in discover([folder])} - loaded


def compare_specs(base: str, head: str, cwd: Path | None = None) -> Report:
    """Load both sides (git revisions or folders) and compare them."""
    cwd = cwd or Path.cwd()
    with tempfile.TemporaryDirectory(prefix="kehoach-diff-") as scratch:
        folders = [plans_folder(spec, Path(scratch) / side, cwd) for side, spec in (("base", base), ("head", head))]
        corpora = [load_corpus([folder], base=folder.parent) for folder in folders]
        broken = [_unreadable(corpus, folder) for corpus, folder in zip(corpora, folders, strict=True)]
    return compare(corpora[0], corpora[1], base, head, broken[0] | broken[1])


# --- comparing -------------------------------------------------------------------------

def compare(old: Corpus, new: Corpus, base: str, head: str, broken: frozenset[str] | set[str] = frozenset()) -> Report:
    """Compare two loaded corpora; `broken` plan ids failed to load on a side."""
    problems = [(label, [f for f in corpus.findings if f.severity == "error"]) for label, corpus in
                ((f"trước ({base})", old), (f"sau ({head})", new))]
    names = {**old.agencies, **new.agencies}
    before = {plan.id: plan for plan in old.plans}
    after = {plan.id: plan for plan in new.plans}
    plans = []
    for plan_id in sorted(set(before) | set(after) | set(broken)):
        item = _compare_plan(plan_id, before.get(plan_id), after.get(plan_id), plan_id in broken, names)
        if item.changes:
            plans.append(item)
    return Report(base, head, plans, list(_compare_registry(old.agencies, new.agencies)),
                  [(label, found) for label, found in problems if found])


def _compare_plan(plan_id: str, old: LoadedPlan | None, new: LoadedPlan | None, broken: bool,
                  names: dict[str, Agency]) -> PlanChanges:
    shown = new or old
    item = PlanChanges(plan_id, plan_title(shown.plan, shown.id) if shown else plan_id)
    if broken:
        item.changes.append(Change("!", "Không so sánh được", text="kế hoạch có lỗi khi đọc ở một bên (xem phần lỗi)"))
    elif old is None and new is not None:
        item.changes.append(Change("+", "Thêm kế hoạch", text=f"{len(new.plan.tasks)} nhiệm vụ, "
                                                               f"{len(new.plan.reporting)} báo cáo định kỳ"))
    elif new is None and old is not None:
        item.changes.append(Change("-", "Bỏ kế hoạch", text=f"{len(old.plan.tasks)} nhiệm vụ"))
    elif old is not None and new is not None:
        item.changes.extend(_compare_document(old, new))
        item.changes.extend(_compare_items(old, new, names))
    return item


def _document_line(loaded: LoadedPlan) -> str:
    doc = loaded.plan.document
    number = f"{doc.number}/{doc.symbol}" if doc.number and doc.symbol else doc.number or "(chưa có số)"
    return f"số {number}, ngày {_issue_words(doc.date)}"


def _issue_words(value: object) -> str:
    if value is None:
        return "(chưa có)"
    if not isinstance(value, str):
        return short_date(value)  # type: ignore[arg-type]
    year, _, month = value.partition("-")
    return f"tháng {month}/{year} (chưa ghi ngày)" if month else f"năm {year} (chưa ghi ngày, tháng)"


def _compare_document(old: LoadedPlan, new: LoadedPlan) -> Iterator[Change]:
    if _document_line(old) != _document_line(new):
        yield Change("~", "Đổi số, ngày ban hành", text=f"{_document_line(old)} → {_document_line(new)}")
    for label, before, after in (("tên hiển thị", old.plan.title, new.plan.title),
                                 ("trích yếu", old.plan.document.subject, new.plan.document.subject)):
        if before != after:
            yield Change("~", f"Đổi {label}", text=f"«{before or ''}» → «{after or ''}»")


def _compare_items(old: LoadedPlan, new: LoadedPlan, names: dict[str, Agency]) -> Iterator[Change]:
    views = resolve_plan(old, names), resolve_plan(new, names)
    tasks = ({t.id: t for t in views[0].tasks}, {t.id: t for t in views[1].tasks})
    for task_id in sorted(set(tasks[0]) | set(tasks[1])):
        before, after = tasks[0].get(task_id), tasks[1].get(task_id)
        if before is None and after is not None:
            yield Change("+", "Thêm nhiệm vụ", task_id, after.title, _task_facts(after, names), True)
        elif after is None and before is not None:
            yield Change("-", "Bỏ nhiệm vụ", task_id, before.title)
        elif before is not None and after is not None:
            yield from _compare_task(before, after, names)
    duties = ({d.id: d for d in old.plan.reporting}, {d.id: d for d in new.plan.reporting})
    shown = ({d.id: d for d in views[0].duties}, {d.id: d for d in views[1].duties})
    for duty_id in sorted(set(duties[0]) | set(duties[1])):
        yield from _compare_duty(duty_id, duties[0].get(duty_id), duties[1].get(duty_id), names,
                                 shown[0].get(duty_id), shown[1].get(duty_id))


def _task_facts(task: TaskView, names: dict[str, Agency]) -> tuple[str, ...]:
    facts = [f"Thời hạn: {deadline_words(task)}"]
    if task.lead:
        facts.append("Chủ trì: " + "; ".join(agency_words(a.id, names) for a in task.lead))
    if task.partners:
        facts.append("Phối hợp: " + "; ".join(agency_words(a.id, names) for a in task.partners))
    return tuple(facts)


def _ids(named: tuple[Named, ...]) -> list[str]:
    return [a.id for a in named]


def _compare_task(old: TaskView, new: TaskView, names: dict[str, Agency]) -> Iterator[Change]:
    if " ".join(old.title.split()) != " ".join(new.title.split()):
        yield Change("~", "Đổi nội dung nhiệm vụ", new.id, details=(f"Trước: {old.title}", f"Sau: {new.title}"),
                     anchor=True)
    if old.section_id != new.section_id:
        yield Change("~", "Chuyển mục", new.id, f"«{old.section}» → «{new.section}»", anchor=True)
    if old.deadline != new.deadline:
        yield Change("~", "Đổi thời hạn", new.id, details=(f"Trước: {deadline_words(old)}",
                                                           f"Sau: {deadline_words(new)}"), anchor=True)
    for before, after, label in ((old.lead, new.lead, "chủ trì"), (old.partners, new.partners, "phối hợp")):
        moved = _agencies_moved(_ids(before), _ids(after), names)
        if moved:
            yield Change("~", f"Đổi cơ quan {label}", new.id, "; ".join(moved), anchor=True)
    if (old.state, old.proof, old.progress_note) != (new.state, new.proof, new.progress_note):
        yield Change("~", "Đổi trạng thái", new.id, f"{status_words(old)} → {status_words(new)}", anchor=True)


def _compare_duty(duty_id: str, old: ReportingDuty | None, new: ReportingDuty | None, names: dict[str, Agency],
                  before: DutyView | None, after: DutyView | None) -> Iterator[Change]:
    if old is None and new is not None and after is not None:
        yield Change("+", "Thêm báo cáo định kỳ", duty_id, new.title, (f"Thời hạn: {deadline_words(after)}",), True)
    elif new is None and old is not None:
        yield Change("-", "Bỏ báo cáo định kỳ", duty_id, old.title)
    elif old is not None and new is not None and old != new and before is not None and after is not None:
        details = []
        if old.title != new.title:
            details.append(f"Tên: «{old.title}» → «{new.title}»")
        if old.deadline != new.deadline:
            details.append(f"Thời hạn: {deadline_words(before)} → {deadline_words(after)}")
        moved = _agencies_moved(old.reporters, new.reporters, names)
        if moved:
            details.append("Đơn vị báo cáo: " + "; ".join(moved))
        for role, label in (("recipient", "Gửi"), ("via", "Qua")):
            if getattr(old, role) != getattr(new, role):
                details.append(f"{label}: {_maybe(getattr(old, role), names)} → {_maybe(getattr(new, role), names)}")
        details.extend(_submissions_moved(old.submissions, new.submissions, names))
        yield Change("~", "Đổi báo cáo định kỳ", duty_id, new.title, tuple(details) or ("Đổi câu chữ",), True)


def _submissions_moved(old: list[Submission] | None, new: list[Submission] | None,
                       names: dict[str, Agency]) -> list[str]:
    """Reports recorded as received, removed or corrected, one line each, by agency id."""
    lines = (["Bắt đầu theo dõi từng đơn vị gửi báo cáo"] if old is None and new is not None else
             ["Thôi theo dõi từng đơn vị gửi báo cáo"] if new is None and old is not None else [])
    before = {s.agency: s for s in old or []}
    after = {s.agency: s for s in new or []}
    for agency_id in sorted(set(before) | set(after)):
        was, now = before.get(agency_id), after.get(agency_id)
        who = agency_words(agency_id, names)
        if was is None and now is not None:
            lines.append(f"Đã nhận báo cáo của {who}: {submission_words(now)}")
        elif now is None and was is not None:
            lines.append(f"Bỏ báo cáo đã nhận của {who} ({submission_words(was)})")
        elif was != now and was is not None and now is not None:
            lines.append(f"Sửa báo cáo đã nhận của {who}: {submission_words(was)} → {submission_words(now)}")
    return lines


def _compare_registry(old: dict[str, Agency], new: dict[str, Agency]) -> Iterator[Change]:
    for agency_id in sorted(set(old) | set(new)):
        before, after = old.get(agency_id), new.get(agency_id)
        if before is None and after is not None:
            yield Change("+", "Thêm cơ quan", agency_id, after.name, _agency_facts(after, new))
        elif after is None and before is not None:
            yield Change("-", "Bỏ cơ quan", agency_id, before.name)
        elif before is not None and after is not None and before != after:
            details = []
            for name, label in (("name", "Tên"), ("parent", "Trực thuộc"), ("valid_from", "Hoạt động từ"),
                                ("valid_until", "Hoạt động đến hết"), ("successor", "Cơ quan kế thừa")):
                values = [_field_words(getattr(agency, name), new) for agency in (before, after)]
                if values[0] != values[1]:
                    details.append(f"{label}: {values[0]} → {values[1]}")
            moved = _agencies_moved(before.groups, after.groups, new)
            if moved:
                details.append("Nhóm: " + "; ".join(moved))
            yield Change("~", "Đổi thông tin cơ quan", agency_id, after.name,
                         tuple(details) or ("Đổi tên gọi khác, ghi chú",))


def _agency_facts(agency: Agency, names: dict[str, Agency]) -> tuple[str, ...]:
    facts = []
    if agency.valid_until:
        facts.append(f"Hoạt động đến hết: {short_date(agency.valid_until)}")
    if agency.successor:
        facts.append(f"Cơ quan kế thừa: {agency_words(agency.successor, names)}")
    return tuple(facts)


def _field_words(value: object, names: dict[str, Agency]) -> str:
    if value is None:
        return "(không ghi)"
    if hasattr(value, "isoformat"):
        return short_date(value)  # type: ignore[arg-type]
    return agency_words(str(value), names) if str(value) in names else f"«{value}»"


def _maybe(agency_id: str | None, names: dict[str, Agency]) -> str:
    return agency_words(agency_id, names) if agency_id else "(không ghi)"


def _agencies_moved(old: list[str], new: list[str], names: dict[str, Agency]) -> list[str]:
    added = [f"thêm {agency_words(a, names)}" for a in sorted(set(new) - set(old))]
    return added + [f"bỏ {agency_words(a, names)}" for a in sorted(set(old) - set(new))]


# --- words ---------------------------------------------------------------------------

def agency_words(agency_id: str, names: dict[str, Agency]) -> str:
    """An agency as people know it: its registry name, with its id."""
    agency = names.get(agency_id)
    return f"{agency.name} ({agency_id})" if agency else f"«{agency_id}» (không có trong danh mục)"


def deadline_words(item: TaskView | DutyView) -> str:
    """A deadline as written, its last day and, when that is a day off, the day it runs to."""
    if item.kind == "none":
        return "không ghi thời hạn"
    words = f"«{item.deadline_text}»"
    last, moved = item.due, item.effective_due
    if last is None or moved is None:
        return words
    words += f", hạn {short_date(last)}"
    if moved != last:
        words += f" ({why_closed(last)}; tính đến {weekday_name(moved)} {short_date(moved)})"
    return words


def status_words(task: TaskView) -> str:
    """A task's recorded state in words, with its proof and its progress note when it has them."""
    words = task.state_words + (f" ({task.proof_label})" if task.proof_label else "")
    return words + (f", ghi chú «{task.progress_note}»" if task.progress_note else "")


# --- output --------------------------------------------------------------------------

NOTHING = "Không có thay đổi."


def _problem_lines(report: Report) -> list[str]:
    lines = []
    for label, found in report.problems:
        lines.append(f"Bên {label} có {len(found)} lỗi khi đọc; phần lỗi không được so sánh:")
        lines.extend(f"  {f.path}:{f.line}:{f.col}: {f.code} {f.message}" for f in found[:20])
        if len(found) > 20:
            lines.append(f"  … và {len(found) - 20} lỗi khác (chạy «kehoach check» để xem đủ).")
    return lines


def render_text(report: Report) -> str:
    """The report as plain text for a terminal."""
    lines = [f"So sánh kế hoạch: {report.base} → {report.head}", ""]
    if report.empty:
        return "\n".join(lines + [NOTHING]) + "\n"
    if report.problems:
        lines += _problem_lines(report) + [""]
    blocks = [(f"Kế hoạch {p.plan_id}: {p.title}", p.changes) for p in report.plans]
    if report.registry:
        blocks.append(("Danh mục cơ quan", report.registry))
    for heading, changes in blocks:
        lines.append(heading)
        for change in changes:
            ref = f" «{change.ref}»" if change.ref else ""
            lines.append(f"  {change.sign} {change.verb}{ref}" + (f": {change.text}" if change.text else ""))
            lines.extend(f"      {detail}" for detail in change.details)
        lines.append("")
    return "\n".join(lines)


def render_markdown(report: Report, site_url: str = "", directory_urls: bool = True) -> str:
    """The report as Markdown for a pull request's job summary; links point into the site."""
    site = links.Site(site_url, directory_urls)
    lines = [f"## Thay đổi kế hoạch: `{report.base}` → `{report.head}`", ""]
    if report.empty:
        return "\n".join(lines + [NOTHING]) + "\n"
    if report.problems:
        lines += [f"> - {line[2:]}" if line.startswith("  ") else f"> **{line}**" for line in _problem_lines(report)]
        lines.append("")
    for plan in report.plans:
        url = site.to(links.plan_page(plan.plan_id))
        gone = plan.changes[0].sign == "-" and plan.changes[0].verb == "Bỏ kế hoạch"
        lines += [f"### {plan.plan_id if gone else f'[{plan.plan_id}]({url})'}: {plan.title}", ""]
        page = links.plan_page(plan.plan_id)
        lines += [_markdown_change(change, partial(site.to, page)) for change in plan.changes] + [""]
    if report.registry:
        lines += ["### Danh mục cơ quan", ""]
        lines += [_markdown_change(change, lambda ref: site.to(links.agency_page(ref)), agency=True)
                  for change in report.registry] + [""]
    return "\n".join(lines)


def _markdown_change(change: Change, target: Callable[[str], str], agency: bool = False) -> str:
    """A change as a list item; `target` gives the URL of what it names (a task's anchor, an agency's page)."""
    ref = ""
    if change.ref and (change.anchor or agency) and change.sign != "-":
        ref = f" [`{change.ref}`]({target(change.ref)})"
    elif change.ref:
        ref = f" `{change.ref}`"
    line = f"- **{change.verb}**{ref}" + (f": {change.text}" if change.text else "")
    return "\n".join([line] + [f"  - {detail}" for detail in change.details])
