// "Cite this page": a Copy button beside each citation. Without this script the citations are still
// there, in read-only text areas that can be selected and copied by hand, and no button is shown.
// The timeline swaps events in with htmx, so new blocks are enhanced when they arrive.
(function () {
  "use strict";

  if (window.citeReady) return; // htmx runs the script again when a swapped-in event carries it
  window.citeReady = true;

  function announce(block, message) {
    var status = block.querySelector("[data-cite-status]");
    if (!status) return;
    // Clear first so the same message is announced again on a second copy.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function selectText(area) {
    area.focus();
    area.select();
    area.setSelectionRange(0, area.value.length);
  }

  function copy(button) {
    var area = document.getElementById(button.getAttribute("aria-controls"));
    var block = button.closest("[data-cite]");
    if (!area || !block) return;
    var label = area.getAttribute("data-cite-label");
    var what = area.getAttribute("data-cite-what") || label + " citation"; // "Embed code" for the embed block
    var fallback = function () {
      selectText(area);
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (e) {
        copied = false;
      }
      announce(
        block,
        copied ? what + " copied." : what + " selected: press Ctrl+C (or ⌘C) to copy it."
      );
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(function () {
        announce(block, what + " copied.");
      }, fallback);
    } else {
      fallback();
    }
  }

  function enhance(root) {
    var blocks = (root || document).querySelectorAll("[data-cite]:not([data-cite-ready])");
    Array.prototype.forEach.call(blocks, function (block) {
      block.setAttribute("data-cite-ready", "");
      Array.prototype.forEach.call(block.querySelectorAll("textarea[data-cite-label]"), function (area) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "cite-copy";
        button.textContent = "Copy";
        button.setAttribute("aria-controls", area.id);
        button.setAttribute(
          "aria-label",
          "Copy " + (area.getAttribute("data-cite-what") || area.getAttribute("data-cite-label") + " citation")
        );
        area.parentNode.insertBefore(button, area); // before the text: the order it is seen in
      });
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".cite-copy");
    if (button) copy(button);
  });
  document.addEventListener("htmx:load", function (event) {
    enhance(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhance(document);
    });
  } else {
    enhance(document);
  }
})();
