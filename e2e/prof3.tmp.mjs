import { openCapture, withPage } from './benchkit.js';
await withPage('prof3', async (context, url) => {
  const inc = new Map(), self = new Map();
  for (let run = 0; run < 4; run++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await openCapture(page, url, '/tmp/wsframe-bench.pcap', async () => {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
    });
    const { profile: p } = await cdp.send('Profiler.stop');
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map(); for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
    const key = (f) => `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    const ROOT = process.env.ROOTFN || 'showResult';
    for (let i = 0; i < p.samples.length; i++) {
      const st = []; for (let a = p.samples[i]; a !== undefined; a = parent.get(a)) st.push(byId.get(a).callFrame);
      if (!st.some((f) => f.functionName === ROOT)) continue;
      const d = (p.timeDeltas[i + 1] || 0) / 1000 / 4;
      self.set(key(st[0]), (self.get(key(st[0])) || 0) + d);
      for (const k of new Set(st.map(key))) inc.set(k, (inc.get(k) || 0) + d);
    }
    await page.close();
  }
  console.log(' incl:', [...inc].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(2)} ${k}`).join('\n   '));
  console.log(' self:', [...self].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${v.toFixed(2)} ${k}`).join('\n   '));
});
