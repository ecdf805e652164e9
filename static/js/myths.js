// "Show the facts" buttons and quiz focus. Without this script each "Show the facts" is a plain
// link to the full fact check, and the quiz is a set of ordinary forms.
(function () {
  "use strict";

  function init(root) {
    (root || document).querySelectorAll("a.reveal").forEach(function (link) {
      link.setAttribute("role", "button");
      if (!link.hasAttribute("aria-expanded")) link.setAttribute("aria-expanded", "false");
    });
  }

  function panelOf(link) {
    return document.getElementById(link.getAttribute("aria-controls"));
  }

  function setOpen(link, open) {
    var panel = panelOf(link);
    link.setAttribute("aria-expanded", open ? "true" : "false");
    link.firstChild.textContent = open ? "Hide the facts" : "Show the facts";
    if (panel) panel.hidden = !open;
  }

  // Once the facts are loaded, the button only shows and hides them: no second request.
  document.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest && event.target.closest("a.reveal");
      if (!link) return;
      var panel = panelOf(link);
      if (!panel || !panel.hasChildNodes()) return; // first click: htmx fetches the facts
      event.preventDefault();
      event.stopImmediatePropagation();
      setOpen(link, link.getAttribute("aria-expanded") !== "true");
    },
    true
  );

  // A link with role="button" should also answer the space bar.
  document.addEventListener("keydown", function (event) {
    if (event.key !== " ") return;
    var link = event.target.closest && event.target.closest("a.reveal");
    if (!link) return;
    event.preventDefault();
    link.click();
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target) return;
    if (target.classList.contains("myth-facts")) {
      var link = document.querySelector('a.reveal[aria-controls="' + target.id + '"]');
      if (link) setOpen(link, true); // focus stays on the button the reader pressed
    } else if (target.id === "myth-list") {
      init(target);
    } else if (target.id === "quiz-body") {
      var heading = target.querySelector("h2[tabindex='-1']");
      if (heading) heading.focus();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      init(document);
    });
  } else {
    init(document);
  }
})();
