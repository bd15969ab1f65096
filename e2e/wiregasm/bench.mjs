// bench.mjs: Wiregasm (Wireshark 4 compiled to wasm, @goodtools/wiregasm)
// reading a capture under Node, the same V8 as the page's: its start, the
// load of the file (dissection of every packet) and the `websocket` display
// filter, timed. Run by e2e/bench-capture.mjs (make bench-capture), which
// installs this folder's package first; make test never does.
//
//	node e2e/wiregasm/bench.mjs FILE   -> one line of JSON
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = new URL('./node_modules/@goodtools/wiregasm/dist/', import.meta.url);
const loadWiregasm = require(new URL('wiregasm.js', dist).pathname);

const file = process.argv[2];
const t0 = performance.now();
const wg = await loadWiregasm({
  locateFile: (p, prefix) => (p.endsWith('.data') || p.endsWith('.wasm') ? new URL(p, dist).pathname : prefix + p),
  print: () => {}, printErr: () => {},
});
wg.init();
const t1 = performance.now();
wg.FS.writeFile('/uploads/bench.pcap', fs.readFileSync(file));
const sess = new wg.DissectSession('/uploads/bench.pcap');
const loaded = sess.load();
const t2 = performance.now();
if (loaded.code !== 0) throw new Error(`wiregasm could not load ${file}: code ${loaded.code}`);
const frames = sess.getFrames('websocket', 0, 0);
const t3 = performance.now();
const matched = frames.matched;
sess.delete();
console.log(JSON.stringify({ startMs: t1 - t0, loadMs: t2 - t1, filterMs: t3 - t2, websocket: matched }));
process.exit(0);
