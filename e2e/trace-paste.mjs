// trace-paste.mjs: where the first large paste of a visit goes. A Chromium
// trace of the whole browser (every thread) from the paste event (50,000
// frames, 1.05 MB of text, as bench-page.mjs pastes them) to every frame
// listed, written out (chrome://tracing or Perfetto opens it), with a
// summary printed: the busy time of each thread, and what V8 spent on the
// wasm: its download and streaming compile, the baseline compile of each
// function at its first call (lazy), and the optimizing compiler (TurboFan,
// on its own threads) beside the decode.
//
//	node e2e/trace-paste.mjs [out.json]          this build's site/
//	ROOT=/work/base-web2 node e2e/trace-paste.mjs   another built site/ folder
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ARGS, CHROMIUM } from './harness.js';
import { start } from './server.js';
import { gzipAhead, pasteTimed, visit } from './pastekit.js';

const out = process.argv[2] || path.join(os.tmpdir(), 'wsframe-paste-trace.json');
const N = 50_000;
const server = await start({ gzip: true, root: process.env.ROOT || undefined });
// The test server gzips a file when it is first asked for: not on the paste's path.
await gzipAhead(server.url);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
try {
  const { page } = await visit(browser, server.url);
  await page.waitForTimeout(500);
  const cdp = await browser.newBrowserCDPSession();
  /** @type {any[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'disabled-by-default-v8.compile', 'blink.user_timing', 'loading', 'toplevel', 'v8.execute'] } });
  const ms = await pasteTimed(page, '81 05 48 65 6c 6c 6f\n', N);
  await cdp.send('Tracing.end');
  await complete;
  fs.writeFileSync(out, JSON.stringify({ traceEvents: events }));
  summary(events, ms);
} finally {
  await browser.close();
  await server.close();
}

/** Prints each thread's busy time (its outermost events) between the two marks, and V8's wasm work. */
function summary(events, ms) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}/${e.tid}`, e.args.name);
  const t0 = Math.min(...events.filter((e) => e.name === 'trace:paste').map((e) => e.ts));
  const t1 = Math.max(...events.filter((e) => e.name === 'trace:listed').map((e) => e.ts));
  const inside = events.filter((e) => e.ph === 'X' && e.dur && e.ts >= t0 && e.ts <= t1);
  /** @type {Map<string, number>} */
  const busy = new Map();
  /** @type {Map<string, number>} */
  const ends = new Map();
  for (const e of [...inside].sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    const th = names.get(`${e.pid}/${e.tid}`) || '?';
    const key = `${e.pid}/${e.tid}`;
    if (e.ts < (ends.get(key) || 0)) continue; // nested in one counted
    ends.set(key, e.ts + e.dur);
    busy.set(th, (busy.get(th) || 0) + e.dur / 1000);
  }
  const sum = (name) => inside.filter((e) => e.name === name).reduce((s, e) => s + e.dur / 1000, 0);
  const at = (name) => inside.filter((e) => e.name === name).map((e) => ((e.ts - t0) / 1000).toFixed(0));
  console.log(`# trace: ${N} pasted frames, paste event to every frame listed ${ms.toFixed(0)} ms (traced: slower than untraced); load ${os.loadavg()[0].toFixed(2)}; ${out}`);
  console.log(`# trace: threads busy, the wall time of their outermost events (ms; a loaded machine stretches them): ${[...busy].filter(([, v]) => v >= 5).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  console.log(`# trace: the full program's download and streaming compile: consumed on the worker ${sum('v8.wasm.compileConsume').toFixed(0)} ms, validated beside it ${sum('wasm.ValidateFunctionsStreaming').toFixed(0)} ms, instantiated at ${at('wasm.AsyncInstantiate').join(', ')} ms`);
  console.log(`# trace: V8's baseline compile at each function's first call (lazy) ${sum('wasm.CompileLazy').toFixed(0)} ms on the worker; its optimizing compiler (TurboFan) ${sum('wasm.TopTierCompilation').toFixed(0)} ms of CPU on its threads`);
}
