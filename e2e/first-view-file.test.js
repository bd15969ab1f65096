// The first diagram before the decoder arrives: a first visit draws the seed
// exchange from first-view.json (Go's answers, written by make build) while
// wsframe.wasm is still on its way, and the decoder's own answers replace it.
import fs from 'node:fs';
import { suite, assert, pasteAsBrowser } from './harness.js';

const it = suite(import.meta.url);
const view = () => JSON.parse(fs.readFileSync(new URL('../web/first-view.json', import.meta.url), 'utf8'));

const WASM = (u) => u.pathname === '/wsframe.wasm';

/** Holds wsframe.wasm back until the returned function is called. */
async function holdDecoder(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.context().route(WASM, async (route) => { await gate; await route.continue().catch(() => {}); });
  // unroute lets a request still held go on by itself.
  return () => { release(); return page.context().unroute(WASM); };
}

it('draws the seed frame from the file, then the decoder takes over', async (page) => {
  const release = await holdDecoder(page);
  await page.goto(page.base);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  assert.equal(await page.getAttribute('body', 'data-first-view'), 'file');
  assert.equal(await page.evaluate(() => globalThis.wsframe.version), '', 'the decoder is not there yet');
  assert.equal(await page.inputValue('#paste'), view().text);
  assert.match(await page.textContent('svg.diagram'), /key\[0\] = 95/);
  assert.match(await page.textContent('#unmask'), /byte 0 of 9/);
  assert.equal(await page.locator('#frames [role=option]').count(), 2);
  await release();
  await page.waitForFunction(() => Number(document.body.dataset.decodes || 0) >= 1 && !document.body.dataset.firstView);
  assert.equal(await page.getAttribute('body', 'data-frame'), '1');
  assert.match(await page.textContent('svg.diagram'), /key\[0\] = 95/);
}, { wait: false });

it('is what the decoder answers with the page\'s options', async (page) => {
  const v = view();
  const got = await page.evaluate(async (n) => {
    const w = globalThis.wsframe;
    const result = await w.decode(document.querySelector('#paste').value, { from: '', extension: '', format: '', preview: 256, rows: 2000, protocol: 'auto', as_payload: '' });
    const frames = [];
    for (let i = 0; i < n; i++) frames.push(await w.frame(i, { steps: 1024, max_bytes: 65536 + 14 }));
    return { result, frames };
  }, v.frames.length);
  assert.equal(v.frames.length, v.result.frames.length);
  assert.deepEqual(got.result, v.result);
  assert.deepEqual(got.frames, v.frames);
});

it('keeps the frame chosen before the decoder came', async (page) => {
  const release = await holdDecoder(page);
  await page.goto(page.base);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  await page.click('#frames [role=option][data-i="0"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#payload'), /Hello, world/);
  await release();
  await page.waitForFunction(() => Number(document.body.dataset.decodes || 0) >= 1 && !document.body.dataset.firstView);
  assert.equal(await page.getAttribute('body', 'data-frame'), '0');
  assert.match(await page.textContent('#frame-head'), /server → client/);
}, { wait: false });

it('a large paste made before the decoder came is kept and decoded, not replaced by the seed', async (page) => {
  const release = await holdDecoder(page);
  await page.goto(page.base);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  await page.waitForFunction(() => location.hash.includes('v=1')); // the first view wrote its link
  const n = 20_000; // past the first program: held outside the box, for the full one
  await pasteAsBrowser(page, '81 05 48 65 6c 6c 6f\n'.repeat(n));
  await release();
  await page.waitForFunction((c) => document.querySelector('#frame-count')?.textContent === String(c), n, { timeout: 30_000 });
  await page.waitForSelector('#paste-held');
  assert.equal(await page.inputValue('#paste'), '');
  await page.waitForFunction(() => location.hash === '', null, { timeout: 5_000 }); // too big for a link: not the seed's
}, { wait: false, timeout: 60_000 });

it('a small paste made before the decoder came is kept in the box and decoded', async (page) => {
  const release = await holdDecoder(page);
  await page.goto(page.base);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  await page.waitForFunction(() => location.hash.includes('v=1'));
  const text = '81 05 48 65 6c 6c 6f\n'.repeat(3);
  await pasteAsBrowser(page, text);
  await release();
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '3');
  assert.equal(await page.inputValue('#paste'), text);
  await page.waitForFunction(() => location.hash.startsWith('#v=1&hex=8105'), null, { timeout: 5_000 });
  assert.equal(await page.getAttribute('body', 'data-first-view'), null, 'the first view is gone');
}, { wait: false });

it('examples chosen before the decoder came: the last one is shown, the seed too (its text is Go\'s)', async (page) => {
  const release = await holdDecoder(page);
  await page.goto(page.base);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  await page.click('[data-example="binary"]');
  await page.click('[data-example="seed"]');
  await release();
  await page.waitForFunction((t) => /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste')).value === t, view().text);
  await page.waitForFunction(() => /2 frames/.test(document.querySelector('#paste-status')?.textContent || '') && document.querySelector('#frame-count')?.textContent === '2');
  assert.equal(await page.getAttribute('body', 'data-frame'), '1', 'the seed example opens frame 1');
}, { wait: false });

it('a capture chosen before the decoder came is opened when it comes, and stays', async (page) => {
  const release = await holdDecoder(page);
  await page.goto(page.base);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  await page.click('#mode-capture');
  const file = new URL('../testdata/captures/a-websocketnode-chromium-seed-lo4.pcap', import.meta.url).pathname;
  await page.setInputFiles('#capture-file', file);
  await release();
  await page.waitForFunction(() => document.body.dataset.mode === 'capture' && Number(document.querySelector('#frame-count')?.textContent) >= 2, null, { timeout: 30_000 });
  await page.waitForTimeout(500); // nothing (the seed) comes after it
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'capture');
  assert.equal(await page.inputValue('#paste'), view().text, 'the paste is as the first view left it');
}, { wait: false });
