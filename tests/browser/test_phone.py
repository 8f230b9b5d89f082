"""Task lists are readable on a phone (390 px) and on a desk (1366 px): no sideways scroll, the title takes
most of the width, and no word is broken inside (Vietnamese syllables are separated by spaces)."""

from __future__ import annotations

import pytest
from browser_site import ARTIFACTS, TODAY, first_led_agency, noon, plan_ids

pytestmark = pytest.mark.browser

WIDTHS = {390: 0.6, 1366: 0.4}  # viewport width -> the least share of a list's width its title column gets
CURRENT = next(plan_id for plan_id in plan_ids() if plan_id.startswith(f"{TODAY.year}/"))  # a plan of the shown year
PAGES = {"home": "", "plan": f"ke-hoach/{CURRENT}/", "agency": f"co-quan/{first_led_agency(CURRENT)}/",
         "year": f"nam/{TODAY.year}/"}

# For each task list: its width and its title cells' widths, and every word of a title that the browser
# laid out on more than one line (a word broken inside); the styles that would allow such a break.
MEASURE = """() => {
  const lists = [...document.querySelectorAll("table.kh-list, table.kh-task-table")]
    .filter(t => t.offsetParent !== null && t.querySelector("td.kh-col-title"));
  const broken = [], styles = [];
  const shares = lists.map(table => {
    const width = table.getBoundingClientRect().width;
    const cells = [...table.querySelectorAll("td.kh-col-title")].slice(0, 40);
    for (const cell of cells) {
      const style = getComputedStyle(cell);
      if (style.wordBreak === "break-all" || style.hyphens === "auto" || style.overflowWrap === "anywhere") {
        styles.push(cell.textContent.trim().slice(0, 40));
      }
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const re = /\\S+/g;
        for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
          if (tops.size > 1) broken.push(m[0]);
        }
      }
    }
    return Math.min(...cells.map(c => c.getBoundingClientRect().width)) / width;
  });
  const root = document.documentElement;
  return {lists: lists.length, shares, broken, styles, overflow: root.scrollWidth - root.clientWidth};
}"""


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("kind", PAGES)
def test_task_lists_fit_the_screen_and_keep_words_whole(browser, base_url, kind, width):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900}, locale="vi-VN",
                                  timezone_id="Asia/Ho_Chi_Minh")
    tab = context.new_page()
    tab.clock.set_system_time(noon(TODAY))
    tab.goto(PAGES[kind])
    tab.wait_for_load_state("networkidle")
    found = tab.evaluate(MEASURE)
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(folder / f"phone-{kind}-{width}.png"))
    context.close()
    assert found["lists"], f"{PAGES[kind]} has no task list to measure"
    assert found["overflow"] <= 0, f"{PAGES[kind]} scrolls sideways by {found['overflow']} px at {width} px"
    assert min(found["shares"]) >= WIDTHS[width], (PAGES[kind], width, found["shares"])
    assert found["broken"] == [], f"words broken inside at {width} px: {found['broken'][:10]}"
    assert found["styles"] == []
