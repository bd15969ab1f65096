// benchkit.js: what the capture benches (bench-capture.mjs, bench-filter.mjs)
// share: the file they read (BENCH_FILE), a browser on the page's server,
// the capture opened as a person opens it, and the teardown.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, CHROMIUM } from './harness.js';

/** The load average, printed beside every figure. */
export const load = () => execSync('uptime').toString().replace(/.*load average: /, '').trim();

/** BENCH_FILE, or exit 2 saying how to make one. @param {string} name @param {string} make */
export function benchFile(name, make) {
  const file = process.env.BENCH_FILE;
  if (!file || !fs.existsSync(file)) {
    console.error(`${name}: set BENCH_FILE to a capture (${make})`);
    process.exit(2);
  }
  return file;
}

/**
 * Runs fn with a fresh persistent browser context on the page's server,
 * then closes both and exits: 0, or 1 when fn threw (its message printed).
 * @param {string} name @param {(context: import('playwright-core').BrowserContext, url: string) => Promise<void>} fn
 */
export async function withPage(name, fn) {
  const server = await start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-bench-'));
  let context;
  let code = 0;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM, headless: true, timeout: 30_000, viewport: { width: 1280, height: 800 },
      args: [...ARGS, '--enable-precise-memory-info'],
    });
    await fn(context, server.url);
  } catch (e) {
    console.error(`${name}: ${e.message}`);
    code = 1;
  } finally {
    await context?.close().catch(() => {});
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(code);
}

/**
 * Opens the page, chooses file in the capture tab and waits for every frame
 * counted and the list drawn; returns the seconds from the file chosen to
 * then. The capture tab fetches, starts and warms up the full program
 * (prefetch): a person takes longer to pick a file than that takes, so the
 * clock starts once it is done (its download is not on this path, as the
 * issue asks).
 * @param {import('playwright-core').Page} p @param {string} url @param {string} file @param {() => Promise<void>} [before] run just before the file is chosen
 */
export async function openCapture(p, url, file, before) {
  await p.goto(url);
  await p.waitForSelector('svg.diagram', { timeout: 30_000 });
  await p.evaluate(() => /** @type {any} */ (globalThis).wsframe.ready());
  await p.click('#mode-capture');
  await p.waitForFunction(() => /** @type {any} */ (globalThis).wsframe.full, null, { timeout: 60_000 });
  // and its warm-up done: a call waits its turn behind it in the worker.
  await p.evaluate(() => /** @type {any} */ (globalThis).wsframe.rows('frames', 0, 1));
  await before?.();
  const chosen = Date.now();
  await p.setInputFiles('#capture-file', file);
  await p.waitForFunction(() => {
    const st = document.querySelector('#capture .status')?.textContent || '';
    const done = !document.body.dataset.loading && /frames? in \d+ ms|Could not read/.test(st);
    return done && document.querySelector('#frames [role=option]') !== null || /Could not read/.test(st);
  }, null, { timeout: 600_000, polling: 50 });
  const s = (Date.now() - chosen) / 1000;
  const status = (await p.textContent('#capture .status')) || '';
  if (/Could not read/.test(status)) throw new Error(status);
  return s;
}
