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

// Offline after the first visit: the service worker (dist/sw.js, app/service-worker.js) keeps
// the release's files as one set. When a new release has installed beside the running one,
// offer to switch; switch only when this tab asks (another tab's switch does not reload this
// one mid-work: it says so instead).
(function () {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var switching = false;
  function banner(text, worker) {
    var old = document.getElementById("update-banner");
    if (old) old.remove();
    var box = document.createElement("div");
    box.id = "update-banner";
    box.className = "update-banner";
    box.setAttribute("role", "status");
    box.setAttribute("data-testid", "update-banner");
    var message = document.createElement("span");
    message.textContent = text;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload";
    button.setAttribute("data-testid", "update-reload");
    button.addEventListener("click", function () {
      if (worker) {
        switching = true;
        worker.postMessage({ type: "jukebox-update" });
      } else {
        location.reload();
      }
    });
    box.append(message, " ", button);
    document.body.append(box);
  }
  function offer(worker) {
    banner("A new version of Jukebox is ready. Your work is saved.", worker);
  }
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (switching) location.reload();
    else banner("Jukebox was updated in another tab. Reload to use the new version.", null);
  });
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("./sw.js").then(function (registration) {
      if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
      registration.addEventListener("updatefound", function () {
        var worker = registration.installing;
        if (!worker) return;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
        });
      });
    }, function () { /* no offline copy (private mode, storage blocked): the app works online */ });
  });
})();
