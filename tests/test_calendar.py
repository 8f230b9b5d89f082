"""Calendar feeds: the deadline-to-event rule, stable bytes, and the golden feeds.

The golden feeds under tests/cases/feeds/expected/ are built from the tiny plans
tree tests/cases/feeds/plans/. Regenerate them after a deliberate change, then
review the diff:

    .venv/bin/pytest --update-goldens tests/test_calendar.py -k golden
    git diff tests/cases/feeds/expected

(the same bytes as `kehoach feeds tests/cases/feeds/expected --site-url
https://intranet.example/kehoach/ --plans tests/cases/feeds/plans`).
"""

from __future__ import annotations

import difflib
import re
import shutil
from datetime import date
from pathlib import Path

import icalendar
from conftest import CASES, run_kehoach, updating_goldens
from hypothesis import given
from hypothesis import strategies as st

from kehoach.core import links
from kehoach.core.loader import Corpus, load_corpus
from kehoach.core.models import Deadline
from kehoach.feeds.calendar import (
    Event,
    build_feeds,
    events,
)
from kehoach.feeds.ical import escape, text_line

FEEDS = CASES / "feeds"
PLANS = FEEDS / "plans"
EXPECTED = FEEDS / "expected"
SITE = "https://intranet.example/kehoach/"


def corpus() -> Corpus:
    return load_corpus([PLANS])


def by_id(found: list[Event]) -> dict[str, Event]:
    return {event.uid.split(".")[0]: event for event in found}


def summaries(feed: bytes) -> list[str]:
    return [str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(feed).walk("VEVENT")]


def test_feeds_match_golden_files() -> None:
    feeds = build_feeds(corpus(), SITE)
    if updating_goldens():
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for relative, content in feeds.items():
            (EXPECTED / relative).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / relative).write_bytes(content)
    on_disk = {path.relative_to(EXPECTED).as_posix(): path.read_bytes() for path in EXPECTED.rglob("*.ics")}
    assert sorted(feeds) == sorted(on_disk)
    for relative, content in feeds.items():
        if content != on_disk[relative]:
            diff = difflib.unified_diff(on_disk[relative].decode().splitlines(), content.decode().splitlines(),
                                        "expected/" + relative, "built/" + relative, lineterm="")
            raise AssertionError("\n".join(diff))


def test_feeds_are_byte_identical_across_builds_and_reading_orders() -> None:
    first = corpus()
    shuffled = Corpus(first.root, list(reversed(first.plans)), dict(reversed(list(first.agencies.items()))),
                      first.agency_pos, first.findings)
    assert build_feeds(first, SITE) == build_feeds(corpus(), SITE) == build_feeds(shuffled, SITE)


def test_feed_paths_follow_the_url_scheme() -> None:
    loaded = corpus().plans[0]
    assert links.plan_feed(loaded.id) == "lich/ke-hoach/2024/thu-nghiem-a.ics"
    assert links.agency_feed("thu-nghiem/so-noi-vu") == "lich/co-quan/thu-nghiem/so-noi-vu.ics"
    assert links.year_feed(2025) == "lich/nam/2025.ics"
    assert links.ALL_FEED in build_feeds(corpus(), SITE)


def test_site_url_without_trailing_slash_gives_the_same_feeds() -> None:
    assert build_feeds(corpus(), SITE.rstrip("/")) == build_feeds(corpus(), SITE)


def test_ongoing_and_undated_items_are_not_events() -> None:
    found = by_id(events(corpus(), SITE))
    assert {"tuyen-truyen", "chua-ro", "bao-cao-thuong-xuyen"}.isdisjoint(found)
    assert {"trien-khai", "phat-dong", "du-toan", "so-ket", "nam-hoc", "dac-biet", "hoi-nghi-quy-ii",
            "bao-cao-quy-iii", "tong-ket", "chi-thi"} == set(found)


def test_each_kind_of_deadline_falls_on_its_last_working_day() -> None:
    found = by_id(events(corpus(), SITE))
    assert {key: event.day for key, event in found.items()} == {
        "trien-khai": date(2024, 3, 14),       # trước ngày 15/3 -> 14/3
        "du-toan": date(2024, 5, 31),          # chậm nhất ngày 31/5
        "dac-biet": date(2024, 7, 1),          # tháng 6 ends Sunday 30/6
        "so-ket": date(2024, 7, 1),            # 6 tháng đầu năm ends Sunday 30/6
        "hoi-nghi-quy-ii": date(2024, 7, 1),   # section period: quý II
        "nam-hoc": date(2024, 9, 4),           # school year ends Saturday 31/8; 2-3/9 are holidays
        "phat-dong": date(2024, 9, 4),         # ngày 02/9 is Quốc khánh
        "bao-cao-quy-iii": date(2024, 9, 30),  # report duty: end of quý III
        "chi-thi": date(2025, 12, 31),
        "tong-ket": date(2026, 1, 2),          # trước ngày 02/01/2026 -> 01/01, Tết Dương lịch
    }


def test_a_moved_deadline_says_why_and_keeps_the_written_phrase() -> None:
    event = by_id(events(corpus(), SITE))["phat-dong"]
    assert "Thời hạn ghi trong văn bản: ngày 02/9/2024\n" in event.description
    assert "Hạn cuối theo văn bản: 02/09/2024 (Quốc khánh); hạn tính theo Điều 148 BLDS: 04/09/2024" \
        in event.description
    assert "Hạn cuối: 14/03/2024 (Thứ Năm)" in by_id(events(corpus(), SITE))["trien-khai"].description


def test_a_task_without_deadline_takes_its_section_period() -> None:
    event = by_id(events(corpus(), SITE))["hoi-nghi-quy-ii"]
    assert "Thời hạn ghi trong văn bản: Trong quý II (thời hạn chung của mục 2. Quý II)" in event.description
    assert event.categories == ("Kế hoạch thi đua, khen thưởng năm 2024 (thử nghiệm)", "Quý II/2024")


def test_description_names_plan_agencies_and_task_url() -> None:
    event = by_id(events(corpus(), SITE))["tong-ket"]
    assert event.description.splitlines() == [
        "Kế hoạch số …/KH-UBND của Ủy ban nhân dân tỉnh Thử Nghiệm, ban hành kèm theo "
        "Quyết định số 5/QĐ-UBND ngày 10/01/2025",
        "Kế hoạch Triển khai công tác thi đua, khen thưởng năm 2025",
        "Chủ trì: Hội đồng Thi đua - Khen thưởng tỉnh Thử Nghiệm",
        "Phối hợp: Sở Nội vụ tỉnh Thử Nghiệm; Các sở, ban, ngành tỉnh Thử Nghiệm",
        "Thời hạn ghi trong văn bản: trước ngày 02/01/2026",
        "Hạn cuối theo văn bản: 01/01/2026 (Tết Dương lịch); hạn tính theo Điều 148 BLDS: 02/01/2026",
        "Tình trạng: Chưa thực hiện",
        "Chi tiết: https://intranet.example/kehoach/ke-hoach/2025/thu-nghiem-b/#tong-ket",
    ]
    assert event.url == "https://intranet.example/kehoach/ke-hoach/2025/thu-nghiem-b/#tong-ket"


def test_summaries_are_the_source_titles_on_one_line() -> None:
    loaded = corpus()
    titles = {(plan.id, item.id): " ".join(item.title.split()) for plan in loaded.plans
              for item in [*plan.plan.tasks, *plan.plan.reporting]}
    found = events(loaded, SITE)
    done = {(plan.id, task.id) for plan in loaded.plans for task in plan.plan.tasks if task.status.state == "done"}
    assert found and all(event.summary == ("Đã hoàn thành: " if (event.plan_id, event.uid.split(".")[0]) in done
                                           else "") + titles[event.plan_id, event.uid.split(".")[0]]
                         for event in found)


def test_uids_come_from_plan_and_item_ids() -> None:
    uids = [event.uid for event in events(corpus(), SITE)]
    assert "trien-khai.2024-thu-nghiem-a@kehoach" in uids and "tong-ket.2025-thu-nghiem-b@kehoach" in uids
    assert len(set(uids)) == len(uids)


def test_dtstamp_and_sequence_come_from_the_data() -> None:
    found = by_id(events(corpus(), SITE))
    assert (found["trien-khai"].stamp, found["trien-khai"].sequence) == (date(2024, 3, 1), 46)  # updated:
    assert (found["so-ket"].stamp, found["so-ket"].sequence) == (date(2024, 7, 10), 177)  # proof date
    assert (found["chi-thi"].stamp, found["chi-thi"].sequence) == (date(2025, 1, 10), 0)  # decision date


def test_a_changed_date_keeps_the_uid_and_raises_dtstamp_and_sequence() -> None:
    loaded = corpus()
    plan = loaded.plans[0]
    before = by_id(events(loaded, SITE))["trien-khai"]
    tasks = [task.model_copy(update={"deadline": Deadline(before=date(2024, 3, 29))})
             if task.id == "trien-khai" else task for task in plan.plan.tasks]
    plan.plan = plan.plan.model_copy(update={"tasks": tasks, "updated": date(2024, 3, 10)})
    after = by_id(events(loaded, SITE))["trien-khai"]
    assert after.uid == before.uid
    assert after.day == date(2024, 3, 28) != before.day
    assert after.stamp > before.stamp and after.sequence > before.sequence


def test_agency_feeds_include_group_tasks_transitively_with_roles() -> None:
    feeds = build_feeds(corpus(), SITE)
    assert summaries(feeds[links.agency_feed("thu-nghiem/so-noi-vu")]) == [
        "[Chủ trì] Triển khai Kế hoạch tới các sở, ban, ngành",
        "[Phối hợp] Lập dự toán kinh phí khen thưởng",
        "[Chủ trì] " + by_id(events(corpus(), SITE))["dac-biet"].summary,  # led by a group it belongs to
        "[Phối hợp] Hội nghị giao ban thi đua quý II",
        "[Chủ trì] Đã hoàn thành: Sơ kết 6 tháng đầu năm",  # lead and, through its group, partner: lead wins
        "[Phối hợp] Phát động phong trào thi đua chào mừng Quốc khánh",  # group of its group
        "[Tổng hợp báo cáo] Báo cáo kết quả thi đua quý III",  # its own part ("qua") beats reporting as one of a group
        "[Chủ trì] Trình Chỉ thị phát động thi đua năm 2026",
        "[Phối hợp] Tổng kết công tác thi đua, khen thưởng năm 2025",
    ]
    assert summaries(feeds[links.agency_feed("thu-nghiem/hdtdkt")]) == [
        "[Chủ trì] Hội nghị giao ban thi đua quý II",
        "[Nhận báo cáo] Báo cáo kết quả thi đua quý III",
        "[Chủ trì] Tổng kết công tác thi đua, khen thưởng năm 2025",
    ]


def test_a_done_task_says_so_shows_its_proof_and_rings_no_alarm() -> None:
    feeds = build_feeds(corpus(), SITE)
    calendar = icalendar.Calendar.from_ical(feeds[links.plan_feed("2024/thu-nghiem-a")])
    done = next(event for event in calendar.walk("VEVENT") if str(event["UID"]).startswith("so-ket."))
    assert str(done["SUMMARY"]) == "Đã hoàn thành: Sơ kết 6 tháng đầu năm"
    assert "\nMinh chứng: Báo cáo số 88/BC-SNV ngày 10/07/2024\n" in str(done["DESCRIPTION"])
    assert not done.walk("VALARM")
    assert all(event.walk("VALARM") for event in calendar.walk("VEVENT") if event is not done)


def test_an_ended_plans_open_tasks_ring_no_alarm() -> None:
    during, after = build_feeds(corpus(), SITE, date(2024, 12, 31)), build_feeds(corpus(), SITE, date(2025, 1, 1))
    feed = links.plan_feed("2024/thu-nghiem-a")
    assert b"BEGIN:VALARM" in during[feed] and b"BEGIN:VALARM" not in after[feed]
    assert b"BEGIN:VALARM" in after["lich/ke-hoach/2025/thu-nghiem-b.ics"]  # the 2025 plan is in force


def test_plan_and_year_feeds_have_no_role_prefix() -> None:
    feeds = build_feeds(corpus(), SITE)
    for path in (links.ALL_FEED, links.year_feed(2024), "lich/ke-hoach/2025/thu-nghiem-b.ics"):
        assert not [s for s in summaries(feeds[path]) if s.startswith("[")]


def test_every_plan_year_and_agency_has_a_feed_even_without_events() -> None:
    loaded = corpus()
    feeds = build_feeds(loaded, SITE)
    assert sorted(feeds) == sorted([links.ALL_FEED, links.year_feed(2024), links.year_feed(2025)]
                                   + [links.plan_feed(plan.id) for plan in loaded.plans]
                                   + [links.agency_feed(agency_id) for agency_id in loaded.agencies])
    empty = icalendar.Calendar.from_ical(feeds[links.agency_feed("thu-nghiem/khong-nhiem-vu")])
    assert [component.name for component in empty.subcomponents] == ["VTIMEZONE"]
    assert str(empty["NAME"]) == "Hạn nhiệm vụ: Ban Dân tộc tỉnh Thử Nghiệm"


def test_a_merged_agency_feed_names_its_successor() -> None:
    feeds = build_feeds(corpus(), SITE)
    calendar = icalendar.Calendar.from_ical(feeds[links.agency_feed("thu-nghiem/so-cu")])
    assert str(calendar["X-WR-CALDESC"]).endswith("Cơ quan đã được thay bằng Sở Tài chính tỉnh Thử Nghiệm.")
    assert summaries(feeds[links.agency_feed("thu-nghiem/so-cu")]) == ["[Chủ trì] Tổng kết năm học 2023-2024"]


def test_cli_writes_the_same_feeds(tmp_path: Path) -> None:
    code, output = run_kehoach(["feeds", str(tmp_path), "--site-url", SITE, "--plans", str(PLANS),
                                "--today", "2024-06-10"], Path.cwd())
    assert code == 0, output
    written = {path.relative_to(tmp_path).as_posix(): path.read_bytes() for path in tmp_path.rglob("*.ics")}
    assert written == build_feeds(corpus(), SITE, date(2024, 6, 10))


def test_cli_refuses_plans_with_errors(tmp_path: Path) -> None:
    shutil.copytree(PLANS, tmp_path / "plans")
    broken = tmp_path / "plans/2025/thu-nghiem-b/ke-hoach.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("2026-01-02", "2026-13-02"), encoding="utf-8")
    code, output = run_kehoach(["feeds", str(tmp_path / "out"), "--site-url", SITE, "--plans", "plans"], tmp_path)
    assert code == 1 and "ke-hoach.yml" in output
    assert not (tmp_path / "out").exists()


def test_escape_handles_every_special_character() -> None:
    assert escape('a\\b;c,d\ne\r\nf:"g"') == 'a\\\\b\\;c\\,d\\ne\\nf:"g"'


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_text_lines_fold_within_75_octets_on_character_boundaries(value: str) -> None:
    raw = text_line("DESCRIPTION", value)
    assert raw.endswith(b"\r\n")
    physical = raw[:-2].split(b"\r\n")
    assert all(len(line) <= 75 for line in physical)
    assert all(line.startswith(b" ") for line in physical[1:])
    for line in physical:
        line.decode("utf-8")  # every physical line is valid UTF-8 on its own
    unfolded = b"".join([physical[0], *(line[1:] for line in physical[1:])]).decode()
    expected = re.sub("[\x00-\x08\x0b-\x1f\x7f]", "", value.replace("\r\n", "\n").replace("\r", "\n"))  # no controls
    value_text = unfolded.split(":", 1)[1]
    assert re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value_text) == expected
