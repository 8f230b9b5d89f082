"""Loading plans and the agency registry from disk into validated models.

The data flows one way: files -> `load_corpus` -> models (+ findings) -> checks
-> views. A plan folder is `plans/<year>/<slug>/` with `ke-hoach.yml` and the
Markdown files it names. The registry is every `*.yml` under `plans/agencies/`.
"""

from __future__ import annotations

import calendar
import difflib
import gc
import os
import re
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import Finding, PlanError
from .migrations import version_finding
from .models import Agency, Plan, Registry
from .source import BadValue, Mapping, node_position, parse_yaml, parse_yaml_tree, position, read_text, written_at
from .text import describe_char, odd_characters, slugify, visible

PLAN_FILE = "ke-hoach.yml"
AGENCY_DIR = "agencies"
SCHEMA_LINE = "# yaml-language-server: $schema="


@dataclass
class LoadedPlan:
    """A validated plan with what is needed to point back into its files."""

    id: str
    folder: Path
    yaml_path: str
    plan: Plan
    data: Mapping  # the YAML with positions; empty until a position is asked for when `text` is kept
    bodies: dict[str, str] = field(default_factory=dict)  # relative name -> Markdown text
    body_paths: dict[str, str] = field(default_factory=dict)  # relative name -> shown path
    text: str | None = None  # the plan YAML, parsed again with positions for the first finding
    tree: Any = None  # or the composed YAML nodes it was read from, kept while the plan is checked

    def at(self, *loc: Any) -> tuple[int, int]:
        """Line and column of the value at `loc` in the plan YAML."""
        if self.tree is not None:
            return node_position(self.tree, loc)
        if self.text is not None:
            self.data, self.text = parse_yaml(self.text, self.yaml_path)[0], None
        return position(self.data, loc)

    def forget_positions(self) -> None:
        """Drop what positions are found from (the YAML text or nodes, or the tree with positions).

        For a site build, once the plan is checked: later positions fall back to line 1.
        """
        self.data, self.text, self.tree = Mapping(), None, None


@dataclass
class Corpus:
    """Everything loaded from a plans tree: plans, agencies, findings."""

    root: Path
    plans: list[LoadedPlan]
    agencies: dict[str, Agency]
    agency_pos: dict[str, tuple[str, int, int]]
    findings: list[Finding]
    agency_data: dict[str, Any] = field(default_factory=dict)  # id -> its YAML mapping, for positions
    broken_agencies: set[str] = field(default_factory=set)  # ids whose registry entry is invalid (reported)


def shown_path(path: Path, base: Path) -> str:
    """Path as users see it in messages: relative to the working folder when possible."""
    absolute, folder = os.path.abspath(path), os.path.abspath(base)
    if absolute.startswith(folder.rstrip(os.sep) + os.sep):  # the common case, without a syscall per file
        return Path(absolute[len(folder.rstrip(os.sep)) + 1:]).as_posix()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def find_root(start: Path) -> Path:
    """The plans root: the nearest folder at or above `start` holding `agencies/`."""
    start = start.resolve()
    for candidate in [start, *start.parents]:
        if (candidate / AGENCY_DIR).is_dir():
            return candidate
    return start


YEAR_FOLDER = re.compile(r"[0-9]{4}")
PLAN_FOLDER = re.compile(r"[a-z0-9][a-z0-9-]*")
Refusal = tuple[Path, str, str, str]  # the folder, rule code, message, hint


def discover(paths: list[Path], unreadable: list[Path] | None = None,
             refused: list[Refusal] | None = None) -> list[Path]:
    """Plan folders (`<year>/<slug>/`) under the given paths, in sorted order.

    Folders that cannot be listed are skipped and, when `unreadable` is given, added to it.
    Folders that are not admitted (a symlink; a year folder that is not four digits; a plan
    folder whose name is not a slug, since it becomes a URL, a feed name and an edit link)
    are skipped and, when `refused` is given, added to it with the reason.
    """
    def subfolders(path: Path, pattern: re.Pattern[str] | None) -> list[Path]:
        try:
            children = [child for child in path.iterdir() if child.is_dir() and not child.name.startswith(".")]
        except OSError:
            if unreadable is not None:
                unreadable.append(path)
            return []
        kept = []
        for child in sorted(children):
            reason = _refusal(child, pattern) if pattern else None
            if reason is None:
                kept.append(child)
            elif reason[1] and refused is not None:
                refused.append(reason)
        return kept

    folders: set[Path] = set()
    for path in paths:
        path = path if path.is_dir() else path.parent
        if YEAR_FOLDER.fullmatch(path.parent.name):
            folders.add(path)
        elif YEAR_FOLDER.fullmatch(path.name):
            folders.update(subfolders(path, PLAN_FOLDER))
        elif path.is_dir():
            folders.update(d for year in subfolders(path, YEAR_FOLDER) for d in subfolders(year, PLAN_FOLDER))
    return sorted(folders)


def plan_folder_name(slug: str, given: str = "--slug") -> str:
    """`slug` when it can name a plan folder (a slug: never "/", "..", a space or a capital letter);
    `PlanError` (KH603) otherwise, before anything is written."""
    if PLAN_FOLDER.fullmatch(slug):
        return slug
    fixed = slugify(slug.replace("..", "").replace("/", "-"))
    raise PlanError([Finding(given, 1, 1, "KH603", "error",
                             f"Tên thư mục kế hoạch «{visible(slug)}» không dùng được: chỉ gồm chữ thường không dấu, "
                             "số và dấu «-» (không có «/», «..», dấu cách)",
                             f"Ví dụ: --slug {fixed or 'ke-hoach-tdkt'}")])


def _refusal(folder: Path, pattern: re.Pattern[str]) -> Refusal | None:
    """Why a year or plan folder is not admitted (code "" for the registry folder, skipped quietly), or None."""
    name = folder.name
    if folder.is_symlink():
        return (folder, "KH113", "Thư mục là một liên kết tượng trưng (symlink); kehoach không đọc qua liên kết",
                "Xóa liên kết và đặt chính thư mục đó vào chỗ này.")
    if pattern.fullmatch(name):
        return None
    if pattern is YEAR_FOLDER:
        if name == AGENCY_DIR:
            return folder, "", "", ""
        fixed = name.strip()
        hint = (f"Đổi tên thư mục thành «{fixed}» (bỏ dấu cách thừa)." if YEAR_FOLDER.fullmatch(fixed) else
                "Trong plans/ chỉ có thư mục năm (bốn chữ số, ví dụ 2025) và agencies/; "
                "chuyển thư mục này vào thư mục năm của nó.")
        return folder, "KH114", f"Thư mục «{visible(name)}» không phải là một năm", hint
    slug = slugify(name)
    hint = (f"Đổi tên thư mục thành «{slug}»." if slug and PLAN_FOLDER.fullmatch(slug)
            else "Đặt tên thư mục bằng chữ thường không dấu, số và dấu «-», ví dụ ke-hoach-tdkt.")
    return (folder, "KH114", f"Tên thư mục kế hoạch «{visible(name)}» chỉ được có chữ thường không dấu, số và dấu «-» "
            "(tên này thành địa chỉ trang và tên lịch)", hint)


def _plans_folder(path: Path) -> Path:
    """`path`, or its `plans/` folder when given the repository root (`kehoach check .`)."""
    if not (path.is_dir() and (path / "plans").is_dir()) or (path / AGENCY_DIR).is_dir():
        return path
    try:
        return path if any(child.name.isdigit() for child in path.iterdir()) else path / "plans"
    except OSError:
        return path


def load_corpus(paths: list[Path], base: Path | None = None, *, freeze: bool = False) -> Corpus:
    """Load the registry and every plan under `paths`; report every problem found.

    `freeze=True` (for a process that exits after one run, like `kehoach check`)
    leaves the loaded objects out of the cyclic GC for good (see `quiet_gc`).
    """
    base = base or Path.cwd()
    corpus, folders = open_corpus(paths, base)
    with quiet_gc(freeze=freeze):
        for folder in folders:
            loaded = load_plan(folder, base, corpus.findings)
            if loaded:
                corpus.plans.append(loaded)
    return corpus


def open_corpus(paths: list[Path], base: Path) -> tuple[Corpus, list[Path]]:
    """The registry and the plan folders to load, with no plan loaded yet.

    The corpus carries the findings about folders (unreadable, no plan at all);
    the caller loads the folders into `corpus.plans`, with `load_plan` or a cache over it.
    """
    paths = [_plans_folder(path) for path in paths] or [Path("plans")]
    root = find_root(paths[0])
    findings: list[Finding] = []
    agency_data: dict[str, Any] = {}
    broken: set[str] = set()
    agencies, agency_pos = load_registry(root / AGENCY_DIR, base, findings, agency_data, broken)
    unreadable: list[Path] = []
    refused: list[Refusal] = []
    folders = discover(paths, unreadable, refused)
    findings.extend(Finding(shown_path(path, base), 1, 1, "KH108", "error", "Không đọc được thư mục",
                            "Kiểm tra quyền đọc thư mục này.") for path in unreadable)
    findings.extend(Finding(shown_path(path, base), 1, 1, code, "error", message, hint)
                    for path, code, message, hint in refused)
    if not folders and not any((root / AGENCY_DIR).glob("*.yml")):
        findings.extend(Finding(shown_path(path, base), 1, 1, "KH108", "error",
                                f"Không thấy kế hoạch nào trong «{shown_path(path, base)}»",
                                "Kế hoạch nằm ở plans/NĂM/TÊN/ke-hoach.yml; chạy «kehoach check plans» "
                                "trong thư mục gốc của kho.") for path in paths)
    return Corpus(root, [], agencies, agency_pos, findings, agency_data, broken), folders


@contextmanager
def quiet_gc(*, freeze: bool = False) -> Iterator[None]:
    """Keep the cyclic GC out of a bulk load.

    Loading makes tens of thousands of small objects and no garbage cycles, so
    the GC is off meanwhile, and the new objects go straight to the oldest
    generation instead of being traversed by the next young collections.
    `freeze=True` leaves them out of the cyclic GC altogether; a long-lived
    process (mkdocs serve) must not, or garbage they point to could never be freed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if not freeze:
            gc.unfreeze()  # into the oldest generation: no traversal now, collectable later
        if was_enabled:
            gc.enable()


AgencyPositions = dict[str, tuple[str, int, int]]


def load_registry(folder: Path, base: Path, findings: list[Finding], raw: dict[str, Any] | None = None,
                  broken: set[str] | None = None) -> tuple[dict[str, Agency], AgencyPositions]:
    """Load every registry file; agencies by id and where each was declared.

    One bad entry does not lose the file: the entries that validate are kept, so
    plans citing them are not flooded with "unknown agency" findings. `raw`, when
    given, receives each agency's YAML mapping (for positions of its fields);
    `broken` receives the ids of entries that failed validation.
    """
    agencies: dict[str, Agency] = {}
    where: dict[str, tuple[str, int, int]] = {}
    if folder.is_symlink():
        findings.append(Finding(shown_path(folder, base), 1, 1, "KH113", "error",
                                "Thư mục danh mục cơ quan là một liên kết tượng trưng (symlink)",
                                "Xóa liên kết và đặt chính thư mục agencies/ vào chỗ này."))
        return agencies, where
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        shown = shown_path(path, base)
        data = _read_yaml(path, shown, findings)
        if data is None:
            continue
        registry = validate(Registry, data, shown, findings)
        valid = _agencies_of(registry, data)
        if broken is not None and registry is None and isinstance(data.get("agencies"), list):
            good = {index for index, _ in valid}
            broken.update(item["id"] for index, item in enumerate(data["agencies"])
                          if index not in good and isinstance(item, dict) and isinstance(item.get("id"), str))
        for index, agency in valid:
            line, col = position(data, ("agencies", index, "id"))
            if agency.id in agencies:
                first = where[agency.id]
                findings.append(Finding(shown, line, col, "KH403", "error",
                                        f"Mã cơ quan «{agency.id}» trùng với mã đã khai ở {first[0]}:{first[1]}",
                                        "Mỗi cơ quan chỉ khai một lần; đổi mã hoặc xóa bản trùng."))
                continue
            agencies[agency.id] = agency
            where[agency.id] = (shown, line, col)
            if raw is not None:
                raw[agency.id] = data["agencies"][index]
    return agencies, where


def _agencies_of(registry: Registry | None, data: Mapping) -> list[tuple[int, Agency]]:
    """The registry's agencies with their index; when the file failed, the entries that validate alone."""
    if registry is not None:
        return list(enumerate(registry.agencies))
    items = data.get("agencies")
    valid = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        try:
            valid.append((index, Agency.model_validate(item)))
        except ValidationError:
            continue  # already reported when the whole file was validated
    return valid


def load_plan(folder: Path, base: Path, findings: list[Finding], *, keep_tree: bool = False) -> LoadedPlan | None:
    """Load one plan folder; None when it cannot be used (findings say why).

    `keep_tree` keeps the YAML's composed nodes instead of its text, so that the positions of the
    findings of the checks that follow need no second parse; the caller checks the plan at once
    and then calls `forget_positions` (a province's trees would not fit in memory together).
    """
    yaml_path = folder / PLAN_FILE
    shown = shown_path(yaml_path, base)
    if not yaml_path.exists():
        findings.append(Finding(shown_path(folder, base), 1, 1, "KH108", "error",
                                f"Thư mục kế hoạch thiếu tệp {PLAN_FILE}",
                                f"Mỗi thư mục kế hoạch cần {PLAN_FILE}; sao chép từ một kế hoạch có sẵn."))
        return None
    text, data, tree = _read_plain_yaml(yaml_path, shown, findings)
    if data is None:
        return None
    if isinstance(data, Mapping):  # something unusual was reported: the data came with positions
        text = tree = None
    plan = validate(Plan, data, shown, findings, positioned=lambda: parse_yaml(text, shown)[0] if text else data)
    if plan is None:
        return None
    loaded = LoadedPlan(f"{folder.parent.name}/{folder.name}", folder, shown, plan,
                        data if text is None else Mapping(), text=None if keep_tree else text,
                        tree=tree if keep_tree else None)
    year_folder = folder.parent.name
    if YEAR_FOLDER.fullmatch(year_folder) and plan.year != int(year_folder):
        line, col = loaded.at("year")
        findings.append(Finding(shown, line, col, "KH211", "error",
                                f"Kế hoạch ghi «year: {plan.year}» nhưng nằm trong thư mục năm {year_folder}",
                                f"Sửa thành «year: {year_folder}», hoặc chuyển thư mục kế hoạch sang "
                                f"plans/{plan.year}/{folder.name}/."))
        return None  # its deadlines would all be judged against the wrong year: one finding says it
    for key, document in (("document", plan.document), ("decision", plan.decision)):
        if document is not None and document.body is not None:
            _load_body(loaded, key, document.body, base, findings)
    return loaded


def _load_body(loaded: LoadedPlan, key: str, name: str, base: Path, findings: list[Finding]) -> None:
    """Read the Markdown file a document names; it must sit in the plan folder itself."""
    if os.path.dirname(os.path.normpath(name)) not in ("", ".") or os.path.isabs(name):
        line, col = loaded.at(key, "body")
        findings.append(Finding(loaded.yaml_path, line, col, "KH108", "error",
                                f"Tệp nội dung «{name}» phải nằm ngay trong thư mục kế hoạch",
                                "Ghi tên tệp, không ghi đường dẫn: body: noi-dung.md"))
        return
    path = loaded.folder / name
    if not path.is_file():
        line, col = loaded.at(key, "body")
        findings.append(Finding(loaded.yaml_path, line, col, "KH108", "error",
                                f"Không thấy tệp nội dung «{name}» trong thư mục kế hoạch",
                                "Tạo tệp Markdown đó hoặc sửa tên tệp ở trường «body»."))
        return
    shown = shown_path(path, base)
    text, problems = read_text(path, shown)
    findings.extend(problems)
    if text is not None:
        loaded.bodies[name] = text
        loaded.body_paths[name] = shown


def _read_yaml(path: Path, shown: str, findings: list[Finding]) -> Any:
    return _read_plain_yaml(path, shown, findings, positions=True)[1]


def _read_plain_yaml(path: Path, shown: str, findings: list[Finding],
                     positions: bool = False) -> tuple[str | None, Any, Any]:
    """The file's text, its YAML data and the YAML's node tree: the data a mapping (plain, or with positions
    when `positions` or when a problem was found: see `parse_yaml`), or None when it cannot be used
    (findings say why)."""
    text, problems = read_text(path, shown)
    findings.extend(problems)
    if text is None:
        return None, None, None
    data, problems, tree = parse_yaml_tree(text, shown, positions=positions)
    findings.extend(problems)
    if data is None and not problems:
        findings.append(Finding(shown, 1, 1, "KH110", "error", "Tệp YAML trống",
                                "Điền nội dung theo mẫu, hoặc xóa tệp nếu không dùng."))
        return text, None, None
    if data is not None and not isinstance(data, dict):
        findings.append(Finding(shown, 1, 1, "KH110", "error", "Tệp YAML phải là một ánh xạ (các dòng «tên: giá trị»)",
                                "Xem mẫu trong hướng dẫn soạn kế hoạch."))
        return text, None, None
    if data is not None and not text.startswith(SCHEMA_LINE):
        findings.append(Finding(shown, 1, 1, "KH208", "warning", "Dòng đầu tệp chưa khai báo lược đồ (schema)",
                                f"Thêm dòng đầu «{SCHEMA_LINE}…» để trình soạn thảo kiểm tra khi gõ."))
    return text, data, tree


def validate(model: type[BaseModel], data: Any, shown: str, findings: list[Finding],
             positioned: Callable[[], Any] | None = None) -> Any:
    """Validate data against a model; turn every pydantic error into a finding.

    `positioned` gives the same data with positions when `data` has none. A file
    declaring another `schema_version` gets one finding saying what to do instead
    (`migrations.version_finding`): its fields follow another version's names.
    """
    versioned = "schema_version" in model.model_fields
    stop = version_finding(data, shown, positioned or (lambda: data)) if versioned else None
    if stop is not None:
        findings.append(stop)
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        if positioned is not None:
            data = positioned()
        reported: set[tuple[Any, ...]] = set()
        for error in exc.errors(include_url=False):
            if isinstance(error.get("input"), BadValue):
                continue  # already reported by the loader (impossible date)
            loc = _data_loc(error, data)
            if (loc, error["type"] == "missing") in reported:
                continue  # one value failing several members of a union: report it once
            reported.add((loc, error["type"] == "missing"))
            findings.append(_finding_from({**error, "loc": loc}, model, data, shown))
        return None


def _data_loc(error: Any, data: Any) -> tuple[Any, ...]:
    """The error's location without pydantic's union-member labels (the path that exists in the data)."""
    loc = tuple(error["loc"])
    node, kept = data, []
    for step in loc:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            if error["type"] in ("missing", "extra_forbidden") and isinstance(step, str) and "[" not in step:
                kept.append(step)
            break
        kept.append(step)
    return tuple(kept)


def where_of(loc: tuple[Any, ...], data: Any = None) -> str:
    """A field as users read it, in the plan's own terms: «deadline.date» của nhiệm vụ «so-ket» (số 2.),
    items counted from 1 («lead[1]»); «tasks[8]» only when the item has no id to name it by."""
    owner = ""
    if data is not None and len(loc) >= 2 and loc[0] in _OWNERS and isinstance(loc[1], int):
        items = data.get(loc[0]) if isinstance(data, dict) else None
        item = items[loc[1]] if isinstance(items, list) and 0 <= loc[1] < len(items) else None
        item_id = item.get("id") if isinstance(item, dict) else None
        if loc[2:] == ("id",):  # the id itself is wrong: name the item by its place
            owner, loc = f"{_OWNERS[loc[0]]} thứ {loc[1] + 1}", loc[2:]
        elif isinstance(item, dict) and isinstance(item_id, str):
            number = item.get("number") if isinstance(item.get("number"), str) else None
            owner = f"{_OWNERS[loc[0]]} «{visible(item_id)}»" + (f" (số {visible(number)})" if number else "")
            loc = loc[2:]
    text = ""
    for step in loc:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    if not owner:
        return f"«{text}»"
    return f"«{text}» của {owner}" if text else owner


_OWNERS = {"tasks": "nhiệm vụ", "sections": "mục", "reporting": "báo cáo", "agencies": "cơ quan"}


def _finding_from(error: Any, model: type[BaseModel], data: Any, shown: str) -> Finding:
    loc, kind = error["loc"], error["type"]
    if kind == "extra_forbidden":
        line, col = position(data, loc, key=True)
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"Có phải ý bạn là «{close[0]}»?" if close else f"Các trường hợp lệ: {', '.join(allowed)}."
        return Finding(shown, line, col, "KH201", "error", f"Trường không có trong mẫu: «{visible(str(loc[-1]))}»",
                       hint)
    if kind == "missing":
        line, col = position(data, loc[:-1])
        place = f"trong {where_of(loc[:-1], data)}" if loc[:-1] else "ở cấp ngoài cùng của tệp"
        return Finding(shown, line, col, "KH203", "error", f"Thiếu trường bắt buộc «{loc[-1]}» {place}",
                       "Thêm trường này; xem mẫu trong hướng dẫn soạn kế hoạch.")
    line, col = position(data, loc)
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        options = [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part.strip(" '")]
        close = difflib.get_close_matches(str(error.get("input")), options, n=1, cutoff=0.5)
        hint = f"Có phải ý bạn là «{close[0]}»?" if close else f"Giá trị hợp lệ: {expected}."
        return Finding(shown, line, col, "KH204", "error",
                       f"Giá trị «{visible(str(written_at(data, loc) or error.get('input')))}» không hợp lệ cho "
                       f"{where_of(loc, data)}", hint)
    message, hint = _type_message(error, where_of(loc, data), written_at(data, loc))
    return Finding(shown, line, col, "KH202", "error", message, hint)


def _type_message(error: Any, where: str, written: str | None = None) -> tuple[str, str]:
    """Message and hint for a value of the wrong type or form; a value YAML converted is quoted as written."""
    loc, kind = error["loc"], error["type"]
    value = written if written is not None else error.get("input")
    field_name = str(loc[-1]) if loc else ""
    if kind == "value_error":  # our own validators, whose words are Vietnamese
        return (f"Giá trị không hợp lệ cho {where}: {str(error['msg']).removeprefix('Value error, ')}",
                _VALUE_HINTS.get(field_name, "Xem mẫu trong hướng dẫn soạn kế hoạch."))
    if kind not in _TYPE_MESSAGES:  # pydantic's words are English: never shown
        return (f"Giá trị «{visible(_short(value))}» không hợp lệ cho {where}",
                _VALUE_HINTS.get(field_name, "Xem mẫu trong hướng dẫn soạn kế hoạch."))
    if kind == "date_from_datetime_inexact" and isinstance(value, (int, float)):
        kind = "date_type"  # pydantic read a number as seconds since 1970
    message, hint = _TYPE_MESSAGES[kind]
    if kind == "string_pattern_mismatch":
        hint = _pattern_hint(str(error.get("ctx", {}).get("pattern", "")))
        message += odd_part(str(value))
    day_first = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", str(value).strip())
    if kind.startswith("date") and day_first:
        hint = _iso_hint(*(int(part) for part in day_first.groups()))
    if kind == "string_type" and written is not None and loc and isinstance(loc[-1], str):
        hint = f'Đặt giá trị trong dấu ngoặc kép: {loc[-1]}: "{written}"'
    return message.format(where=where, value=visible(_short(value))), hint.format(field=field_name)


def _iso_hint(day: int, month: int, year: int) -> str:
    """How to write a day-first date as NĂM-THÁNG-NGÀY, or why no such day exists."""
    try:
        date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            return "Viết ngày dạng NĂM-THÁNG-NGÀY, tháng từ 01 đến 12; kiểm tra lại với bản gốc."
        last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
        return (f"Ngày {day}/{month}/{year} không có thật (tháng {month} năm {year} có {last} ngày); kiểm tra lại "
                f"với bản gốc, rồi viết dạng NĂM-THÁNG-NGÀY, ví dụ {year}-{month:02d}-{last:02d}.")
    return f"Viết ngày dạng NĂM-THÁNG-NGÀY: {year}-{month:02d}-{day:02d}."


def odd_part(value: str) -> str:
    """The part of a message naming characters of `value` a reader may not see or may mistake for Latin ones."""
    odd = odd_characters(value)
    if not odd:
        return ""
    named = ", ".join(f"{describe_char(char)} ở ký tự thứ {index + 1}" for index, char in odd[:3])
    return f"; có {named}"


def _pattern_hint(pattern: str) -> str:
    for marker, hint in _PATTERN_HINTS:
        if marker in pattern:
            return hint
    return "Xem mẫu trong hướng dẫn soạn kế hoạch."


_PATTERN_HINTS = (
    ("(/[a-z0-9-]+)+", "Mã cơ quan viết thường, không dấu, nối bằng «-», có tiền tố địa bàn: son-la/so-noi-vu."),
    ("Q[1-4]", "Quý viết dạng NĂM-Q1 … NĂM-Q4, ví dụ 2024-Q3."),
    ("H[12]", "Nửa năm viết dạng 2024-H1 (6 tháng đầu năm) hoặc 2024-H2 (6 tháng cuối năm)."),
    (r"\d{4}-\d{4}", "Năm học viết dạng 2022-2023."),
    (")?$", "Ngày chưa điền đủ viết dạng NĂM-THÁNG (2024-02) hoặc chỉ NĂM (2024); ngày đủ viết 2024-02-15."),
    ("(0[1-9]|1[0-2])$", "Tháng viết dạng NĂM-THÁNG, ví dụ 2024-05."),
    ("[a-z0-9-]*$", "Mã viết thường, không dấu, nối bằng «-», ví dụ tap-huan-nghiep-vu."),
)

_VALUE_HINTS = {
    "deadline": "Giữ «text» (nguyên văn) và chỉ một trong các trường date, before, by, month, quarter, half, "
                "school_year, ongoing.",
    "period": "Giữ «text» (nguyên văn) và chỉ một trong các trường date, before, by, month, quarter, half, "
              "school_year, ongoing.",
}


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


_TYPE_MESSAGES: dict[str, tuple[str, str]] = {
    "string_type": ("{where} phải là một chuỗi chữ, đang là «{value}»", "Đặt giá trị trong dấu ngoặc kép."),
    "string_too_short": ("{where} không được để trống", "Điền nội dung hoặc xóa cả dòng."),
    "string_pattern_mismatch": ("{where} sai định dạng: «{value}»", ""),
    "int_type": ("{where} phải là số nguyên, đang là «{value}»", "Ví dụ: 2024."),
    "int_from_float": ("{where} phải là số nguyên, đang là «{value}»", "Ví dụ: 2024."),
    "date_from_datetime_inexact": ("{where} chỉ ghi ngày, không ghi giờ: «{value}»",
                                   "Bỏ phần giờ, ví dụ 2024-03-15."),
    "int_parsing": ("{where} phải là số nguyên, đang là «{value}»", "Ví dụ: 2024."),
    "bool_type": ("{where} phải là true hoặc false, đang là «{value}»", "Viết true hoặc false."),
    "bool_parsing": ("{where} phải là true hoặc false, đang là «{value}»", "Viết true hoặc false."),
    "date_type": ("{where} phải là một ngày, đang là «{value}»", "Viết ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2024-03-15."),
    "date_parsing": ("{where} phải là một ngày, đang là «{value}»",
                     "Viết ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2024-03-15."),
    "date_from_datetime_parsing": ("{where} phải là một ngày, đang là «{value}»",
                                   "Viết ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2024-03-15."),
    "list_type": ("{where} phải là một danh sách, đang là «{value}»",
                  "Viết «{field}: [mục 1, mục 2]», hoặc mỗi mục một dòng bắt đầu bằng «- »."),
    "model_type": ("{where} phải là một ánh xạ (các dòng «tên: giá trị»)", "Xem mẫu trong hướng dẫn soạn kế hoạch."),
    "model_attributes_type": ("{where} phải là một ánh xạ (các dòng «tên: giá trị»)",
                              "Xem mẫu trong hướng dẫn soạn kế hoạch."),
    "dict_type": ("{where} phải là một ánh xạ (các dòng «tên: giá trị»)", "Xem mẫu trong hướng dẫn soạn kế hoạch."),
    "greater_than_equal": ("{where} quá nhỏ: «{value}»", "Kiểm tra lại năm."),
    "less_than_equal": ("{where} quá lớn: «{value}»", "Kiểm tra lại năm."),
    "school_year": ("{where} phải là hai năm liền nhau: «{value}»", "Năm học viết dạng 2024-2025."),
    "invalid_key": ("Tên trường «{value}» phải là chữ", "Tên trường viết bằng chữ thường không dấu, ví dụ «title:»."),
    "year_range": ("{where} có năm ngoài khoảng 1900–2199: «{value}»",
                   "Viết năm đủ bốn chữ số, ví dụ 2025-03-20 (ngày), 2025-06 (tháng), 2025-Q3 (quý)."),
}


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names valid at `loc` inside `model`, for did-you-mean suggestions."""
    current: Any = model
    for step in loc:
        current = _unwrap(current)
        if isinstance(step, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and step in current.model_fields:
            current = current.model_fields[step].annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) in (list, Union, types.UnionType):  # list[X], Optional[X], X | None
        models = [a for a in get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        nested = [a for a in get_args(annotation) if get_origin(a) is list]
        annotation = models[0] if models else (nested[0] if nested else get_args(annotation)[0])
    return annotation
