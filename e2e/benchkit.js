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

/** What a person takes to pick a file in the dialog, after the warm-up (ms). */
const PICK_MS = Number(process.env.PICK_MS || 1000);

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
 * The CPU seconds (user and system) spent so far by the browser started on
 * the profile folder dir (the process whose command line names it) and by
 * every process under it. 0 where /proc is not there.
 * @param {string} dir
 */
function cpuSeconds(dir) {
  /** @type {Map<number, {parent: number, ticks: number, ours: boolean}>} */
  const procs = new Map();
  let names = [];
  try { names = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)); } catch { return 0; }
  for (const pid of names) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // ppid, then utime and stime (fields 4, 14 and 15 of proc(5))
      procs.set(Number(pid), { parent: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), ours: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir) });
    } catch { /* a process that ended meanwhile */ }
  }
  const ours = (/** @type {number} */ pid) => {
    for (let p = procs.get(pid), n = 0; p && n < 64; p = procs.get(p.parent), n++) if (p.ours) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, p] of procs) if (ours(pid)) ticks += p.ticks;
  return ticks / 100; // USER_HZ
}

/**
 * The CPU seconds so far of each thread of the browser started on the
 * profile folder dir, and the seconds it waited for a CPU when it could
 * have run (its run queue's wait: a thread starved on a busy machine),
 * keyed "process type/thread name/tid" (the process
 * type from its command line, "browser" for the one without; the thread's
 * name as Linux keeps it, 15 characters), for where the browser's CPU goes.
 * Empty where /proc is not there.
 * @param {string} dir @returns {Map<string, [number, number]>}
 */
function threadSeconds(dir) {
  /** @type {Map<string, [number, number]>} */
  const out = new Map();
  let names = [];
  try { names = fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)); } catch { return out; }
  for (const pid of names) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(dir)) continue;
      const type = (/--type=([\w-]+)/.exec(cmd) || [])[1] || 'browser';
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // schedstat: ns on a CPU, ns waiting on a run queue for one
        const sched = fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
        out.set(`${type}/${name}/${tid}`, [(Number(f[11]) + Number(f[12])) / 100, (sched[1] || 0) / 1e9]);
      }
    } catch { /* a process or thread that ended meanwhile */ }
  }
  return out;
}

/**
 * Runs fn with a fresh persistent browser context on the page's server,
 * then closes both and exits: 0, or 1 when fn threw (its message printed).
 * With BASE set to another web/ folder (main's, built), fn is also given
 * a server of that folder (base), for runs paired with it; cpu(), the
 * browser's CPU seconds so far (all its processes), and threads(), the
 * same per thread (threadSeconds).
 * @param {string} name @param {(context: import('playwright-core').BrowserContext, url: string, more: {base: string, cpu: () => number, threads: () => Map<string, [number, number]>}) => Promise<void>} fn
 */
export async function withPage(name, fn) {
  const server = await start();
  const baseServer = process.env.BASE ? await start({ root: path.resolve(process.env.BASE) }) : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-bench-'));
  let context;
  let code = 0;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM, headless: true, timeout: 30_000, viewport: { width: 1280, height: 800 },
      args: [...ARGS, '--enable-precise-memory-info'],
    });
    await fn(context, server.url, { base: baseServer ? baseServer.url : '', cpu: () => cpuSeconds(dir), threads: () => threadSeconds(dir) });
  } catch (e) {
    console.error(`${name}: ${e.message}`);
    code = 1;
  } finally {
    await context?.close().catch(() => {});
    await server.close();
    await baseServer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(code);
}

/**
 * Opens the page, chooses file in the capture tab and waits for every frame
 * counted and the list drawn; returns the seconds from the file chosen to
 * then: s, as the page saw it (its change event to the frame the list was
 * first seen drawn in), and outer, as this script saw it (its call to
 * choose the file to its poll seeing the list, 50 ms apart, with the
 * browser protocol's round trips). The capture tab fetches, starts and
 * warms up the full program (prefetch): a person takes longer to pick a
 * file than that takes, so the clock starts once it is done (its download
 * is not on this path, as the issue asks).
 * @param {import('playwright-core').Page} p @param {string} url @param {string} file @param {() => Promise<void>} [before] run just before the file is chosen
 * @returns {Promise<{s: number, outer: number}>}
 */
export async function openCapture(p, url, file, before) {
  await p.goto(url);
  await p.waitForSelector('svg.diagram', { timeout: 30_000 });
  await p.evaluate(() => /** @type {any} */ (globalThis).wsframe.ready());
  await p.click('#mode-capture');
  await p.waitForFunction(() => /** @type {any} */ (globalThis).wsframe.full, null, { timeout: 60_000 });
  // and its warm-up over, which a person picking a file leaves it time for
  // (a call made now would go first, and cut it short); a page from before
  // it said so (BASE) is given the 2 s a person takes.
  if (await p.evaluate(() => 'warmed' in /** @type {any} */ (globalThis).wsframe)) {
    await p.waitForFunction(() => /** @type {any} */ (globalThis).wsframe.warmed, null, { timeout: 60_000 });
  } else await p.waitForTimeout(2000);
  // and V8's optimizing compiler done with what the warm-up ran.
  await p.waitForTimeout(PICK_MS);
  await before?.();
  // The page's own clock: the file input's change (seen first, on the
  // window, capturing), then each frame drawn until the list is there.
  await p.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__chosen = 0;
    w.__drawn = 0;
    window.addEventListener('change', () => { w.__chosen = performance.now(); }, { capture: true, once: true });
    const done = () => {
      const st = document.querySelector('#capture .status')?.textContent || '';
      return /Could not read/.test(st) || (!document.body.dataset.loading && /frames? in \d+ ms/.test(st) && document.querySelector('#frames [role=option]') !== null);
    };
    // Looked at when the page changes, not at every frame: a loop of
    // requestAnimationFrame would have the page draw 60 frames a second
    // while the file is read, on the cores the decode needs.
    const seen = new MutationObserver(() => {
      if (!w.__chosen || !done()) return;
      seen.disconnect();
      requestAnimationFrame(() => { w.__drawn = performance.now(); });
    });
    seen.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-loading'] });
  });
  const chosen = Date.now();
  await p.setInputFiles('#capture-file', file);
  await p.waitForFunction(() => /** @type {any} */ (window).__drawn > 0, null, { timeout: 600_000, polling: 50 });
  const outer = (Date.now() - chosen) / 1000;
  const s = await p.evaluate(() => { const w = /** @type {any} */ (window); return (w.__drawn - w.__chosen) / 1000; });
  const status = (await p.textContent('#capture .status')) || '';
  if (/Could not read/.test(status)) throw new Error(status);
  return { s, outer };
}
