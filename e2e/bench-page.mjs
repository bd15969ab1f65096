// Benchmark script (make bench-page; not part of make test): printed, not asserted:
// time from navigation to the first diagram drawn, the wasm's instantiation time, and a decode of many frames.
import fs from 'node:fs';
import { suite } from './harness.js';

const it = suite(import.meta.url);
const RUNS = 3;

it('first diagram and wasm instantiation', async (page) => {
  const rows = [];
  for (let i = 0; i < RUNS; i++) {
    await page.reload();
    await page.waitForSelector('svg.diagram');
    rows.push(await page.evaluate(() => ({
      firstDiagram: performance.getEntriesByName('wsframe:first-diagram')[0]?.startTime,
      domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd,
      wasmInstantiate: globalThis.wsframe.instantiateMs,
    })));
  }
  const med = (k) => rows.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
  console.log(`# bench: navigation -> first diagram ${med('firstDiagram').toFixed(0)} ms (median of ${RUNS}), ` +
    `DOMContentLoaded ${med('domContentLoaded').toFixed(0)} ms, wasm instantiate ${med('wasmInstantiate').toFixed(0)} ms, ` +
    `wasm ${(fs.statSync(new URL('../web/wsframe.wasm', import.meta.url)).size / 1e6).toFixed(2)} MB`);
});

it('decode throughput through the worker', async (page) => {
  const n = 50_000;
  const ms = await page.evaluate(async (count) => {
    const one = '81 05 48 65 6c 6c 6f\n';
    const text = one.repeat(count);
    const t0 = performance.now();
    const r = await globalThis.wsframe.decode(text, { preview: 64 });
    if (r.frames.length !== count) throw new Error(`got ${r.frames.length} frames`);
    return performance.now() - t0;
  }, n);
  console.log(`# bench: decode of ${n} pasted frames (${(n * 21 / 1e6).toFixed(2)} MB of text) in ${ms.toFixed(0)} ms`);
});
