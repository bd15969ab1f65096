// bench-filter.mjs: the page's display filter on a large capture, timed.
// BENCH_FILE is a capture (tools/benchcapture -filter-text makes one of
// text frames). Opens it as bench-capture.mjs does (benchkit.js), then
// times each filter through wsframe.filter (Go's search and the worker's
// round trip, with the MB/s of the file), and one typed in the box, from
// Enter to the lists drawn with "n of total". Asserts nothing; exits
// non-zero when the file does not load.
import fs from 'node:fs';
import path from 'node:path';
import { benchFile, load, openCapture, withPage } from './benchkit.js';

const file = benchFile('bench-filter', 'go run ./tools/benchcapture -filter-text x makes one');
const filters = ['opcode == text and dir == server and fin and not rsv1', 'text contains "not in any message"', 'len > 125 and conn == 3'];
const size = fs.statSync(file).size;

await withPage('bench-filter', async (context, url) => {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await openCapture(page, url, file);
  const total = await page.textContent('#frame-count');
  console.log(`page: ${path.basename(file)}, ${(size / 1e6).toFixed(1)} MB, ${total} frames (load ${load()})`);
  for (const expr of filters) {
    // Go's answer through the page's API (wsframe.filter): the search
    // itself, with the worker round trip.
    const r = await page.evaluate(async (x) => {
      const t0 = performance.now();
      const a = await /** @type {any} */ (globalThis).wsframe.filter(x);
      return { ms: performance.now() - t0, n: a.frames.length };
    }, expr);
    const s = r.ms / 1000;
    console.log(`page: wsframe.filter(${expr}): ${r.n} frames in ${s.toFixed(2)} s (${(size / 1e6 / s).toFixed(1)} MB/s of the file)`);
  }
  // And typed in the box: from Enter to the lists drawn with the count.
  const expr = filters[0];
  await page.fill('[data-part=filter]', expr);
  const t0 = Date.now();
  await page.press('[data-part=filter]', 'Enter');
  await page.waitForFunction(() => / of /.test(document.querySelector('#frame-count')?.textContent || ''), null, { timeout: 600_000, polling: 20 });
  console.log(`page: typed ${expr}: ${await page.textContent('#frame-count')} drawn in ${((Date.now() - t0) / 1000).toFixed(2)} s (load ${load()})`);
});
