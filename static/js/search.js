// Search helpers, loaded on every page. The search form works without this script (a plain GET
// form); with it, "/" focuses the search box from anywhere, and after htmx swaps in new results the
// polite live region says how many there are.
(function () {
  "use strict";

  document.querySelectorAll("[data-js-hint]").forEach(function (el) {
    el.hidden = false;
  });
  document.querySelectorAll("[data-search-input]").forEach(function (el) {
    el.setAttribute("aria-keyshortcuts", "/");
  });

  function typingIn(target) {
    if (!target || !target.closest) return false;
    return target.isContentEditable || !!target.closest("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (typingIn(event.target)) return;
    var box = document.querySelector("[data-search-input]");
    if (!box) return;
    event.preventDefault(); // or the "/" would be typed into the box
    box.focus();
    box.select();
  });

  // Announce the new count once the results are in place (not each keystroke: htmx waits 250 ms).
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "search-results") return;
    var status = document.getElementById("search-status");
    var summary = target.querySelector("[data-search-summary]");
    if (status) status.textContent = summary ? summary.textContent.replace(/\s+/g, " ").trim() : "";
  });
})();
