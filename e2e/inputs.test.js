// The bytes people actually have (issue 12): a HAR file opened, a Follow TCP
// Stream and a tshark -x dump of many packets pasted (all written by real
// tools, testdata/) and one HAR entry pasted (read by the full program, as
// the command reads them), a DevTools payload pasted as if it were a frame and
// shown as a message instead, and an empty paste.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { suite, assert, paste } from './harness.js';

const it = suite(import.meta.url);
const data = (name) => new URL(`../testdata/${name}`, import.meta.url).pathname;
const read = (name) => fs.readFileSync(data(name), 'utf8');

it('a HAR file: messages, handshake, reconstructed frames', async (page) => {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', data('har/ws-chromium-deflate.har'));
  await page.waitForSelector('.conns .conn');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.equal(await page.textContent('#frame-count'), '7');
  assert.match(await page.textContent('[data-part="input-note"]'), /holds WebSocket messages, not frame bytes/);
  assert.match(await page.textContent('.conns .conn[data-conn="0"]'), /browser ⇄ ws:\/\/127\.0\.0\.1:9012\/chat/);
  assert.equal(await page.locator('.conns .hs.ok').count(), 1, 'the handshake checks pass');
  assert.match(await page.textContent('#messages [data-i="0"]'), /hello from ws/);
  // A client message: a masked frame, marked reconstructed, whose unmask plays.
  await page.click('#frames [data-i="3"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 3"]');
  assert.equal(await page.locator('[data-part="reconstructed"]').count(), 1);
  assert.match(await page.textContent('#frame-head'), /masked · [0-9a-f]{8}/);
  assert.match(await page.textContent('#payload'), /client: hello/);
});

it('Follow TCP Stream hex dump pasted: both directions and the handshake', async (page) => {
  await paste(page, read('dumps/streams/a-websocketnode-chromium-seed-lo4.s1.follow-hex.txt'));
  assert.match(await page.textContent('#paste-status'), /follow-hex/);
  assert.equal(await page.textContent('#frame-count'), '4');
  assert.match(await page.textContent('#frames [data-i="0"]'), /S → C/);
  assert.match(await page.textContent('#frames [data-i="1"]'), /C → S/);
  assert.match(await page.textContent('#messages'), /Hello, world[\s\S]*Good bye\./);
  assert.ok(await page.locator('#handshake').textContent().then((t) => /Sec-WebSocket-Accept|accept/i.test(t)));
  assert.equal(await page.locator('[data-part="hint"]').count(), 0);
});

it('tshark -x of many packets pasted: read as a capture', async (page) => {
  await paste(page, read('dumps/streams/h-socketio-node-lo4.s0.tshark-x.txt'));
  assert.match(await page.textContent('[data-part="input-note"]'), /^43 packets, 1 TCP connection, 1 WebSocket connection$/);
  assert.equal(await page.textContent('#frame-count'), '23');
});

const fullWasm = (page) => page.rec.requests.filter((u) => u.endsWith('/wsframe-full.wasm')).length;

/** What `wsframe -json` prints for text on stdin, parsed. */
function native(text) {
  const root = new URL('..', import.meta.url).pathname;
  let out;
  try {
    out = execFileSync(process.env.GO || 'go', ['run', './cmd/wsframe', '-json', '-'], { cwd: root, input: text, maxBuffer: 64 << 20 });
  } catch (e) {
    out = /** @type {any} */ (e).stdout; // exit 1 for a result with errors
  }
  return JSON.parse(String(out));
}

// The first program recognises these pastes and leaves them to the full one
// (error.needs "full"); the page shows what the command prints.
for (const name of ['a-websocketnode-chromium-seed-lo4.s1.follow-hex.txt', 'h-socketio-node-lo4.s0.follow-raw.txt',
  'h-socketio-node-lo4.s0.tshark-x.txt', 'a-websocketnode-chromium-seed-lo4.reordered.s1.tshark-x.txt']) {
  it(`pasted ${name}: read by the full program, as natively`, async (page) => {
    assert.equal(fullWasm(page), 0, 'the seed is decoded by the first program');
    const text = read(`dumps/streams/${name}`);
    await paste(page, text);
    assert.equal(fullWasm(page), 1, 'the paste made the worker load the full program');
    assert.match(await page.textContent('#engine'), /\(full\)/);
    const want = native(text);
    assert.equal(await page.textContent('#frame-count'), String(want.frames.length));
    const got = await page.evaluate((t) => /** @type {any} */ (window).wsframe.decode(t, {}), text);
    // Readings are compared by their own tests: the page's answer carries
    // a brief one per message (its list rows), the command the whole tree.
    for (const r of [got, want]) for (const m of r.messages) delete m.reading;
    for (const k of ['input', 'connections', 'frames', 'messages', 'errors', 'handshake']) {
      assert.deepEqual(got[k], want[k], `${k} as the command gives it`);
    }
    assert.ok(want.frames.length > 0 && want.connections.length === 1);
  }, { timeout: 90_000 });
}

it('one HAR entry pasted: read by the full program, its messages as natively', async (page) => {
  const har = JSON.parse(read('har/ws-chromium-deflate.har'));
  const entry = JSON.stringify(har.log.entries.find((e) => e._webSocketMessages), null, 2);
  await paste(page, entry);
  assert.equal(fullWasm(page), 1, 'the paste made the worker load the full program');
  const want = native(entry);
  assert.equal(want.input.format, 'har-entry');
  const got = await page.evaluate((t) => /** @type {any} */ (window).wsframe.decode(t, {}), entry);
  assert.equal(got.input.format, 'har-entry');
  // Client frames are masked with keys made up for each reading, so the
  // messages are compared, not the frames' bytes.
  const texts = (r) => r.messages.map((m) => [m.from, m.opcode, m.text ?? m.data]);
  assert.deepEqual(texts(got), texts(want));
  assert.equal(got.messages.length, 7);
  assert.equal(await page.textContent('#frame-count'), '7');
  assert.match(await page.textContent('[data-part="input-note"]'), /holds WebSocket messages, not frame bytes/);
}, { timeout: 90_000 });

it('a DevTools payload pasted as a frame: the hint, and shown as a message', async (page) => {
  await paste(page, '{"type":"chat","text":"hi"}');
  await page.waitForSelector('[data-part="hint"][data-hint="payload-json"]');
  assert.match(await page.textContent('[data-part="hint"]'), /looks like a JSON message payload as DevTools shows it, not frame bytes/);
  assert.doesNotMatch(await page.textContent('#paste-status'), /Recognised/);
  const before = await page.evaluate(() => document.body.dataset.decodes);
  await page.click('[data-action="as-payload-text"]');
  await page.waitForFunction((b) => document.body.dataset.decodes !== b, before);
  await page.waitForSelector('[data-part="as-payload"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.equal(await page.locator('[data-part="reconstructed"]').count(), 1);
  assert.match(await page.textContent('#messages [data-i="0"]'), /"type":"chat"/);
  // And back to reading the paste as frames.
  const again = await page.evaluate(() => document.body.dataset.decodes);
  await page.click('[data-action="as-frames"]');
  await page.waitForFunction((b) => document.body.dataset.decodes !== b, again);
  await page.waitForSelector('[data-part="hint"]');

  // A binary message copied as base64: offered as a binary message.
  await paste(page, 'AAECAwQFBgcICQ==');
  await page.waitForSelector('[data-part="hint"][data-hint="payload-base64"]');
  const b2 = await page.evaluate(() => document.body.dataset.decodes);
  await page.click('[data-action="as-payload-binary"]');
  await page.waitForFunction((b) => document.body.dataset.decodes !== b, b2);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#messages [data-i="0"]'), /binary/);
});

it('an empty paste is a quiet prompt', async (page) => {
  await paste(page, '  ');
  assert.equal(await page.textContent('#paste-status'), 'Paste a frame to decode it.');
  assert.equal(await page.locator('[data-part="hint"]').count(), 0);
  assert.equal(await page.textContent('#paste-error'), '');
});
