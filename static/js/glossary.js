// Glossary pop-ups as WCAG 1.4.13 asks: Escape hides the definition without moving focus or the
// pointer, the pointer can move onto the definition, and it stays until hover and focus leave.
// The stylesheet shows a definition on hover and focus; this script places it in the window (fixed,
// so a scrolling table or a narrow screen cannot clip it) and handles Escape. Without the script the
// stylesheet alone shows it below the term.
(function () {
  "use strict";

  var MARGIN = 8; // px kept clear between a definition and the window's edges
  var GAP = 6; // px between the term and its definition; the tip's ::before bridges it for the pointer
  var current = null;
  var queued = false;

  document.documentElement.classList.add("glossary-js");

  function tipOf(term) {
    return term.querySelector(".term-tip");
  }

  function place(term) {
    var tip = tipOf(term);
    var link = term.querySelector("a");
    if (!tip || !link) return;
    if (getComputedStyle(tip).display === "none") {
      // Hover styles can land a frame after the event; measure once they have.
      window.requestAnimationFrame(function () {
        if (current === term && getComputedStyle(tip).display !== "none") place(term);
      });
      return;
    }
    var rects = link.getClientRects();
    var box = rects.length ? rects[0] : link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var height = document.documentElement.clientHeight;
    var w = tip.offsetWidth;
    var h = tip.offsetHeight;
    var left = Math.min(Math.max(box.left, MARGIN), Math.max(width - w - MARGIN, MARGIN));
    var top = box.bottom + GAP;
    var side = "below";
    if (top + h > height - MARGIN && box.top - GAP - h >= MARGIN) {
      top = box.top - GAP - h;
      side = "above";
    } else if (top + h > height - MARGIN) {
      top = Math.max(height - h - MARGIN, MARGIN);
    }
    tip.style.left = Math.round(left) + "px";
    tip.style.top = Math.round(top) + "px";
    tip.setAttribute("data-side", side);
  }

  function open(term) {
    if (current && current !== term) close(current);
    current = term;
    term.classList.remove("term-dismissed");
    place(term);
  }

  function close(term) {
    term.classList.remove("term-dismissed");
    if (current === term) current = null;
  }

  function stillActive(term) {
    return term.matches(":hover") || term.contains(document.activeElement);
  }

  document.addEventListener("mouseover", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    if (term && !(event.relatedTarget && term.contains(event.relatedTarget))) open(term);
  });
  document.addEventListener("mouseout", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    if (!term || (event.relatedTarget && term.contains(event.relatedTarget))) return;
    if (!stillActive(term)) close(term);
  });
  document.addEventListener("focusin", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    if (term) open(term);
  });
  document.addEventListener("focusout", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    if (!term || (event.relatedTarget && term.contains(event.relatedTarget))) return;
    // The pointer may still rest on the term; close only when it has gone too.
    window.setTimeout(function () {
      if (!stillActive(term)) close(term);
    }, 0);
  });

  // Capture phase: Escape that hides a definition should do nothing else (the timeline uses Escape
  // to go back to its list of events).
  document.addEventListener(
    "keydown",
    function (event) {
      if (event.key !== "Escape" || !current || current.classList.contains("term-dismissed")) return;
      if (!stillActive(current)) return;
      current.classList.add("term-dismissed");
      event.stopPropagation();
    },
    true
  );

  // The definition is fixed to the window, so it follows its term when the page or a table scrolls.
  function replace() {
    queued = false;
    if (current) place(current);
  }
  function queue() {
    if (current && !queued) {
      queued = true;
      window.requestAnimationFrame(replace);
    }
  }
  window.addEventListener("scroll", queue, { passive: true, capture: true });
  window.addEventListener("resize", queue, { passive: true });
})();
