// bench-page.mjs (make bench-page; not part of make test): printed, not
// asserted. A cold visit (a fresh browser context: nothing cached) to the
// first diagram drawn (the page's performance mark wsframe:first-diagram),
// and to the decoder ready, on localhost and over a link of 20 Mbit/s with
// a 20 ms round trip (link.js, a proxy that paces the bytes: Chromium's
// network emulation held a visit's responses 40 s now and then), the
// server sending gzip as a
// static host does. Then a large paste (50,000 frames, 1 MB of text) from
// the paste event to every frame listed: the first of a visit, which
// fetches and starts the full program on the way, and a second one; beside
// them the browser's layout of the same text in the box alone, and the
// decoder alone through wsframe.decode (a visit's first call and a second).
// RUNS=n runs each n times (3); BENCH=visit or BENCH=paste runs one part;
// BASE=folder visits a second site/ folder in the same runs (before/after).
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, CHROMIUM } from './harness.js';
import { gzipAhead, pasteTimed, visit } from './pastekit.js';

const RUNS = Number(process.env.RUNS) || 3;
/** What to run: visit, paste, or both (BENCH unset). */
const PART = process.env.BENCH || '';
const load = () => execSync('uptime').toString().replace(/.*load average: /, '').trim();
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * CPU ms used so far by this process's descendants (the browser's
 * processes: the page, its worker, V8's compile threads), from /proc:
 * steadier than wall time on a shared machine.
 */
function browserCPU() {
  const stats = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      stats.push({ pid: Number(d), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch { /* gone */ }
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of stats) if (!mine.has(p.pid) && mine.has(p.ppid)) { mine.add(p.pid); grew = true; }
  }
  const hz = 100; // USER_HZ on Linux
  return stats.filter((p) => p.pid !== process.pid && mine.has(p.pid)).reduce((a, p) => a + p.ticks, 0) * 1000 / hz;
}

const server = await start({ gzip: true });
/** The slow link of the visits: 20 Mbit/s each way, 20 ms of round trip. */
const SLOW = { mbit: 20, rtt: 20 };
// BASE=folder: a second site/ folder (say main's, with the same wasm built)
// visited in the same runs, interleaved, for a before/after on one load.
const BASE = process.env.BASE ? path.resolve(process.env.BASE) : '';
// The visits' servers: over HTTP/1.1 and over HTTP/2 with TLS (a
// self-signed certificate, ignored by this bench's browser only), as
// GitHub Pages serves the page; on localhost and through the slow link.
const links = PART === 'paste' ? [] : [{ name: 'localhost', link: null }, { name: '20 Mbit/s, 20 ms RTT', link: SLOW }];
/** @type {{name: string, link: string, server: Awaited<ReturnType<typeof start>>}[]} */
const visits = [];
for (const l of links) {
  for (const [root, suffix] of BASE ? [[undefined, ''], [BASE, ', BASE']] : [[undefined, '']]) {
    visits.push({ name: `HTTP/1.1${suffix}`, link: l.name, server: await start({ gzip: true, root, link: l.link }) });
    visits.push({ name: `HTTP/2 (TLS)${suffix}`, link: l.name, server: await start({ gzip: true, h2: true, root, link: l.link }) });
  }
}
const pasteBase = BASE && PART !== 'visit' ? await start({ gzip: true, root: BASE }) : null;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...ARGS, '--ignore-certificate-errors'], timeout: 30_000 });
try {
  // The server gzips a file the first time it is asked for it (a static host
  // keeps it compressed): one visit to each server before anything is timed.
  for (const s of [server, ...visits.map((v) => v.server), pasteBase]) {
    if (!s) continue;
    const warm = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await warm.newPage();
    await page.goto(s.url);
    await page.waitForFunction(() => /** @type {any} */ (globalThis).wsframe);
    await page.evaluate(() => /** @type {any} */ (globalThis).wsframe.ready());
    await warm.close();
  }
  /** @type {Map<string, {first: number, ready: number, instantiate: number}[]>} */
  const rows = new Map();
  // Runs interleaved: each run visits every link over every protocol, so
  // that a change in the machine's load falls on all of them alike.
  for (let i = 0; i < (visits.length ? RUNS : 0); i++) {
    for (const visit of visits) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(visit.server.url, { waitUntil: 'commit' });
      const key = `${visit.link}, ${visit.name}`;
      try {
        await page.waitForSelector('svg.diagram', { timeout: 60_000 });
      } catch {
        console.log(`# bench: cold visit, ${key}: no diagram within 60 s (left out of the median)`);
        await context.close();
        continue;
      }
      const row = await page.evaluate(async () => {
        const first = performance.getEntriesByName('wsframe:first-diagram')[0]?.startTime;
        await /** @type {any} */ (globalThis).wsframe.ready();
        return { first, ready: performance.now(), instantiate: /** @type {any} */ (globalThis).wsframe.instantiateMs };
      });
      rows.set(key, [...(rows.get(key) || []), row]);
      await context.close();
    }
  }
  for (const [key, rs] of rows) {
    console.log(`# bench: cold visit, ${key}, gzip: first diagram ${med(rs.map((r) => r.first)).toFixed(0)} ms ` +
      `(${rs.map((r) => r.first.toFixed(0)).join(', ')}), ` +
      `decoder ready ${med(rs.map((r) => r.ready)).toFixed(0)} ms (wasm download + instantiate ${med(rs.map((r) => r.instantiate)).toFixed(0)} ms) ` +
      `(median of ${RUNS}; load ${load()})`);
  }
  // A large paste, as a person makes one: the paste event, then (unless
  // the page took the text itself: preventDefault) the text in the box and
  // its input event; timed in the page to the list drawn (#frame-count says
  // every frame). The first of a visit loads the full program on the way
  // (over 256 KiB the first program decodes nothing: Go's pasteWhole);
  // a second, different paste in the same visit finds it loaded and warm.
  // "ctrl": a first paste whose Ctrl went down in the box CTRL_MS before
  // the paste event, as a keyboard paste does. With BASE, the same visits
  // to the other folder, interleaved (A B A B ...), for a paired ratio.
  const n = 50_000;
  const CTRL_MS = 150;
  const sites = [{ name: 'this', url: server.url, ctrl: true }];
  if (pasteBase) sites.push({ name: 'BASE', url: pasteBase.url, ctrl: false });
  /** @type {Map<string, number[]>} */
  const pastes = new Map();
  const add = (key, ms) => pastes.set(key, [...(pastes.get(key) || []), ms]);
  /** @type {Map<string, number[]>} the browser's CPU ms over the same pastes */
  const cpus = new Map();
  /** Times a paste: wall ms in the page, and the browser's CPU over it. */
  const timed = async (key, page, line, ctrlMs) => {
    const c0 = browserCPU();
    add(key, await pasteTimed(page, line, n, ctrlMs));
    cpus.set(key, [...(cpus.get(key) || []), browserCPU() - c0]);
  };
  const box = [];
  const apiFirst = [];
  const apiWarm = [];
  // Both programs gzipped ahead (gzipAhead), so that the first run does not
  // wait for the test server's gzip.
  if (PART !== 'visit') {
    for (const site of sites) {
      await gzipAhead(site.url);
    }
  }
  for (let i = 0; i < (PART === 'visit' ? 0 : RUNS); i++) {
    for (const site of sites) {
      const { context, page } = await visit(browser, site.url);
      await timed(`${site.name} first`, page, '81 05 48 65 6c 6c 6f\n', 0);
      await timed(`${site.name} second`, page, '82 05 77 6f 72 6c 64\n', 0);
      await context.close();
      if (!site.ctrl) continue;
      const c = await visit(browser, site.url);
      await timed(`${site.name} first, Ctrl ${CTRL_MS} ms before`, c.page, '81 05 48 65 6c 6c 6f\n', CTRL_MS);
      // The browser's own part: the same text put in a box styled as the
      // paste and drawn (the next frame: style, layout and paint), what a
      // page that shows the text it decodes pays.
      box.push(await c.page.evaluate(async (count) => {
        const el = document.createElement('textarea');
        el.className = 'paste';
        el.rows = 6;
        document.querySelector('.paste-wrap')?.after(el);
        const t0 = performance.now();
        el.value = '83 05 77 6f 72 6c 64\n'.repeat(count);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const ms = performance.now() - t0;
        el.remove();
        return ms;
      }, n));
      await c.context.close();
      // The decoder alone, through the API (2000 rows, as the page asks): the
      // first call of a visit finds the first program, which answers that the
      // paste needs the full one, fetched then (no paste event said it was
      // coming); then a second call.
      const fresh = await visit(browser, site.url);
      for (const into of [apiFirst, apiWarm]) {
        into.push(await fresh.page.evaluate(async (count) => {
          const text = '81 05 48 65 6c 6c 6f\n'.repeat(count);
          const t0 = performance.now();
          const r = await /** @type {any} */ (globalThis).wsframe.decode(text, { preview: 64, rows: 2000 });
          if ((r.totals ? r.totals.frames : r.frames.length) !== count) throw new Error('not every frame decoded');
          return performance.now() - t0;
        }, n));
      }
      await fresh.context.close();
    }
  }
  const all = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
  if (pastes.size) {
    console.log(`# bench: ${n} pasted frames (${(n * 21 / 1e6).toFixed(2)} MB of text), paste event to every frame listed, wall ms in the page ` +
      `(the full program, ${(fs.statSync(new URL('../web/wsframe-full.wasm', import.meta.url)).size / 1e6).toFixed(2)} MB, fetched and started on the first's way); load ${load()}`);
    for (const [key, xs] of pastes) {
      const cs = cpus.get(key) || [];
      console.log(`# bench:   ${key}: ${med(xs).toFixed(0)} ms wall (median of ${xs.length}: ${all(xs)}), the browser's CPU ${med(cs).toFixed(0)} ms (${all(cs)}; Ctrl's wait included)`);
    }
    if (pasteBase) {
      for (const what of ['first', 'second']) {
        const a = pastes.get(`this ${what}`) || [];
        const b = pastes.get(`BASE ${what}`) || [];
        const ca = cpus.get(`this ${what}`) || [];
        const cb = cpus.get(`BASE ${what}`) || [];
        console.log(`# bench:   ${what}, this / BASE per pair: wall ${a.map((x, j) => (x / b[j]).toFixed(2)).join(', ')}; CPU ${ca.map((x, j) => (x / cb[j]).toFixed(2)).join(', ')}`);
      }
    }
    console.log(`# bench: the browser drawing the same text in a box alone ${med(box).toFixed(0)} ms (median of ${box.length}: ${all(box)})`);
    console.log(`# bench: the same through wsframe.decode (2000 rows), the decoder alone: the first call of a visit ${med(apiFirst).toFixed(0)} ms ` +
      `(the first program answers that it needs the full one, fetched then), a second ${med(apiWarm).toFixed(0)} ms ` +
      `(median of ${RUNS}: ${all(apiFirst)}; ${all(apiWarm)}; load ${load()})`);
  }
} finally {
  await browser.close();
  await server.close();
  for (const v of visits) await v.server.close();
  await pasteBase?.close();
}
