"""The SVG timeline of a plan: marks where the deadlines are, escapes text, compares whole with a file.

Regenerate the expected picture: .venv/bin/pytest --update-goldens tests/test_timeline.py
"""

from __future__ import annotations

import html
import os
import re
import xml.dom.minidom
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import CASES, compare_with_file
from support.views import task_view

from kehoach.core.deadlines import kind
from kehoach.core.loader import load_corpus
from kehoach.core.models import Deadline
from kehoach.core.view import ItemView, resolve_plan
from kehoach.site.timeline import Scale, render_timeline

YEAR = (date(2024, 1, 1), date(2024, 12, 31))


def entry(deadline: Deadline | None, title: str = "Việc", state: str = "not_started") -> ItemView:
    return replace(task_view(None, state, deadline, title, number="1"), kind=kind(deadline))


@pytest.fixture(scope="module")
def entries() -> list[ItemView]:
    old = Path.cwd()
    os.chdir(CASES / "site")
    try:
        corpus = load_corpus([Path("plans")])
    finally:
        os.chdir(old)
    (loaded,) = corpus.plans
    return list(resolve_plan(loaded, corpus.agencies).items)


def test_timeline_of_the_tiny_plan_matches_the_expected_picture(entries: list[ItemView]) -> None:
    svg = render_timeline(entries, *YEAR, today=date(2024, 6, 10))
    compare_with_file(svg + "\n", CASES / "site" / "timeline.svg")


def test_timeline_is_well_formed_xml_with_one_row_per_entry(entries: list[ItemView]) -> None:
    svg = render_timeline(entries, *YEAR)
    document = xml.dom.minidom.parseString(svg)
    assert len(document.getElementsByTagName("a")) == len(entries)
    assert [a.getAttribute("href") for a in document.getElementsByTagName("a")][0] == "#tuyen-truyen"


def test_a_day_is_a_diamond_on_that_day() -> None:
    svg = render_timeline([entry(Deadline(date=date(2024, 7, 1)))], *YEAR)
    scale = Scale(*YEAR)
    centre = re.search(r'class="kh-tl-day kh-tl-open" d="M([\d.]+) ', svg)
    assert centre and scale.x(date(2024, 7, 1)) <= float(centre.group(1)) <= scale.x(date(2024, 7, 2))


def test_a_quarter_is_a_bar_across_the_quarter() -> None:
    svg = render_timeline([entry(Deadline(quarter="2024-Q3"), state="done")], *YEAR)
    scale = Scale(*YEAR)
    bar = re.search(r'class="kh-tl-bar kh-tl-done" x="([\d.]+)" y="\d+" width="([\d.]+)"', svg)
    assert bar and float(bar.group(1)) == scale.x(date(2024, 7, 1))
    assert abs(float(bar.group(1)) + float(bar.group(2)) - scale.x(date(2024, 10, 1))) < 0.2


def test_ongoing_spans_the_period_and_undated_has_no_mark() -> None:
    svg = render_timeline([entry(Deadline(ongoing=True)), entry(None)], *YEAR)
    assert svg.count("kh-tl-ongoing") == 1 and "kh-tl-day" not in svg and "kh-tl-bar" not in svg


def test_today_line_only_inside_the_period() -> None:
    assert "kh-tl-today" in render_timeline([], *YEAR, today=date(2024, 3, 1))
    assert "kh-tl-today" not in render_timeline([], *YEAR, today=date(2025, 3, 1))


def test_text_is_escaped_and_long_titles_are_cut() -> None:
    svg = render_timeline([entry(None, title="<script>x</script> & " + "rất dài " * 20)], *YEAR)
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt; &amp;" in svg
    label = re.search(r'class="kh-tl-label"[^>]*>([^<]*)<', svg)
    assert label and label.group(1).endswith("…") and len(html.unescape(label.group(1))) <= 50
