// profile-visit.mjs: where a cold visit's time goes before the first
// diagram (not a test; printed). A fresh browser context opens the page
// under Chromium's tracing; it prints every request of the page's renderer
// (sent and finished, in ms from the navigation's request), the main
// thread's tasks of 5 ms or more before the mark wsframe:first-diagram
// with what they ran, and the main thread's busy time and CPU time
// (thread time) before the mark: on a loaded machine the two differ by
// the time the thread waited for a core.
//   node profile-visit.mjs [slow] [h2] [runs]   slow: 20 Mbit/s, 20 ms RTT
//   (link.js, as bench-page.mjs);
//   h2: HTTP/2 over TLS (a self-signed certificate), as GitHub Pages serves
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, CHROMIUM } from './harness.js';

const slow = process.argv.includes('slow');
const h2 = process.argv.includes('h2');
const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) || 1);
const TRACE = path.join(os.tmpdir(), `wsframe-visit-${process.pid}.json`);
const ms = (us) => (us / 1000).toFixed(0);

const server = await start({ gzip: true, h2, link: slow ? { mbit: 20, rtt: 20 } : null });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, '--ignore-certificate-errors'], timeout: 30_000 });
try {
  // One visit first, so that the server has gzipped every file it sends.
  const warm = await browser.newContext({ ignoreHTTPSErrors: true });
  await (await warm.newPage()).goto(server.url);
  await warm.close();
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink.user_timing', 'loading'] });
    await page.goto(server.url);
    await page.waitForSelector('svg.diagram', { timeout: 60_000 });
    await browser.stopTracing();
    await context.close();
    const ev = JSON.parse(fs.readFileSync(TRACE, 'utf8')).traceEvents;
    if (!process.env.KEEP) fs.rmSync(TRACE, { force: true });
    const sends = ev.filter((e) => e.name === 'ResourceSendRequest' && e.args.data.url.startsWith(server.url));
    const pid = sends[0].pid;
    const main = ev.find((e) => e.pid === pid && e.name === 'thread_name' && e.args.name === 'CrRendererMain')?.tid;
    const t0 = sends[0].ts;
    const mark = ev.find((e) => e.pid === pid && e.name === 'wsframe:first-diagram');
    if (!mark) throw new Error('no wsframe:first-diagram mark in the trace');
    const url = new Map(sends.map((e) => [e.args.data.requestId, e.args.data.url.slice(server.url.length) || '/']));
    const done = new Map(ev.filter((e) => e.pid === pid && e.name === 'ResourceFinish').map((e) => [e.args.data.requestId, e.ts]));
    console.log(`# visit ${run + 1}${slow ? ' at 20 Mbit/s, 20 ms RTT' : ', localhost'}${h2 ? ', HTTP/2' : ', HTTP/1.1'}: first diagram at ${ms(mark.ts - t0)} ms`);
    console.log('requests (sent → finished, ms):');
    for (const e of sends) {
      const end = done.get(e.args.data.requestId);
      console.log(`  ${ms(e.ts - t0).padStart(5)} → ${end ? ms(end - t0).padStart(5) : '    ?'}  ${url.get(e.args.data.requestId)}`);
    }
    // The main thread's top-level tasks begun before the mark (the one that
    // set it counted to the mark).
    const onMain = (e) => e.pid === pid && e.tid === main && e.ph === 'X';
    const isTask = (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
    const tasks = [];
    for (const e of ev.filter((x) => onMain(x) && isTask(x) && x.ts < mark.ts).sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
      const last = tasks[tasks.length - 1];
      if (!last || e.ts >= last.ts + last.dur) tasks.push(e); // a task nested in one counted is not counted again
    }
    console.log('main thread tasks of 5 ms or more (start, wall ms, CPU ms, what):');
    let busy = 0;
    let cpu = 0;
    for (const t of tasks) {
      const part = Math.min(1, (mark.ts - t.ts) / Math.max(1, t.dur));
      busy += t.dur * part;
      cpu += (t.tdur || 0) * part;
      if (t.dur < 5000) continue;
      const inside = ev.filter((e) => onMain(e) && !isTask(e) && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur >= 2000);
      const what = inside.map((e) => `${e.name}${e.args?.data?.url ? ` ${e.args.data.url.slice(server.url.length)}` : ''} ${ms(e.dur)}`).slice(0, 6).join(', ');
      console.log(`  ${ms(t.ts - t0).padStart(5)} ${ms(t.dur).padStart(4)} ${ms(t.tdur || 0).padStart(4)}  ${what}`);
    }
    console.log(`main thread before the first diagram: busy ${ms(busy)} ms, CPU ${ms(cpu)} ms`);
  }
} finally {
  await browser.close();
  await server.close();
}
