// The built app as a user meets it: the shell, the demo dataset summary, the theme toggle,
// the navigation, and the error panel when files are missing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, screenshot, serveDist } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const READY = '[data-testid="dataset-status"][data-state="ready"]';

async function rowsOf(page, table) {
  const text = await page.locator(`[data-testid="table-${table}"] [data-testid="rows"]`).innerText();
  return Number(text.replaceAll(",", ""));
}

test("shows the shell and the demo dataset summary with its row counts", async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.url);
  await page.locator('[data-testid="shell-header"]').waitFor();
  assert.equal(await page.locator("#loading").count(), 0, "the loading screen is gone");
  const nav = await page.locator('[data-testid="shell-nav"] a').allInnerTexts();
  assert.deepEqual(nav, ["Notebook", "Runs", "Registry", "Settings"]);
  await page.locator(READY).waitFor({ timeout: 120_000 });
  const status = await page.locator('[data-testid="dataset-status"]').innerText();
  assert.match(status, /\d+ datasets · [\d,]+ rows/);
  // 73 charts (global + 72 countries) × 50 songs × 75 days.
  assert.equal(await rowsOf(page, "song_rankings"), 273_750);
  // The count core/src/demo/tests.rs asserts natively: wasm and native generate the same data.
  assert.equal(await rowsOf(page, "song_properties"), 4_681);
  // The demo's data source cell (the Prepare cell below shows a summary of its own).
  const summary = await page.locator('[data-testid="dataset-summary"]').first().innerText();
  assert.match(summary, /\d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}/, "the date range is shown");
  await screenshot(page, "shell-light.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("toggles the theme and remembers it across a reload", async () => {
  const { context, page, errors } = await openPage(browser, { colorScheme: "light" });
  await page.goto(server.url);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  await page.locator('[data-testid="theme-toggle"]').waitFor();
  assert.equal(await theme(), undefined, "follows the system until the user chooses");
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.locator('[data-testid="theme-toggle"]').click();
  assert.equal(await theme(), "dark");
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(lightBg, darkBg, "the colours change");
  await page.locator(READY).waitFor({ timeout: 120_000 });
  await screenshot(page, "shell-dark.png");
  await page.reload();
  await page.locator('[data-testid="theme-toggle"]').waitFor();
  assert.equal(await theme(), "dark", "the choice survives a reload");
  assert.deepEqual(errors, []);
  await context.close();
});

test("follows a dark system theme when the user has not chosen", async () => {
  const { context, page, errors } = await openPage(browser, { colorScheme: "dark" });
  await page.goto(server.url);
  await page.locator('[data-testid="theme-toggle"]').waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, "rgb(15, 18, 22)", "the dark background token");
  assert.match(await page.locator('[data-testid="theme-toggle"]').innerText(), /Light/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("navigates between pages with the keyboard and the URL fragment", async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.url);
  await page.locator('[data-testid="notebook-page"]').waitFor();
  await page.locator('[data-testid="nav-runs"]').focus();
  await page.keyboard.press("Enter");
  await page.locator('[data-testid="runs-page"]').waitFor();
  assert.equal(new URL(page.url()).hash, "#/runs");
  assert.equal(await page.locator('[data-testid="nav-runs"]').getAttribute("aria-current"), "page");
  await page.goBack();
  await page.locator('[data-testid="notebook-page"]').waitFor();
  await page.goto(`${server.url}#/settings`);
  await page.locator('[data-testid="settings-page"]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("stays usable on a narrow window", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 400, height: 800 } });
  await page.goto(server.url);
  await page.locator(READY).waitFor({ timeout: 120_000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling of the page (overflow ${overflow}px)`);
  await screenshot(page, "shell-narrow.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("works when served under a sub-path", async () => {
  const sub = await serveDist(undefined, "/jukebox/");
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(sub.url);
    await page.locator(READY).waitFor({ timeout: 120_000 });
    assert.equal(await rowsOf(page, "song_rankings"), 273_750);
    await page.locator('[data-testid="nav-settings"]').click();
    assert.equal(new URL(page.url()).pathname, "/jukebox/");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await sub.close();
  }
});

test("shows the error panel, not a dead page, when the app's wasm cannot load", async () => {
  const { context, page } = await openPage(browser);
  await page.route(/jukebox-app-.*_bg\.wasm$/, (route) => route.abort());
  await page.goto(server.url);
  const panel = page.locator('[data-testid="fatal"]');
  await panel.waitFor({ state: "visible" });
  assert.match(await panel.innerText(), /Something went wrong/);
  assert.match(await panel.innerText(), /Reload/);
  await screenshot(page, "fatal-panel.png");
  await context.close();
});

test("explains a failed engine worker in the notebook and keeps the shell working", async () => {
  const { context, page } = await openPage(browser);
  await page.route(/jukebox-worker_bg\.wasm$/, (route) => route.abort());
  await page.goto(server.url);
  await page.locator('[data-testid="dataset-status"][data-state="failed"]').waitFor({ timeout: 60_000 });
  assert.match(await page.locator('[data-testid="engine-error"]').innerText(), /reload the page/i);
  await page.locator('[data-testid="nav-registry"]').click();
  await page.locator('[data-testid="registry-page"]').waitFor();
  await context.close();
});
