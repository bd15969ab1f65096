// The first visit: the seed article's exchange, both frames drawn with their
// values, the client frame selected and ready to unmask.
import { suite, assert } from './harness.js';

const it = suite(import.meta.url);

/** The values the diagram shows, by field name. */
const fields = (page) => page.$$eval('svg.diagram .field[aria-label]', (gs) => Object.fromEntries(
  gs.map((g) => [g.getAttribute('data-fields'), g.getAttribute('aria-label')])));

it('opens on the seed client frame', async (page) => {
  assert.equal(await page.getAttribute('body', 'data-frame'), '1');
  assert.equal(await page.inputValue('#paste'), '81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64\n81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb');
  const f = await fields(page);
  assert.match(f['websocket.fin'], /^FIN = 1 \(True\)/);
  assert.match(f['websocket.opcode'], /^opcode = 1 \(Text/i);
  assert.match(f['websocket.mask'], /^MASK = 1 \(True\)/);
  assert.match(f['websocket.payload_length'], /^Payload len = 9\b/);
  assert.match(f['websocket.masking_key'], /^Masking-key = 9539ffdd/);
  assert.match(f['websocket.payload'], /^Payload Data = 9 bytes/);
  const text = await page.textContent('svg.diagram');
  assert.match(text, /Masking-key/);
  assert.match(text, /key\[0\] = 95/);
  assert.match(await page.textContent('#frame-head'), /client → server/);
  assert.match(await page.textContent('#unmask'), /byte 0 of 9/);
  assert.equal(await page.locator('#frames [role=option]').count(), 2);
  assert.equal(await page.locator('#messages [role=option]').count(), 2);
  assert.match(await page.textContent('#paste-status'), /hex/);
});

it('shows the seed server frame', async (page) => {
  await page.click('#frames [role=option][data-i="0"]');
  await page.waitForFunction(() => document.body.dataset.frame === '0');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  const f = await fields(page);
  assert.match(f['websocket.fin'], /^FIN = 1 \(True\)/);
  assert.match(f['websocket.opcode'], /^opcode = 1 \(Text/i);
  assert.match(f['websocket.mask'], /^MASK = 0 \(False\)/);
  assert.match(f['websocket.payload_length'], /^Payload len = 12\b/);
  assert.equal(f['websocket.masking_key'], undefined);
  assert.match(await page.textContent('#frame-head'), /server → client/);
  assert.match(await page.textContent('#unmask'), /Nothing to unmask/);
  assert.match(await page.textContent('#payload'), /Hello, world/);
});

it('lists both frames and both messages', async (page) => {
  const frames = await page.locator('#frames [role=option]').allTextContents();
  assert.match(frames[0], /S → C.*text.*12.*Hello, world/);
  assert.match(frames[1], /C → S.*text.*9.*Good bye\./);
  const msgs = await page.locator('#messages [role=option]').allTextContents();
  assert.match(msgs[0], /Hello, world/);
  assert.match(msgs[1], /Good bye\./);
});
