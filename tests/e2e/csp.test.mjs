// The page's Content-Security-Policy (index.html; scripts/build-web.mjs refuses to build a
// page with an inline script or a policy that would allow one): what a shared notebook or any injected markup
// could add — an inline script, an inline event handler, an image from another site — is
// refused, while every page of the app works without one violation, at the root and under a
// sub-path, with the remembered theme applied before the first paint.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DIST, launch, openPage, serveDist } from "./harness.mjs";
import { CELL, finished, openNotebook } from "./cells.mjs";

let app;
let browser;
let images;

/** A server of another origin that counts the requests it gets (a 1×1 PNG for each). */
async function countingServer() {
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  );
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    res.writeHead(200, { "content-type": "image/png", "access-control-allow-origin": "*" }).end(png);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

before(async () => {
  app = await serveDist();
  images = await countingServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await images?.close();
  await app?.close();
});

const byId = (testid) => `[data-testid="${testid}"]`;
const READY = '[data-testid="dataset-status"][data-state="ready"]';

/**
 * A page whose violations are recorded from the document's start (`window.__csp`), and whose
 * console messages about the policy itself (a malformed source, say) are kept in `policy`.
 */
async function openWatchedPage(options = {}) {
  const opened = await openPage(browser, { viewport: { width: 1400, height: 900 }, ...options });
  await opened.context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__csp.push(`${event.effectiveDirective} refused ${event.blockedURI}${event.sample ? ` (${event.sample})` : ""}`);
    });
  });
  const policy = [];
  opened.page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) policy.push(`${message.type()}: ${message.text()}`);
  });
  return { ...opened, policy, violations: () => opened.page.evaluate(() => window.__csp) };
}

/** The CSP of a built page and its scripts, read from the file. */
async function builtPage(root = DIST) {
  const html = await readFile(join(root, "index.html"), "utf8");
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  assert.equal(metas.length, 1, "one CSP meta element");
  const policy = Object.fromEntries(
    metas[0][1].split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]),
  );
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");
  const scripts = [...withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map(([, attrs, text]) => ({ attrs, text }));
  return { html, withoutComments, metaIndex: metas[0].index, policy, scripts };
}

test("the built page has no inline script and its policy allows none", async () => {
  const { withoutComments, metaIndex, policy, scripts } = await builtPage();
  assert.deepEqual(policy["default-src"], ["'self'"]);
  assert.deepEqual(policy["object-src"], ["'none'"]);
  assert.deepEqual(policy["base-uri"], ["'self'"]);
  assert.deepEqual(policy["form-action"], ["'self'"]);
  assert.deepEqual(policy["img-src"], ["'self'", "data:", "blob:"]);
  assert.deepEqual(policy["connect-src"], ["'self'", "https:", "http:"]);
  assert.deepEqual(policy["script-src"], ["'self'", "'wasm-unsafe-eval'"], "no 'unsafe-inline', hash or nonce");
  assert.deepEqual(scripts.filter((s) => !/\bsrc=/.test(s.attrs)), [], "no inline script");
  // The app starts from a module script file (start-<hash>.js) with its SRI hash.
  const start = scripts.find((s) => /\bsrc="[^"]*start-[0-9a-f]{16}\.js"/.test(s.attrs));
  assert.ok(start, "the app's loader is start-<hash>.js");
  assert.match(start.attrs, /type="module"/);
  assert.match(start.attrs, /integrity="sha384-[A-Za-z0-9+/]+={0,2}"/);
  // The page's own script is a file, a classic blocking script in <head>: it runs before the
  // first paint (no defer, async or module).
  const boot = scripts.find((s) => /\bsrc="[^"]*boot-[0-9a-f]+\.js"/.test(s.attrs));
  assert.ok(boot, "the page's script is loaded from boot-<hash>.js");
  assert.doesNotMatch(boot.attrs, /\b(defer|async|type="module")\b/);
  assert.ok(withoutComments.indexOf(boot.attrs) < withoutComments.indexOf("</head>"));
  assert.doesNotMatch(withoutComments, /\son[a-z]+\s*=/i, "no inline event handler attributes");
  const html = await readFile(join(DIST, "index.html"), "utf8");
  assert.ok(metaIndex < html.indexOf("<script"), "the policy comes before every script");
});

test("an injected inline script, inline handler and image from another site are refused", async () => {
  const { context, page, errors, policy, violations } = await openWatchedPage();
  await page.goto(app.url);
  await page.locator(READY).waitFor({ timeout: 120_000 });
  const before = images.requests.length;
  await page.evaluate((imageUrl) => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = 'script'";
    document.head.append(script);
    const holder = document.createElement("div");
    holder.innerHTML = `<img src="missing.png" onerror="window.__injected = 'handler'"><img src="${imageUrl}/injected.png">`;
    document.body.append(holder);
  }, images.url);
  await page.waitForFunction(() => window.__csp.length >= 3, null, { timeout: 10_000 });
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__injected), undefined, "neither the script nor the handler ran");
  const refused = await violations();
  assert.ok(refused.some((v) => v.startsWith("script-src-elem refused inline")), refused.join("\n"));
  assert.ok(refused.some((v) => v.startsWith("script-src-attr refused inline")), refused.join("\n"));
  assert.ok(refused.includes(`img-src refused ${images.url}/injected.png`), refused.join("\n"));
  assert.equal(images.requests.length, before, "the image server got no request");
  // What the console says: only the browser's refusals (and the 404 of missing.png).
  const others = errors.filter((e) => !/Content Security Policy directive|Failed to load resource/.test(e));
  assert.deepEqual(others, []);
  const reports = /violates the following Content Security Policy directive|Refused to/;
  assert.deepEqual(policy.filter((m) => !reports.test(m)), [], "nothing wrong with the policy itself");
  await context.close();
});

test("every page works with no violation: the starter notebook, runs, registry, settings", async () => {
  const { context, page, errors, policy, violations } = await openWatchedPage();
  // The whole starter: tables, charts, training in the worker, Predict's world map (fetched),
  // the monitoring cells — with their style attributes (row offsets, bars, map fills).
  await openNotebook(page, app.url);
  const train = page.locator(`${CELL}[data-kind="train"]`).first();
  await finished(page, await train.getAttribute("data-cell-id"), 300_000);
  const map = page.locator(`${CELL}[data-kind="predict"] ${byId("world-map")}[data-coloured]`).first();
  await map.waitFor({ timeout: 60_000 });
  // Style attributes apply: the correlation and top-country bars, a country's fill, the tooltip.
  const styled = (locator) => locator.evaluate((element) => element.style.length);
  assert.ok((await styled(page.locator(".correlation-bar").first())) > 0, "a correlation bar's style applies");
  assert.ok((await styled(page.locator(".top-country-bar").first())) > 0, "a top-country bar's style applies");
  const country = map.locator('path[style*="fill"]').first();
  assert.ok((await styled(country)) > 0, "a country's fill applies");
  await country.hover({ force: true });
  await map.locator(byId("map-tooltip")).waitFor();
  assert.ok((await styled(map.locator(byId("map-tooltip")))) > 0, "the tooltip's position applies");
  await page.locator(byId("notebooks-toggle")).click();
  await page.waitForTimeout(300);

  await page.locator(byId("nav-runs")).click();
  await page.locator(byId("runs-page")).waitFor();
  await page.locator(byId("run-row")).first().waitFor();
  const details = page.locator(byId("run-details")).first();
  if ((await details.getAttribute("aria-expanded")) !== "true") await details.click();
  await page.locator(byId("run-detail")).waitFor();

  await page.locator(byId("nav-registry")).click();
  await page.locator(byId("registry-page")).waitFor();

  await page.locator(byId("nav-settings")).click();
  await page.locator(byId("settings-page")).waitFor();
  await page.waitForTimeout(1_000);

  assert.deepEqual(await violations(), []);
  assert.deepEqual(policy, [], "no console message about the policy");
  assert.deepEqual(errors, []);
  await context.close();
});

test("under a sub-path the app and its engine worker start with no violation", async () => {
  const sub = await serveDist(undefined, "/jukebox/");
  const { context, page, errors, policy, violations } = await openWatchedPage();
  try {
    await page.goto(sub.url);
    await page.locator(READY).waitFor({ timeout: 120_000 });
    assert.deepEqual(await violations(), []);
    assert.deepEqual(policy, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await sub.close();
  }
});

test("the remembered theme is applied before the first paint", async () => {
  const { context, page, errors, violations } = await openWatchedPage({ colorScheme: "light" });
  await context.addInitScript(() => {
    localStorage.setItem("jukebox-theme", "dark");
    window.__themeSeen = {};
    // When the loading screen is parsed, and at the first frame: the theme must be there.
    new MutationObserver((_, observer) => {
      if (!document.getElementById("loading")) return;
      window.__themeSeen.loadingScreen = document.documentElement.dataset.theme ?? null;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
    requestAnimationFrame(() => {
      window.__themeSeen.firstFrame = document.documentElement.dataset.theme ?? null;
      window.__themeSeen.firstFrameBackground = document.body ? getComputedStyle(document.body).backgroundColor : null;
    });
  });
  await page.goto(app.url);
  await page.locator(byId("theme-toggle")).waitFor();
  const seen = await page.evaluate(() => window.__themeSeen);
  assert.equal(seen.loadingScreen, "dark", "set before the body is parsed");
  assert.equal(seen.firstFrame, "dark");
  assert.equal(seen.firstFrameBackground, "rgb(15, 18, 22)", "the dark background token at the first frame");
  assert.match(await page.locator(byId("theme-toggle")).innerText(), /Light/);
  assert.deepEqual(await violations(), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the error panel's Reload button works without an inline handler", async () => {
  const { context, page, violations } = await openWatchedPage();
  await page.route(/jukebox-app-.*_bg\.wasm$/, (route) => route.abort());
  await page.goto(app.url);
  await page.locator(byId("fatal")).waitFor({ state: "visible" });
  const reloaded = page.waitForEvent("load");
  await page.locator(`${byId("fatal")} button`).click();
  await reloaded;
  await page.locator(byId("fatal")).waitFor({ state: "visible" });
  assert.deepEqual(await violations(), []);
  await context.close();
});
