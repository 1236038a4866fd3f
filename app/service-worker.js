// The app's service worker: dist/sw.js is `self.JUKEBOX_RELEASE = { version, files }` (written
// by scripts/build-web.mjs: a hash of every file of the release, and their paths) followed by
// this file. Registered by app/boot.js after the page has loaded.
//
// - Offline after the first visit: installing caches every file of the release, as one set
//   named after its version, before it takes over.
// - One release at a time: a page is served from one set only, so an old engine worker never
//   meets a new UI. A new release installs beside the old one and waits; the page offers
//   "A new version is ready — Reload", and only then does it take over (the old set is
//   deleted).
// - Only the app's own files: requests to other origins (data, registries, model servers) and
//   anything but GET go to the network untouched.
const RELEASE = self.JUKEBOX_RELEASE;
const CACHE_PREFIX = "jukebox-";
const CACHE = `${CACHE_PREFIX}${RELEASE.version}`;
const SCOPE = new URL(self.registration.scope);
const INDEX = new URL("index.html", SCOPE).href;
// Files named by their content's hash can come from the HTTP cache; the others (index.html,
// the worker's files, the map) are revalidated with the server, so a set is never mixed.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        RELEASE.files.map(async (path) => {
          const url = new URL(path, SCOPE).href;
          const response = await fetch(url, { cache: HASHED.test(path) ? "default" : "no-cache" });
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          await cache.put(url, response);
        }),
      ),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE).map((key) => caches.delete(key)))),
  );
});

// The page asks a waiting release to take over when the user chooses "Reload".
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "jukebox-update") self.skipWaiting();
  if (event.data && event.data.type === "jukebox-version" && event.ports[0]) event.ports[0].postMessage(RELEASE.version);
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  // The app's page at the scope's root (any query or #route): the release's index.html.
  const isPage = request.mode === "navigate" && (url.pathname === SCOPE.pathname || url.href.split(/[?#]/)[0] === INDEX);
  const key = isPage ? INDEX : url.href.split("#")[0];
  event.respondWith(
    caches.open(CACHE).then(async (cache) => (await cache.match(key, { ignoreSearch: isPage })) ?? fetch(request)),
  );
});
