// Japanese and English (issue 10): the two catalogs have the same keys, and
// every key the page's code asks for is in both; the language comes from
// ?lang=, the browser or the switch, and travels in the shared link; the
// explanations Go gives by id (violations, handshake checks, field
// meanings) come out in Japanese. Screenshots of both languages, light and
// dark, in artifacts/i18n-*.png. (decoder/catalog_test.go checks that every
// id Go can emit has an entry in both catalogs.)
import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite, assert, paste } from './harness.js';

const WEB = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');

/** Keys the code names literally: t('…'), tn('…'), data-i18n and data-i18n-attr, key tables. */
function usedKeys() {
  const keys = new Set();
  const files = fs.readdirSync(WEB).filter((f) => f.endsWith('.js') || f.endsWith('.html')).map((f) => path.join(WEB, f));
  // The modules loaded when their feature is opened (web/lazy/) too.
  files.push(...fs.readdirSync(path.join(WEB, 'lazy')).filter((f) => f.endsWith('.js')).map((f) => path.join(WEB, 'lazy', f)));
  for (const f of files) {
    const s = fs.readFileSync(f, 'utf8');
    for (const m of s.matchAll(/\bt\(\s*'([^'$]+)'/g)) keys.add(m[1]);
    for (const m of s.matchAll(/\btn\(\s*'([^'$]+)'/g)) { keys.add(`${m[1]}.one`); keys.add(`${m[1]}.other`); }
    for (const m of s.matchAll(/data-i18n="([^"]+)"|'data-i18n': '([^'$]+)'/g)) keys.add(m[1] || m[2]);
    for (const m of s.matchAll(/data-i18n-attr="([^"]+)"|'data-i18n-attr': '([^'$]+)'/g)) {
      for (const pair of (m[1] || m[2]).split(';')) keys.add(pair.split('=')[1]);
    }
    // Keys kept in tables and passed on: 'list.h.idx', 'flag.fin.1', 'deflate.type.stored', 'unmask.start', 'hex.prev'…
    for (const m of s.matchAll(/'((?:list|flag|deflate|unmask|hex|goto|builder|ladder)\.[a-z0-9.-]+)'/g)) keys.add(m[1]);
  }
  return keys;
}

/** Keys the code builds from a value: dir.${from}, theme.${name}, ex.${id}… */
async function builtKeys() {
  const { EXAMPLES } = await import('../web/examples.js');
  const keys = [];
  for (const side of ['client', 'server']) keys.push(`dir.${side}`, `dir.${side}.short`, `dir.${side}.arrow`, `side.${side}`);
  for (const th of ['auto', 'light', 'dark']) keys.push(`theme.${th}`);
  for (const f of ['hex', 'base64', 'binary', 'pcap', 'pcapng']) keys.push(`form.${f}`);
  for (const ex of EXAMPLES) keys.push(`ex.${ex.id}`, `ex.${ex.id}.title`);
  for (const v of ['0', '1']) keys.push(`field.websocket.fin.${v}`, `field.websocket.mask.${v}`, `field.websocket.rsv.${v}`, `field.websocket.pmc.${v}`);
  keys.push('value.true', 'value.false', 'field.websocket.payload_length.126', 'field.websocket.payload_length.127', 'present', 'present.title', 'present.exit', 'present.exit.title',
    'unmask.none.server', 'unmask.none.client', 'payload.tabs.frame', 'payload.tabs.message', 'hs.request', 'hs.response',
    'hs.unchecked', 'hs.passed', 'hs.failed', 'hs.accept.ok', 'hs.accept.bad');
  for (const by of ['override', 'subprotocol', 'path', 'content', 'stream']) keys.push(`reading.by.${by}`);
  for (const n of ['websocket.payload_length', 'websocket.masking_key', 'websocket.payload', 'websocket.payload.close.status_code', 'websocket.payload.close.reason']) keys.push(`label.${n}`);
  return keys;
}

test('the catalogs: the same keys in English and Japanese, every key the code uses, no empty text', async () => {
  const { default: en } = await import('../web/i18n/en.js');
  const { default: ja } = await import('../web/i18n/ja.js');
  // The words only the full decoder's answers use (full/en.js, full/ja.js).
  const { words: fullEn } = await import('../web/i18n/full/en.js');
  const { words: fullJa } = await import('../web/i18n/full/ja.js');
  assert.deepEqual(Object.keys(fullJa).sort(), Object.keys(fullEn).sort(), 'full/en.js and full/ja.js words differ');
  assert.deepEqual(Object.keys(fullEn).filter((k) => k in en || k in ja), [], 'words both in a catalog and in its full/');
  const missingJa = Object.keys(en).filter((k) => !(k in ja));
  const missingEn = Object.keys(ja).filter((k) => !(k in en));
  assert.deepEqual(missingJa, [], 'keys missing in ja.js');
  assert.deepEqual(missingEn, [], 'keys missing in en.js');
  const used = [...usedKeys(), ...(await builtKeys())];
  assert.ok(used.length > 250, `only ${used.length} keys found in the code`);
  // A tn() key found in a table stands for its .one and .other.
  const all = { ...en, ...fullEn };
  const known = (k) => k in all || (`${k}.one` in all && `${k}.other` in all);
  assert.deepEqual(used.filter((k) => !known(k)), [], 'keys the code uses that the catalogs lack');
  for (const [lang, cat] of [['en', en], ['ja', ja]]) {
    for (const [k, v] of Object.entries(cat)) assert.ok(typeof v === 'string' && (v.trim() || k === 'msg.end'), `${lang}: ${k} is empty`);
  }
  // The same parameters on both sides.
  const params = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  const differ = Object.keys(en).filter((k) => params(en[k]) !== params(ja[k]));
  assert.deepEqual(differ, [], 'keys whose parameters differ between the languages');
  // Japanese text is Japanese: most entries hold kana or kanji.
  const jaText = Object.values(ja).filter((v) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(v)).length;
  assert.ok(jaText / Object.keys(ja).length > 0.75, `only ${jaText} of ${Object.keys(ja).length} Japanese entries are in Japanese`);
});

const it = suite(import.meta.url);
const clearLang = async (page) => { await page.addInitScript(() => { if (!sessionStorage.getItem('kept')) { localStorage.removeItem('wsframe.lang'); sessionStorage.setItem('kept', '1'); } }); };

it('?lang=ja: the page in Japanese, field meanings, violations and checks from the catalog', async (page) => {
  assert.equal(await page.getAttribute('html', 'lang'), 'ja');
  assert.equal(await page.locator('#mode-paste').textContent(), '貼り付け');
  assert.equal(await page.locator('#help-open').getAttribute('aria-label'), 'ヘルプ: キー操作と貼り付けの形式');
  assert.match(await page.locator('#frame-head').textContent(), /クライアント → サーバ/);
  await page.locator('[data-part="diagram"] .field[data-fields="websocket.mask"]').focus();
  assert.match(await page.locator('#field-desc').textContent(), /マスクあり: ペイロードはマスキングキーと XOR されています/);
  assert.match(await page.locator('#why-h').textContent(), /クライアントはなぜマスクするのか/);
  // A violation explained by its id, with the frame's length as its parameter.
  await page.click('[data-example="violations"]');
  await page.waitForSelector('[data-violation="control-too-long"]');
  assert.match(await page.locator('[data-violation="control-too-long"]').textContent(), /制御フレームのペイロードは最大 125 バイトですが、このフレームは 126 バイトです/);
  // A handshake check that fails, by its id.
  await paste(page, 'GET /chat HTTP/1.1\nHost: x\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 12\n\nHTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n81 00');
  await page.waitForSelector('.checks [data-check="version-13"]');
  assert.match(await page.locator('.checks [data-check="version-13"]').textContent(), /Sec-WebSocket-Version は 12 です。13 でなければなりません/);
  // The close example: the code's name in Japanese.
  await page.click('[data-example="close"]');
  await page.waitForSelector('[data-part="diagram"] [data-fields="websocket.payload.close.status_code"]');
  assert.match(await page.locator('[data-part="diagram"] [data-fields="websocket.payload.close.status_code"]').getAttribute('aria-label'), /1000 · 正常終了/);
}, { hash: '?lang=ja', setup: clearLang, timeout: 90_000 });

it('the browser\'s language chooses; the switch changes everything and is kept in the link', async (page) => {
  assert.equal(await page.getAttribute('html', 'lang'), 'ja', 'a Japanese browser gets Japanese');
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('#frame-head h2')?.textContent === 'Frame 1');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('#mode-paste').textContent(), 'Paste');
  assert.equal(await page.locator('#theme').textContent(), 'Theme: auto');
  assert.equal(await page.locator('[data-action="present"]').textContent(), 'Present');
  assert.match(await page.locator('[data-part="frames"]').getAttribute('aria-label'), /Frames/);
  assert.match(page.url(), /[?&]lang=en/);
  await page.selectOption('#lang', 'ja');
  await page.waitForFunction(() => document.querySelector('#frame-head h2')?.textContent === 'フレーム 1');
  assert.match(await page.locator('.vhead.frames').textContent(), /種類/);
  await page.click('#copy-link');
  await page.waitForFunction(() => document.body.dataset.copied);
  const url = await page.evaluate(() => document.body.dataset.copied);
  assert.match(/** @type {string} */ (url), /[?&]lang=ja#v=1/);
  assert.match(await page.locator('#toast').textContent(), /リンクをコピーしました/);
}, {
  setup: async (page) => {
    await clearLang(page);
    await page.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['ja-JP', 'ja', 'en'] }));
  },
  timeout: 90_000,
});

for (const lang of ['en', 'ja']) {
  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    it(`screenshots: ${lang}, ${scheme}`, async (page) => {
      await page.screenshot({ path: `artifacts/i18n-${lang}-${scheme}-seed.png` });
      await page.click('[data-example="close"]');
      await page.waitForSelector('[data-fields="websocket.payload.close.status_code"]');
      await page.locator('#frame').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `artifacts/i18n-${lang}-${scheme}-close.png` });
      await page.click('[data-example="deflate"]');
      await page.waitForSelector('svg.diagram[aria-label]');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `artifacts/i18n-${lang}-${scheme}-deflate.png` });
      await page.keyboard.press('?');
      await page.screenshot({ path: `artifacts/i18n-${lang}-${scheme}-help.png` });
      await page.keyboard.press('Escape');
      await page.keyboard.press('p');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.screenshot({ path: `artifacts/i18n-${lang}-${scheme}-present.png` });
    }, { hash: `?lang=${lang}`, colorScheme: scheme, viewport: { width: 1280, height: 800 }, setup: clearLang, timeout: 90_000 });
  }
}
