// bench-capture.mjs: the page reading a large capture, timed. Run by
// `make bench-capture` with BENCH_FILE set to a capture made by
// tools/benchcapture (about 120 MB). Opens the page in Chromium, chooses
// the file through the file input, and prints the time from choosing it to
// the frame list drawn, the MB/s, and the peak JS heap of the page (Chromium's
// performance.memory; the worker's wasm memory is not in it). Asserts
// nothing; exits non-zero when the file does not load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, CHROMIUM } from './harness.js';

const file = process.env.BENCH_FILE;
if (!file || !fs.existsSync(file)) {
  console.error('bench-capture: set BENCH_FILE to a capture (make bench-capture makes one)');
  process.exit(2);
}
const size = fs.statSync(file).size;
const server = await start();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-bench-'));
let context;
let code = 0;
try {
  context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, timeout: 30_000, viewport: { width: 1280, height: 800 },
    args: [...ARGS, '--enable-precise-memory-info'],
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await page.waitForSelector('svg.diagram', { timeout: 30_000 });
  await page.click('#mode-capture');
  // Sample the page's heap while the file is read.
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__peak = 0;
    w.__sampler = setInterval(() => {
      const m = /** @type {any} */ (performance).memory;
      if (m) w.__peak = Math.max(w.__peak, m.usedJSHeapSize);
    }, 50);
  });
  const t0 = Date.now();
  await page.setInputFiles('#capture-file', file);
  const chosen = Date.now();
  await page.waitForFunction(() => {
    const st = document.querySelector('#capture .status')?.textContent || '';
    const done = !document.body.dataset.loading && /frames? in \d+ ms|Could not read/.test(st);
    return done && document.querySelector('#frames [role=option]') !== null || /Could not read/.test(st);
  }, null, { timeout: 600_000, polling: 100 });
  const drawn = Date.now();
  const status = (await page.textContent('#capture .status')) || '';
  if (/Could not read/.test(status)) throw new Error(status);
  const frames = await page.textContent('#frame-count');
  const peak = await page.evaluate(() => { clearInterval(/** @type {any} */ (window).__sampler); return /** @type {any} */ (window).__peak; });
  const s = (drawn - chosen) / 1000;
  console.log(`page: ${path.basename(file)}, ${(size / 1e6).toFixed(1)} MB, ${frames} frames`);
  console.log(`page: file chosen -> frame list drawn ${s.toFixed(2)} s, ${(size / 1e6 / s).toFixed(1)} MB/s (setInputFiles took ${chosen - t0} ms)`);
  console.log(`page: peak JS heap of the page ${peak ? `${(peak / 1e6).toFixed(1)} MB` : 'not available'}`);
  console.log(`page: ${status}`);
} catch (e) {
  console.error(`bench-capture: ${e.message}`);
  code = 1;
} finally {
  await context?.close().catch(() => {});
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
