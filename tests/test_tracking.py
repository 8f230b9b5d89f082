"""Reports from many units: each member's submission recorded, who has sent and who has not.

On a copy of the real plans (Quyết Thắng's 6-month report is owed by two groups
that have no members in the registry, so each owes it as one) and on a generated
province of 100 plans (the province's reports are owed by «các sở, ban, ngành»
and «UBND các xã, phường», groups with members).
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT
from ruamel.yaml import YAML

from kehoach.core.checks import check_corpus
from kehoach.core.loader import Corpus, load_corpus
from kehoach.core.registry import members_of
from kehoach.core.tracking import expected_senders, standing_words, standings
from kehoach.core.view import views_by_agency
from kehoach.exports.digest import build_digest, render_text
from kehoach.feeds.calendar import iter_feeds
from kehoach.site.builder import page_renderers
from kehoach.site.options import Options

sys.path.insert(0, str(ROOT / "bench"))
from province import NS, write_province  # noqa: E402

QT = "plans/2024/quyet-thang-ke-hoach-tdkt/ke-hoach.yml"


def page_of(corpus: Corpus, today: date, path: str) -> str:
    """One generated page, rendered alone."""
    return page_renderers(corpus, Options(today, "", True, frozenset()))[path]()


def add_submissions(path: Path, duty_id: str, submissions: list[dict[str, object]]) -> None:
    """Write `submissions` into one duty of a plan file (round-trip, as a person would edit it)."""
    yaml = YAML(typ="rt")
    data = yaml.load(path.read_text(encoding="utf-8"))
    duty = next(d for d in data["reporting"] if d["id"] == duty_id)
    duty["submissions"] = submissions
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)


@pytest.fixture
def real(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    return tmp_path


def test_a_member_that_has_sent_is_recorded_and_drops_from_its_list(real: Path) -> None:
    add_submissions(real / QT, "bao-cao-6-thang", [
        {"agency": "lai-chau/quyet-thang/to-dan-pho-ban", "number": "12/BC-TDP", "date": date(2024, 5, 10)}])
    corpus = load_corpus([real / "plans"])
    assert [f for f in check_corpus(corpus) if f.severity == "error"] == []
    (found,) = standings(corpus)
    assert ([s.agency for s in found.sent], found.missing) == (
        ["lai-chau/quyet-thang/to-dan-pho-ban"], ("lai-chau/quyet-thang/co-quan-don-vi",))
    assert found.due == date(2024, 5, 14) and found.is_late(date(2024, 5, 15))
    assert standing_words(found, corpus.agencies) == (
        "Đã gửi 1/2: Các tổ dân phố, bản thuộc phường Quyết Thắng (số 12/BC-TDP ngày 10/05/2024). "
        "Chưa gửi: Các cơ quan, đơn vị, đoàn thể phường Quyết Thắng.")
    rows = views_by_agency(corpus)
    listed = {agency: any(r.item.id == "bao-cao-6-thang" for r in rows.get(agency, []))
              for agency in ("lai-chau/quyet-thang/to-dan-pho-ban", "lai-chau/quyet-thang/co-quan-don-vi")}
    assert listed == {"lai-chau/quyet-thang/to-dan-pho-ban": False, "lai-chau/quyet-thang/co-quan-don-vi": True}


def test_the_receiving_agencys_page_lists_who_has_sent_and_who_has_not(real: Path) -> None:
    add_submissions(real / QT, "bao-cao-6-thang", [
        {"agency": "lai-chau/quyet-thang/to-dan-pho-ban", "number": "12/BC-TDP", "date": date(2024, 5, 10)}])
    corpus = load_corpus([real / "plans"])
    page = page_of(corpus, date(2024, 6, 1), "co-quan/lai-chau/quyet-thang/hdtdkt.md")
    assert "## Báo cáo của các đơn vị" in page
    start = page.index("## Báo cáo của các đơn vị")
    block = page[start:page.index("\n## ", start + 1)]
    assert "hạn 14/05/2024 · <span class=\"kh-badge kh-badge--overdue\">Quá hạn, còn thiếu</span> · đã gửi 1/2" in block
    assert ("Đã gửi: <a href=\"../../../../co-quan/lai-chau/quyet-thang/to-dan-pho-ban/\">Các tổ dân phố, bản thuộc "
            "phường Quyết Thắng</a> (số 12/BC-TDP ngày 10/05/2024)</p>") in block
    assert ("Chưa gửi: <a href=\"../../../../co-quan/lai-chau/quyet-thang/co-quan-don-vi/\">Các cơ quan, đơn vị, "
            "đoàn thể phường Quyết Thắng</a></p>") in block
    untracked = page_of(load_corpus([ROOT / "plans"]), date(2024, 6, 1), "co-quan/lai-chau/quyet-thang/hdtdkt.md")
    assert "Báo cáo của các đơn vị" not in untracked


def test_once_the_plan_has_ended_its_missing_reports_are_listed_but_late_nowhere(real: Path) -> None:
    add_submissions(real / QT, "bao-cao-6-thang", [
        {"agency": "lai-chau/quyet-thang/to-dan-pho-ban", "number": "12/BC-TDP", "date": date(2024, 5, 10)}])
    corpus = load_corpus([real / "plans"])
    during, after = date(2024, 6, 1), date(2025, 1, 2)  # the 2024 plan is in force until 31/12/2024
    page = page_of(corpus, after, "co-quan/lai-chau/quyet-thang/hdtdkt/nam-2024.md")
    start = page.index("## Báo cáo của các đơn vị")
    block = page[start:page.index("\n## ", start + 1)]
    assert "hạn 14/05/2024 · đã gửi 1/2" in block and "Quá hạn" not in block
    assert "Chưa gửi: <a href" in block
    assert "Báo cáo còn thiếu" in render_text(build_digest(corpus, during, 0), corpus, during, 0)
    assert "Báo cáo còn thiếu" not in render_text(build_digest(corpus, after, 0), corpus, after, 0)


@pytest.mark.parametrize(("submissions", "code", "message"), [
    ([{"agency": "lai-chau/quyet-thang/van-phong", "date": date(2024, 5, 10)}], "KH406",
     "«Văn phòng UBND phường Quyết Thắng» không thuộc đơn vị phải gửi báo cáo «bao-cao-6-thang»"),
    ([{"agency": "lai-chau/quyet-thang/to-dan-pho-ban", "date": date(2024, 5, 10)},
      {"agency": "lai-chau/quyet-thang/to-dan-pho-ban", "date": date(2024, 5, 11)}], "KH407",
     "Báo cáo «bao-cao-6-thang» của «lai-chau/quyet-thang/to-dan-pho-ban» đã ghi ở mục thứ 1"),
    ([{"agency": "lai-chau/quyet-thang/to-dan-pho", "date": date(2024, 5, 10)}], "KH401",
     "Không có cơ quan «lai-chau/quyet-thang/to-dan-pho» trong danh mục"),
], ids=["not-a-member", "duplicate", "unknown-agency"])
def test_a_wrong_submission_is_an_error(real: Path, submissions: list[dict[str, object]], code: str,
                                        message: str) -> None:
    add_submissions(real / QT, "bao-cao-6-thang", submissions)
    errors = [f for f in check_corpus(load_corpus([real / "plans"])) if f.severity == "error"]
    assert [(f.path.endswith("quyet-thang-ke-hoach-tdkt/ke-hoach.yml"), f.code, f.message) for f in errors] == [
        (True, code, message)]


def test_an_impossible_submission_date_is_an_error(real: Path) -> None:
    path = real / QT
    add_submissions(path, "bao-cao-6-thang", [{"agency": "lai-chau/quyet-thang/to-dan-pho-ban", "date": "DAY"}])
    path.write_text(path.read_text(encoding="utf-8").replace("DAY", "2024-02-30"), encoding="utf-8")
    corpus = load_corpus([real / "plans"])
    assert [(f.code, f.message) for f in corpus.findings if f.severity == "error"] == [
        ("KH301", "Ngày không có thật: 2024-02-30")]


def test_the_guides_submission_example_is_valid(real: Path) -> None:
    import re

    guide = (ROOT / "docs" / "huong-dan" / "soan-ke-hoach.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n    submissions:\n(.*?)```", guide, flags=re.DOTALL)
    assert block
    example = YAML(typ="safe").load("submissions:\n" + block.group(1))
    add_submissions(real / QT, "bao-cao-6-thang", example["submissions"])
    corpus = load_corpus([real / "plans"])
    assert [f for f in check_corpus(corpus) if f.severity == "error"] == []
    assert [s.sent[0].number for s in standings(corpus)] == ["12/BC-TDP"]


# --- a generated province ------------------------------------------------------------

@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, str, list[str]]:
    """100 plans; the province's own plan of 2025 tracks its 6-month report, two members have sent."""
    root = tmp_path_factory.mktemp("province")
    written = write_province(root, 100)
    plan = next(p for p in written if f"reporters: [{NS}/cac-so-ban-nganh" in p.read_text(encoding="utf-8")
                and "/2025/" in p.as_posix())
    owed = expected_senders(next(d for d in load_corpus([root / "plans"]).plans if d.folder == plan.parent)
                            .plan.reporting[0], load_corpus([root / "plans"]).agencies)
    add_submissions(plan, "bao-cao-6-thang", [
        {"agency": owed[0], "number": "15/BC-UBND", "date": date(2025, 6, 10)},
        {"agency": owed[1], "date": date(2025, 6, 12), "note": "Gửi bản điện tử"}])
    return load_corpus([root / "plans"]), f"{plan.parent.parent.name}/{plan.parent.name}", owed


def test_every_member_of_the_groups_owes_the_report(province: tuple[Corpus, str, list[str]]) -> None:
    corpus, plan_id, owed = province
    groups = members_of(corpus.agencies)
    inside = {m for g in (f"{NS}/cac-so-ban-nganh", f"{NS}/ubnd-cac-xa-phuong") for m in groups[g]
              if corpus.agencies[m].kind != "group"}
    assert set(owed) == inside and len(owed) > 20
    assert [f for f in check_corpus(corpus) if f.severity == "error"] == []
    (found,) = [s for s in standings(corpus) if s.plan_id == plan_id]
    assert [s.agency for s in found.sent] == owed[:2] and list(found.missing) == owed[2:]


def test_a_member_that_has_sent_drops_from_its_feed_and_its_list(province: tuple[Corpus, str, list[str]]) -> None:
    corpus, plan_id, owed = province
    uid = f"UID:bao-cao-6-thang.{plan_id.replace('/', '-')}@kehoach".encode()
    feeds = dict(iter_feeds(corpus, "https://intranet.example/"))
    assert [uid in feeds[f"lich/co-quan/{agency}.ics"] for agency in owed[:3]] == [False, False, True]
    assert uid in feeds[f"lich/co-quan/{NS}/ubnd.ics"]  # the receiver keeps it
    rows = views_by_agency(corpus)
    listed = [any((r.item.plan_id, r.item.id) == (plan_id, "bao-cao-6-thang") for r in rows.get(a, []))
              for a in owed[:3]]
    assert listed == [False, False, True]


def test_the_receivers_page_and_sheet_name_the_missing(province: tuple[Corpus, str, list[str]]) -> None:
    corpus, plan_id, owed = province
    page = page_of(corpus, date(2025, 6, 20), f"co-quan/{NS}/ubnd.md")
    start = page.index("## Báo cáo của các đơn vị")
    assert f"đã gửi 2/{len(owed)}" in page[start:] and corpus.agencies[owed[-1]].name in page[start:]
    own = page_of(corpus, date(2025, 6, 20), f"co-quan/{owed[0]}.md")
    assert "## Báo cáo của các đơn vị" not in own
