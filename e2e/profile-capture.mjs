// profile-capture.mjs: Chromium's CPU profile of the page's worker while it
// reads a capture, opened as the benches open it (benchkit.js), written to
// a .cpuprofile (DevTools opens it) with a timeline printed: per 100 ms,
// where the worker was (the file's decode, the summary, waiting ...). For
// the wasm's function names, build it with them (without -s -w):
//
//   GOOS=js GOARCH=wasm go build -tags full -o web/wsframe-full.wasm ./wasm
//   BENCH_FILE=/tmp/wsframe-bench.pcap node e2e/profile-capture.mjs [out.cpuprofile]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchFile, openCapture, withPage } from './benchkit.js';

const file = benchFile('profile-capture', 'make bench-capture makes one');
const out = process.argv[2] || path.join(os.tmpdir(), 'wsframe-worker.cpuprofile');

/** Per 100 ms of the profile, the parts the worker spent it in. */
function timeline(p) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const parts = ['(idle)', '(garbage collector)', 'main.summary', 'readPcap', 'loadFull', 'replyOf', 'postMessage'];
  const part = (id) => {
    const chain = [];
    for (let at = id; at !== undefined; at = parent.get(at)) chain.push(byId.get(at).callFrame.functionName);
    return parts.find((k) => chain.some((f) => f.includes(k))) || chain[0] || '?';
  };
  const W = 100_000;
  /** @type {Map<string, number>[]} */
  const rows = [];
  let t = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    const row = (rows[Math.floor(t / W)] ||= new Map());
    const k = part(p.samples[i]);
    row.set(k, (row.get(k) || 0) + (p.timeDeltas[i + 1] || 0));
  }
  rows.forEach((row, i) => console.log(`${String(i * 100).padStart(6)} ms  ${[...(row || [])].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(', ')}`));
}

await withPage('profile-capture', async (context, url) => {
  const page = await context.newPage();
  // The worker's own session, through the page's (Target.sendMessageToTarget).
  const cdp = await context.newCDPSession(page);
  let seq = 0;
  /** @type {Map<number, (v: any) => void>} */
  const waiting = new Map();
  let worker = '';
  cdp.on('Target.receivedMessageFromTarget', (ev) => {
    const m = JSON.parse(ev.message);
    if (m.id && waiting.has(m.id)) { waiting.get(m.id)(m.result ?? m.error); waiting.delete(m.id); }
  });
  cdp.on('Target.attachedToTarget', (ev) => { if (ev.targetInfo.type === 'worker') worker = ev.sessionId; });
  const send = (method, params = {}) => new Promise((ok) => {
    const id = ++seq;
    waiting.set(id, ok);
    cdp.send('Target.sendMessageToTarget', { sessionId: worker, message: JSON.stringify({ id, method, params }) });
  });
  const { s } = await openCapture(page, url, file, async () => {
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    if (!worker) throw new Error('no worker to profile');
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 200 });
    await send('Profiler.start');
  });
  const { profile } = await send('Profiler.stop');
  fs.writeFileSync(out, JSON.stringify(profile));
  console.log(`${await page.textContent('#capture .status')}\nfile chosen -> list drawn ${s.toFixed(2)} s; the worker's profile in ${out}`);
  timeline(profile);
});
