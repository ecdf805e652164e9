// Timeline keyboard support and focus management. The page works without this script: every
// event is a plain link to its own page. With it, the list of events is one tab stop whose arrow
// keys move between events, and a newly opened event gets focus and is announced.
(function () {
  "use strict";

  var AXIS = "[data-timeline-axis]";

  function eventLinks(axis) {
    return Array.prototype.slice.call(axis.querySelectorAll(".events a"));
  }

  // Roving tab stop: only the current (or first) event is in the tab order.
  function setTabStop(axis, active) {
    var links = eventLinks(axis);
    if (!links.length) return;
    active = active || axis.querySelector('.events a[aria-current="true"]') || links[0];
    links.forEach(function (link) {
      link.tabIndex = link === active ? 0 : -1;
    });
  }

  function init(root) {
    var axis = (root || document).querySelector(AXIS);
    if (axis) setTabStop(axis);
  }

  document.addEventListener("keydown", function (event) {
    // Escape in an event's detail goes back to that event in the list.
    if (event.key === "Escape" && event.target.closest && event.target.closest("#event-detail")) {
      var list = document.querySelector(AXIS);
      var stop = list && list.querySelector('.events a[tabindex="0"]');
      if (stop) stop.focus();
      return;
    }
    var axis = event.target.closest && event.target.closest(AXIS);
    if (!axis) return;
    var links = eventLinks(axis);
    var i = links.indexOf(event.target);
    if (i < 0) return;
    var next = null;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowRight":
        next = links[Math.min(i + 1, links.length - 1)];
        break;
      case "ArrowUp":
      case "ArrowLeft":
        next = links[Math.max(i - 1, 0)];
        break;
      case "Home":
        next = links[0];
        break;
      case "End":
        next = links[links.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    setTabStop(axis, next);
    next.focus();
  });

  // After htmx swaps in an event: mark it current in the list, move focus to its heading (the
  // reader asked for it with a click or Enter) and announce it in the polite live region.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target) return; // a history restore swaps without a target; see htmx:historyRestore below
    if (target.id === "timeline-body") {
      init(target);
      return;
    }
    if (target.id !== "event-detail") return;
    var article = target.querySelector(".event");
    var axis = document.querySelector(AXIS);
    if (!article || !axis) return;
    var path = event.detail.pathInfo.finalRequestPath || event.detail.pathInfo.requestPath;
    var current = null;
    eventLinks(axis).forEach(function (link) {
      var match = link.getAttribute("href") === path;
      if (match) current = link;
      link.toggleAttribute("aria-current", match);
      if (match) link.setAttribute("aria-current", "true");
      link.closest(".event-card").classList.toggle("is-current", match);
    });
    setTabStop(axis, current);
    axis.closest(".timeline-layout").classList.add("has-event");
    var heading = article.querySelector("#event-title");
    if (heading) heading.focus();
    var status = document.getElementById("timeline-status");
    if (status) status.textContent = "Showing " + article.getAttribute("data-event-title");
  });

  // Back and forward restore a snapshot of the page: put the tab stop back on the current event.
  document.addEventListener("htmx:historyRestore", function () {
    init(document);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      init(document);
    });
  } else {
    init(document);
  }
})();
