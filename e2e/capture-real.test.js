// Real captures from testdata/captures/ (recorded from real peers, see its
// README) opened through the file input and read by the real decoder:
// compressed messages shown inflated with their DEFLATE blocks, several
// connections and the filter, a capture that began mid-stream.
import { suite, assert } from './harness.js';

const it = suite(import.meta.url);
const file = (name) => new URL(`../testdata/captures/${name}`, import.meta.url).pathname;

async function open(page, name) {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', file(name));
  await page.waitForSelector('.conns .conn');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
}

it('b: compressed messages inflated, with their DEFLATE blocks', async (page) => {
  await open(page, 'b-ws-chromium-deflate-lo4.pcapng');
  assert.equal(await page.textContent('#frame-count'), '22');
  assert.equal(await page.textContent('#message-count'), '19');
  // Times count from the first packet (the TCP handshake), 8 ms before the first frame.
  assert.match(await page.textContent('#frames [data-i="0"] .col-time'), /^\+0\.008$/);
  assert.match(await page.getAttribute('#frames [data-i="0"] .col-time', 'title'), /^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ UTC \(\+0\.00\d+ s after the first packet\)/);
  assert.match(await page.textContent('#frames [data-i="1"] .col-pkt'), /^\d+$/);
  assert.equal(await page.getAttribute('#frames [data-i="1"] .col-flags abbr:nth-child(2)', 'class'), 'on', 'RSV1 set');
  const row = await page.textContent('#messages [data-i="1"]');
  assert.match(row, /inflated from 125 bytes/);
  assert.match(row, /\{"type":"telemetry"/);
  assert.match(await page.getAttribute('#messages [data-i="1"]', 'aria-label'), /200 bytes, inflated from 125 bytes/);

  // The second telemetry message: 6 bytes that copy from the first.
  await page.click('#messages [data-i="2"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 2"]');
  const msg = page.locator('#message');
  assert.match(await msg.locator('.compressed').textContent(), /6 → 200 bytes/);
  assert.match(await msg.locator('table.blocks').textContent(), /earlier message/);

  await page.click('#messages [data-i="1"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  const comp = await msg.locator('.compressed').textContent();
  assert.match(comp, /125 → 200 bytes \(63% of the inflated size\)/);
  assert.match(comp, /00 00 ff ff/);
  const blocks = msg.locator('table.blocks tbody tr');
  assert.ok(await blocks.count() >= 1);
  assert.match(await blocks.first().textContent(), /Huffman|stored/);
  assert.match(await msg.locator('.btypes').textContent(), /Huffman \(BTYPE (01|10)\)/);
  assert.match(await msg.locator('.chex').textContent(), /^000000 {2}[0-9a-f]{2} /);
  assert.match(await msg.locator('.pjson').textContent(), /"type": "telemetry"/);
  await msg.scrollIntoViewIfNeeded();
});

it('f: three connections, and the lists filtered to one', async (page) => {
  await open(page, 'f-ws-ws-3conns-any-sll2.pcap');
  assert.equal(await page.locator('.conns .conn[data-conn]').count(), 3);
  assert.equal(await page.getAttribute('.conns .conn.all', 'aria-pressed'), 'true');
  assert.match(await page.textContent('.conns .conn[data-conn="1"]'), /127\.0\.0\.1:58308 ⇄ 127\.0\.0\.1:9006.*8 frames · 8 messages/);
  assert.equal(await page.textContent('#frame-count'), '24');

  await page.click('.conns .conn[data-conn="1"]');
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '8 of 24');
  assert.equal(await page.textContent('#message-count'), '8 of 24');
  assert.equal(await page.getAttribute('.conns .conn[data-conn="1"]', 'aria-pressed'), 'true');
  const want = await page.evaluate(async () => (await globalThis.wsframe.rows('frames', 0, 100, { preview: 0 }))
    .filter((f) => f.connection === 1).map((f) => String(f.index)));
  assert.equal(want.length, 8);
  const shown = await page.locator('#frames [role=option] .col-idx').allTextContents();
  assert.deepEqual(shown, want);
  await page.waitForSelector(`svg.diagram[aria-label^="Frame ${want[0]}"]`);
  assert.match(await page.textContent('#frame-head'), /connection 1: 127\.0\.0\.1:58308/);
  // Its handshake whole (the file's answer brought it brief): its key,
  // its request and its checks.
  const hs = await page.textContent('.handshake');
  assert.match(hs, /w06CKsIyheEZMizhwtc4JQ==/);
  assert.match(hs, /GET \/ HTTP\/1\.1/);
  assert.match(hs, /accept is valid/);
  assert.ok(!/2TOpOGz/.test(hs), 'not connection 0\'s');
  // j walks within the connection.
  await page.locator('#scope').focus();
  await page.keyboard.press('j');
  await page.waitForSelector(`svg.diagram[aria-label^="Frame ${want[1]}"]`);

  await page.click('.conns .conn.all');
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '24');
  assert.equal(await page.getAttribute('#frames [role=option][data-i="0"]', 'aria-setsize'), '24');
});

it('g: a capture that began after the handshake says so', async (page) => {
  await open(page, 'g-websocketnode-ws-midstream-lo4-nsec.pcap');
  const conn = await page.textContent('.conns .conn');
  assert.match(conn, /Capture began after the handshake/);
  assert.match(conn, /no handshake/);
  assert.equal(await page.textContent('.conns .conn .hs'), '–');
  assert.equal(await page.textContent('#frame-count'), '10');
  assert.equal(await page.locator('.handshake').count(), 0);
});

it('h: a Socket.IO connection reads its text messages as Engine.IO and Socket.IO packets', async (page) => {
  await open(page, 'h-socketio-node-lo4.pcap');
  assert.equal(await page.textContent('#frame-count'), '23');
  await page.waitForSelector('#messages [data-i="6"] .mnote.reading');
  assert.match(await page.textContent('#messages [data-i="6"] .mnote.reading'), /^socket\.io EVENT chat message \["hello from socket\.io-client"\]$/);
  assert.match(await page.textContent('#messages [data-i="0"] .mnote.reading'), /^engine\.io open \{"sid"/);
  await page.click('#messages [data-i="8"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 8"]');
  const r = await page.locator('#message .reading').textContent();
  assert.match(r, /socket\.io — from the URL path/);
  assert.match(r, /EVENT id 0 get status \["client-h"\]/);
  assert.match(r, /ack id\s*2–3\s*0/);
});
