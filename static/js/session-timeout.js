// Idle sessions (WCAG 2.2.1): warn before the server ends an idle session, with a button to stay.
// The server decides (portal/accounts/middleware.py); this only mirrors its clock for the warning.
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-session-idle"), 10);
  var dialog = document.getElementById("session-warning");
  if (!idle || !dialog) {
    return;
  }
  var warning = parseInt(body.getAttribute("data-session-warning"), 10) || 120;
  var form = dialog.querySelector("form");
  var warnTimer;
  var endTimer;

  function show() {
    if (!dialog.open) {
      dialog.showModal();
      // Focus moves into the dialog, onto the one action it offers.
      dialog.querySelector("button").focus();
    }
  }

  function schedule() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(show, Math.max(0, idle - warning) * 1000);
    // After the idle time the server has ended the session: reloading shows the login page.
    endTimer = window.setTimeout(function () { window.location.reload(); }, (idle + 1) * 1000);
  }

  function stay() {
    window.fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin"
    }).then(function (response) {
      if (response.ok) {
        dialog.close();
        schedule();
      } else {
        window.location.reload();
      }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stay();
  });
  // Escape closes the dialog: treat it as "stay", not as a silent dismissal.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    stay();
  });
  // Requests made through htmx count as activity on the server, unless marked as background.
  body.addEventListener("htmx:afterRequest", function (event) {
    var config = event.detail.requestConfig || {};
    var headers = config.headers || {};
    if (!headers["X-Background"]) {
      schedule();
    }
  });
  schedule();
})();
