// bench-wasm.mjs: web/wsframe-full.wasm decoding a capture under Node, the
// worker's way (decodeStream), without a browser: the wasm's own cost per
// frame, to put beside the native decoder's and to profile
// (node --cpu-prof e2e/bench-wasm.mjs FILE). Printed, not asserted.
//
//	node e2e/bench-wasm.mjs /tmp/wsframe-bench.pcap [runs]
//
// On a shared machine the CPU time is the steadier figure; the first run
// also pays V8's tier-up of the wasm (Liftoff, then TurboFan), as the
// page's first file does.
//
// Two ways of handing the file over, as the worker has had them:
//   sync    read(offset, length) answered at once (FileReaderSync's shape)
//   ahead   options.next() answering a Promise of the next piece (the read-ahead),
//           the answer coming to options.done
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = process.argv[2];
const runs = Number(process.argv[3] || 3);
if (!file) { console.error('usage: node e2e/bench-wasm.mjs FILE [runs]'); process.exit(2); }
const wasm = process.env.WASM || new URL('../web/wsframe-full.wasm', import.meta.url);
require(new URL('../web/wasm_exec.js', import.meta.url).pathname);

const Go = /** @type {any} */ (globalThis).Go;
const go = new Go();
if (process.env.GOGC) go.env = { GOGC: process.env.GOGC }; // to try the collector's pace
const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasm), go.importObject);
go.run(instance);
const api = /** @type {any} */ (globalThis).wsframeGo;

const fd = fs.openSync(file, 'r');
const size = fs.fstatSync(fd).size;
const read = (off, len) => {
  const b = new Uint8Array(Math.min(len, size - off));
  fs.readSync(fd, b, 0, b.length, off);
  return b;
};
const PIECE = 4 << 20;
/** The file's pieces in order, each a Promise (the worker reads them the same way). */
function pieces() {
  let off = 0;
  return () => {
    const b = off < size ? read(off, PIECE) : new Uint8Array(0);
    off += b.length;
    return Promise.resolve(b);
  };
}

let progressCalls = 0;
const progress = () => { progressCalls++; };
for (const how of (process.env.HOW || 'sync,ahead').split(',')) {
  const times = [];
  const cpus = [];
  let frames = 0;
  for (let i = 0; i < runs; i++) {
    progressCalls = 0;
    const opts = { rows: Number(process.env.ROWS || 2000), preview: 64, progress, ...(how === 'ahead' ? { next: pieces() } : {}) };
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const out = JSON.parse(String(how === 'ahead'
      ? await new Promise((done) => { const now = api.decodeStream(read, size, { ...opts, done }); if (now) done(now); })
      : api.decodeStream(read, size, opts)));
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpus.push((c.user + c.system) / 1000);
    if (out.error) throw new Error(out.error.message);
    frames = out.totals ? out.totals.frames : out.frames.length;
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ms = med(times);
  const cpu = med(cpus);
  console.log(`wasm (${how}): ${(size / 1e6).toFixed(1)} MB, ${frames} frames in ${ms.toFixed(0)} ms (median of ${runs}), ` +
    `${(size / 1e3 / ms).toFixed(1)} MB/s, ${(ms * 1e6 / frames).toFixed(0)} ns a frame; CPU ${cpu.toFixed(0)} ms, ` +
    `${(cpu * 1e6 / frames).toFixed(0)} cpu-ns a frame (all of node's threads: V8's compiler too; fastest ${(Math.min(...cpus) * 1e6 / frames).toFixed(0)}); ${progressCalls} progress calls`);
}
process.exit(0);
