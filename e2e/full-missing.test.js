// The full program (wsframe-full.wasm) cannot be downloaded (offline, a
// classroom's Wi-Fi gone, a host that lost the file): a large paste or a
// capture says that, not that the input is wrong; the stale list goes; the
// top bar stops saying it loads; and the next try, with the file back,
// works.
import fs from 'node:fs';
import { suite, assert, pasteAsBrowser } from './harness.js';

const it = suite(import.meta.url);

const FULL = (/** @type {URL} */ u) => u.pathname === '/wsframe-full.wasm';
const CAPTURE = new URL('../testdata/captures/a-websocketnode-chromium-seed-lo4.pcap', import.meta.url).pathname;

const engine = (page) => page.textContent('#engine');

it('a large paste: the full decoder could not be loaded, said as such; Try again works once it can be', async (page) => {
  await page.context().route(FULL, (r) => r.abort());
  const n = 20_000;
  await pasteAsBrowser(page, '81 05 48 65 6c 6c 6f\n'.repeat(n));
  await page.waitForSelector('#paste-error [data-part="full-missing"]');
  const said = await page.textContent('#paste-error');
  assert.match(said, /full decoder \(wsframe-full\.wasm\) could not be loaded/);
  assert.doesNotMatch(said, /byte 0|line 1/, 'not said as a place in the text');
  assert.equal(await page.$('#paste-error .excerpt'), null);
  assert.equal(await page.textContent('#frame-count'), '0', 'the seed\'s list is not left standing for the paste');
  await page.waitForFunction(() => !/loading/.test(document.querySelector('#engine')?.textContent || ''));
  assert.doesNotMatch(await engine(page), /full/);
  await page.context().unroute(FULL);
  await page.click('#paste-error [data-action="retry"]');
  await page.waitForFunction((c) => document.querySelector('#frame-count')?.textContent === String(c), n, { timeout: 30_000 });
  assert.equal(await page.textContent('#paste-error'), '');
  assert.match(await engine(page), /full/);
}, { timeout: 60_000 });

it('a capture: the full decoder could not be loaded, not "could not read" the file; the same file opens once it can be', async (page) => {
  await page.context().route(FULL, (r) => r.abort());
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', CAPTURE);
  await page.waitForFunction(() => /wsframe-full\.wasm/.test(document.querySelector('#toast')?.textContent || document.querySelector('#capture')?.textContent || ''));
  const said = `${await page.textContent('#toast')} ${await page.textContent('#capture')}`;
  assert.match(said, /full decoder \(wsframe-full\.wasm\) could not be loaded/);
  assert.doesNotMatch(said, /Could not read a-websocketnode/);
  await page.waitForFunction(() => !/loading/.test(document.querySelector('#engine')?.textContent || ''));
  await page.context().unroute(FULL);
  await page.setInputFiles('#capture-file', { name: 'again.pcap', mimeType: 'application/vnd.tcpdump.pcap', buffer: fs.readFileSync(CAPTURE) });
  await page.waitForFunction(() => Number(document.querySelector('#frame-count')?.textContent) >= 2, null, { timeout: 30_000 });
  assert.match(await engine(page), /full/);
}, { timeout: 60_000 });

it('in Japanese, with the full program\'s words not downloaded either', async (page) => {
  const offline = (/** @type {URL} */ u) => FULL(u) || u.pathname.endsWith('/i18n/full/ja.js');
  await page.context().route(offline, (r) => r.abort());
  await pasteAsBrowser(page, '81 05 48 65 6c 6c 6f\n'.repeat(20_000));
  await page.waitForSelector('#paste-error [data-part="full-missing"]');
  assert.match(await page.textContent('#paste-error'), /デコードできませんでした: 完全版デコーダ\(wsframe-full\.wasm\)を読み込めませんでした.*もう一度試す/);
  assert.equal(await page.$('#paste-held'), null, 'no stand-in without its words');
  await page.context().unroute(offline);
  await page.click('#paste-error [data-action="retry"]');
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '20000', null, { timeout: 30_000 });
  await page.waitForSelector('#paste-held');
  assert.match(await page.evaluate(() => /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste')).placeholder), /貼り付けたテキスト: 20000 行/);
}, { hash: '?lang=ja', timeout: 60_000 });
