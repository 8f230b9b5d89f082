"""`kehoach import`: drafts from the seed documents, measured against the hand-made plans.

The seeds are copied under tests/cases/import/seeds/ (CI clones only this
repository). For each seed the importer's draft is compared with the plan a person
made from the same document; the fractions recovered are recorded in
tests/cases/import/recovery.json and may only go up (`pytest --update-goldens` rewrites it).
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path
from typing import Any

from conftest import CASES, ROOT, compare_with_file, updating_goldens

from kehoach.authoring.importer import report, write_draft
from kehoach.core.checks import check_corpus
from kehoach.core.deadlines import meaning
from kehoach.core.loader import load_corpus
from kehoach.core.models import Plan
from kehoach.core.text import fold

SEEDS = CASES / "import" / "seeds"
RECOVERY = CASES / "import" / "recovery.json"
PAIRS = {
    "000_b73c9ead04eb878b.txt": "2024/son-la-quyet-dinh-43-tdkt",
    "001_71e23e8e24efcdb0.txt": "2023/dong-nai-ke-hoach-274",
    "002_639ea0e56d86ebfc.txt": "2025/son-la-co-so-dieu-tri-nghien-tdkt",
    "003_6d63e611e3fe6721.txt": "2024/quyet-thang-ke-hoach-tdkt",
}
HEADER = ("type", "parent", "issuer_name", "number", "symbol", "place", "date", "subject", "attached_to",
          "issuing_title")


def plans_tree(tmp_path: Path) -> Path:
    """An empty plans tree with the real agency registry."""
    shutil.copytree(ROOT / "plans" / "agencies", tmp_path / "plans" / "agencies")
    return tmp_path / "plans"


def words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def _fraction(hits: int, total: int) -> float:
    return round(hits / total, 2) if total else 1.0


def _pair_tasks(real: Plan, draft: Plan) -> list[tuple[Any, Any]]:
    """Each real task with the drafted task of (nearly) the same title, or None."""
    drafted = {words(t.title): t for t in draft.tasks}
    pairs = []
    for task in real.tasks:
        close = difflib.get_close_matches(words(task.title), list(drafted), n=1, cutoff=0.9)
        pairs.append((task, drafted[close[0]] if close else None))
    return pairs


def _header_hits(real: Plan, draft: Plan) -> tuple[int, int]:
    hits = total = 0
    for key in ("document", "decision"):
        want, got = getattr(real, key), getattr(draft, key)
        for name in HEADER:
            a, b = getattr(want, name, None) if want else None, getattr(got, name, None) if got else None
            if a is not None or b is not None:
                total, hits = total + 1, hits + (a is not None and b is not None and words(str(a)) == words(str(b)))
        for name in ("title", "name"):
            a = getattr(want.signer, name, None) if want and want.signer else None
            b = getattr(got.signer, name, None) if got and got.signer else None
            if a is not None or b is not None:
                total, hits = total + 1, hits + (a == b)
    return hits, total


def recovery(real: Plan, draft: Plan) -> dict[str, float]:
    """Fractions of the hand-made plan the draft recovers."""
    pairs = _pair_tasks(real, draft)
    found = [(a, b) for a, b in pairs if b is not None]
    exact = sum(1 for a, b in found if words(a.title) == words(b.title))
    real_recipients = [r for doc in (real.document, real.decision) if doc for r in doc.recipients]
    got_recipients = {(words(r.text), r.agency) for doc in (draft.document, draft.decision) if doc
                      for r in doc.recipients}
    got_duties = [meaning(d.deadline) for d in draft.reporting]
    bases = [words(b.text) for doc in (real.document, real.decision) if doc for b in doc.legal_bases]
    got_bases = {words(b.text) for doc in (draft.document, draft.decision) if doc for b in doc.legal_bases}
    header = _header_hits(real, draft)
    return {
        "tasks_found": _fraction(len(found), len(pairs)),
        "titles_exact": _fraction(exact, len(pairs)),
        "deadlines": _fraction(sum(1 for a, b in found if meaning_of(a) == meaning_of(b)), len(pairs)),
        "leads": _fraction(sum(1 for a, b in found if a.lead == b.lead), len(pairs)),
        "recipients": _fraction(sum(1 for r in real_recipients if (words(r.text), r.agency) in got_recipients),
                                len(real_recipients)),
        "legal_bases": _fraction(sum(1 for b in bases if b in got_bases), len(bases)),
        "reporting": _fraction(sum(1 for d in real.reporting if meaning(d.deadline) in got_duties and
                                   meaning(d.deadline) is not None), len(real.reporting)),
        "header": _fraction(*header),
        "extra_tasks": len(draft.tasks) - len(found),
    }


def meaning_of(task: Any) -> Any:
    return meaning(task.deadline) if task.deadline else None


def import_seed(name: str, tmp_path: Path) -> tuple[Path, Plan]:
    plans = plans_tree(tmp_path)
    folder, _ = write_draft(SEEDS / name, plans)
    return folder, load_corpus([folder]).plans[0].plan


def test_every_seed_drafts_a_plan_that_check_loads_without_structural_errors(tmp_path: Path) -> None:
    plans = plans_tree(tmp_path)
    reports = [report(*write_draft(SEEDS / name, plans)) for name in PAIRS]
    corpus = load_corpus([plans])
    errors = [f for f in check_corpus(corpus) if f.severity == "error"]
    assert len(corpus.plans) == len(PAIRS)
    # Only the OCR seed's garbled letters remain, and the import said so.
    assert [f.as_text() for f in errors if f.code != "KH104"] == []
    assert all("/2025/" in f.path for f in errors) and "KH104" in reports[2]


def test_recovery_of_the_hand_made_plans_does_not_fall(tmp_path: Path) -> None:
    measured = {}
    for index, (name, plan_id) in enumerate(sorted(PAIRS.items())):
        _, draft = import_seed(name, tmp_path / str(index))
        real = load_corpus([ROOT / "plans" / plan_id]).plans[0].plan
        measured[name[:3]] = recovery(real, draft)
    print("\n" + table(measured))
    if updating_goldens():
        RECOVERY.write_text(json.dumps(measured, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return
    recorded = json.loads(RECOVERY.read_text(encoding="utf-8"))
    falls = [f"{seed}.{key}: {value} < {recorded[seed][key]}" for seed, row in measured.items()
             for key, value in row.items() if key != "extra_tasks" and value < recorded[seed][key]]
    assert falls == [], "recovery fell:\n" + "\n".join(falls) + "\n" + table(measured)


def table(measured: dict[str, dict[str, float]]) -> str:
    """The figures as a small text table, one row per seed."""
    keys = list(next(iter(measured.values())))
    lines = ["seed " + " ".join(f"{k:>12}" for k in keys)]
    lines += [f"{seed:<4} " + " ".join(f"{row[k]:>12}" for k in keys) for seed, row in measured.items()]
    return "\n".join(lines)


def test_import_refuses_to_overwrite_an_existing_plan(tmp_path: Path, kehoach: Any) -> None:
    plans = plans_tree(tmp_path)
    seed = str(SEEDS / "001_71e23e8e24efcdb0.txt")
    code, first = kehoach(["import", seed, "--out", str(plans)], tmp_path)
    written = (plans / "2023" / "dong-nai-ke-hoach-274" / "ke-hoach.yml").read_text(encoding="utf-8")
    code_again, output = kehoach(["import", seed, "--out", str(plans)], tmp_path)
    assert (code, code_again) == (0, 1)
    assert "đã có; không ghi đè" in output
    assert (plans / "2023" / "dong-nai-ke-hoach-274" / "ke-hoach.yml").read_text(encoding="utf-8") == written


def build_docx(path: Path) -> None:
    """A small plan as Word writes it: header table, paragraphs, a Phụ lục table, nơi nhận beside the signer."""
    from docx import Document

    document = Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "UBND TỈNH SƠN LA\nSỞ NỘI VỤ\nSố: 12/KH-SNV"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" \
                             "Sơn La, ngày 05 tháng 01 năm 2024"
    for text in ("KẾ HOẠCH", "Công tác thi đua, khen thưởng năm 2024",
                 "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành "
                 "một số điều của Luật Thi đua, khen thưởng;",
                 "I. MỤC ĐÍCH, YÊU CẦU", "Thực hiện tốt công tác thi đua.", "II. NỘI DUNG",
                 "1. Nhiệm vụ thực hiện trong Quý I",
                 "- Xây dựng kế hoạch của đơn vị, gửi Sở Nội vụ trước ngày 15 tháng 3 năm 2024.",
                 "III. TỔ CHỨC THỰC HIỆN", "1. Sở Nội vụ", "- Theo dõi, đôn đốc thực hiện kế hoạch.",
                 "Định kỳ báo cáo kết quả trước ngày 15/5/2024 (đối với báo cáo 6 tháng).",
                 "PHỤ LỤC", "NHIỆM VỤ TRỌNG TÂM NĂM 2024"):
        document.add_paragraph(text)
    rows = [("TT", "Nội dung", "Thời gian", "Chủ trì", "Phối hợp"),
            ("I", "Nhiệm vụ thực hiện trong quý II", "", "", ""),
            ("1", "Phát động cuộc thi viết", "tháng 5/2024", "Sở Nội vụ", "Văn phòng UBND tỉnh"),
            ("2", "Tập huấn nghiệp vụ", "15/6/2024", "Sở Nội vụ", "Ban Không Có Trong Danh Mục"),
            ("II", "Nhiệm vụ thường xuyên trong năm 2024", "", "", ""),
            ("1", "Khen thưởng ngành giáo dục", "năm học 2023 - 2024", "Sở Nội vụ", ""),
            ("2", "Thẩm định hồ sơ", "khi có yêu cầu", "Sở Nội vụ", "")]
    table = document.add_table(rows=len(rows), cols=5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    ending = document.add_table(rows=1, cols=2)
    ending.cell(0, 0).text = "Nơi nhận:\n- Ban TĐKT Trung ương;\n- Lưu: VT."
    ending.cell(0, 1).text = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn A"
    document.save(str(path))


def test_a_docx_plan_imports_with_its_tables(tmp_path: Path, kehoach: Any) -> None:
    source = tmp_path / "ke-hoach.docx"
    build_docx(source)
    plans = plans_tree(tmp_path)
    code, output = kehoach(["import", str(source), "--out", "plans"], tmp_path)
    folder = plans / "2024" / "son-la-ke-hoach-12"
    assert code == 0, output
    compare_with_file(output, CASES / "import" / "docx" / "report.txt")
    compare_with_file((folder / "ke-hoach.yml").read_text(encoding="utf-8"), CASES / "import" / "docx" / "ke-hoach.yml")
    compare_with_file((folder / "noi-dung.md").read_text(encoding="utf-8"), CASES / "import" / "docx" / "noi-dung.md")
    assert [f.as_text() for f in check_corpus(load_corpus([plans])) if f.severity == "error"] == []
