// Readings (issue 13): what the messages say. Real captures from
// testdata/captures/r-*.pcap opened through the file input: summaries in
// the message list, the reading tree beside the message's bytes with its
// parts lit, MQTT packets per connection; and a paste read as Socket.IO 0.9
// only when the protocol menu asks for it.
import path from 'node:path';
import { suite, assert, paste, ARTIFACTS } from './harness.js';

const it = suite(import.meta.url);
const file = (name) => new URL(`../testdata/captures/${name}`, import.meta.url).pathname;

async function open(page, name) {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', file(name));
  await page.waitForSelector('.conns .conn');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
}

it('MQTT over WebSocket: packets split over messages, listed per connection and linked to their bytes', async (page) => {
  await open(page, 'r-mqtt-aedes-lo4.pcap');
  // mqtt.js sent the CONNECT in 9 messages; the first holds its first byte.
  assert.match(await page.textContent('#messages [data-i="0"] .mnote.reading'), /^mqtt CONNECT "wsframe-aedes" MQTT 3\.1\.1, keep alive 30, clean …$/);
  assert.match(await page.textContent('#messages [data-i="9"] .mnote.reading'), /^mqtt CONNACK accepted$/);
  assert.equal(await page.isHidden('#app-sec'), false);
  const packets = page.locator('#app-list .packet');
  assert.equal(await packets.count(), 21);
  assert.match(await page.textContent('#app-list h3'), /connection 0: MQTT packets: 21/);
  assert.match(await packets.nth(0).textContent(), /CONNECT "wsframe-aedes".*messages 0–8/);

  // The SUBSCRIBE packet opens its first message's frame.
  const sub = page.locator('#app-list .packet[data-type="SUBSCRIBE"]');
  await sub.click();
  await page.waitForSelector('svg.diagram[aria-label^="Frame 10"]');
  // Message 14 holds the topic filter "sensors/#": its reading places it at bytes 0-9.
  await page.click('#messages [data-i="14"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 14"]');
  const r = page.locator('#message .reading');
  assert.match(await r.locator('.rhead').textContent(), /mqtt — read as a byte stream/);
  const node = r.locator('.rnode', { hasText: 'Topic Filter' }).first();
  await node.hover();
  assert.equal(await r.locator('.rb.hl').count(), 9, 'the 9 bytes of sensors/# in this message');
  await page.locator('#message').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'readings-mqtt.png'), fullPage: false });
});

it('MessagePack and CBOR by content: the value as JSON, a byte lights its part', async (page) => {
  await open(page, 'r-binary-lo4.pcap');
  assert.match(await page.textContent('#messages [data-i="0"] .mnote.reading'), /^msgpack \{"id":7,"name":"sensor"/);
  assert.match(await page.textContent('#messages [data-i="6"] .mnote.reading'), /^cbor \[\{"\$tag":1,"\$value":1700000000\},\{"\$bin":"cafe"\}\]$/);
  assert.match(await page.textContent('#messages [data-i="8"] .mnote.reading'), /^gzip 56 bytes → 36 bytes: \{"compressed":"gzip"/);
  await page.click('#messages [data-i="6"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 6"]');
  const r = page.locator('#message .reading');
  assert.match(await r.locator('.rnode', { hasText: 'content' }).first().textContent(), /content\s*2–7\s*1700000000/);
  // Byte 3 is inside the tag's content (bytes 2-7): hovering it lights that part.
  await r.locator('.rb[data-i="3"]').hover();
  assert.match(await r.locator('.rnode.hl').textContent(), /^content/);
  assert.match(await r.locator('.rvalue pre').textContent(), /"\$tag": 1/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'readings-cbor.png'), fullPage: false });
});

it('a pasted Socket.IO 0.9 frame is read as such only when the menu asks', async (page) => {
  const text = '5:::{"name":"news","args":[{"hello":"world"}]}';
  const frame = [0x81, text.length, ...Buffer.from(text)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  await paste(page, frame);
  // By content it is no JSON, STOMP or SignalR: no reading.
  assert.equal(await page.locator('#messages [data-i="0"] .mnote.reading').count(), 0);
  const before = await page.evaluate(() => document.body.dataset.decodes);
  await page.selectOption('#opt-protocol', 'socket.io');
  await page.waitForFunction((b) => document.body.dataset.decodes !== b, before);
  assert.equal(await page.textContent('#messages [data-i="0"] .mnote.reading'), 'socket.io event news [{"hello":"world"}]');
  const r = page.locator('#message .reading');
  assert.match(await r.locator('.rhead').textContent(), /chosen in the menu/);
  await r.locator('.rnode', { hasText: 'hello' }).first().hover();
  assert.equal(await r.locator('.rb.hl').count(), '"hello":"world"'.length);
});

it('untrusted text in a reading stays text', async (page) => {
  // A raw U+202E (right-to-left override) and an escaped ESC, which the reading decodes.
  const text = '{"<img src=x onerror=alert(1)>":"\u202e\\u001b[31m"}';
  const bytes = [...Buffer.from(text)];
  const frame = [0x81, bytes.length, ...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  await paste(page, frame);
  const badge = await page.textContent('#messages [data-i="0"] .mnote.reading');
  assert.match(badge, /^json /);
  assert.ok(!badge.includes('\u202e') && !badge.includes('\u001b'), badge);
  assert.equal(await page.locator('#message img').count(), 0);
});
