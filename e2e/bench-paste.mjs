// bench-paste.mjs: a wasm program decoding many pasted frames under Node,
// as the worker calls it (decode(text, {preview: 64, rows: 200}): the lists'
// first block, which the page asks with a paste over pasteWhole; ROWS=n
// another count), without a browser: printed, not asserted. The first call also pays V8's
// compilation of the program; CPU time is the steadier figure on a shared
// machine. Profile with node --cpu-prof on a build with names.
//
//	node e2e/bench-paste.mjs [frames] [runs]            the full program (a paste over 256 KiB goes through its index)
//	WASM=web/wsframe.wasm node e2e/bench-paste.mjs ...  the first program (which hands such a paste to the full one)
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require(new URL('../web/wasm_exec.js', import.meta.url).pathname);
const wasm = process.env.WASM || new URL('../web/wsframe-full.wasm', import.meta.url);
const Go = /** @type {any} */ (globalThis).Go;
const go = new Go();
const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasm), go.importObject);
go.run(instance);
const api = /** @type {any} */ (globalThis).wsframeGo;

const n = Number(process.argv[2] || 50_000);
const runs = Number(process.argv[3] || 4);
const rows = Number(process.env.ROWS || 200);
const text = '81 05 48 65 6c 6c 6f\n'.repeat(n);
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = JSON.parse(String(api.decode(text, { preview: 64, rows })));
  const c = process.cpuUsage(c0);
  if (out.error) {
    console.log(`run ${i + 1}: ${out.error.message}${out.error.needs ? ` (needs ${out.error.needs})` : ''}`);
    break;
  }
  const frames = out.totals ? out.totals.frames : out.frames.length;
  console.log(`run ${i + 1}: ${frames} pasted frames (${(text.length / 1e6).toFixed(2)} MB of text) in ${(performance.now() - t0).toFixed(0)} ms, ` +
    `CPU ${((c.user + c.system) / 1000).toFixed(0)} ms (all of node's threads: V8's compiler too)`);
}
process.exit(0);
