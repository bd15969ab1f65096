// Text from the input never hides or reorders what is around it: bidi
// controls, zero-width and other invisible characters show as marks such as
// ⟨U+202E⟩ in the payload, the message list, the handshake panel and
// violation messages, with the page's rule and Go's giving the same result.
// And the JSON view stays bounded however deep the JSON nests.
import { test } from 'node:test';
import fs from 'node:fs';
import { suite, assert, paste } from './harness.js';

const it = suite(import.meta.url);

const hexOf = (s) => Buffer.from(s, 'utf8').toString('hex').match(/../g).join(' ');
/** A text frame (FIN, unmasked) with payload s, as hex; lengths up to 64 KiB. */
function textFrame(s, opcode = 0x81) {
  const n = Buffer.byteLength(s);
  const len = n < 126 ? hex1(n) : `7e ${hex1(n >> 8)} ${hex1(n & 255)}`;
  return `${hex1(opcode)} ${len} ${hexOf(s)}`;
}
const hex1 = (n) => n.toString(16).padStart(2, '0');

const SPOOF = 'invoice\u202efdp.exe';

it('shows bidi and zero-width characters as marks in payload, list and handshake', async (page) => {
  const text = `GET /chat HTTP/1.1\nHost: a\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13\nSec-WebSocket-Protocol: ${SPOOF}\nX-File: ${SPOOF}\n\n` +
    `HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\nSec-WebSocket-Protocol: ${SPOOF}\n\n` +
    `${textFrame(`${SPOOF} zero\u200bwidth`)}\n88 09 03 e8 ${hexOf('bye\u202e!')}`;
  await paste(page, text);
  await page.click('#frames [role=option][data-i="0"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  const payload = await page.textContent('#payload');
  assert.match(payload, /invoice⟨U\+202E⟩fdp\.exe zero⟨U\+200B⟩width/);
  assert.ok(!payload.includes('\u202e'), 'no raw U+202E in the payload view');
  assert.match(payload, /Invisible characters .* are shown as marks/);
  const list = await page.textContent('#messages');
  assert.match(list, /invoice⟨U\+202E⟩fdp\.exe/);
  assert.match(list, /1000 .*bye⟨U\+202E⟩!/);
  assert.ok(!list.includes('\u202e') && !list.includes('\u200b'), 'no raw invisible character in the message list');
  const hs = await page.textContent('#handshake');
  assert.match(hs, /X-File: invoice⟨U\+202E⟩fdp\.exe/);
  assert.match(hs, /Subprotocol: invoice⟨U\+202E⟩fdp\.exe/);
  assert.ok(!hs.includes('\u202e'), 'no raw U+202E in the handshake panel');
}, { timeout: 90_000 });

it('offers the raw text on request', async (page) => {
  await paste(page, textFrame(`${SPOOF} zero\u200bwidth`));
  await page.waitForSelector('#payload [data-action=raw-text]');
  // The marks are spans the eye can tell from text.
  assert.ok(await page.locator('#payload .ctl').count() >= 2);
  // The raw rendering, on request, still as text.
  await page.click('#payload [data-action=raw-text]');
  assert.ok((await page.textContent('#payload .ptext')).includes(SPOOF));
  assert.equal(await page.locator('#payload .ptext .ctl').count(), 0);
});

// The page's own module, run by node (the published page has it bundled):
// no browser needed.
test('applies the same rule as the decoder (decoder/testdata/visible.json)', async () => {
  const { cases } = JSON.parse(fs.readFileSync(new URL('../decoder/testdata/visible.json', import.meta.url), 'utf8'));
  const dom = await import('../web/dom.js');
  assert.deepEqual(cases.map(([input]) => dom.visibleString(input)), cases.map((c) => c[1]));
});

it('bounds the JSON view: 5,000 levels deep, and 1,000 levels that would indent to megabytes', async (page) => {
  const deep = (n) => `${'['.repeat(n)}1${']'.repeat(n)}`;
  // 5,000 deep used to throw from JSON.stringify and leave the last frame on screen.
  await paste(page, textFrame(deep(5000)));
  await page.waitForSelector('#payload [data-part=json-cut]');
  assert.match(await page.textContent('#payload [data-part=json-cut]'), /stops at 64 levels/);
  const size = await page.evaluate(() => document.querySelector('#payload .pjson').textContent.length);
  assert.ok(size < 20_000, `the pretty view is ${size} characters`);
  assert.match(await page.textContent('#payload .pjson'), /\[… 1 item\]/);
  // 1,000 deep, about 2 KB of JSON.
  await paste(page, textFrame(`{"a":${deep(1000)}}`));
  await page.waitForSelector('#payload [data-part=json-cut]');
  const size2 = await page.evaluate(() => document.querySelector('#payload .pjson').textContent.length);
  assert.ok(size2 < 20_000, `the pretty view is ${size2} characters`);
  // 40 KB nested 60 deep: every number on a line of its own, indented 120
  // columns, would be 2.5 MB; the view stops by size and says so.
  await paste(page, textFrame(`${'['.repeat(60)}${Array(20_000).fill(1).join(',')}${']'.repeat(60)}`));
  // (The cut note of the paste before stays until this frame's payload is drawn.)
  const t0 = Date.now();
  await page.waitForFunction(() => /stops after 256 KB/.test(document.querySelector('#payload [data-part=json-cut]')?.textContent || ''), null, { timeout: 20_000 });
  console.log(`40 KB of JSON 60 deep drawn in ${Date.now() - t0} ms after its decode`);
}, { timeout: 120_000 });
