"""The home page keeps the size of a summary however many plans the site holds."""

from __future__ import annotations

import re
from datetime import date

import pytest
from test_site import TODAY, _case_corpus

from kehoach.site import pages
from kehoach.site.options import Options


def test_the_soon_list_is_cut_to_the_nearest_tasks_and_says_how_many_more(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "HOME_SOON_LIMIT", 1)
    home = pages.render_home(_case_corpus(), Options(date.fromisoformat(TODAY)))
    soon = home[home.index("## Đến hạn trong 30 ngày tới"):home.index("## Quá hạn")]
    assert "Dưới đây là 1 nhiệm vụ đến hạn sớm nhất; 1 nhiệm vụ khác cũng đến hạn trong 30 ngày tới" in soon
    assert re.findall(r'href="ke-hoach/2024/ke-hoach-mau/#([^"]+)"', soon) == ["phat-dong"]  # due 14/06 before 17/06


def test_the_quarter_is_one_counted_line_per_lead_agency() -> None:
    home = pages.render_home(_case_corpus(), Options(date.fromisoformat(TODAY)))
    quarter = home[home.index("## Quý này theo cơ quan chủ trì"):home.index("## Lịch")]
    rows = re.findall(r'<tr><td class="kh-col-title"><a href="([^"]+)">[^<]+</a></td>'
                      r'<td class="kh-col-count" data-label="Chưa xong">(\d+)</td>'
                      r'<td class="kh-col-count" data-label="Trong đó quá hạn">(\d+)</td></tr>', quarter)
    assert rows == [("co-quan/thu-nghiem/cac-so/", "1", "0"), ("co-quan/thu-nghiem/so-noi-vu/", "1", "0")]
    assert "ke-hoach/" not in quarter  # the tasks themselves are on the agency pages
    late = pages.render_home(_case_corpus(), Options(date(2024, 6, 20)))
    assert ('<td class="kh-col-count" data-label="Chưa xong">1</td>'
            '<td class="kh-col-count" data-label="Trong đó quá hạn">1</td>') in late  # 17/06 passed by 20/06
