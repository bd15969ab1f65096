import { openCapture, withPage } from './benchkit.js';
await withPage('head', async (context, url) => {
  for (let i = 0; i < 4; i++) {
    const page = await context.newPage();
    const marks = [];
    page.on('console', (m) => { const t = m.text(); if (t.startsWith('MARK')) marks.push(t); });
    await page.addInitScript(() => {
      const w = /** @type {any} */ (window);
      const desc = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
      Object.defineProperty(Worker.prototype, 'onmessage', { set(fn) { desc.set.call(this, (ev) => { if (ev.data && ev.data.value && ev.data.value.input) w.__reply = performance.now(); fn.call(this, ev); }); }, get() { return desc.get.call(this); } });
    });
    const { s } = await openCapture(page, url, '/tmp/wsframe-bench.pcap');
    const m = await page.evaluate(() => { const w = /** @type {any} */ (window); return { o: performance.timeOrigin, chosen: w.__chosen, reply: w.__reply, drawn: w.__drawn }; });
    const rel = (abs) => (abs - m.o - m.chosen).toFixed(0);
    const ms = marks.filter((x) => !x.startsWith('MARK 0')).map((x) => { const [, , k, t] = x.split(' '); return `${k.replace(/:.*/, '')}@${rel(Number(t))}`; });
    console.log(s.toFixed(3), ms.filter((x, j) => j < 3 || j > ms.length - 5).join(' '), `reply@${(m.reply - m.chosen).toFixed(0)} drawn@${(m.drawn - m.chosen).toFixed(0)}`);
    await page.close();
  }
});
