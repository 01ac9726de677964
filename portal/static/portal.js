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

// Counts a statement's words as the events service does (see CountWords there): in scripts
// written with spaces a word is a run of letters, marks and digits, joined across an
// apostrophe, hyphen, period or comma; each Han, Hiragana or Katakana character is a word.
(function () {
  "use strict";
  var ideo, word;
  try {
    ideo = new RegExp("[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]", "u");
    word = new RegExp("[\\p{L}\\p{M}\\p{N}]", "u");
  } catch (e) { return; }
  var joiner = /['\u2019\-\u2010.,]/;
  function spaced(ch) { return ch !== "" && word.test(ch) && !ideo.test(ch); }
  function count(text) {
    var n = 0, prev = "", prev2 = "";
    for (var ch of text) {
      if (ideo.test(ch)) { n++; }
      else if (spaced(ch) && !(spaced(prev) || (joiner.test(prev) && spaced(prev2)))) { n++; }
      prev2 = prev; prev = ch;
    }
    return n;
  }
  function bind(root) {
    root.querySelectorAll("[data-count-for]").forEach(function (out) {
      var area = document.getElementById(out.getAttribute("data-count-for"));
      var shown = out.querySelector("[data-count]");
      var limit = parseInt(out.getAttribute("data-limit"), 10) || 0;
      if (!area || !shown) { return; }
      var update = function () {
        var n = count(area.value);
        shown.textContent = "— " + n + " / " + limit;
        out.classList.toggle("over", limit > 0 && n > limit);
      };
      area.addEventListener("input", update);
      update();
    });
  }
  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.addEventListener("htmx:afterSettle", function (e) { bind(e.target); });
})();
