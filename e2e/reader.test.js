// What a file's read needs, ready or not: the reader's thread
// (web/reader.js) missing, as from a host that lost it or an old copy of
// the page, the worker reads the file's pieces itself and lists every frame
// all the same (readahead.test.js reads through it); the full program's
// words loaded with it at the capture tab, before a file is chosen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, assert, generatedCapture } from './harness.js';

const it = suite(import.meta.url, { missing: ['/reader.js'] });
const N = 450_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-reader-'));
const FILE = generatedCapture(path.join(dir, 'reader.pcap'), N);
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

it('reads the file in the worker when its reader cannot start', async (page) => {
  assert.ok(fs.statSync(FILE).size > 2 * (8 << 20), 'the file spans several pieces');
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', FILE);
  await page.waitForFunction((n) => document.querySelector('#frame-count')?.textContent === String(n), N, { timeout: 120_000 });
  assert.ok(page.server.requests.includes('/reader.js'), 'the worker asked for its reader');
  const last = await page.evaluate((n) => /** @type {any} */ (globalThis).wsframe.rows('frames', n - 1, 1, { preview: 64 }), N);
  assert.equal(last.length, 1);
  assert.equal(last[0].index, N - 1);
  assert.match(await page.textContent('#capture .status') || '', new RegExp(`${N.toLocaleString('en')} frames|${N} frames`));
}, { timeout: 180_000 });

it('has the full program and its words before a file is chosen', async (page) => {
  // The capture tab: the full program is fetched and started, and the
  // words of its answers come with it, not on the first file's path.
  const full = () => page.rec.requests.filter((/** @type {string} */ u) => u.endsWith('/i18n/full/en.js')).length;
  assert.equal(full(), 0, 'a visit alone loads no full words');
  await page.click('#mode-capture');
  await page.waitForFunction(() => /** @type {any} */ (globalThis).wsframe.full, null, { timeout: 60_000 });
  for (let i = 0; i < 100 && !full(); i++) await page.waitForTimeout(50);
  assert.equal(full(), 1, 'the full words, once');
});
