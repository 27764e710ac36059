/* The reader's dictionary cards and keyboard, for pages made by kit.views.render_reader_html.
   Plain JavaScript, no library; installed once per page (window.kitReader), it works by event
   delegation, so it serves every reader on the page and every re-render of one.

   Cards: a click on a word (or on an English glossary term), or Enter/Space on it, shows a
   copy of its hidden card (.kit-cards [data-card-id]) just below it, inside its own column
   (never over the other column). The card closes on Escape, on a click elsewhere and when
   the pointer leaves the word and the card. The star toggles "my words": it sets the
   star's aria-pressed and, in JupyterLab, tells the kernel through the view's hidden
   .kit-reader-bridge text box.
   Keyboard: one tab stop per sentence (its first word); the arrow keys move from word to
   word (an open card follows), Home/End go to the first/last word of the sentence. */
(function () {
  "use strict";
  if (window.kitReader) { return; }
  var WORD = ".kit-view [data-card]";
  var LEAVE_DELAY_MS = 350;
  var state = { anchor: null, popup: null, timer: null };

  function view(el) { return el.closest(".kit-view"); }

  function sourceCard(anchor) {
    var root = view(anchor);
    return root && root.querySelector('.kit-cards [data-card-id="' + anchor.getAttribute("data-card") + '"]');
  }

  function column(anchor) {
    return anchor.closest(".kit-cell, p.kit-zh, p.kit-en, .kit-headline") || view(anchor);
  }

  function place(popup, anchor) {
    var parent = popup.offsetParent || view(anchor);
    var p = parent.getBoundingClientRect();
    var a = anchor.getBoundingClientRect();
    var c = column(anchor).getBoundingClientRect();
    popup.style.maxWidth = Math.max(160, c.width) + "px";
    var w = popup.offsetWidth;
    var left = Math.max(c.left, Math.min(a.left, c.right - w));
    popup.style.left = (left - p.left) + "px";
    popup.style.top = (a.bottom - p.top + 4) + "px";
  }

  function close(refocus) {
    clearTimeout(state.timer);
    if (state.popup) { state.popup.remove(); }
    if (state.anchor) {
      state.anchor.setAttribute("aria-expanded", "false");
      if (refocus) { state.anchor.focus(); }
    }
    state.anchor = null;
    state.popup = null;
  }

  function open(anchor) {
    close(false);
    var card = sourceCard(anchor);
    if (!card) { return; }
    var popup = document.createElement("div");
    popup.className = "kit-popup";
    popup.setAttribute("role", "dialog");
    popup.setAttribute("lang", "en");
    var head = card.querySelector(".kit-card-zh");
    popup.setAttribute("aria-label", "Dictionary card" + (head ? ": " + head.textContent : ""));
    popup.innerHTML = card.innerHTML;       /* the page's own, already escaped, markup */
    anchor.after(popup);
    anchor.setAttribute("aria-expanded", "true");
    if (anchor.title) { anchor.setAttribute("data-tip", anchor.title); anchor.removeAttribute("title"); }
    state.anchor = anchor;
    state.popup = popup;
    place(popup, anchor);
  }

  function words(anchor) {
    return Array.prototype.slice.call(view(anchor).querySelectorAll(".kit-body [data-card]"));
  }

  function move(anchor, step, within) {
    var all = within ? Array.prototype.slice.call(anchor.closest(".kit-s").querySelectorAll("[data-card]")) : words(anchor);
    var i = all.indexOf(anchor);
    var next = step === "first" ? all[0] : step === "last" ? all[all.length - 1] : all[i + step];
    if (!next) { return; }
    var wasOpen = state.anchor === anchor;
    next.focus();
    if (wasOpen) { open(next); }
  }

  function star(button) {
    var on = button.getAttribute("aria-pressed") !== "true";
    var word = button.getAttribute("data-word");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    var anchor = state.anchor;
    if (anchor) {
      var root = view(anchor);
      root.querySelectorAll('.kit-cards .kit-star').forEach(function (b) {
        if (b.getAttribute("data-word") === word) { b.setAttribute("aria-pressed", on ? "true" : "false"); }
      });
      var sentence = anchor.closest("[data-bead]");
      var widget = anchor.closest(".kit-reader");
      var input = widget && widget.querySelector(".kit-reader-bridge input, .kit-reader-bridge textarea");
      if (input) {
        input.value = JSON.stringify({ action: on ? "star" : "unstar", word: word,
          bead: sentence ? Number(sentence.getAttribute("data-bead")) : null, at: Date.now() });
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".kit-popup .kit-star");
    if (button) { star(button); return; }
    if (event.target.closest(".kit-popup")) { return; }
    var anchor = event.target.closest(WORD);
    if (anchor && !anchor.closest(".kit-cards")) {
      if (state.anchor === anchor) { close(false); } else { open(anchor); }
      return;
    }
    close(false);
  });

  window.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var inPopup = target.closest(".kit-popup");
    var anchor = target.closest && target.matches(WORD) ? target : null;
    if (!anchor && !inPopup) { return; }
    var key = event.key;
    var handled = true;
    if (key === "Escape") {
      if (state.popup) { close(true); } else { handled = false; }
    } else if (inPopup) {
      handled = false;
    } else if (key === "Enter" || key === " ") {
      if (state.anchor === anchor) { close(false); } else { open(anchor); }
    } else if (key === "ArrowRight" || key === "ArrowDown") {
      move(anchor, 1, false);
    } else if (key === "ArrowLeft" || key === "ArrowUp") {
      move(anchor, -1, false);
    } else if ((key === "Home" || key === "End") && anchor.closest(".kit-s")) {
      move(anchor, key === "Home" ? "first" : "last", true);
    } else {
      handled = false;
    }
    if (handled) { event.preventDefault(); event.stopPropagation(); }
  }, true);

  function leaving(event) {
    if (!state.popup) { return; }
    var to = event.relatedTarget;
    if (to && (state.popup.contains(to) || state.anchor.contains(to))) { return; }
    clearTimeout(state.timer);
    state.timer = setTimeout(function () {
      if (state.popup && !state.popup.matches(":hover") && !state.anchor.matches(":hover") &&
          !state.popup.contains(document.activeElement)) { close(false); }
    }, LEAVE_DELAY_MS);
  }

  document.addEventListener("pointerout", function (event) {
    if (!state.popup || !(event.target instanceof Element)) { return; }
    if (state.popup.contains(event.target) || state.anchor.contains(event.target)) { leaving(event); }
  });
  document.addEventListener("pointerover", function (event) {
    if (state.popup && event.target instanceof Element &&
        (state.popup.contains(event.target) || state.anchor.contains(event.target))) {
      clearTimeout(state.timer);
    }
  });

  document.addEventListener("focusout", function (event) {
    var to = event.relatedTarget;
    if (!state.popup || !to || !(to instanceof Element)) { return; }
    if (state.popup.contains(to) || state.anchor === to || to.matches(WORD)) { return; }
    close(false);
  });

  /* ipywidgets' sliders name their handle nowhere (axe: aria-input-field-name): give each
     handle of a kit view the text of its description label. */
  var VIEWS = ".kit-reader, .kit-timeline, .kit-glossary, .kit-concordance, .kit-quiz";
  function labelSliders() {
    document.querySelectorAll('.noUi-handle[role="slider"]:not([aria-label])').forEach(function (h) {
      var box = h.closest(".widget-slider, .jupyter-widget-slider, .widget-hslider");
      if (!box || !box.closest(VIEWS)) { return; }
      var label = box.querySelector(".widget-label, .widget-label-basic");
      h.setAttribute("aria-label", (label && label.textContent.trim()) || "slider");
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    requestAnimationFrame(function () { pending = false; labelSliders(); });
  }).observe(document.body, { childList: true, subtree: true });
  labelSliders();

  document.documentElement.classList.add("kit-js");
  window.kitReader = { open: open, close: close, version: 1 };
}());
