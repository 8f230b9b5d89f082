/* kehoach: recompute "Quá hạn" / "Sắp đến hạn" / "Không ghi nhận kết quả" badges from today's date in
   the browser, so a page built days ago still tells the truth. The rule matches agenda.status() and
   lifecycle.ended_by(): data-ends is the plan's last day in force; after it an open task has no outcome
   recorded. LABELS is filled from core/labels.py STATUS_WORDS when the asset is built (site/badges.py).
   On an agency page the rows also move between its parts ("Quá hạn", "Đến hạn tháng này"…, the rule of
   agenda.bucket()), so that a heading never contradicts the badges under it; the counts and the date
   the page is "as of" follow. */
(function () {
  "use strict";
  var SOON_DAYS = 7;
  var LABELS = {/* STATUS_WORDS */};
  function iso(day) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
  }
  function monthIndex(day) { return Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1; }
  function bucketOf(badge, today) {
    var state = badge.getAttribute("data-state"), due = badge.getAttribute("data-due");
    var ends = badge.getAttribute("data-ends");
    if (state === "done") { return "done"; }
    if (ends && ends < today) { return "unrecorded"; }
    if (!due) { return "ongoing"; }
    if (due < today) { return "overdue"; }
    var months = monthIndex(due) - monthIndex(today);
    return months === 0 ? "this_month" : months === 1 ? "next_month" : "later";
  }
  function each(selector, action) { document.querySelectorAll(selector).forEach(action); }
  function headingOf(node) {
    while (node && node.tagName !== "H2") { node = node.previousElementSibling; }
    return node;
  }
  function settle(key, table) {
    var body = table.tBodies[0], count = body.rows.length;
    Array.prototype.slice.call(body.rows).sort(function (a, b) {
      return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    }).forEach(function (row) { body.appendChild(row); });
    table.hidden = count === 0;
    each('[data-bucket-empty="' + key + '"]', function (p) { p.hidden = count > 0 || key === "unrecorded"; });
    each('[data-count="' + key + '"]', function (span) { span.textContent = String(count); });
    each('[data-count-hide="' + key + '"]', function (part) { part.hidden = count === 0; });
    if (key === "unrecorded") {
      var heading = headingOf(table);
      if (heading) { heading.hidden = count === 0; }
      each('[data-count-part="unrecorded"]', function (part) { part.hidden = count === 0; });
    }
  }
  function regroup(today) {
    var tables = {}, rows = [];
    each("table.kh-list[data-bucket]", function (table) {
      tables[table.getAttribute("data-bucket")] = table;
      Array.prototype.push.apply(rows, table.tBodies[0].rows);
    });
    rows.forEach(function (row) {
      var badge = row.querySelector(".kh-badge[data-state]");
      var table = badge && tables[bucketOf(badge, today)];
      if (table) { table.tBodies[0].appendChild(row); }
    });
    Object.keys(tables).forEach(function (key) { settle(key, tables[key]); });
    each("[data-today]", function (span) {
      span.textContent = today.slice(8, 10) + "/" + today.slice(5, 7) + "/" + today.slice(0, 4);
    });
  }
  function refresh() {
    var now = new Date(), today = iso(now);
    var soon = iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + SOON_DAYS));
    document.querySelectorAll(".kh-badge[data-state]").forEach(function (badge) {
      var due = badge.getAttribute("data-due"), code = badge.getAttribute("data-state");
      var ends = badge.getAttribute("data-ends");
      if (code !== "done" && ends && ends < today) {
        code = "unrecorded";
      } else if (code !== "done" && due) {
        if (due < today) { code = "overdue"; } else if (due <= soon) { code = "soon"; }
      }
      if (LABELS[code]) {
        badge.className = "kh-badge kh-badge--" + code;
        badge.textContent = LABELS[code];
      }
    });
    regroup(today);
    // the theme's search panel is a dialog without a name; screen readers announce this one
    document.querySelectorAll("[role=dialog]:not([aria-label])").forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Tìm kiếm");
    });
    document.querySelectorAll("input.kh-copy").forEach(function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(refresh);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refresh);
  } else {
    refresh();
  }
})();
