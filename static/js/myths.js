// Quiz focus and a copy button for the shared result. Without this script the quiz is a set of ordinary
// forms and links, and the result text can be copied by hand. (The verdicts on /myths/ are native
// <details> and need no script.)
(function () {
  "use strict";

  function addCopyButton(root) {
    var text = root.querySelector("#quiz-share-text");
    if (!text || !navigator.clipboard || root.querySelector(".quiz-copy")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small quiz-copy";
    button.textContent = "Copy the text";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.textContent.trim()).then(function () {
        button.textContent = "Copied";
      });
    });
    text.insertAdjacentElement("afterend", button);
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "quiz-body") return;
    // The reader pressed a button or link: take them to the new question, feedback or results.
    var heading = target.querySelector("h2[tabindex='-1']");
    if (heading) heading.focus();
    addCopyButton(target);
  });

  function init() {
    addCopyButton(document);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
