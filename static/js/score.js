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
    var shown = 0;
    f.querySelectorAll(".action-option").forEach(function (option) {
      var applies = !persona || (" " + option.dataset.personas + " ").indexOf(" " + persona.value + " ") >= 0;
      var label = option.querySelector("label");
      var matches = !words || (label ? label.textContent : "").toLowerCase().indexOf(words) >= 0;
      var ticked = option.querySelector('input[type="checkbox"]:checked');
      // A ticked action stays in view whatever the filter says, so it can be seen and unticked.
      option.hidden = !(applies && (matches || ticked));
      if (!option.hidden && matches) shown += 1;
    });
    f.querySelectorAll(".action-group").forEach(function (group) {
      group.hidden = !group.querySelector(".action-option:not([hidden])");
    });
    var empty = document.getElementById("action-filter-empty");
    if (empty) {
      empty.hidden = !words || shown > 0;
      empty.textContent = words ? "No action matches “" + filter.value.trim() + "”. Try another word." : "";
    }
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

  // After an update, announce a one-line summary politely; the full result is there to read. When
  // the result is out of sight (below the form on a phone), a button says so and jumps to it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "score-result") return;
    var failed = document.getElementById("score-failed");
    if (failed) failed.hidden = true;
    var summary = target.querySelector("[data-summary]");
    var status = document.getElementById("score-status");
    if (summary && status) status.textContent = summary.getAttribute("data-summary");
    var jump = document.getElementById("score-jump");
    if (jump) jump.hidden = target.getBoundingClientRect().top < window.innerHeight - 80;
    showCopyButtons();
  });

  // A request that fails (no network, a server error) leaves the old result, with a visible message.
  function failed() {
    var box = document.getElementById("score-failed");
    if (box) box.hidden = false;
  }
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail && event.detail.xhr && event.detail.xhr.status >= 500) failed();
  });

  document.addEventListener("click", function (event) {
    var jump = event.target.closest && event.target.closest("#score-jump");
    if (jump) {
      event.preventDefault();
      jump.hidden = true;
      var heading = document.querySelector("#score-result h2");
      if (heading) {
        heading.scrollIntoView();
        heading.focus();
      }
    }
    var copy = event.target.closest && event.target.closest("[data-copy]");
    if (copy && navigator.clipboard) {
      navigator.clipboard.writeText(copy.getAttribute("data-copy")).then(function () {
        copy.textContent = "Link copied";
      });
    }
  });

  // The copy button needs the clipboard; without it (or without this script) the plain link remains.
  function showCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function init() {
    var box = document.querySelector(".action-filter");
    if (box) box.hidden = false;
    refresh();
    showCopyButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
