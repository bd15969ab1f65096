// bench-page.mjs (make bench-page; not part of make test): printed, not
// asserted. A cold visit (a fresh browser context: nothing cached) to the
// first diagram drawn (the page's performance mark wsframe:first-diagram),
// and to the decoder ready, on localhost and over a link throttled to
// 20 Mbit/s with a 20 ms round trip (Chromium's network emulation through
// CDP, Network.emulateNetworkConditions), the server sending gzip as a
// static host does. Then the decode of many pasted frames through the worker.
import fs from 'node:fs';
import { execSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, CHROMIUM } from './harness.js';

const RUNS = 3;
const load = () => execSync('uptime').toString().replace(/.*load average: /, '').trim();
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await start({ gzip: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });
try {
  for (const link of [
    { name: 'localhost', conditions: null },
    { name: '20 Mbit/s, 20 ms RTT', conditions: { offline: false, latency: 20, downloadThroughput: 20e6 / 8, uploadThroughput: 20e6 / 8 } },
  ]) {
    const rows = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      if (link.conditions) {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', link.conditions);
      }
      await page.goto(server.url);
      await page.waitForSelector('svg.diagram', { timeout: 60_000 });
      rows.push(await page.evaluate(async () => {
        const first = performance.getEntriesByName('wsframe:first-diagram')[0]?.startTime;
        await /** @type {any} */ (globalThis).wsframe.ready();
        return { first, ready: performance.now(), instantiate: /** @type {any} */ (globalThis).wsframe.instantiateMs };
      }));
      await context.close();
    }
    console.log(`# bench: cold visit, ${link.name}, gzip: first diagram ${med(rows.map((r) => r.first)).toFixed(0)} ms, ` +
      `decoder ready ${med(rows.map((r) => r.ready)).toFixed(0)} ms (wasm download + instantiate ${med(rows.map((r) => r.instantiate)).toFixed(0)} ms) ` +
      `(median of ${RUNS}; load ${load()})`);
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.evaluate(() => /** @type {any} */ (globalThis).wsframe.ready());
  const n = 50_000;
  const ms = await page.evaluate(async (count) => {
    const text = '81 05 48 65 6c 6c 6f\n'.repeat(count);
    const t0 = performance.now();
    const r = await /** @type {any} */ (globalThis).wsframe.decode(text, { preview: 64, rows: 2000 });
    const total = r.totals ? r.totals.frames : r.frames.length;
    if (total !== count) throw new Error(`got ${total} frames`);
    return performance.now() - t0;
  }, n);
  console.log(`# bench: decode of ${n} pasted frames (${(n * 21 / 1e6).toFixed(2)} MB of text) in ${ms.toFixed(0)} ms (load ${load()}); ` +
    `wsframe.wasm ${(fs.statSync(new URL('../web/wsframe.wasm', import.meta.url)).size / 1e6).toFixed(2)} MB`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
