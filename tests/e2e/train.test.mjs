// Training, evaluating and predicting in the tab, as a user would, on the built-in demo data:
// the course network for one epoch (the progress bar advances, the curves draw), its
// evaluation (accuracy, confusion matrix), a long training cancelled, a random forest, and
// "which countries will like my song?" with a preset and with moved sliders — while the
// page keeps answering clicks.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, screenshot, serveDist } from "./harness.mjs";
import { CELL, addCell, finished, openNotebook, select, setField } from "./cells.mjs";

let app;
let browser;

before(async () => {
  app = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await app?.close();
});

/** Adds a Train cell on the demo's merged table with `model`, its settings changed by `edit`,
 * and starts it (a new Train cell waits for Train). */
async function addTrain(page, output, edit) {
  const [id, cell] = await addCell(page, "train");
  await select(cell, "train-input", "charts");
  await setField(cell, "train-output", output);
  await edit(cell);
  await cell.locator('[data-testid="train-start"]').click();
  return [id, cell];
}

/** Milliseconds a click on the theme toggle takes to show its effect, while work goes on. */
async function clickLatencyMs(page) {
  const toggle = page.locator('[data-testid="theme-toggle"]');
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  const started = Date.now();
  await toggle.click({ timeout: 5_000 });
  await page.waitForFunction((b) => document.documentElement.dataset.theme !== b, before, { timeout: 5_000 });
  return Date.now() - started;
}

test("trains the course network for an epoch, evaluates it and predicts a song", async () => {
  const { context, page, errors } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await openNotebook(page, app.url);

  const [trainId, train] = await addTrain(page, "net", async (cell) => {
    await setField(cell, "train-epochs", "1");
  });
  // The progress bar advances and the live curves draw while it trains.
  const progress = train.locator('[data-testid="train-progress"]');
  await progress.waitFor({ timeout: 60_000 });
  const firstDone = Number(await progress.getAttribute("data-done"));
  await page.waitForFunction(
    ([sel, first]) => Number(document.querySelector(sel)?.dataset.done ?? first) > first,
    [`${CELL}[data-cell-id="${trainId}"] [data-testid="train-progress"]`, firstDone],
    { timeout: 60_000 },
  );
  // The page answers clicks during training.
  const latency = await clickLatencyMs(page);
  assert.ok(latency < 5_000, `a click during training showed its effect after ${latency} ms`);
  // The live curves draw points as they arrive.
  await page.waitForFunction(
    (sel) => Number(document.querySelector(sel)?.dataset.points ?? 0) > 0,
    `${CELL}[data-cell-id="${trainId}"] [data-testid="train-curves"]`,
    { timeout: 60_000 },
  );
  await finished(page, trainId, 300_000);
  const accuracy = Number(await train.locator('[data-testid="trained-accuracy"]').getAttribute("data-value"));
  assert.ok(accuracy > 1 / 72, `test accuracy ${accuracy} beats chance`);

  const [evalId, evaluation] = await addCell(page, "evaluate");
  await select(evaluation, "evaluate-model", "net");
  await finished(page, evalId);
  const evalAccuracy = Number(await evaluation.locator('[data-testid="eval-accuracy"]').getAttribute("data-value"));
  assert.ok(Math.abs(evalAccuracy - accuracy) < 1e-9, "the evaluation scores the same test rows");
  const matrix = evaluation.locator('[data-testid="confusion-matrix"]');
  assert.equal(Number(await matrix.getAttribute("data-size")), 72);

  const [predictId, predict] = await addCell(page, "predict");
  await select(predict, "predict-model", "net");
  await predict.locator('[data-testid="song-preset"]').first().click();
  await finished(page, predictId);
  const bars = predict.locator('[data-testid="top-country"]');
  assert.equal(await bars.count(), 10);
  const before = await bars.evaluateAll((els) => els.map((el) => `${el.dataset.code}:${el.dataset.p}`).join());
  await predict.locator('[data-testid="world-map"][data-coloured]').waitFor({ timeout: 30_000 });
  assert.ok(Number(await predict.locator('[data-testid="world-map"]').getAttribute("data-coloured")) >= 60);
  // Moving sliders changes the answer.
  for (const [feature, value] of [["danceability", "0.95"], ["energy", "0.1"], ["acousticness", "0.9"]]) {
    await setField(predict, `feature-${feature}`, value);
  }
  await page.waitForFunction(
    ([sel, b]) => [...document.querySelectorAll(sel)].map((el) => `${el.dataset.code}:${el.dataset.p}`).join() !== b,
    [`${CELL}[data-cell-id="${predictId}"] [data-testid="top-country"]`, before],
    { timeout: 60_000 },
  );
  await screenshot(page, "train-evaluate-predict.png");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a long training stops on Cancel and the notebook keeps working; a random forest and gradient boosting train", async () => {
  const { context, page, errors } = await openPage(browser);
  await openNotebook(page, app.url);
  const [longId, long] = await addTrain(page, "long", async (cell) => {
    await setField(cell, "train-epochs", "50");
  });
  await long.locator('[data-testid="train-progress"]').waitFor({ timeout: 60_000 });
  const asked = Date.now();
  await long.locator('[data-testid="cell-cancel"]').click();
  await page.locator(`${CELL}[data-cell-id="${longId}"][data-state="cancelled"]`).waitFor({ timeout: 10_000 });
  const stoppedMs = Date.now() - asked;
  console.log(`cancel took ${stoppedMs} ms`);

  const [forestId, forest] = await addTrain(page, "forest", async (cell) => {
    await select(cell, "train-model", "random_forest");
    await setField(cell, "train-trees", "10");
  });
  await finished(page, forestId, 300_000);
  const accuracy = Number(await forest.locator('[data-testid="trained-accuracy"]').getAttribute("data-value"));
  assert.ok(accuracy > 1 / 72, `forest test accuracy ${accuracy} beats chance`);

  const [boostId, boost] = await addTrain(page, "boost", async (cell) => {
    await select(cell, "train-model", "hist_gradient_boosting");
    await setField(cell, "train-iterations", "20");
  });
  await finished(page, boostId, 300_000);
  const boosted = Number(await boost.locator('[data-testid="trained-accuracy"]').getAttribute("data-value"));
  assert.ok(boosted > 1 / 72, `gradient boosting test accuracy ${boosted} beats chance`);
  assert.deepEqual(errors, []);
  await context.close();
});
