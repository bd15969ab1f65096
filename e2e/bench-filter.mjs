// bench-filter.mjs: the page's display filter on a large capture, timed.
// BENCH_FILE is a capture (internal/benchcapture -filter-text makes one of
// text frames). Opens it, then times each filter through wsframe.filter
// (Go's search and the worker's round trip, with the MB/s of the file),
// and one typed in the box, from Enter to the lists drawn with "n of
// total". Asserts nothing; exits non-zero when the file does not load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, CHROMIUM } from './harness.js';

const file = process.env.BENCH_FILE;
if (!file || !fs.existsSync(file)) {
  console.error('bench-filter: set BENCH_FILE to a capture (go run ./internal/benchcapture -filter-text x makes one)');
  process.exit(2);
}
const filters = ['opcode == text and dir == server and fin and not rsv1', 'text contains "not in any message"', 'len > 125 and conn == 3'];
const size = fs.statSync(file).size;
const server = await start();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-bench-'));
let context;
let code = 0;
try {
  context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, timeout: 30_000, viewport: { width: 1280, height: 800 }, args: ARGS });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await page.waitForSelector('svg.diagram', { timeout: 30_000 });
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', file);
  await page.waitForFunction(() => !document.body.dataset.loading && /frames? in \d+ ms/.test(document.querySelector('#capture .status')?.textContent || '')
    && document.querySelector('#frames [role=option]') !== null, null, { timeout: 600_000, polling: 100 });
  const total = await page.textContent('#frame-count');
  console.log(`page: ${path.basename(file)}, ${(size / 1e6).toFixed(1)} MB, ${total} frames`);
  for (const expr of filters) {
    // Go's answer through the page's API (wsframe.filter): the search
    // itself, with the worker round trip.
    const r = await page.evaluate(async (x) => {
      const t0 = performance.now();
      const a = await /** @type {any} */ (globalThis).wsframe.filter(x);
      return { ms: performance.now() - t0, n: a.frames.length };
    }, expr);
    const s = r.ms / 1000;
    console.log(`page: wsframe.filter(${expr}): ${r.n} frames in ${s.toFixed(2)} s (${(size / 1e6 / s).toFixed(1)} MB/s of the file)`);
  }
  // And typed in the box: from Enter to the lists drawn with the count.
  const expr = filters[0];
  await page.fill('[data-part=filter]', expr);
  const t0 = Date.now();
  await page.press('[data-part=filter]', 'Enter');
  await page.waitForFunction(() => / of /.test(document.querySelector('#frame-count')?.textContent || ''), null, { timeout: 600_000, polling: 20 });
  console.log(`page: typed ${expr}: ${await page.textContent('#frame-count')} drawn in ${((Date.now() - t0) / 1000).toFixed(2)} s`);
} catch (e) {
  console.error(`bench-filter: ${e.message}`);
  code = 1;
} finally {
  await context?.close().catch(() => {});
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
