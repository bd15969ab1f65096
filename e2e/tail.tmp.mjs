import { openCapture, withPage } from './benchkit.js';
const base = process.env.BASE;
await withPage('tail', async (context, url, more) => {
  for (let i = 0; i < Number(process.env.N || 4); i++) for (const u of base ? [url, more.base] : [url]) {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = /** @type {any} */ (window);
      w.__marks = [];
      const raf = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (fn) => { w.__marks.push(['raf', performance.now(), performance.now()]); return raf((t) => { const a = performance.now(); fn(t); w.__marks.push(['rafcb', a, performance.now()]); }); };
      const orig = Worker.prototype.addEventListener;
      const desc = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
      Object.defineProperty(Worker.prototype, 'onmessage', { set(fn) { desc.set.call(this, (ev) => { const a = performance.now(); fn.call(this, ev); const b = performance.now(); if (ev.data && (ev.data.value && ev.data.value.input || ev.data.value && ev.data.value.frame)) w.__marks.push([ev.data.value.input ? 'reply' : 'detail', a, b]); }); }, get() { return desc.get.call(this); } });
    });
    const { s } = await openCapture(page, u, '/tmp/wsframe-bench.pcap');
    const m = await page.evaluate(() => { const w = /** @type {any} */ (window); return { chosen: w.__chosen, drawn: w.__drawn, marks: w.__marks.filter((x) => x[1] > w.__chosen) }; });
    const rel = (t) => (t - m.chosen).toFixed(0);
    console.log(u === url ? 'page' : 'BASE', s.toFixed(3), m.marks.map(([k, a, b]) => `${k} ${rel(a)}+${(b - a).toFixed(0)}`).join(', '), 'drawn', rel(m.drawn));
    await page.close();
  }
});
