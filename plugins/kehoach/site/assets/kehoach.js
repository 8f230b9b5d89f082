/* kehoach: recompute "Quá hạn" / "Sắp đến hạn" badges from today's date in the browser,
   so a page built days ago still tells the truth. The rule matches agenda.status(). */
(function () {
  "use strict";
  var SOON_DAYS = 7;
  var LABELS = {done: "Hoàn thành", overdue: "Quá hạn", soon: "Sắp đến hạn",
                in_progress: "Đang thực hiện", not_started: "Chưa thực hiện"};
  function iso(day) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
  }
  function refresh() {
    var now = new Date(), today = iso(now);
    var soon = iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + SOON_DAYS));
    document.querySelectorAll(".kh-badge[data-state]").forEach(function (badge) {
      var due = badge.getAttribute("data-due"), code = badge.getAttribute("data-state");
      if (code !== "done" && due) {
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
