/* kehoach: recompute "Quá hạn" / "Sắp đến hạn" / "Không ghi nhận kết quả" badges from today's date in
   the browser, so a page built days ago still tells the truth. The rule matches agenda.status() and
   lifecycle.has_ended(): data-ends is the plan's last day in force; after it an open task has no outcome
   recorded. LABELS is filled from core/labels.py STATUS_WORDS when the asset is built (site/badges.py). */
(function () {
  "use strict";
  var SOON_DAYS = 7;
  var LABELS = {/* STATUS_WORDS */};
  function iso(day) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
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
