// The page's own script, loaded by index.html with a plain (blocking) <script> in <head>:
// it runs before the first paint and before the app's module loader (start-<hash>.js) starts the app. A file,
// not an inline script, so the Content-Security-Policy needs no 'unsafe-inline' for it.

// Apply the remembered theme before the first paint (no flash of the wrong theme).
(function () {
  try {
    var theme = localStorage.getItem("jukebox-theme");
    if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
  } catch (e) { /* storage blocked: follow the system */ }
})();

// If the app cannot load or start, show the error panel instead of a dead page.
(function () {
  function fail(summary, details) {
    if (!document.getElementById("loading")) return; // the app is up: it reports its own errors
    var panel = document.getElementById("fatal");
    if (!panel) return;
    panel.hidden = false;
    document.getElementById("fatal-summary").textContent = summary;
    document.getElementById("fatal-details").textContent = details;
    var loading = document.getElementById("loading");
    if (loading) loading.remove();
  }
  window.addEventListener("error", function (event) {
    var target = event.target;
    if (target && target !== window && (target.tagName === "SCRIPT" || target.tagName === "LINK")) {
      fail("A file of the app could not be loaded.", "Missing: " + (target.src || target.href));
    } else {
      fail("Jukebox could not start.", String(event.message || event.error));
    }
  }, true);
  window.addEventListener("unhandledrejection", function (event) {
    var reason = event.reason;
    fail("Jukebox could not start: its WebAssembly module failed to load.",
      String(reason && reason.stack ? reason.stack : reason));
  });
  window.addEventListener("load", function () {
    setTimeout(function () {
      var hint = document.getElementById("loading-slow");
      if (hint && document.getElementById("loading")) hint.hidden = false;
    }, 15000);
  });
  // The panel's Reload button (an inline onclick="" would be refused by the policy). The
  // button is parsed after this script runs: listen on the document.
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("[data-action=reload]") : null;
    if (button) location.reload();
  });
})();
