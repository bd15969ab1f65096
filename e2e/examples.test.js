// The paste examples a teacher puts up with one click, and what each one
// shows: a pasted handshake with its checks, the compressed exchange of
// RFC 7692 with its DEFLATE blocks, RFC 6455's own examples, broken rules.
import { suite, assert } from './harness.js';

const it = suite(import.meta.url);

async function example(page, id) {
  const before = await page.evaluate(() => document.body.dataset.decodes || '0');
  await page.click(`[data-example="${id}"]`);
  await page.waitForFunction((b) => (document.body.dataset.decodes || '0') !== b, before);
}

it('the compressed example shows its handshake with its checks', async (page) => {
  await example(page, 'deflate');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  const hs = page.locator('.handshake');
  assert.match(await hs.locator('h2').textContent(), /accept is valid.*18 of 18 checks passed/);
  assert.match(await hs.locator('pre[aria-label="Request"]').textContent(), /✓ Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==/);
  assert.match(await hs.locator('pre[aria-label="Response"]').textContent(), /✓ Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=/);
  assert.match(await hs.locator('.accept-steps').textContent(), /b37a4f2cc0624f1690f64606cf385945b2bec4ea/);
  assert.match(await hs.textContent(), /permessage-deflate \(RFC 7692\): messages with RSV1 set are DEFLATE-compressed/);
  assert.match(await page.textContent('#paste-status'), /2 frames/);
  // The link reopens it, handshake and all.
  await page.waitForFunction(() => /[#&]t=GET/.test(location.hash));
});

it('the compressed example shows DEFLATE blocks sharing one window', async (page) => {
  await example(page, 'deflate');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  const msg = page.locator('#message');
  assert.match(await msg.textContent(), /inflated from 5 bytes/);
  assert.match(await msg.locator('.compressed').textContent(), /5 → 5 bytes/);
  assert.match(await msg.locator('.chex').textContent(), /f2 00 11 00 00/);
  const rows = msg.locator('table.blocks tbody tr');
  assert.ok(await rows.count() >= 1);
  const first = await rows.first().locator('td').allTextContents();
  assert.equal(first[2], 'fixed Huffman (01)');
  assert.match(await msg.locator('table.blocks').textContent(), /earlier message/, 'the second Hello copies from the first');
  assert.match(await msg.locator('.btypes').textContent(), /Fixed Huffman \(BTYPE 01\)/);
  assert.match(await msg.locator('.ptext').textContent(), /^Hello$/);
  assert.match(await page.textContent('#payload'), /DEFLATE bytes/);
  // The first message: 7 bytes, its own.
  await page.click('#frames [role=option][data-i="0"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await msg.locator('.compressed').textContent(), /7 → 5 bytes/);
  assert.doesNotMatch(await msg.locator('table.blocks').textContent(), /earlier message/);
});

it('RFC 6455 §5.7 examples and the broken-rules example', async (page) => {
  await example(page, 'rfc6455');
  assert.equal(await page.textContent('#frame-count'), '6');
  assert.equal(await page.textContent('#message-count'), '5');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 2"]');
  assert.match(await page.textContent('#message'), /reassembled from frames 2, 3/);
  assert.match(await page.textContent('#messages'), /ping.*pong/);

  await example(page, 'violations');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#violations'), /control frame/i);
  assert.match(await page.textContent('#violations'), /RFC 6455 5\.5/);

  await example(page, 'seed');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  assert.equal(await page.locator('.handshake').count(), 0);
});
