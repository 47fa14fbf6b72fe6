// Brobygger, citizen list: a CPR number typed into the name search goes to the CPR search (POST)
// instead, so the number never lands in the address bar, the browser history or an access log.
// Without JavaScript the server drops such a search term (and asks the user to use the CPR field).
(function () {
  "use strict";
  var CPR_PATTERN = /^\s*\d{6}[-\s]?\d{4}\s*$/;

  function isNameSearch(element) {
    return element instanceof HTMLFormElement && element.id === "citizen-filter-form";
  }

  // True when the name field held a CPR number and the CPR search was submitted instead.
  function sendToCprSearch(filterForm) {
    var nameField = filterForm.elements.namedItem("q");
    var cprForm = document.getElementById("citizen-cpr-form");
    if (!nameField || !cprForm || !CPR_PATTERN.test(nameField.value)) {
      return false;
    }
    var cprField = cprForm.elements.namedItem("cpr");
    cprField.value = nameField.value.trim();
    nameField.value = "";
    if (typeof cprForm.requestSubmit === "function") {
      cprForm.requestSubmit();
    } else {
      cprForm.submit();
    }
    return true;
  }

  // Capture phase: runs before htmx's own submit handler on the form (Enter, the "Søg" button).
  document.addEventListener(
    "submit",
    function (event) {
      if (isNameSearch(event.target) && sendToCprSearch(event.target)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  // Any other way htmx is about to send the form (e.g. the filters' submit-on-change).
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.detail && event.detail.elt;
    if (isNameSearch(form) && sendToCprSearch(form)) {
      event.preventDefault();
    }
  });
})();
