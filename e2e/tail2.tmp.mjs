import { openCapture, withPage } from './benchkit.js';
await withPage('tail2', async (context, url) => {
  for (let i = 0; i < 4; i++) {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = /** @type {any} */ (window);
      const desc = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
      Object.defineProperty(Worker.prototype, 'onmessage', { set(fn) { desc.set.call(this, (ev) => { if (ev.data && ev.data.value && ev.data.value.input) w.__reply = performance.now(); fn.call(this, ev); }); }, get() { return desc.get.call(this); } });
    });
    const { s } = await openCapture(page, url, '/tmp/wsframe-bench.pcap');
    const m = await page.evaluate(() => { const w = /** @type {any} */ (window); return { reply: w.__reply, drawn: w.__drawn, T: w.__T }; });
    console.log(s.toFixed(3), 'reply→', m.T.map(([k, t]) => `${k} ${(t - m.reply).toFixed(1)}`).join(', '), 'drawn', (m.drawn - m.reply).toFixed(1));
    await page.close();
  }
});
