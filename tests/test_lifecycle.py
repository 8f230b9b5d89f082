"""A plan is in force during its period, then it has ended; the site tells which year is current."""

from __future__ import annotations

import functools
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from test_site import CASE, TODAY

from kehoach.core.agenda import grouped
from kehoach.core.lifecycle import has_ended, last_day, period_of, shown_year
from kehoach.core.loader import Corpus, load_corpus
from kehoach.core.models import Plan
from kehoach.core.view import views_by_agency
from kehoach.site import pages
from kehoach.site.builder import build_pages
from kehoach.site.options import Options

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = {"type": "Kế hoạch", "subject": "Công tác thi đua, khen thưởng năm 2024"}


def plan(**fields: object) -> Plan:
    return Plan.model_validate({"year": 2024, "document": DOCUMENT, **fields})


@functools.cache
def real_corpus() -> Corpus:
    return load_corpus([ROOT / "plans"], base=ROOT)


def test_a_plan_is_in_force_for_its_calendar_year_its_period_or_its_school_year() -> None:
    assert period_of(plan()) == (date(2024, 1, 1), date(2024, 12, 31))
    assert period_of(plan(period={"start": "2024-03-01", "end": "2025-02-28"})) == (date(2024, 3, 1), date(2025, 2, 28))
    school = plan(document={"type": "Kế hoạch", "subject": "Thi đua, khen thưởng năm học 2024 - 2025"})
    assert period_of(school) == (date(2024, 9, 1), date(2025, 8, 31))


def test_a_plan_ends_after_its_period_or_on_the_date_of_its_closing() -> None:
    assert not has_ended(plan(), date(2024, 12, 31))
    assert has_ended(plan(), date(2025, 1, 1))
    closed = plan(closing={"type": "Báo cáo", "number": "120/BC-UBND", "date": "2024-12-10"})
    assert last_day(closed) == date(2024, 12, 9)
    assert not has_ended(closed, date(2024, 12, 9))
    assert has_ended(closed, date(2024, 12, 10))
    assert has_ended(plan(closing={"type": "Báo cáo"}), date(2024, 1, 2))  # recorded without a date: ended


def test_the_shown_year_is_this_year_with_a_plan_else_the_latest_before() -> None:
    assert shown_year([2023, 2024, 2025], date(2025, 3, 1)) == 2025
    assert shown_year([2023, 2024, 2025], date(2026, 12, 6)) == 2025
    assert shown_year([2023, 2024, 2025, 2027], date(2026, 12, 6)) == 2025
    assert shown_year([2027, 2028], date(2026, 12, 6)) == 2027
    assert shown_year([], date(2026, 12, 6)) is None


def test_one_task_added_to_another_years_plan_does_not_move_an_agencys_page() -> None:
    corpus = real_corpus()
    plans = {loaded.id: loaded for loaded in corpus.plans}
    rows = views_by_agency(corpus)["son-la/so-noi-vu"]
    only_2024 = [row for row in rows if plans[row.item.plan_id].plan.year == 2024]
    today = date(2026, 12, 6)
    shown, by_year = pages.split_by_year(only_2024, plans, today)
    assert shown == 2025 and by_year[2025] == [] and len(by_year[2024]) == len(only_2024)
    assert pages.split_by_year(rows, plans, today)[0] == shown  # with or without tasks in 2025


def test_open_tasks_of_an_ended_plan_are_set_apart_as_unrecorded() -> None:
    corpus = real_corpus()
    rows = views_by_agency(corpus)["son-la/so-noi-vu"]
    groups = {key: found for key, _, found in grouped(rows, date(2026, 12, 6))}
    assert groups["overdue"] == [] and len(groups["unrecorded"]) == len(rows)
    assert list(groups)[-2:] == ["unrecorded", "done"]
    live = {key: found for key, _, found in grouped(rows, date(2024, 7, 15))}
    assert "unrecorded" not in live and live["overdue"]


def badges(html: str) -> list[str]:
    return re.findall(r'<span class="kh-badge kh-badge--(\w+)"', html)


def test_built_today_the_home_page_says_2026_has_no_plan_and_nothing_is_overdue() -> None:
    home = pages.render_home(real_corpus(), Options(date(2026, 12, 6)))
    assert "Năm 2026 chưa có kế hoạch" in home
    assert 'Kế hoạch gần nhất là của năm <a href="nam/2025/">2025</a>' in home
    assert "overdue" not in badges(home) and "Không có nhiệm vụ nào quá hạn" in home
    assert badges(home) == []


def test_built_in_mid_2024_the_home_page_still_shows_overdue_2024_tasks() -> None:
    home = pages.render_home(real_corpus(), Options(date(2024, 7, 15)))
    overdue = home[home.index("## Quá hạn"):home.index("## Quý này")]
    assert badges(overdue) and set(badges(overdue)) == {"overdue"}
    assert re.findall(r'href="ke-hoach/(2024)/', overdue) and not re.findall(r'href="ke-hoach/2023/', overdue)
    assert "Năm 2024</strong> có 2 kế hoạch" in home


@pytest.mark.parametrize("today", [date(2026, 12, 6)])
def test_plan_and_agency_pages_of_ended_plans_read_unrecorded_and_carry_the_end(today: date) -> None:
    built = build_pages(real_corpus(), Options(today))
    plan_page = built["ke-hoach/2024/son-la-quyet-dinh-43-tdkt.md"]
    assert set(badges(plan_page)) == {"unrecorded"}
    assert 'data-ends="2024-12-31">Không ghi nhận kết quả</span>' in plan_page
    agency = built["co-quan/son-la/so-noi-vu/nam-2024.md"]
    assert "## Không ghi nhận kết quả" in agency and "## Quá hạn" in agency
    assert set(badges(agency)) == {"unrecorded"}
    own = built["co-quan/son-la/so-noi-vu.md"]
    assert "không có nhiệm vụ, báo cáo nào" in own and "Năm 2026 chưa có kế hoạch" in own


def test_a_recorded_closing_ends_the_plan_before_its_period_is_over(tmp_path: Path) -> None:
    shutil.copytree(CASE / "plans", tmp_path / "plans")
    yaml = tmp_path / "plans/2024/ke-hoach-mau/ke-hoach.yml"
    closing = "closing:\n  type: Báo cáo\n  number: 99/BC-UBND\n  date: 2024-06-01\ntasks:\n"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("tasks:\n", closing, 1), encoding="utf-8")
    today = date.fromisoformat(TODAY)  # 10/06/2024, inside the plan's year
    before = build_pages(load_corpus([CASE / "plans"], base=CASE), Options(today))
    after = build_pages(load_corpus([tmp_path / "plans"], base=tmp_path), Options(today))
    page = "ke-hoach/2024/ke-hoach-mau.md"
    assert "unrecorded" not in badges(before[page]) and "soon" in badges(before[page])
    assert set(badges(after[page])) == {"unrecorded", "done"}
    assert 'data-ends="2024-05-31"' in after[page]
    assert badges(after["index.md"]) == [] and badges(before["index.md"])


def test_the_guides_closing_example_is_a_valid_closing() -> None:
    guide = (ROOT / "docs/huong-dan/soan-ke-hoach.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(closing:\n.*?)```", guide, flags=re.DOTALL)
    assert block, "the guide has no `closing:` example"
    closed = plan(**yaml.safe_load(block.group(1)))
    assert closed.closing and closed.closing.number and has_ended(closed, date(2024, 12, 12))
