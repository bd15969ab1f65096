// A large capture: 200,000 frames in a generated pcap (about 10 MB). The
// worker reads the file in pieces with a progress bar; the lists hold only
// the rows near the view and fetch the others as they scroll or jump (End);
// opening another file meanwhile replaces the first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, assert, generatedCapture } from './harness.js';

const it = suite(import.meta.url);
const N = 200_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-large-'));
const BIG = path.join(dir, 'big.pcap');
generatedCapture(BIG, N);
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const F = new URL('../testdata/captures/f-ws-ws-3conns-any-sll2.pcap', import.meta.url).pathname;

/** Records what the progress bar shows while the file is read. */
const watchProgress = (page) => page.evaluate(() => {
  const bar = /** @type {HTMLProgressElement} */ (document.querySelector('#capture-progress'));
  const seen = /** @type {any} */ (window).__progress = [];
  new MutationObserver(() => {
    if (!bar.hidden) seen.push({ value: bar.getAttribute('value'), max: bar.max, status: document.querySelector('#capture .status')?.textContent });
  }).observe(bar, { attributes: true });
});

it('reads a large capture with progress and jumps to its last frame', async (page) => {
  await page.click('#mode-capture');
  await watchProgress(page);
  const t0 = Date.now();
  await page.setInputFiles('#capture-file', BIG);
  await page.waitForFunction((n) => document.querySelector('#frame-count')?.textContent === String(n), N, { timeout: 30_000 });
  console.log(`# ${N} frames (${(fs.statSync(BIG).size / 1e6).toFixed(1)} MB) read and listed in ${Date.now() - t0} ms`);
  const seen = await page.evaluate(() => /** @type {any} */ (window).__progress);
  const partial = seen.filter((s) => s.value && Number(s.value) > 0 && Number(s.value) < s.max);
  assert.ok(partial.length >= 1, `progress shown part way: ${JSON.stringify(seen.slice(0, 5))}`);
  assert.ok(seen.some((s) => /Reading and decoding big\.pcap: .* of .* MiB/.test(s.status)), 'status says how far');
  // Read to the end, the bar stays full while Go lists the file: never
  // indeterminate, which Chromium draws again at every frame.
  assert.ok(seen.every((s) => s.value !== null), `the bar always has a value: ${JSON.stringify(seen.filter((s) => s.value === null).slice(0, 2))}`);
  assert.ok(seen.some((s) => Number(s.value) === s.max), `the bar full once the file is read: ${JSON.stringify(seen.slice(-2))}`);
  assert.ok(await page.isHidden('#capture-progress'), 'the bar goes when done');
  assert.match(await page.textContent('#capture .status'), /200000 frames/);

  const rows = await page.locator('#frames [role=option]').count();
  assert.ok(rows > 0 && rows < 100, `${rows} rows in the DOM`);
  assert.equal(await page.getAttribute('#frames [role=option][data-i="0"]', 'aria-setsize'), String(N));

  await page.focus('#frames');
  await page.keyboard.press('End');
  await page.waitForSelector(`#frames [role=option][data-i="${N - 1}"][aria-selected="true"]`);
  await page.waitForSelector(`svg.diagram[aria-label^="Frame ${N - 1}"]`);
  await page.waitForFunction((i) => /frame \d+/.test(document.querySelector(`#frames [role=option][data-i="${i}"]`)?.textContent || ''), N - 2);
  assert.match(await page.textContent(`#frames [role=option][data-i="${N - 2}"]`), new RegExp(`frame ${N - 2}`));
  assert.match(await page.textContent('#frame-head'), /65536 bytes/);
  // The middle, by scrolling: its rows arrive from the worker.
  await page.evaluate(() => { const l = /** @type {HTMLElement} */ (document.querySelector('#frames')); l.scrollTop = l.scrollHeight / 2; });
  await page.waitForFunction(() => [...document.querySelectorAll('#frames [role=option]')].some((r) => /frame 9\d{4}\b|frame 10\d{4}\b/.test(r.textContent || '')));
  assert.ok(await page.locator('#frames [role=option]').count() < 100);
  await page.keyboard.press('ArrowUp');
  await page.waitForSelector(`svg.diagram[aria-label^="Frame ${N - 2}"]`);
  // A jump by number.
  await page.fill('#goto', '123457');
  await page.press('#goto', 'Enter');
  await page.waitForSelector('#frames [role=option][data-i="123457"][aria-selected="true"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 123457"]');
  await page.waitForFunction(() => /frame 123457/.test(document.querySelector('#frames [data-i="123457"]')?.textContent || ''));
}, { timeout: 60_000 });

it('a second file opened while the first is read replaces it', async (page) => {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', BIG);
  await page.waitForSelector('#capture-progress:not([hidden])');
  await page.setInputFiles('#capture-file', F);
  await page.waitForSelector('.conns .conn[data-conn="2"]', { timeout: 20_000 });
  assert.equal(await page.textContent('#frame-count'), '24');
  assert.match(await page.textContent('#capture .status'), /f-ws-ws-3conns/);
  // Nothing of the first file arrives later.
  await page.waitForTimeout(1500);
  assert.equal(await page.textContent('#frame-count'), '24');
  assert.match(await page.textContent('#capture .status'), /f-ws-ws-3conns/);
}, { timeout: 45_000 });
