// bench-capture.mjs: the page reading a large capture, beside its peers on
// the same file in the same run. Run by `make bench-capture` with BENCH_FILE
// set to a capture made by tools/benchcapture (about 120 MB). Printed,
// not asserted; exits non-zero when the file does not load.
//
//   bare read  Chromium reading the file and nothing else (File.stream() to
//              the end, in the page): the floor the page can reach
//   page       the file chosen through the file input -> every frame counted
//              and the list drawn (a fresh page each run), on the page's own
//              clock (its change event to the frame the list is drawn in),
//              and as this script sees it (with the browser protocol's trips)
//   tshark     tshark -r FILE -Y websocket -T fields -e frame.number
//   Wiregasm   Wireshark compiled to wasm (@goodtools/wiregasm), under Node:
//              its start, then the file loaded and the websocket filter
//              (installed by this script in e2e/wiregasm/, never by make test)
//
// The page and the bare read are the median of RUNS (3) runs; tshark and
// Wiregasm, minutes long each, of PEER_RUNS (1). Each with the load average.
// BASE=folder (main's site/ folder, built) opens that page too, in turn with
// this one, and prints the two pair by pair: wall time and the browser's
// CPU time (all its processes, from the file chosen to the list drawn).
// THREADS=1 prints, for each open, where that CPU went: per process type
// and thread (the browser's file IO and IPC, the page's main thread, the
// decoder's worker and the reader's, V8's background compilers and GC).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, execSync } from 'node:child_process';
import { benchFile, load, openCapture, withPage } from './benchkit.js';

const file = benchFile('bench-capture', 'make bench-capture makes one');
const RUNS = Number(process.env.RUNS || 3);
const PEER_RUNS = Number(process.env.PEER_RUNS || 1);
const PEERS = process.env.PEERS !== '0'; // PEERS=0: the page and the bare read only (a 1 GB file)
const size = fs.statSync(file).size;
const mb = size / 1e6;
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * The CPU seconds each thread spent between two threadSeconds snapshots,
 * its tid dropped, the threads of a kind summed; the page's dedicated
 * workers each alone, in the order they started (the decoder's first,
 * then the reader's), with the seconds they waited for a CPU beside.
 * @param {Map<string, [number, number]>} a @param {Map<string, [number, number]>} b
 */
function byThread(a, b) {
  /** @type {Map<string, number>} */
  const out = new Map();
  /** @type {[number, number, number][]} */
  const workers = [];
  for (const [k, [c, w]] of b) {
    const [c0, w0] = a.get(k) || [0, 0];
    if (c - c0 <= 0) continue;
    const name = k.slice(0, k.lastIndexOf('/'));
    if (name === 'renderer/DedicatedWorker') workers.push([Number(k.slice(k.lastIndexOf('/') + 1)), c - c0, w - w0]);
    else out.set(name, (out.get(name) || 0) + c - c0);
  }
  workers.sort((x, y) => x[0] - y[0]).forEach(([, c, w], i) => { out.set(`worker #${i + 1}`, c); out.set(`worker #${i + 1} waiting for a CPU`, w); });
  return out;
}
const fmt = (s) => `${s.toFixed(2)} s  ${(mb / s).toFixed(1).padStart(6)} MB/s`;

await withPage('bench-capture', async (context, url, { base, cpu, threads }) => {
  console.log(`file: ${path.basename(file)}, ${mb.toFixed(1)} MB`);

  // The bare read: the same file, read to the end in the page.
  const page0 = await context.newPage();
  await page0.goto(url);
  await page0.evaluate(() => {
    const i = document.createElement('input');
    i.type = 'file';
    i.id = 'bench-bare';
    i.hidden = true;
    document.body.append(i);
  });
  await page0.setInputFiles('#bench-bare', file);
  const bareRead = () => page0.evaluate(async () => {
    const f = /** @type {HTMLInputElement} */ (document.querySelector('#bench-bare')).files[0];
    const t0 = performance.now();
    const r = f.stream().getReader();
    let n = 0;
    for (;;) {
      const { done, value } = await r.read();
      if (done) break;
      n += value.length;
    }
    if (n !== f.size) throw new Error(`read ${n} of ${f.size} bytes`);
    return (performance.now() - t0) / 1000;
  });

  /**
   * The page at u: a fresh page (and worker), the file chosen -> list drawn,
   * in seconds of wall time and of the browser's CPU (all its processes).
   * @param {string} u
   */
  const openPage = async (u) => {
    const p = await context.newPage();
    p.on('pageerror', (e) => console.error('page error:', e.message));
    let cpu0 = 0;
    /** @type {Map<string, [number, number]>} */
    let t0 = new Map();
    const { s, outer } = await openCapture(p, u, file, () => p.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__peak = 0;
      w.__sampler = setInterval(() => {
        const m = /** @type {any} */ (performance).memory;
        if (m) w.__peak = Math.max(w.__peak, m.usedJSHeapSize);
      }, 50);
    }).then(() => { cpu0 = cpu(); t0 = threads(); }));
    const c = cpu() - cpu0;
    const split = byThread(t0, threads());
    const status = (await p.textContent('#capture .status')) || '';
    const frames = (await p.textContent('#frame-count')) || '';
    const peak = await p.evaluate(() => { clearInterval(/** @type {any} */ (window).__sampler); return /** @type {any} */ (window).__peak; });
    await p.close();
    return { s, outer, cpu: c, split, status, frames, peak, worker: Number((/ in (\d+) ms/.exec(status) || [])[1]) };
  };

  // Each run: the bare read, then the page, and with BASE (main's site/
  // folder, built) the base page too, in turn first and second, so that
  // each pair is measured in the same minute of a shared machine.
  const bare = [];
  /** @type {Map<string, number>[]} */
  const bareSplit = [];
  /** @type {Awaited<ReturnType<typeof openPage>>[]} */
  const page = [];
  /** @type {Awaited<ReturnType<typeof openPage>>[]} */
  const other = [];
  /** The browser's CPU seconds for each bare read. @type {number[]} */
  const bareCPU = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = threads();
    bare.push(await bareRead());
    // Summed over the threads: a page closed before may end meanwhile
    // (its process's time leaving cpu()'s sum).
    const split = byThread(t0, threads());
    bareCPU.push([...split].filter(([k]) => !k.endsWith('for a CPU')).reduce((a, [, v]) => a + v, 0));
    if (process.env.THREADS === '1') bareSplit.push(split);
    if (base && i % 2) other.push(await openPage(base));
    page.push(await openPage(url));
    if (base && !(i % 2)) other.push(await openPage(base));
  }
  await page0.close();
  const bareS = med(bare);
  console.log(`bare read (File.stream() to the end):  ${fmt(bareS)}  (runs ${bare.map((s) => s.toFixed(2)).join(', ')}; browser CPU median ${med(bareCPU).toFixed(2)} s; load ${load()})`);
  bareSplit.forEach((r, i) => console.log(`  bare read run ${i + 1}, CPU by thread (s): ${[...r].filter(([, v]) => v >= 0.01).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`));
  const line = (name, rs) => {
    const s = med(rs.map((r) => r.s));
    console.log(`${name} (file chosen -> list drawn):${' '.repeat(Math.max(1, 14 - name.length))}${fmt(s)}  ${(s / bareS).toFixed(2)}x the bare read  ` +
      `(runs ${rs.map((r) => r.s.toFixed(2)).join(', ')}; seen from outside the page, median ${med(rs.map((r) => r.outer)).toFixed(2)} s; browser CPU median ${med(rs.map((r) => r.cpu)).toFixed(2)} s; worker's decode median ${med(rs.map((r) => r.worker))} ms; load ${load()})`);
    if (process.env.THREADS === '1') {
      rs.forEach((r, i) => console.log(`  ${name} run ${i + 1}, CPU by thread (s): ${[...r.split].filter(([, v]) => v >= 0.01).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`));
    }
    return s;
  };
  const pageS = line('page', page);
  const last = page[page.length - 1];
  console.log(`page: ${last.frames} frames; ${last.status}; peak JS heap of the page ${last.peak ? `${(last.peak / 1e6).toFixed(1)} MB` : 'not available'}`);
  if (base) {
    line('BASE', other);
    console.log(`page / BASE, pair by pair: wall ${page.map((r, i) => (r.s / other[i].s).toFixed(2)).join(', ')}; browser CPU ${page.map((r, i) => (r.cpu / other[i].cpu).toFixed(2)).join(', ')}`);
  }

  if (PEERS) {
    try {
      const tshark = [];
      let n = 0;
      for (let i = 0; i < PEER_RUNS; i++) {
        const t0 = performance.now();
        const out = execFileSync('tshark', ['-r', file, '-Y', 'websocket', '-T', 'fields', '-e', 'frame.number'], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
        tshark.push((performance.now() - t0) / 1000);
        n = out.toString().split('\n').filter(Boolean).length;
      }
      const s = med(tshark);
      console.log(`tshark -Y websocket -T fields:         ${fmt(s)}  ${n} packets; the page is ${(s / pageS).toFixed(2)}x as fast  (load ${load()})`);
    } catch (e) {
      console.log(`tshark: not run (${e.message.split('\n')[0]}); apt-get install tshark`);
    }

    const wg = new URL('./wiregasm/', import.meta.url);
    if (!fs.existsSync(new URL('node_modules/@goodtools/wiregasm', wg))) {
      execSync('npm ci --no-audit --no-fund --loglevel=error', { cwd: wg, stdio: 'inherit' });
    }
    const runs = [];
    for (let i = 0; i < PEER_RUNS; i++) {
      const out = execFileSync(process.execPath, [new URL('bench.mjs', wg).pathname, file], { maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      runs.push(JSON.parse(out.trim().split('\n').pop()));
    }
    const m = (k) => med(runs.map((r) => r[k])) / 1000;
    const w = m('loadMs') + m('filterMs');
    console.log(`Wiregasm 1.9.1 (Node): start ${m('startMs').toFixed(2)} s, load ${m('loadMs').toFixed(2)} s + websocket filter ${m('filterMs').toFixed(2)} s = ` +
      `${fmt(w)}  ${runs[0].websocket} packets; the page is ${(w / pageS).toFixed(1)}x as fast  (load ${load()})`);
  }
});
