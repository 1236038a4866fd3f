// The theme toggle while the system's colour scheme changes with the page open: it follows
// the system until the user toggles, then the user's choice stays.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, serveDist } from "./harness.mjs";

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

const TOGGLE = '[data-testid="theme-toggle"]';

/** What the toggle offers, by its accessible name, its words and its icon. */
async function offer(page) {
  const toggle = page.locator(TOGGLE);
  return {
    label: await toggle.getAttribute("aria-label"),
    text: (await toggle.innerText()).trim(),
    icon: await toggle.locator("svg").getAttribute("data-icon"),
  };
}

const OFFERS_DARK = { label: "Switch to dark theme", text: "Dark", icon: "moon" };
const OFFERS_LIGHT = { label: "Switch to light theme", text: "Light", icon: "sun" };

/** Waits until the toggle offers `expected` (the change event arrives asynchronously). */
async function waitForOffer(page, expected) {
  await page.locator(`${TOGGLE}[aria-label="${expected.label}"]`).waitFor({ timeout: 5_000 });
  assert.deepEqual(await offer(page), expected);
}

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const themeAttribute = (page) => page.evaluate(() => document.documentElement.dataset.theme);

test("the toggle follows the system switching to dark and back while the page is open", async () => {
  const { context, page, errors } = await openPage(browser, { colorScheme: "light" });
  await page.goto(server.url);
  await page.locator(TOGGLE).waitFor();
  assert.deepEqual(await offer(page), OFFERS_DARK);
  const light = await background(page);

  await page.emulateMedia({ colorScheme: "dark" });
  await waitForOffer(page, OFFERS_LIGHT);
  assert.notEqual(await background(page), light, "the page turned dark");
  assert.equal(await themeAttribute(page), undefined, "nothing stored: still following the system");

  await page.emulateMedia({ colorScheme: "light" });
  await waitForOffer(page, OFFERS_DARK);
  assert.equal(await background(page), light);
  assert.deepEqual(errors, []);
  await context.close();
});

test("once the user toggles, a change of the system's scheme no longer changes the theme", async () => {
  const { context, page, errors } = await openPage(browser, { colorScheme: "light" });
  await page.goto(server.url);
  await page.locator(TOGGLE).waitFor();
  await page.emulateMedia({ colorScheme: "dark" });
  await waitForOffer(page, OFFERS_LIGHT);

  // Dark by the system; the user picks light.
  await page.locator(TOGGLE).click();
  await waitForOffer(page, OFFERS_DARK);
  assert.equal(await themeAttribute(page), "light");
  const chosen = await background(page);

  await page.emulateMedia({ colorScheme: "light" });
  await page.emulateMedia({ colorScheme: "dark" });
  // Give a change event time to arrive, if one wrongly changed the theme.
  await page.waitForTimeout(300);
  assert.deepEqual(await offer(page), OFFERS_DARK, "the user's choice stays");
  assert.equal(await themeAttribute(page), "light");
  assert.equal(await background(page), chosen);
  assert.deepEqual(errors, []);
  await context.close();
});
