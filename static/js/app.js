// Brobygger: small progressive enhancements. Everything works without JavaScript.
(function () {
  "use strict";
  var keepFocusOnce = false;
  var NAVIGATION_KEYS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"];

  // Forms with data-confirm ask before submitting (archiving, closing a case).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  function submitFilters(form) {
    if (window.htmx && form.hasAttribute("data-hx-get")) {
      window.htmx.trigger(form, "submit");
    } else if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    }
  }

  function isChoice(element) {
    return element.tagName === "SELECT" || element.type === "checkbox" || element.type === "radio";
  }

  // Forms with data-autosubmit apply a field as soon as it changes. A select changed with the arrow keys waits for Enter or for focus to leave it: one search, not one
  // per key press (WCAG 3.2.2).
  document.addEventListener("keydown", function (event) {
    var element = event.target;
    if (element.tagName !== "SELECT" || !element.closest("form[data-autosubmit]")) {
      return;
    }
    if (NAVIGATION_KEYS.indexOf(event.key) !== -1) {
      element.setAttribute("data-keyboard-choice", "");
    } else if (event.key === "Enter" && element.hasAttribute("data-pending-choice")) {
      event.preventDefault();
      element.removeAttribute("data-pending-choice");
      submitFilters(element.form);
    }
  });
  document.addEventListener("focusout", function (event) {
    var element = event.target;
    if (element.hasAttribute && element.hasAttribute("data-pending-choice")) {
      element.removeAttribute("data-pending-choice");
      element.removeAttribute("data-keyboard-choice");
      submitFilters(element.form);
    } else if (element.removeAttribute) {
      element.removeAttribute("data-keyboard-choice");
    }
  });
  document.addEventListener("mousedown", function (event) {
    if (event.target.removeAttribute) {
      event.target.removeAttribute("data-keyboard-choice");
    }
  });
  document.addEventListener("change", function (event) {
    var element = event.target;
    var form = element.closest("form[data-autosubmit]");
    if (!form) {
      return;
    }
    if (element.hasAttribute("data-keyboard-choice")) {
      element.setAttribute("data-pending-choice", "");
      return;
    }
    // Leaving a text or date field applies it too, but focus goes where the user moved it.
    keepFocusOnce = !isChoice(element);
    submitFilters(form);
  });

  // After htmx swaps a list's results (filter change, page link): announce the count in the page's
  // one live region and move focus to the results heading, scrolled into view (WCAG 2.4.3, 4.1.3).
  // Typing in a search box, or tabbing out of it, keeps focus where the user put it. Lists mark the heading with data-results-heading
  // and the count with data-result-count (templates/portal/_results_heading.html).
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var heading = target && target.querySelector("[data-results-heading]");
    if (!heading) {
      return;
    }
    var count = target.querySelector("[data-result-count]");
    var status = document.getElementById("live-status");
    if (count && status) {
      status.textContent = count.textContent.replace(/\s+/g, " ").trim();
    }
    var config = event.detail.requestConfig || {};
    var typing = config.triggeringEvent && config.triggeringEvent.type === "input";
    var keep = keepFocusOnce;
    keepFocusOnce = false;
    if (typing || keep) {
      return;
    }
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  });
})();
