// Timeline keyboard support, focus management and the phone sheet. The page works without this
// script: every event (in the list and on the time axis) is a plain link to its own page. With it,
// the list of events and the marks on the axis are each one tab stop whose arrow keys move between
// events; an opened event gets focus, is announced and names the page; on narrow screens it opens
// over the list, which keeps its scroll place, and "Back to the list" (or Escape) closes it.
(function () {
  "use strict";

  var GROUPS = [
    { root: "[data-timeline-axis]", links: ".events a" },
    { root: "[data-time-axis]", links: "a.axis-mark" },
  ];
  var NARROW = window.matchMedia("(max-width: 63.99rem)"); // the width where the event is a sheet (site.css)
  var opened = null; // the path of the open event, to return to its place in the list on closing
  var openedHere = false; // opened from this page (not arrived at by a link to the event)

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function groupOf(element) {
    for (var i = 0; i < GROUPS.length; i++) {
      var root = element.closest && element.closest(GROUPS[i].root);
      if (root) return { root: root, links: all(root, GROUPS[i].links), group: GROUPS[i] };
    }
    return null;
  }

  // Roving tab stop: only the current (or first) event of a group is in the tab order.
  function setTabStop(root, group, active) {
    var links = all(root, group.links);
    if (!links.length) return;
    active = active || root.querySelector(group.links + '[aria-current="true"]') || links[0];
    links.forEach(function (link) {
      link.tabIndex = link === active ? 0 : -1;
    });
  }

  function eachGroup(fn) {
    GROUPS.forEach(function (group) {
      all(document, group.root).forEach(function (root) {
        fn(root, group);
      });
    });
  }

  function init() {
    var page = document.querySelector(".timeline-page");
    if (page) page.classList.add("timeline-js");
    eachGroup(function (root, group) {
      setTabStop(root, group);
    });
    var detail = document.getElementById("event-detail");
    if (detail) detail.classList.toggle("is-open", !!detail.querySelector(".event"));
    var current = document.querySelector(GROUPS[0].root + ' .events a[aria-current="true"]');
    opened = current && current.getAttribute("href");
    openedHere = false;
  }

  // Mark the event at `path` (or none) as current in the list and on the axis; return its list link.
  function markCurrent(path) {
    var found = null;
    eachGroup(function (root, group) {
      var current = null;
      all(root, group.links).forEach(function (link) {
        var match = path !== null && link.getAttribute("href") === path;
        if (match) current = link;
        if (match) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
        var card = link.closest(".event-card");
        if (card) card.classList.toggle("is-current", match);
      });
      setTabStop(root, group, current);
      if (current && group === GROUPS[0]) found = current;
    });
    return found;
  }

  function announce(text) {
    var status = document.getElementById("timeline-status");
    if (status) status.textContent = text;
  }

  document.addEventListener("keydown", function (event) {
    var detail = event.target.closest && event.target.closest("#event-detail");
    if (event.key === "Escape" && detail) {
      var close = detail.querySelector("[data-event-close]");
      if (NARROW.matches && close) {
        close.click(); // the sheet covers the list: close it, as "Back to the list" does
        return;
      }
      var list = document.querySelector(GROUPS[0].root);
      var stop = list && list.querySelector('.events a[tabindex="0"]');
      if (stop) stop.focus();
      return;
    }
    var found = groupOf(event.target);
    if (!found) return;
    var links = found.links;
    var i = links.indexOf(event.target);
    if (i < 0) return;
    var next = null;
    switch (event.key) {
      case "Enter":
        // A link inside an SVG has no click() of its own; send htmx the click it listens for.
        if (event.target instanceof SVGElement) {
          event.preventDefault();
          event.target.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
        }
        return;
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
    setTabStop(found.root, found.group, next);
    next.focus();
  });

  // After htmx swaps in an event: mark it current, name the page after it, move focus to its heading
  // (the reader asked for it with a click or Enter) and announce it in the polite live region. After it
  // swaps in the placeholder ("Back to the list"): close the event and return to its place in the list.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target) return; // a history restore swaps without a target; see htmx:historyRestore below
    if (target.id === "timeline-body") {
      // The theme filter keeps the era the axis now shows (the form sits outside the swapped part).
      var axis = target.querySelector("[data-era]");
      var era = document.querySelector("[data-era-input]");
      if (axis && era) {
        era.value = axis.getAttribute("data-era");
        era.disabled = !era.value;
      }
      init();
      return;
    }
    if (target.id !== "event-detail") return;
    var article = target.querySelector(".event");
    var layout = target.closest(".timeline-layout");
    var titled = target.querySelector("[data-page-title]");
    if (titled) document.title = titled.getAttribute("data-page-title");
    if (!article) {
      markCurrent(null);
      target.classList.remove("is-open");
      if (layout) layout.classList.remove("has-event");
      var list = document.querySelector(GROUPS[0].root);
      var link = null;
      if (list && opened) {
        all(list, GROUPS[0].links).forEach(function (candidate) {
          if (candidate.getAttribute("href") === opened) link = candidate;
        });
      }
      if (link) {
        setTabStop(list, GROUPS[0], link);
        // Opened from the list: the list never moved, so stay put. Opened by a link from elsewhere:
        // bring the event's place in the list into view.
        link.focus({ preventScroll: openedHere });
      }
      opened = null;
      announce("Back to the list of events");
      return;
    }
    var path = event.detail.pathInfo.finalRequestPath || event.detail.pathInfo.requestPath;
    opened = path;
    openedHere = true;
    markCurrent(path);
    if (layout) layout.classList.add("has-event");
    target.classList.add("is-open");
    target.scrollTop = 0;
    var heading = article.querySelector("#event-title");
    if (heading) heading.focus({ preventScroll: NARROW.matches });
    announce("Showing " + article.getAttribute("data-event-title"));
  });

  // Back and forward restore a snapshot of the page: put the tab stops back on the current event.
  document.addEventListener("htmx:historyRestore", init);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
