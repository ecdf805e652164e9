// The score widget's helpers. Without this script the form still works: submitting it loads the
// full page with the result, and the server shows only the actions that apply to the chosen persona.
(function () {
  "use strict";

  function form() {
    return document.getElementById("score-form");
  }

  // Show only the actions that apply to the chosen persona and match the filter box.
  function refresh() {
    var f = form();
    if (!f) return;
    var persona = f.querySelector('input[name="persona"]:checked');
    var filter = document.getElementById("action-filter");
    var words = (filter ? filter.value : "").trim().toLowerCase();
    f.querySelectorAll(".action-option").forEach(function (option) {
      var applies = !persona || (" " + option.dataset.personas + " ").indexOf(" " + persona.value + " ") >= 0;
      var matches = !words || option.textContent.toLowerCase().indexOf(words) >= 0;
      option.hidden = !(applies && matches);
    });
    f.querySelectorAll(".action-group").forEach(function (group) {
      group.hidden = !group.querySelector(".action-option:not([hidden])");
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.id === "action-filter") refresh();
  });
  document.addEventListener("change", function (event) {
    if (event.target.name === "persona") refresh();
  });

  // The filter box is a search field: Enter should filter, not submit the form.
  document.addEventListener("keydown", function (event) {
    if (event.target.id === "action-filter" && event.key === "Enter") event.preventDefault();
  });

  // After an update, announce a one-line summary politely; the full result is there to read.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "score-result") return;
    var summary = target.querySelector("[data-summary]");
    var status = document.getElementById("score-status");
    if (summary && status) status.textContent = summary.getAttribute("data-summary");
  });

  function init() {
    var box = document.querySelector(".action-filter");
    if (box) box.hidden = false;
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
