"""The one vocabulary every view takes its words from."""

from __future__ import annotations

from datetime import date

import pytest

from kehoach.core.labels import phrase
from kehoach.core.models import Deadline


@pytest.mark.parametrize(("deadline", "label"), [
    (Deadline(text="trước ngày 15/3/2023", before=date(2023, 3, 15)), "trước ngày 15/3/2023"),
    (Deadline(before=date(2023, 3, 15)), "trước ngày 15/03/2023"),
    (Deadline(quarter="2024-Q3"), "quý III/2024"),
    (Deadline(month="2024-05"), "tháng 5/2024"),
    (Deadline(half="2024-H2"), "6 tháng cuối năm 2024"),
    (Deadline(ongoing=True), "thường xuyên"),
    (None, ""),
])
def test_a_deadline_reads_as_written_or_in_the_plan_s_own_words(deadline: Deadline | None, label: str) -> None:
    assert phrase(deadline) == label
