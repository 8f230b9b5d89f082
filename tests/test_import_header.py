"""The header of a plan in the layouts real pages and Word files give it, and what the draft says of it.

Corpus documents (tests/cases/import/corpus/, not held out) are read as published;
a few layouts the corpus lacks (a Party committee's header, a school-year subject,
a blank number) are small fixtures written here in the shape those documents take.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml
from conftest import CASES, ROOT

from kehoach.authoring.draft import header_facts
from kehoach.authoring.header import read_header
from kehoach.authoring.importer import read_draft, report, write_draft
from kehoach.core.checks import check_corpus
from kehoach.core.loader import load_corpus

CORPUS = CASES / "import" / "corpus"


def corpus_lines(name: str) -> list[str]:
    return (next(CORPUS.glob(f"{name}-*")) / "source.txt").read_text(encoding="utf-8").splitlines()


def plans_tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans" / "agencies", tmp_path / "plans" / "agencies")
    return tmp_path / "plans"


def test_a_rule_line_under_the_issuer_is_not_a_subject_and_makes_no_decision(tmp_path: Path) -> None:
    folder, draft = write_draft(next(CORPUS.glob("10-*")) / "source.txt", plans_tree(tmp_path))
    data = yaml.safe_load((folder / "ke-hoach.yml").read_text(encoding="utf-8"))
    assert "decision" not in data
    assert data["document"]["subject"] == "KIỂM TRA CÔNG TÁC THI ĐUA - KHEN THƯỞNG NĂM 2020"
    assert data["document"]["issuer_name"] == "ỦY BAN NHÂN DÂN TỈNH TÂY NINH"
    assert "«Hệ thống pháp luật»" in report(folder, draft)  # site chrome is listed, not lost


def test_interleaved_columns_and_a_date_split_over_two_lines() -> None:
    interleaved = read_header(corpus_lines("11")).facts
    assert (interleaved["issuer_name"], interleaved["number"], interleaved["symbol"], interleaved["place"]) == (
        "THỘI TRUYỀN THỐNG TRƯỜNG SƠN ĐƯỜNG HỒ CHÍ MINH VIỆT NAM", "72", "HTS", "Hà Nội")
    residue = read_header(corpus_lines("07")).facts
    assert residue["date"] == dt.date(2014, 6, 3)
    assert residue["issuer_name"] == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TRUNG ƯƠNG"


def test_a_flattened_doi_header_gives_parent_and_issuer_and_the_party_style_number() -> None:
    facts = read_header(corpus_lines("02")).facts
    assert (facts["parent"], facts["issuer_name"]) == ("ĐỘI TNTP HỒ CHÍ MINH HUYỆN TÂN HỒNG",
                                                       "LIÊN ĐỘI TRƯỜNG THCS THƯỜNG THỚI HẬU A")
    assert (facts["number"], facts["symbol"], facts["place"]) == ("10", "KH/LĐ", "Thường Thới Hậu A")


def test_a_party_committee_header_with_the_party_banner_in_the_mottos_place() -> None:
    facts = read_header(["ĐẢNG BỘ TỈNH SƠN LA", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", "*", "Số 01-KH/ĐU",
                         "ĐẢNG CỘNG SẢN VIỆT NAM", "Sơn La, ngày 10 tháng 01 năm 2024", "", "KẾ HOẠCH",
                         "Công tác thi đua, khen thưởng năm 2024"]).facts
    assert facts == {"parent": "ĐẢNG BỘ TỈNH SƠN LA", "issuer_name": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
                     "number": "01", "symbol": "KH/ĐU", "place": "Sơn La", "date": dt.date(2024, 1, 10),
                     "type": "Kế hoạch", "subject": "Công tác thi đua, khen thưởng năm 2024"}


def test_a_blank_number_and_a_partial_date_stay_blank_and_are_listed(tmp_path: Path) -> None:
    source = tmp_path / "ke-hoach.txt"
    source.write_text("ỦY BAN NHÂN DÂN\nPHƯỜNG QUYẾT THẮNG\nSố:   /KH-UBND\nQuyết Thắng, ngày   tháng   năm 2024\n"
                      "KẾ HOẠCH\nCông tác thi đua, khen thưởng năm 2024\n\nI. MỤC ĐÍCH, YÊU CẦU\n", encoding="utf-8")
    folder, draft = write_draft(source, plans_tree(tmp_path))
    document = yaml.safe_load((folder / "ke-hoach.yml").read_text(encoding="utf-8"))["document"]
    assert ("number" in document, document["symbol"], document["date"]) == (False, "KH-UBND", "2024")
    assert "  - «số»" in report(folder, draft).splitlines()


def test_citation_title_lines_give_number_date_and_issuer_without_a_header() -> None:
    facts = read_header(corpus_lines("04")).facts
    assert (facts["number"], facts["symbol"], facts["date"], facts["issuer_name"]) == (
        "17", "KH/BDVTW", dt.date(2020, 6, 2), "Ban Dân vận Trung ương")
    assert facts["subject"].startswith("tổ chức hoạt động kỷ niệm 90 năm")


def test_no_header_at_all_leaves_every_fact_empty_and_asks_for_the_year(tmp_path: Path, kehoach) -> None:
    draft = read_draft(next(CORPUS.glob("22-*")) / "source.txt", plans_tree(tmp_path))
    facts = header_facts(draft)
    assert {k: v for k, v in facts.items() if v is not None} == {"type": "Kế hoạch"}
    code, output = kehoach(["import", str(next(CORPUS.glob("22-*")) / "source.txt"), "--out", "plans"], tmp_path)
    assert code == 1 and "KH603" in output and "--year" in output


def test_a_school_year_subject_gives_the_year_and_the_school_years_period(tmp_path: Path) -> None:
    source = tmp_path / "ke-hoach.txt"
    source.write_text("KẾ HOẠCH\nThi đua, khen thưởng năm học 2022-2023\n\nI. MỤC ĐÍCH, YÊU CẦU\n", encoding="utf-8")
    folder, _ = write_draft(source, plans_tree(tmp_path))
    data = yaml.safe_load((folder / "ke-hoach.yml").read_text(encoding="utf-8"))
    assert (data["year"], data["period"]) == (2022, {"start": dt.date(2022, 9, 1), "end": dt.date(2023, 8, 31)})
    assert any(note["kind"] == "inference" and "năm học 2022-2023" in note["text"] for note in data["source"])


def test_a_title_keeps_the_capitals_of_proper_names(tmp_path: Path) -> None:
    folder, _ = write_draft(next(CORPUS.glob("08-*")) / "source.txt", plans_tree(tmp_path))
    title = yaml.safe_load((folder / "ke-hoach.yml").read_text(encoding="utf-8"))["title"]
    assert title == ("Kế hoạch triển khai Phong trào thi đua “Cả nước thi đua đổi mới sáng tạo và chuyển đổi số” "
                     "trên địa bàn tỉnh Thanh Hóa")


def test_a_fresh_draft_checks_without_errors_and_its_notes_say_what_was_guessed(tmp_path: Path) -> None:
    plans = plans_tree(tmp_path)
    folders = [write_draft(next(CORPUS.glob(f"{n}-*")) / "source.txt", plans)[0] for n in ("04", "12", "14")]
    assert [f.as_text() for f in check_corpus(load_corpus([plans])) if f.severity == "error"] == []
    notes = {f.name: yaml.safe_load((f / "ke-hoach.yml").read_text(encoding="utf-8"))["source"]
             for f in folders}
    assert {note["kind"] for note in notes[folders[0].name]} >= {
        "inference", "gap"}
    assert any("câu dẫn" in note["text"] for note in notes[folders[1].name])  # 12: number from the lead-in
    assert any("ký hiệu «KH-UBND»" in note["text"] for note in notes[folders[2].name])  # 14: no KẾ HOẠCH line


def test_cells_broken_after_their_first_word_are_rejoined() -> None:
    split_place = read_header(corpus_lines("31")).facts  # "Sơn" / "La, ngày 11 tháng 3" / "năm 2020"
    assert (split_place["place"], split_place["date"], split_place["number"]) == ("Sơn La", dt.date(2020, 3, 11), "68")
    assert split_place["subject"].endswith("ỔN ĐỊNH VÀ TIẾN BỘ TRONG TÌNH HÌNH MỚI")
    split_cells = read_header(corpus_lines("33")).facts  # "ỦY" / "BAN NHÂN DÂN", "Số:" / "29/KH-UBND", "Thái" / …
    assert (split_cells["issuer_name"], split_cells["number"], split_cells["symbol"], split_cells["place"]) == (
        "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", "29", "KH-UBND", "Thái Nguyên")


def test_escaped_line_breaks_are_read_as_breaks_and_a_missing_subject_stays_empty(tmp_path: Path) -> None:
    folder, draft = write_draft(next(CORPUS.glob("28-*")) / "source.txt", plans_tree(tmp_path))
    data = yaml.safe_load((folder / "ke-hoach.yml").read_text(encoding="utf-8"))
    assert (data["document"]["number"], data["document"]["place"], "subject" in data["document"]) == (
        "54", "Lạng Sơn", False)
    assert "  - «trích yếu»" in report(folder, draft).splitlines()
    assert any(note["kind"] == "doubt" and "«\\r\\n»" in note["text"] for note in data["source"])
    assert (folder / "noi-dung.md").read_text(encoding="utf-8").startswith("Thực hiện Quyết định số 1896/QĐ-TTg")


def test_a_page_title_above_the_documents_own_title_line_is_not_the_subject() -> None:
    facts = read_header(corpus_lines("09")).facts
    assert facts["subject"].startswith("Tổ chức các hoạt động thi đua")  # the document's line, not the page's


def test_a_header_without_a_subject_takes_it_from_the_page_title_naming_the_same_plan() -> None:
    header = read_header(corpus_lines("24"))
    assert header.facts["subject"].startswith("tổ chức các hoạt động truyền thông và thi đua, khen thưởng")
    assert any("tiêu đề trang" in text for kind, text in header.notes if kind == "inference")


def test_a_year_given_against_the_year_the_subject_states_is_refused(tmp_path: Path, kehoach) -> None:
    source = next(CORPUS.glob("10-*")) / "source.txt"  # "KIỂM TRA CÔNG TÁC THI ĐUA - KHEN THƯỞNG NĂM 2020"
    plans_tree(tmp_path)
    code, output = kehoach(["import", str(source), "--out", "plans", "--year", "2021"], tmp_path)
    assert code == 1 and output.splitlines()[0] == (
        f"{source}:1:1: KH603 lỗi: Năm ghi trong lệnh (--year 2021) khác năm văn bản ghi: 2020 "
        "(«năm 2020» trong trích yếu)")
    assert "Bỏ --year để lấy năm 2020 văn bản ghi" in output and not (tmp_path / "plans" / "2021").exists()
    code, _ = kehoach(["import", str(source), "--out", "plans", "--year", "2020"], tmp_path)
    assert code == 0 and (tmp_path / "plans" / "2020").is_dir()


def test_a_year_given_against_the_year_of_the_date_only_is_taken_with_a_note(tmp_path: Path, kehoach) -> None:
    source = next(CORPUS.glob("01-*")) / "source.txt"  # dated 21/10/2021; the subject names 2021 - 2025, no "năm"
    plans_tree(tmp_path)
    code, output = kehoach(["import", str(source), "--out", "plans", "--year", "2022"], tmp_path)
    note = ("Năm 2022 lấy theo --year; văn bản đề ngày 2021-10-21 (năm 2021) và không ghi năm ở trích yếu; "
            "cần người soát lại năm của kế hoạch.")
    assert code == 0 and f"  - «{note[:99]}…»" in output.splitlines()
    data = yaml.safe_load(next((tmp_path / "plans" / "2022").glob("*/ke-hoach.yml")).read_text(encoding="utf-8"))
    assert data["year"] == 2022 and {"kind": "doubt", "text": note} in data["source"]


def test_a_plan_with_its_own_full_header_after_its_decision_keeps_that_header(tmp_path: Path) -> None:
    """A composed file in the shape of a Quyết định issuing a plan printed with its own header: the decision
    of seed 000 (its text up to its Nơi nhận), then corpus document 31 as published. Both parts are real text;
    the pairing is not a real document."""
    seed = (CASES / "import" / "seeds" / "000_b73c9ead04eb878b.txt").read_text(encoding="utf-8").splitlines()
    source = tmp_path / "quyet-dinh-va-ke-hoach.txt"
    source.write_text("\n".join(seed[:seed.index(" KẾ HOẠCH")] + corpus_lines("31")) + "\n", encoding="utf-8")
    draft = read_draft(source, plans_tree(tmp_path))
    decision, plan = draft.docs
    assert (decision["type"], "signer" in decision, len(decision["recipients"])) == ("Quyết định", False, 12)
    assert {k: plan[k] for k in ("issuer_name", "number", "symbol", "place", "date")} == {
        "issuer_name": "ỦY BAN NHÂN DÂN TỈNH SƠN LA", "number": "68", "symbol": "KH-UBND", "place": "Sơn La",
        "date": dt.date(2020, 3, 11)}
    assert plan["subject"].startswith("VỀ VIỆC TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 37-CT/TW") and draft.unplaced == []
    assert plan["legal_bases"] and draft.bodies[1][0] == "## I. MỤC ĐÍCH, YÊU CẦU"


def test_an_ocr_header_without_diacritics_gives_what_is_legible_and_leaves_the_rest_blank(tmp_path: Path) -> None:
    draft = read_draft(next(CORPUS.glob("03-*")) / "source.txt", plans_tree(tmp_path))
    facts = header_facts(draft)
    assert {k: facts[k] for k in ("parent", "issuer_name", "number", "symbol", "place", "date", "year")} == {
        "parent": "UBND QUAN LONG BIEN", "issuer_name": "HOI DONG THIDUA-KHEN THl/ONG", "number": None,
        "symbol": "KH-HDTDKT", "place": "Long Bien", "date": "2020", "year": 2021}  # "^3", "ngay ^ 9 thangi^": blank
    assert facts["subject"].startswith("To chuc Cuoc thi viet") and facts["subject"].endswith("Long Bien nam 2021")
    doubts = [text for kind, text in draft.notes if kind == "doubt"]
    assert any("«^3»" in text for text in doubts) and any("không có dấu" in text for text in doubts)
    assert draft.bodies[-1][0].startswith("Thuc hien Quy4t dinh so 01/2020")  # the paragraph's rest is the body


def test_a_summary_above_the_header_a_blank_number_and_a_date_without_its_comma() -> None:
    """41: the site's one-line summary of the header ends in "…" and is not the header; "Số:      /KH- THCN"
    is a blank number with a space in its symbol; "Cẩm Nhượng ngày    tháng   năm 2016" has no comma."""
    header = read_header(corpus_lines("41"))
    assert {k: header.facts.get(k) for k in ("parent", "issuer_name", "number", "symbol", "place", "date")} == {
        "parent": "UBND HUYỆN CẨM XUYÊN", "issuer_name": "TRƯỜNG TH CẨM NHƯỢNG", "number": None,
        "symbol": "KH-THCN", "place": "Cẩm Nhượng", "date": "2016"}
    assert header.facts["subject"] == "Thực hiện công tác thi đua, khen thưởng năm học 2016– 2017"
    assert any(line.endswith("năm…") for line in header.skipped)
    facts = header_facts(read_draft(next(CORPUS.glob("41-*")) / "source.txt", ROOT / "plans"))
    assert (facts["year"], facts["school_year"]) == (2016, "2016-2017")


def test_the_type_word_and_the_subject_on_one_line_and_the_motto_glued_to_the_issuer() -> None:
    """43: "KẾ HOẠCH PHÁT ĐỘNG …" on one line, a symbol ending "TX. PL"; 45: the header table flattened onto
    one line ("PHÒNG GD & ĐT PHONG ĐIỀN CỘNG HÒA …"), the school year on its own line after a blank one."""
    school = read_header(corpus_lines("43")).facts
    assert (school["type"], school["subject"], school["symbol"]) == (
        "Kế hoạch", "PHÁT ĐỘNG THI ĐUA CHÀO MỪNG NGÀY NHÀ GIÁO VIỆT NAM 20/11", "KH-THPTTX. PL")
    flattened = read_header(corpus_lines("45")).facts
    assert (flattened["parent"], flattened["issuer_name"], flattened["symbol"]) == (
        "PHÒNG GD & ĐT PHONG ĐIỀN", "TRƯỜNG TH TÂY BẮC SƠN", "KH-THTBS")
    assert flattened["subject"] == "CHỈ ĐẠO CHUYÊN MÔN NĂM HỌC 2024 – 2025"
    facts = header_facts(read_draft(next(CORPUS.glob("45-*")) / "source.txt", ROOT / "plans"))
    assert facts["school_year"] == "2024-2025"


def test_a_subject_naming_the_country_is_not_split_at_the_motto() -> None:
    """The motto is split from an issuer's cell only where it ends the cell or the motto's second line follows."""
    lines = ["ỦY BAN NHÂN DÂN", "PHƯỜNG QUYẾT THẮNG", "Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Biên Hòa, ngày 20 tháng 8 năm 2024", "KẾ HOẠCH",
             "KỶ NIỆM 79 NĂM QUỐC KHÁNH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (02/9/1945 - 02/9/2024)",
             "I. MỤC ĐÍCH, YÊU CẦU"]
    facts = read_header(lines).facts
    assert facts["subject"] == lines[6]
    assert (facts["issuer_name"], facts["place"]) == ("ỦY BAN NHÂN DÂN PHƯỜNG QUYẾT THẮNG", "Biên Hòa")


def test_a_page_title_repeating_number_and_subject_gives_way_to_the_header_below_it() -> None:
    # 38: sidebar chrome ('THƯ VIỆN ẢNH'), then "Số: 119 - KH/ĐUK KẾ HOẠCH Phát động …" as the page's title.
    facts = read_header(corpus_lines("38")).facts
    assert (facts["parent"], facts["issuer_name"]) == ("ĐẢNG BỘ TỈNH YÊN BÁI", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH")
    assert (facts["number"], facts["symbol"], facts["date"]) == ("119", "KH/ĐUK", dt.date(2019, 8, 15))


def test_a_subject_whose_lines_are_set_apart_like_every_paragraph_of_the_page_is_read_whole() -> None:
    # 38 and 39 leave a blank line after every paragraph, under the type line as between the subject's lines.
    assert read_header(corpus_lines("38")).facts["subject"].endswith(
        "Đảng bộ Khối các cơ quan tỉnh (10/11/1955 - 10/11/2020)")
    assert read_header(corpus_lines("39")).facts["subject"].endswith("tiến tới đại hội Đại biểu toàn quốc lần thứ XIII")


def test_a_subject_in_capitals_keeps_the_years_broken_onto_a_line_of_their_own() -> None:
    assert read_header(corpus_lines("34")).facts["subject"] == (
        "THỰC HIỆN ĐỀ ÁN “XÂY DỰNG VĂN HÓA ỨNG XỬ TRONG TRƯỜNG HỌC GIAI ĐOẠN 2020 - 2025”")


def test_a_page_title_in_capitals_above_a_union_header_is_not_its_parent() -> None:
    facts = read_header(corpus_lines("44")).facts
    assert (facts["parent"], facts["issuer_name"]) == ("CÔNG ĐOÀN GIÁO DỤC SÓC TRĂNG", "CĐCS TRƯỜNG THPT NGỌC TỐ")


def test_a_plan_named_only_in_the_sentence_that_issues_it_keeps_its_number_without_a_date(tmp_path: Path) -> None:
    facts = header_facts(read_draft(next(CORPUS.glob("37-*")) / "source.txt", plans_tree(tmp_path)))
    assert (facts["number"], facts["symbol"], facts.get("date"), facts.get("issuer_name")) == (
        "52", "KH-UBND", None, None)


def test_slash_numbered_items_and_dated_bullets_under_them_become_tasks(tmp_path: Path) -> None:
    draft = read_draft(next(CORPUS.glob("47-*")) / "source.txt", plans_tree(tmp_path))
    assert [(t["section"], t["title"], t["deadline"]["text"]) for t in draft.tasks] == [
        ("4-thoi-gian-to-chuc-cham-thi", "Các lớp thông báo cho học sinh lớp mình nộp về trường vào ngày 12, 13/ 9",
         "vào ngày 12, 13/ 9"),
        ("4-thoi-gian-to-chuc-cham-thi", "Ban tổ chức tiến hành chấm vào ngày 14/ 9", "vào ngày 14/ 9")]
    assert "## I/ Mục đích:" in draft.bodies[0] and "### 3. Kinh phí" in draft.bodies[0]


def test_a_subject_printed_with_v_v_gives_a_title_without_it(tmp_path: Path) -> None:
    folder, _ = write_draft(next(CORPUS.glob("47-*")) / "source.txt", plans_tree(tmp_path))
    data = yaml.safe_load((folder / "ke-hoach.yml").read_text(encoding="utf-8"))
    assert data["title"] == "Kế hoạch tổ chức hội thi lồng đèn đẹp cấp trường Năm học 2010 - 2011"
    assert data["document"]["subject"] == "V/v tổ chức hội thi lồng đèn đẹp cấp trường Năm học 2010 - 2011"


def test_a_web_list_bullet_before_the_first_header_cell_is_no_part_of_the_parent() -> None:
    facts = read_header(corpus_lines("49")).facts  # " • UỶ BAN MTTQ VIỆT NAM" / "TỈNH ĐIỆN BIÊN" / "BAN THƯỜNG TRỰC"
    assert (facts["parent"], facts["issuer_name"]) == ("UỶ BAN MTTQ VIỆT NAM TỈNH ĐIỆN BIÊN", "BAN THƯỜNG TRỰC")


def test_a_decision_that_approves_the_plan_in_its_article_1_is_split_from_the_plan(tmp_path: Path) -> None:
    folder, _ = write_draft(next(CORPUS.glob("55-*")) / "source.txt", plans_tree(tmp_path))
    data = yaml.safe_load((folder / "ke-hoach.yml").read_text(encoding="utf-8"))
    assert (data["decision"]["number"], data["decision"]["symbol"], data["decision"]["date"]) == (
        "1994", "QĐ-UBND", dt.date(2021, 8, 26))
    assert {k: v for k, v in data["document"].items() if v} == {"type": "Kế hoạch", "body": "noi-dung.md"}
    assert data["title"] == ("Kế hoạch chuyển đổi cơ cấu cây trồng từ đất trồng lúa kém hiệu quả sang rau, màu và "
                             "cây ăn trái giai đoạn 2021 - 2025")
    body = (folder / "noi-dung.md").read_text(encoding="utf-8")
    assert body.startswith("## I. Mục tiêu\n\n### 1. Mục tiêu chung\n\na)")
    assert "Điều 1. Phê duyệt Kế hoạch" in (folder / "quyet-dinh.md").read_text(encoding="utf-8")


def test_a_decision_with_its_recipients_and_signer_then_the_plan_heading(tmp_path: Path) -> None:
    draft = read_draft(next(CORPUS.glob("52-*")) / "source.txt", plans_tree(tmp_path))
    decision, plan = (doc for doc in draft.docs if doc.get("type"))
    assert decision["signer"] == {"capacity": [{"kind": "KT.", "of": "CHỦ TỊCH"}], "title": "PHÓ CHỦ TỊCH",
                                  "name": "Nhữ Văn Tâm"}
    assert [r["text"] for r in decision["recipients"]][:2] == ["Như Điều 2;", "Bộ Tư pháp (Vụ PBGDPL);"]
    assert (plan["type"], plan["subject"]) == ("Kế hoạch", "TRIỂN KHAI LUẬT PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT VÀ CHỈ THỊ "
                                                           "SỐ29-CT/TU VỀ TĂ")


def test_v_v_opening_a_body_line_is_not_section_five(tmp_path: Path) -> None:
    source = tmp_path / "ke-hoach.txt"  # "V/v" (về việc) reads like "V/" numbering; it is not a heading
    source.write_text("KẾ HOẠCH\nTổ chức hội thi năm 2024\nI/ Mục đích:\nV/v tổ chức hội thi cấp trường\n"
                      "II/ Nội dung:\n", encoding="utf-8")
    body = read_draft(source, plans_tree(tmp_path)).bodies[0]
    assert body == ["## I/ Mục đích:", "V/v tổ chức hội thi cấp trường", "## II/ Nội dung:"]
