"""Agency task lists: who gets which task (directly or through a group), and where it stands on a day."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from conftest import CASES
from support.views import task_view

from kehoach.core.agenda import bucket, grouped, quarter_bounds, status
from kehoach.core.loader import Corpus, load_corpus
from kehoach.core.view import TaskView, resolve_plan, views_by_agency


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    old = Path.cwd()
    os.chdir(CASES / "site")
    try:
        return load_corpus([Path("plans")])
    finally:
        os.chdir(old)


def entry(due: date | None, state: str = "not_started") -> TaskView:
    return task_view(due, state)


def test_group_members_get_the_groups_tasks_with_the_group_named(corpus: Corpus) -> None:
    rows = views_by_agency(corpus)["thu-nghiem/so-tai-chinh"]
    found = {(r.item.id, r.role, r.group) for r in rows}
    assert found == {("phat-dong", "lead", "thu-nghiem/cac-so"), ("so-ket", "partner", None),
                     ("kinh-phi", "lead", None), ("bao-cao-nam", "report", "thu-nghiem/cac-so")}


def test_a_direct_role_wins_over_the_same_task_through_a_group(corpus: Corpus) -> None:
    rows = views_by_agency(corpus)["thu-nghiem/so-noi-vu"]
    assert [(r.role, r.group) for r in rows if r.item.id == "bao-cao-nam"] == [("receive", None)]
    assert [r.item.id for r in rows] == ["tap-huan", "phat-dong", "so-ket", "bao-cao-nam", "tuyen-truyen"]


def test_task_without_deadline_inherits_its_sections_period(corpus: Corpus) -> None:
    (loaded,) = corpus.plans
    kinh_phi = next(e for e in resolve_plan(loaded, corpus.agencies).items if e.id == "kinh-phi")
    assert kinh_phi.inherited and kinh_phi.due == date(2024, 9, 30)


def test_deadline_on_a_sunday_is_due_the_next_working_day(corpus: Corpus) -> None:
    (loaded,) = corpus.plans
    so_ket = next(e for e in resolve_plan(loaded, corpus.agencies).items if e.id == "so-ket")
    assert (so_ket.due, so_ket.effective_due) == (date(2024, 6, 16), date(2024, 6, 17))


@pytest.mark.parametrize(("due", "state", "expected"), [
    (date(2024, 6, 9), "not_started", "overdue"),
    (date(2024, 6, 10), "not_started", "soon"),
    (date(2024, 6, 17), "in_progress", "soon"),
    (date(2024, 6, 18), "in_progress", "in_progress"),
    (date(2024, 1, 1), "done", "done"),
    (None, "not_started", "not_started"),
])
def test_status_on_a_given_day(due: date | None, state: str, expected: str) -> None:
    assert status(entry(due, state), date(2024, 6, 10)) == expected


@pytest.mark.parametrize(("due", "state", "expected"), [
    (date(2024, 6, 9), "in_progress", "overdue"),
    (date(2024, 6, 30), "not_started", "this_month"),
    (date(2024, 7, 1), "not_started", "next_month"),
    (date(2024, 8, 1), "not_started", "later"),
    (date(2025, 6, 15), "not_started", "later"),
    (None, "not_started", "ongoing"),
    (date(2024, 6, 9), "done", "done"),
])
def test_bucket_on_a_given_day(due: date | None, state: str, expected: str) -> None:
    assert bucket(entry(due, state), date(2024, 6, 10)) == expected


def test_grouped_keeps_every_bucket_in_order_even_when_empty(corpus: Corpus) -> None:
    parts = grouped(views_by_agency(corpus)["thu-nghiem/so-noi-vu"], date(2024, 6, 10))
    assert [(key, [r.item.id for r in rows]) for key, _, rows in parts] == [
        ("overdue", []), ("this_month", ["phat-dong", "so-ket"]), ("next_month", []),
        ("later", ["bao-cao-nam"]), ("ongoing", ["tuyen-truyen"]), ("done", ["tap-huan"])]




@pytest.mark.parametrize(("day", "bounds"), [
    (date(2024, 2, 29), (date(2024, 1, 1), date(2024, 3, 31))),
    (date(2024, 6, 30), (date(2024, 4, 1), date(2024, 6, 30))),
    (date(2024, 12, 31), (date(2024, 10, 1), date(2024, 12, 31))),
])
def test_quarter_bounds(day: date, bounds: tuple[date, date]) -> None:
    assert quarter_bounds(day) == bounds
