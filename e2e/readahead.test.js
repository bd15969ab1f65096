// The read-ahead: a capture opened in the page is read in order in 8 MiB
// pieces (three at a time, Blob.arrayBuffer, on the reader's thread:
// web/reader.js) while Go decodes the piece before (web/worker.js,
// wasm/full_js.go); without a reader, the worker reads them itself. A file of several pieces lists the
// same frames and messages as the same bytes handed over whole
// (decodeCapture), at the start, across the pieces' boundaries and at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, assert, generatedCapture } from './harness.js';

const it = suite(import.meta.url);
const N = 600_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-ahead-'));
const BIG = generatedCapture(path.join(dir, 'ahead.pcap'), N);
const SMALL_N = 20_000;
const SMALL = generatedCapture(path.join(dir, 'small.pcap'), SMALL_N);
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

it('lists what the whole bytes list', async (page) => {
  const size = fs.statSync(BIG).size;
  assert.ok(size > 3 * (8 << 20), `the file spans several pieces: ${size} bytes`);
  // The same file, for the whole read (the page clears its own input).
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { type: 'file', id: 'whole', hidden: true })));
  await page.setInputFiles('#whole', BIG);
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', BIG);
  await page.waitForFunction((n) => document.querySelector('#frame-count')?.textContent === String(n), N, { timeout: 120_000 });
  const got = await page.evaluate(async (n) => {
    const w = /** @type {any} */ (globalThis).wsframe;
    const at = [0, Math.floor(n / 4), Math.floor(n / 2) + 1, n - 3];
    const read = async () => ({
      frames: await Promise.all(at.map((i) => w.rows('frames', i, 3, { preview: 64 }))),
      messages: await Promise.all(at.map((i) => w.rows('messages', i, 3, { preview: 64 }))),
    });
    const ahead = await read();
    const file = /** @type {HTMLInputElement} */ (document.querySelector('#whole')).files[0];
    const whole = await w.decodeCapture(new Uint8Array(await file.arrayBuffer()), { preview: 64, rows: 1 });
    return { ahead, whole: await read(), totals: whole.totals };
  }, N);
  assert.equal(got.totals.frames, N);
  assert.equal(got.ahead.frames.flat().length, 12);
  assert.deepEqual(got.ahead, got.whole);
  // read on the reader's thread (reader.js), not the decoder's
  assert.ok(page.server.requests.includes('/reader.js'), `the worker made its reader: ${page.server.requests.join(' ')}`);
}, { timeout: 180_000 });


// The full program's warm-up (worker.js warm) reads its generated capture
// the file's way too, through the reader and Go's pieces, then forgets it:
// three passes when nothing is asked meanwhile, and the lists answer
// what the page shows, none of the generated traffic.
it('the warm-up takes the file\'s way and leaves nothing of it', async (page) => {
  const shown = await page.textContent('#frame-count');
  await page.click('#mode-capture');
  await page.waitForFunction(() => /** @type {any} */ (globalThis).wsframe.warmed, null, { timeout: 60_000 });
  const got = await page.evaluate(async () => {
    const w = /** @type {any} */ (globalThis).wsframe;
    const rows = await w.rows('frames', 0, 1000, { preview: 64 }).catch((/** @type {Error} */ e) => e.message);
    return { passes: w.warmed, rows };
  });
  assert.equal(got.passes, 3, 'from memory, as a file, from memory again');
  const text = JSON.stringify(got.rows);
  assert.doesNotMatch(text, /warm-up/, 'no row of the generated traffic');
  if (Array.isArray(got.rows)) assert.equal(String(got.rows.length), shown, 'the rows are the example shown');
  else assert.match(text, /nothing has been decoded yet/);
});

// A file chosen at any moment of the warm-up (before the full program has
// come, during its pass from memory, during its pass as a file, after it)
// is decoded whole, and nothing of the generated traffic reaches the lists.
it('a file chosen at any moment of the warm-up lists its own frames, none of the warm-up\'s', async (page) => {
  for (const after of [0, 150, 400, 800, 1500]) {
    await page.goto(page.base);
    await page.waitForSelector('svg.diagram');
    await page.click('#mode-capture');
    await page.waitForTimeout(after);
    await page.setInputFiles('#capture-file', SMALL);
    await page.waitForFunction((n) => document.querySelector('#frame-count')?.textContent === String(n) && !document.body.dataset.loading, SMALL_N, { timeout: 60_000 });
    const got = await page.evaluate(async (n) => {
      const w = /** @type {any} */ (globalThis).wsframe;
      const rows = [...await w.rows('frames', 0, 50, { preview: 64 }), ...await w.rows('frames', n - 50, 50, { preview: 64 })];
      return { rows: rows.length, text: JSON.stringify(rows), status: document.querySelector('#capture .status')?.textContent || '' };
    }, SMALL_N);
    assert.equal(got.rows, 100, `after ${after} ms: the first and last rows`);
    assert.doesNotMatch(got.text, /warm-up/, `after ${after} ms: no row of the generated traffic`);
    assert.match(got.status, new RegExp(`${SMALL_N.toLocaleString('en-US')} frames|${SMALL_N} frames`), `after ${after} ms: ${got.status}`);
  }
}, { timeout: 240_000 });
