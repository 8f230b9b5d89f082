"""Drafting a plan folder from an existing plan document (`kehoach import`).

The document is read as lines (text) or blocks (Word), its header by `header.py`,
the rest in one pass by `reader.py`; `draft.py` turns the result into the plan's
YAML with notes on what was inferred and what the source lacks. Nothing is guessed
silently: an agency not found in the registry stays as text, a deadline not
understood keeps only its words, and every such case is listed for the person who
checks the draft.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import Finding, PlanError
from ..core.loader import AGENCY_DIR, SCHEMA_LINE, load_registry, plan_folder_name
from ..core.models import Plan
from ..core.text import slugify
from .agencies import Agencies, guess_namespace
from .docx_text import ESCAPED_BREAKS, Block, decoded, docx_blocks, read_raw, text_blocks, unescaped
from .draft import default_slug, gaps, plan_data
from .header import later_headers, read_header
from .layout import Header, make_date
from .reader import Reader
from .tasks import Draft
from .year import stated_year

SCHEMA = SCHEMA_LINE + "../../../schema/ke-hoach.schema.json"

__all__ = ["Draft", "plan_data", "read_draft", "report", "write_draft"]


def read_document(path: Path) -> tuple[Header, list[Block]]:
    """The header of a .docx, .txt or .md file, and the blocks after it."""
    raw = read_raw(path, str(path))  # bounded; a FIFO, a device, a PDF: a finding
    if path.suffix.lower() == ".docx" or raw.startswith(b"PK\x03\x04"):
        blocks = docx_blocks(raw, str(path))
        lines = [b for b in blocks[:next((i for i, b in enumerate(blocks) if isinstance(b, list)), len(blocks))]]
        header = read_header([str(line) for line in lines])
        return header, [header.rest, *blocks[header.end:]] if header.rest else blocks[header.end:]
    text = decoded(raw, str(path))  # UTF-8, or UTF-16 with its BOM; anything else: a finding
    header = read_header(unescaped(text).splitlines())
    if text.count("\\r\\n") >= ESCAPED_BREAKS:
        header.notes.append(("doubt", "Bản nguồn ghi xuống dòng thành chữ «\\r\\n» (lỗi chép từ trang web); đã đọc "
                                      "như xuống dòng."))
    return header, text_blocks("\n".join([header.rest, *unescaped(text).splitlines()[header.end:]]))


def read_draft(path: Path, plans: Path, year: int | None = None) -> Draft:
    """Read a document into a draft, matching agencies against the registry under `plans`."""
    findings: list[Finding] = []
    registry, _ = load_registry(plans / AGENCY_DIR, Path.cwd(), findings)
    header, blocks = read_document(path)
    named = [str(header.facts[key]) for key in ("parent", "issuer_name", "place", "subject") if header.facts.get(key)]
    namespace = guess_namespace([*named, *blocks], registry)
    reader = Reader(Agencies(registry, namespace), year, header)
    start = 0
    for index, later in later_headers([b if isinstance(b, str) else " | ".join(b) for b in blocks]):
        reader.read(blocks[start:index])
        reader.next_document(later)
        start = index + later.end
    draft = reader.read(blocks[start:])
    draft.namespace = namespace
    _number_from_attachment(draft)
    _match_issuer(draft, Agencies(registry, namespace))
    return draft


def _match_issuer(draft: Draft, agencies: Agencies) -> None:
    """The issuer printed in the header, matched exactly to the registry or proposed as a new entry."""
    for doc in draft.docs:
        name = doc.get("issuer_name")
        if not name or doc.get("issuer"):
            continue
        agency, exact = agencies.find(name)
        if agency and exact:
            doc["issuer"] = agency
        else:
            prefix = draft.namespace or slugify(doc.get("place") or "") or "dia-ban"
            draft.proposed.append(f"{name} → id: {prefix}/{slugify(name)}")


def _number_from_attachment(draft: Draft) -> None:
    """A decision without its own header takes number and date from "(Ban hành kèm theo Quyết định số 43 ngày …)"."""
    for before, after in zip(draft.docs, draft.docs[1:], strict=False):
        cited = re.search(r"Quyết định số\s+([\w/.-]+)(?:\s+ngày\s+(\d{1,2}) tháng (\d{1,2}) năm (\d{4}))?",
                          after.get("attached_to") or "")
        if cited and before.get("type") == "Quyết định" and not before.get("number"):
            before["number"] = cited.group(1).split("/")[0]
            if "/" in cited.group(1):
                before["symbol"] = cited.group(1).split("/", 1)[1]
            if cited.group(2) and not before.get("date"):
                before["date"] = make_date(cited.group(4), cited.group(3), cited.group(2))


def write_draft(path: Path, plans: Path, year: int | None = None, slug: str | None = None) -> tuple[Path, Draft]:
    """Write plans/<year>/<slug>/ from a document; refuse when the folder exists."""
    draft = read_draft(path, plans, year)
    year = _year(path, draft, year)
    data, files = plan_data(draft, year, path.name)
    Plan.model_validate(data)
    folder = plans / str(year) / plan_folder_name(slug or default_slug(data, draft.namespace))
    if folder.exists():
        raise PlanError([Finding(folder.as_posix(), 1, 1, "KH601", "error",
                                 f"Thư mục kế hoạch «{folder.as_posix()}» đã có; không ghi đè",
                                 "Chọn tên khác bằng --slug, hoặc xóa/đổi tên thư mục cũ nếu chắc chắn.")])
    folder.mkdir(parents=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    (folder / "ke-hoach.yml").write_text(f"{SCHEMA}\n{text}", encoding="utf-8")
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder, draft


def _year(path: Path, draft: Draft, given: int | None) -> int:
    """The plan's year: the document's, or `--year` when the document gives none.

    `--year` against a year the subject states is refused; against the year of the date
    only (a December plan may be for the next year) it is taken, with a note to check.
    """
    stated = stated_year(draft.docs)
    if given is None:
        if stated.year is None:
            raise PlanError([Finding(str(path), 1, 1, "KH603", "error", "Không xác định được năm của kế hoạch",
                                     "Ghi rõ năm: kehoach import TỆP --year 2024")])
        return stated.year
    if stated.year in (None, given):
        return given
    if stated.from_subject:
        raise PlanError([Finding(str(path), 1, 1, "KH603", "error",
                                 f"Năm ghi trong lệnh (--year {given}) khác năm văn bản ghi: {stated.year} "
                                 f"(«{stated.words}» trong trích yếu)",
                                 f"Bỏ --year để lấy năm {stated.year} văn bản ghi; nếu văn bản ghi sai, sửa trích "
                                 "yếu trong tệp rồi chạy lại.")])
    draft.notes.append(("doubt", f"Năm {given} lấy theo --year; văn bản đề ngày {stated.words} (năm {stated.year}) "
                                 "và không ghi năm ở trích yếu; cần người soát lại năm của kế hoạch."))
    return given


class _Dumper(yaml.SafeDumper):
    """Writes every value in full: the plan reader refuses YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def report(folder: Path, draft: Draft) -> str:
    """What was drafted and what a person must still fill or place, in Vietnamese."""
    lines = [f"Đã tạo bản nháp {folder.as_posix()}/: {len(draft.tasks)} nhiệm vụ, {len(draft.sections)} mục, "
             f"{len(draft.reporting)} báo cáo định kỳ."]
    for heading, items in (("Thông tin đầu văn bản bản nguồn không ghi (để trống, cần người điền nếu có):",
                            gaps(draft)),
                           ("Cơ quan chưa khớp danh mục (giữ nguyên văn ở lead_text/partners_text; "
                            "thêm vào danh mục nếu là cơ quan mới):", draft.unmatched),
                           ("Cơ quan ban hành chưa có trong danh mục; đề xuất thêm vào plans/agencies/ (người soát "
                            "chọn mã, loại cơ quan, rồi ghi «issuer» trong ke-hoach.yml):", draft.proposed),
                           ("Thời hạn chưa hiểu (chỉ giữ nguyên văn ở deadline.text):", draft.unread),
                           ("Dòng chưa xếp được chỗ (chưa có trong bản nháp):", draft.unplaced),
                           ("Điều cần người soát lại:", [text for kind, text in draft.notes if kind == "doubt"]),
                           ("Dòng có ký tự lạ (mã cũ TCVN3/VNI hoặc lỗi OCR; «kehoach check» sẽ báo KH104), "
                            "cần gõ lại:", draft.odd),
                           ("Dòng đứng trước văn bản đã bỏ qua (phần trang web, thông tin cơ sở dữ liệu):",
                            draft.skipped)):
        unique = list(dict.fromkeys(items))
        if unique:
            lines.append(heading)
            lines.extend(f"  - «{_short(item)}»" for item in unique)
    if len(lines) == 1:
        lines.append("Không còn dòng nào chưa xếp được chỗ; vẫn cần người soát lại bản nháp.")
    return "\n".join(lines) + "\n"


def _short(text: str) -> str:
    return text if len(text) <= 100 else text[:99] + "…"
