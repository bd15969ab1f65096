import { suite, paste } from './harness.js';
const it = suite(import.meta.url);
it('paste speed', async (page) => {
  const text = '81 05 48 65 6c 6c 6f\n'.repeat(50000);
  for (let k = 0; k < 2; k++) {
    const api = await page.evaluate(async (t) => { const t0 = performance.now(); const r = await wsframe.decode(t, { preview: 256, rows: 200 }); return [performance.now() - t0, r.totals, r.frames.length]; }, text);
    console.log('api decode', JSON.stringify(api));
    const t0 = Date.now();
    await paste(page, text + (k ? '' : ' '));
    console.log('paste to list', Date.now() - t0, await page.textContent('#frame-count'));
  }
}, { timeout: 120000 });
