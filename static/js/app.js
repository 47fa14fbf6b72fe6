// Brobygger: small progressive enhancements. Everything works without JavaScript.
(function () {
  "use strict";
  // Forms with data-confirm ask before submitting (archiving, closing a case).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // Elements with data-autosubmit submit their form on change (filters).
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && window.htmx) {
      window.htmx.trigger(form, "submit");
    }
  });
})();
