// A large paste goes through an index (issue 26): over 256 KiB, the first
// program hands it to the full one (its answer's error.needs), which
// decodes it into small records over the bytes it spells and reads rows
// and frames again from them as they are shown, as a capture's are from
// its file. Every frame is listed and opens; the seed decodes after it.
import { suite, assert, paste, SEED_CLIENT } from './harness.js';

const it = suite(import.meta.url);

const N = 50_000;

/** N small text frames "0".."N-1", one a line (about 1 MB of text). */
function frames(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const t = Buffer.from(String(i));
    lines.push(`81 ${t.length.toString(16).padStart(2, '0')} ${t.toString('hex').match(/../g).join(' ')}`);
  }
  return lines.join('\n');
}

it(`${N} pasted frames are listed, every one opens, and the seed decodes after`, async (page) => {
  const text = frames(N);
  assert.ok(text.length > 256 << 10, `${text.length} characters`);
  // The rows each decode the page asks of the worker brings with its answer.
  await page.evaluate(() => {
    const post = Worker.prototype.postMessage;
    /** @type {any} */ (globalThis).rowsAsked = [];
    Worker.prototype.postMessage = function (m, ...rest) {
      if (m && m.op === 'decode') /** @type {any} */ (globalThis).rowsAsked.push(m.args[1].rows);
      return post.call(this, m, ...rest);
    };
  });
  const t0 = Date.now();
  await paste(page, text);
  await page.waitForFunction((n) => document.querySelector('#frame-count')?.textContent === String(n), N, { timeout: 20_000 });
  console.log(`# ${N} pasted frames (${(text.length / 1e6).toFixed(2)} MB) decoded and listed in ${Date.now() - t0} ms, the full program loaded on the way`);
  // Read through the index, its answer brings the lists' first block, as a
  // file's does; the lists fetch the rest as they scroll (below).
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (globalThis).rowsAsked), [200]);
  // Rows past the first answer's are read again on demand: the last frame,
  // its message and its detail.
  await page.focus('#frames');
  await page.keyboard.press('End');
  await page.waitForSelector(`#frames [role=option][data-i="${N - 1}"][aria-selected="true"]`);
  await page.waitForSelector(`svg.diagram[aria-label^="Frame ${N - 1}"]`);
  assert.match(await page.textContent(`#frames [role=option][data-i="${N - 1}"]`), new RegExp(String(N - 1)));
  const rows = await page.evaluate((n) => wsframe.rows('messages', n - 3, 3, { preview: 64 }), N);
  assert.deepEqual(rows.map((m) => m.text), [String(N - 3), String(N - 2), String(N - 1)]);
  const f = await page.evaluate((n) => wsframe.frame(n - 2), N);
  assert.equal(f.message.text, String(N - 2), JSON.stringify(f).slice(0, 300));
  assert.equal(f.bytes.replace(/\s/g, ''), `8105${Buffer.from(String(N - 2)).toString('hex')}`);
  // A paste under the size is decoded whole, as before; the seed decodes.
  await paste(page, SEED_CLIENT);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.equal(await page.textContent('#frame-count'), '1');
  assert.deepEqual(await page.evaluate(() => /** @type {any} */ (globalThis).rowsAsked), [200, 2000], 'a paste decoded whole brings its first 2000 rows');
  assert.match(await page.textContent('#messages'), /Good bye\./);
}, { timeout: 120_000 });

it('a large paste answers through the API as the page shows it: totals, the first rows, the handshake', async (page) => {
  const hs = 'GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
  const r = await page.evaluate((t) => wsframe.decode(t, { preview: 64, rows: 100 }), hs + frames(20_000));
  assert.deepEqual(r.totals, { frames: 20_000, messages: 20_000 });
  assert.equal(r.frames.length, 100);
  assert.equal(r.messages[99].text, '99');
  assert.ok(r.handshake && r.handshake.request, JSON.stringify(r.handshake).slice(0, 200));
});

/** Wireshark's Follow TCP Stream (raw) of a handshake and n messages each way, the server's turns indented. */
function followRaw(n) {
  const hex = (b) => Buffer.from(b).toString('hex');
  const lines = ['', '='.repeat(67), 'Follow: tcp,raw', 'Filter: tcp.stream eq 0', 'Node 0: 10.0.0.1:40000', 'Node 1: 10.0.0.2:8080',
    hex('GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'),
    `\t${hex('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n')}`];
  for (let i = 0; i < n; i++) {
    const t = Buffer.from(`message ${i}`);
    lines.push(`\t${hex([0x81, t.length, ...t])}`);
    lines.push(hex([0x81, 0x80 | t.length, 0, 0, 0, 0, ...t])); // masked with a zero key
  }
  lines.push('='.repeat(67));
  return lines.join('\n');
}

it('a Follow TCP Stream pasted over 256 KiB is read through the index: every frame listed, the last opens', async (page) => {
  const n = 10_000;
  const text = followRaw(n);
  assert.ok(text.length > 256 << 10, `${text.length} characters`);
  await paste(page, text);
  await page.waitForFunction((c) => document.querySelector('#frame-count')?.textContent === String(c), 2 * n, { timeout: 20_000 });
  const rows = await page.evaluate((c) => wsframe.rows('messages', c - 2, 2, { preview: 64 }), 2 * n);
  assert.deepEqual(rows.map((m) => [m.text, m.from]), [[`message ${n - 1}`, 'server'], [`message ${n - 1}`, 'client']]);
  const f = await page.evaluate((c) => wsframe.frame(c - 1), 2 * n);
  assert.equal(f.message.text, `message ${n - 1}`);
  // The seed decodes right after.
  await paste(page, SEED_CLIENT);
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '1');
  assert.match(await page.textContent('#messages'), /Good bye\./);
});

it('a paste larger than the first program decodes whole has the full program fetched at its paste event; a smaller one does not', async (page) => {
  await page.evaluate(() => wsframe.ready());
  const fulls = () => page.server.requests.filter((p) => p === '/wsframe-full.wasm').length;
  const before = fulls();
  const decodes = await page.evaluate(() => document.body.dataset.decodes);
  // The paste event alone (the text not yet in the box), as a browser sends it before inserting.
  const pasteEvent = (n) => page.evaluate((n) => {
    const data = new DataTransfer();
    data.setData('text/plain', '81 00\n'.repeat(n));
    document.querySelector('#paste').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, n);
  // The worker answers in order: a decode asked after the event waits
  // for the full program whenever the event had it loaded.
  const fullAfter = () => page.evaluate(async () => { await wsframe.decode('81 00'); return wsframe.full; });
  await pasteEvent(1000); // 6 KB: the first program decodes it
  assert.equal(await fullAfter(), false);
  assert.equal(fulls(), before);
  assert.equal(await page.evaluate(() => document.body.dataset.decodes), decodes, 'a paste event the box takes decodes nothing itself');
  await pasteEvent(50_000); // 300 KB: over 256 KiB, and held outside the box (paste-held.test.js), decoded at once
  assert.equal(await fullAfter(), true);
  assert.equal(fulls(), before + 1);
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '50000');
  assert.equal(await page.textContent('#engine'), await page.evaluate(() => `decoder ${wsframe.version} (full)`));
});
