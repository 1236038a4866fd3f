// Loader of the engine worker (copied to dist/ by scripts/build-web.mjs), which builds the worker binary as
// `jukebox-worker.js` + `jukebox-worker_bg.wasm` (wasm-bindgen's no-modules target); if they
// cannot be loaded, tell the page in the protocol's own words instead of failing silently.
function engineFailed(message) {
  postMessage(JSON.stringify({ id: null, body: { kind: "failed", message } }));
}
try {
  importScripts("./jukebox-worker.js");
  wasm_bindgen({ module_or_path: "./jukebox-worker_bg.wasm" }).catch(function (error) {
    engineFailed("The data engine could not be loaded (" + error + "). Check your connection and reload the page.");
  });
} catch (error) {
  engineFailed("The data engine could not be loaded (" + error + "). Check your connection and reload the page.");
}
