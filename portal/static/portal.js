// Shows each event time in the reader's own zone beside the event's zone, where they
// differ. Without JavaScript the page still gives the time in the event's zone.
(function () {
  "use strict";
  function localize(root) {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    var lang = document.documentElement.lang || "en";
    root.querySelectorAll("time[datetime]:not([data-local])").forEach(function (el) {
      el.setAttribute("data-local", "");
      var d = new Date(el.getAttribute("datetime"));
      if (isNaN(d) || el.textContent.indexOf("(" + zone + ")") >= 0) { return; }
      var s = document.createElement("span");
      s.className = "local";
      s.textContent = " — " + d.toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" }) + " (" + zone + ")";
      el.appendChild(s);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { localize(document); });
  document.addEventListener("htmx:afterSettle", function (e) {
    localize(e.target);
    // A boosted link or form swaps the page without a load, which screen readers would not
    // notice: move focus to the new content, as a full page load would start there.
    var main = document.getElementById("main");
    if (main && e.detail && e.detail.boosted) { main.focus(); }
  });
})();
