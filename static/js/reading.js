// Reading aids on long chapters: a progress bar along the top and a floating "Back to top" link.
// Without this script the bar stays hidden and the link sits at the end of the chapter, where it
// still works ("#top" is the top of the document). Scroll work is batched into one animation frame.
(function () {
  "use strict";

  var progress = document.querySelector("[data-reading-progress]");
  var link = document.querySelector("[data-back-to-top]");
  var article = document.querySelector(".chapter-layout > .prose");
  if (!article) return;
  var bar = progress && progress.firstElementChild;
  var narrow = window.matchMedia("(max-width: 40rem)");
  var lastY = window.scrollY;
  var scrollingUp = false;
  var queued = false;

  function update() {
    queued = false;
    var height = window.innerHeight;
    var y = window.scrollY;
    if (y !== lastY) scrollingUp = y < lastY;
    lastY = y;
    if (bar) {
      // 0 while the chapter's first line is below the top of the window, 1 when its end is in view.
      var box = article.getBoundingClientRect();
      var span = Math.max(box.height - height, 1);
      var done = Math.min(Math.max(-box.top / span, 0), 1);
      bar.style.transform = "scaleX(" + done.toFixed(4) + ")";
    }
    if (link) {
      // Shown after a screen of scrolling. On a phone it would cover the text being read, so there it
      // shows only while the reader scrolls back up; keyboard focus always shows it (see site.css).
      var far = y > height;
      link.classList.toggle("is-shown", far && (!narrow.matches || scrollingUp));
    }
  }

  function queue() {
    if (!queued) {
      queued = true;
      window.requestAnimationFrame(update);
    }
  }

  if (progress) progress.hidden = false;
  if (link) {
    link.classList.add("is-floating");
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      // The stylesheet decides whether this scroll is smooth (not for readers who ask for less motion).
      window.scrollTo(0, 0);
      // Move focus to the chapter's title, so the next Tab continues from the top of the page.
      var heading = document.querySelector("main h1");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
      }
    });
  }
  window.addEventListener("scroll", queue, { passive: true });
  window.addEventListener("resize", queue, { passive: true });
  update();
})();
