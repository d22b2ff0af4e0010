// The browser benchmark of the Contacts app (issue 4 «Benchmark»), run by `cargo xtask bench`
// after the native one. Measures the release build in dist/, served by the real server, in
// headless Chromium, and prints `name: value unit` lines on stdout (progress goes to stderr):
//
//   wasm_gzip_kb                  the built .wasm after gzip -9
//   filter_100k_wasm_ms           the app's filter (core engine in wasm) over 100 000 contacts,
//   filter_100k_js_ms             the same filter hand-written in JavaScript over the same
//   filter_100k_wasm_vs_js_ratio  contacts as plain objects, and js / wasm (medians)
//   cold_start_100k_ms            reload → table interactive with 100 000 contacts in IndexedDB
//   scroll_100k_max_frame_ms      the longest frame while scrolling all 100 000 rows
//   bulk_add_to_group_100k_ms     «Добавить в группу» → «В новую группу» on all 100 000, confirm →
//                                 applied and committed to IndexedDB (progress bar gone)
//   undo_100k_ms                  «Отменить» of that, the same way
//   bulk_edit_100k_ms             «Редактировать» «Город» of all 100 000, the same way
//
// plus lines that qualify them: the raw .wasm size, the filter's match count and first run
// (which builds the scan columns), a JavaScript peer with pre-folded text, the slowest cold
// start and when the app had started before reading the base, frames dropped and the app's own
// script time while scrolling. Environment, set by xtask: CONTACTS_SERVER_BIN (server binary),
// CONTACTS_BENCH_BASE (the generated base as JSON, for the JavaScript side),
// CONTACTS_BENCH_COUNT and CONTACTS_BENCH_SEED (what that base was generated with).
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from '../support/browser.mjs';
import { REPO_ROOT, startServer } from '../support/server.mjs';

const IN_PAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'in-page.js');

const FILTER_WARMUP = 5;
const FILTER_RUNS = 31;
const COLD_STARTS = 5;
/** Headless Chromium draws at 60 Hz: a frame on time lasts this long. */
const FRAME_MS = 1000 / 60;
/** 100 rows of 36 px a frame: every frame shows rows the previous one did not. */
const SCROLL_PX_PER_FRAME = 3600;
const LONG_MS = 600_000;

const count = Number(required('CONTACTS_BENCH_COUNT'));
const seed = Number(required('CONTACTS_BENCH_SEED'));
const baseJson = required('CONTACTS_BENCH_BASE');
const label = `${count / 1000}k`;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through \`cargo xtask bench\``);
  return value;
}

function print(name, value, unit) {
  console.log(`${name}: ${value.toFixed(unit === 'count' ? 0 : 3)} ${unit}`);
}

function note(message) {
  console.error(`browser bench: ${message}`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Serves the base JSON to the page from another local port (the app's server serves dist/). */
async function serveBaseJson() {
  const server = createServer((request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
    });
    createReadStream(baseJson).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/base.json`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Opens `url` in a new tab with the in-page benchmark code; page errors and crashes are noted. */
async function openPage(context, url, { interactiveTotal } = {}) {
  const page = await context.newPage();
  page.setDefaultTimeout(LONG_MS);
  page.on('pageerror', (err) => note(`page error: ${err}`));
  page.on('crash', () => note(`the page ${url} crashed`));
  await page.addInitScript({ path: IN_PAGE });
  if (interactiveTotal !== undefined) {
    await page.addInitScript(
      (total) => window.contactsBench.markInteractive(total),
      interactiveTotal,
    );
  }
  await page.goto(url);
  return page;
}

/**
 * Loads `page` from `url`; returns the ms from navigation start to the app started (wasm
 * instantiated, app mounted) and to the table interactive.
 */
async function timeToInteractive(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.contactsBenchInteractiveMs, null, { polling: 50 });
  return page.evaluate(() => ({
    started: window.contactsBenchStartedMs,
    interactive: window.contactsBenchInteractiveMs,
  }));
}

function wasmSize() {
  const dist = path.join(REPO_ROOT, 'dist');
  const wasm = readdirSync(dist).filter((name) => name.endsWith('.wasm'));
  if (wasm.length !== 1) throw new Error(`expected one .wasm in ${dist}, found ${wasm}`);
  const bytes = readFileSync(path.join(dist, wasm[0]));
  print('wasm_raw_kb', bytes.length / 1024, 'KiB');
  print('wasm_gzip_kb', gzipSync(bytes, { level: 9 }).length / 1024, 'KiB');
}

async function filterBench(context, appUrl) {
  const json = await serveBaseJson();
  try {
    const page = await openPage(context, `${appUrl}/`);
    await page.waitForFunction(() => window.wasmBindings?.bench_filter);
    note(await page.evaluate(() => navigator.userAgent));
    note(`filter: ${count} contacts, ${FILTER_WARMUP} warm-up runs, ${FILTER_RUNS} samples each`);
    const result = await page.evaluate((options) => window.contactsBench.filter(options), {
      jsonUrl: json.url,
      count,
      seed,
      warmup: FILTER_WARMUP,
      runs: FILTER_RUNS,
    });
    note(`filter: calls per timed sample ${JSON.stringify(result.repeats)}`);
    print(`filter_${label}_wasm_matches`, result.matches, 'count');
    print(`filter_${label}_wasm_first_ms`, result.wasmFirstMs, 'ms');
    print(`filter_${label}_wasm_ms`, result.wasmMs, 'ms');
    print(`filter_${label}_js_ms`, result.jsMs, 'ms');
    print(`filter_${label}_wasm_vs_js_ratio`, result.jsMs / result.wasmMs, 'x');
    print(`filter_${label}_js_prefolded_ms`, result.jsPrefoldedMs, 'ms');
    await page.close();
  } finally {
    await json.close();
  }
}

async function coldStartBench(context, appUrl) {
  note(`cold start: writing the ${count}-contact demo base into IndexedDB`);
  const page = await openPage(context, `${appUrl}/?demo=${count}`, { interactiveTotal: count });
  await page.waitForFunction(() => window.contactsBenchInteractiveMs, null, { polling: 200 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const starts = [];
  for (let i = 0; i < COLD_STARTS; i++) starts.push(await timeToInteractive(page, `${appUrl}/`));
  const times = starts.map((s) => s.interactive);
  note(`cold start: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  print(`cold_start_${label}_ms`, median(times), 'ms');
  print(`cold_start_${label}_max_ms`, Math.max(...times), 'ms');
  print(`cold_start_${label}_app_started_ms`, median(starts.map((s) => s.started)), 'ms');
  return page;
}

/**
 * Scrolls the loaded table through all rows in a normal 60 Hz browser: the longest time a frame
 * stayed up (16.7 ms when none was dropped), the frames dropped, and the app's own work per
 * scroll event. Headless Chromium here rasterises in software on a shared machine, so frame
 * times carry that cost too; the script times are the app's alone.
 */
async function scrollBench(page) {
  const { frames, scripts, scrollHeight } = await page.evaluate(
    (px) => window.contactsBench.scroll(px),
    SCROLL_PX_PER_FRAME,
  );
  note(`scroll: ${frames.length} frames over ${scrollHeight} px, ${SCROLL_PX_PER_FRAME} px each`);
  print(`scroll_${label}_max_frame_ms`, Math.max(...frames), 'ms');
  const dropped = frames.filter((f) => f > 1.5 * FRAME_MS).length;
  print(`scroll_${label}_dropped_frames`, dropped, 'count');
  print(`scroll_${label}_max_script_ms`, Math.max(...scripts), 'ms');
  print(`scroll_${label}_median_script_ms`, median(scripts), 'ms');
}

/**
 * Clicks `button` and resolves with the ms until the change it starts is applied and stored:
 * no progress bar, and «Отменить» naming `undoText` (or gone, when `undoText` is null).
 */
async function timeChange(page, button, undoText) {
  await button.evaluate((el) => el.setAttribute('data-bench-click', ''));
  return page.evaluate(
    (expected) =>
      new Promise((resolve) => {
        const button = document.querySelector('[data-bench-click]');
        const undo = () => document.querySelector('[data-testid=undo-what]');
        const finished = () =>
          !document.querySelector('.busy-bar') &&
          (expected === null ? !undo() : undo()?.textContent === expected);
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (finished()) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        button.click();
      }),
    undoText,
  );
}

/** Opens ⚙ and chooses `item`; gives its dialog. */
async function bulkDialog(page, item) {
  await page.getByRole('button', { name: 'Действия с выбранными' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  return page.getByRole('dialog', { name: item });
}

/** The bulk actions of issue 5 on every contact of the loaded base, through the UI. */
async function bulkBench(page) {
  await page.getByRole('button', { name: `Выбрать все по фильтру (${count})` }).click();
  await page.getByTestId('selected').filter({ hasText: `Выбрано: ${count}` }).waitFor();

  const add = await bulkDialog(page, 'Добавить в группу');
  await add.getByRole('combobox', { name: 'Группа' }).selectOption({ label: 'В новую группу' });
  await add.getByRole('textbox', { name: 'Название новой группы' }).fill('Бенчмарк');
  const addMs = await timeChange(
    page,
    add.getByRole('button', { name: 'Добавить в контакты' }),
    `Добавить в группу (${count})`,
  );
  print(`bulk_add_to_group_${label}_ms`, addMs, 'ms');

  const undoMs = await timeChange(page, page.getByRole('button', { name: 'Отменить', exact: true }), null);
  print(`undo_${label}_ms`, undoMs, 'ms');

  const edit = await bulkDialog(page, 'Редактировать');
  await edit.getByRole('combobox', { name: 'Поле' }).selectOption({ label: 'Город' });
  await edit.getByRole('textbox', { name: 'Новое значение' }).fill('Бенчгород');
  const editMs = await timeChange(
    page,
    edit.getByRole('button', { name: 'Применить' }),
    `Редактировать (${count})`,
  );
  print(`bulk_edit_${label}_ms`, editMs, 'ms');
}

const server = await startServer();
const profile = mkdtempSync(path.join(tmpdir(), 'contacts-bench-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM_BIN,
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  wasmSize();
  await filterBench(context, server.url);
  const page = await coldStartBench(context, server.url);
  await scrollBench(page);
  await bulkBench(page);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.stop();
}
