import { openCapture, withPage } from './benchkit.js';
await withPage('prof2', async (context, url) => {
  for (let run = 0; run < 3; run++) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    const desc = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
    Object.defineProperty(Worker.prototype, 'onmessage', { set(fn) { desc.set.call(this, (ev) => { if (ev.data && ev.data.value && ev.data.value.input) { w.__reply = performance.now(); console.timeStamp('REPLY'); } fn.call(this, ev); }); }, get() { return desc.get.call(this); } });
  });
  const { s } = await openCapture(page, url, '/tmp/wsframe-bench.pcap', async () => {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  });
  const { profile: p } = await cdp.send('Profiler.stop');
  const m = await page.evaluate(() => { const w = /** @type {any} */ (window); return { reply: w.__reply, drawn: w.__drawn, origin: performance.timeOrigin }; });
  // profile times are in microseconds, monotonic; align by the last sample ≈ now. Use the REPLY: find sample where onmessage wrapper runs
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map(); for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
  let t = p.startTime; const times = p.timeDeltas.map((d) => (t += d));
  // window: first sample whose stack includes 'onmessage' in client.js after the profile's 60% mark with input reply... approximate: the window is [drawn - (drawn - reply)] in page time; map page time to profile time using the offset of the last sample
  const inc = new Map(), self = new Map();
  // find the index of the first sample with 'showResult' on stack
  const stack = (id) => { const out = []; for (let a = id; a !== undefined; a = parent.get(a)) out.push(byId.get(a).callFrame); return out; };
  let i0 = p.samples.findIndex((id) => stack(id).some((f) => f.functionName === 'showResult'));
  const t0 = times[i0] - 25000; const t1 = t0 + (m.drawn - m.reply) * 1000 + 5000;
  for (let i = 0; i < p.samples.length; i++) {
    if (times[i] < t0 || times[i] > t1) continue;
    const d = (p.timeDeltas[i + 1] || 0) / 1000;
    const st = stack(p.samples[i]);
    const key = (f) => `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key(st[0]), (self.get(key(st[0])) || 0) + d);
    for (const k of new Set(st.map(key))) inc.set(k, (inc.get(k) || 0) + d);
  }
  console.log('drawn', s.toFixed(3), 'tail', (m.drawn - m.reply).toFixed(0));
  console.log(' incl:', [...inc].sort((a, b) => b[1] - a[1]).slice(0, 22).map(([k, v]) => `${v.toFixed(1)} ${k}`).join('\n   '));
  console.log(' self:', [...self].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${v.toFixed(1)} ${k}`).join('\n   '));
  await page.close();
  }
});
