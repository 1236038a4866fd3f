// Driving notebook cells as a user would: shared by the end-to-end tests.
import assert from "node:assert/strict";

export const CELL = '[data-testid="cell"]';

/** Waits until cell `id` has run; fails with the cell's own error message if it failed. */
export async function finished(page, id, timeout = 180_000) {
  const cell = page.locator(`${CELL}[data-cell-id="${id}"]`);
  await page.locator(`${CELL}[data-cell-id="${id}"]:is([data-state="done"], [data-state="failed"])`).waitFor({ timeout });
  if ((await cell.getAttribute("data-state")) === "failed") {
    assert.fail(`cell ${id} failed: ${await cell.locator('[data-testid="cell-error"]').innerText()}`);
  }
  return cell;
}

/** Opens the app at `url` and waits until its demo notebook has run; returns the last demo cell's id. */
export async function openNotebook(page, url) {
  await page.goto(url);
  await page.locator(CELL).first().waitFor();
  const lastDemo = await page.locator(CELL).last().getAttribute("data-cell-id");
  await finished(page, lastDemo);
  return lastDemo;
}

/** Adds a cell with the add-bar button `kind` and returns [id, locator]. */
export async function addCell(page, kind) {
  const before = await page.locator(CELL).count();
  await page.locator(`[data-testid="add-${kind}"]`).click();
  await page.locator(CELL).nth(before).waitFor();
  const cell = page.locator(CELL).nth(before);
  return [await cell.getAttribute("data-cell-id"), cell];
}

/** Sets a text field and commits it (a `change` event, as Enter would). */
export async function setField(cell, testid, value) {
  const field = cell.locator(`[data-testid="${testid}"]`);
  await field.fill(value);
  await field.dispatchEvent("change");
}

export async function select(cell, testid, value) {
  await cell.locator(`[data-testid="${testid}"]`).selectOption(value);
}
