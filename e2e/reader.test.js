// The reader's thread (web/reader.js) missing, as from a host that lost it
// or an old copy of the page: the worker reads the file's pieces itself,
// and lists every frame all the same (readahead.test.js reads through it).
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
