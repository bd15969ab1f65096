// bench-capture.mjs: the page reading a large capture, beside its peers on
// the same file in the same run. Run by `make bench-capture` with BENCH_FILE
// set to a capture made by tools/benchcapture (about 120 MB). Printed,
// not asserted; exits non-zero when the file does not load.
//
//   bare read  Chromium reading the file and nothing else (File.stream() to
//              the end, in the page): the floor the page can reach
//   page       the file chosen through the file input -> every frame counted
//              and the list drawn (a fresh page each run)
//   tshark     tshark -r FILE -Y websocket -T fields -e frame.number
//   Wiregasm   Wireshark compiled to wasm (@goodtools/wiregasm), under Node:
//              its start, then the file loaded and the websocket filter
//              (installed by this script in e2e/wiregasm/, never by make test)
//
// The page and the bare read are the median of RUNS (3) runs; tshark and
// Wiregasm, minutes long each, of PEER_RUNS (1). Each with the load average.
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
const fmt = (s) => `${s.toFixed(2)} s  ${(mb / s).toFixed(1).padStart(6)} MB/s`;

await withPage('bench-capture', async (context, url) => {
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
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(await page0.evaluate(async () => {
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
    }));
  }
  await page0.close();
  const bareS = med(bare);
  console.log(`bare read (File.stream() to the end):  ${fmt(bareS)}  (load ${load()})`);

  // The page: a fresh page (and worker) each run.
  const page = [];
  let frames = '';
  let status = '';
  let peak = 0;
  for (let i = 0; i < RUNS; i++) {
    const p = await context.newPage();
    p.on('pageerror', (e) => console.error('page error:', e.message));
    page.push(await openCapture(p, url, file, () => p.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.__peak = 0;
      w.__sampler = setInterval(() => {
        const m = /** @type {any} */ (performance).memory;
        if (m) w.__peak = Math.max(w.__peak, m.usedJSHeapSize);
      }, 50);
    })));
    status = (await p.textContent('#capture .status')) || '';
    frames = (await p.textContent('#frame-count')) || '';
    peak = Math.max(peak, await p.evaluate(() => { clearInterval(/** @type {any} */ (window).__sampler); return /** @type {any} */ (window).__peak; }));
    await p.close();
  }
  const pageS = med(page);
  console.log(`page (file chosen -> list drawn):      ${fmt(pageS)}  ${(pageS / bareS).toFixed(2)}x the bare read  (runs ${page.map((s) => s.toFixed(2)).join(', ')}; load ${load()})`);
  console.log(`page: ${frames} frames; ${status}; peak JS heap of the page ${peak ? `${(peak / 1e6).toFixed(1)} MB` : 'not available'}`);

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
