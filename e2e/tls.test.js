// wss:// captures (issue 14): real captures from testdata/captures/tls/
// (Chromium and Node's ws over TLS, see testdata/peers/remake-tls.sh). The
// page's first wasm decodes pastes only; a capture makes the worker load
// wsframe-full.wasm (once), which lists the TLS connections and says why
// they are not decrypted; a key log opened beside it, in either order,
// decodes it again; a pcapng carrying its secrets needs no key log; the keys
// never reach the URL or storage. Pastes never load the full program.
import fs from 'node:fs';
import { suite, assert, paste, SEED_CLIENT } from './harness.js';

const it = suite(import.meta.url);
const file = (name) => new URL(`../testdata/captures/tls/${name}`, import.meta.url).pathname;
const NAME = 't13-aes128gcm-deflate';

const fullWasm = (page) => page.rec.requests.filter((u) => u.endsWith('/wsframe-full.wasm')).length;

async function openCapture(page, name) {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', file(name));
  await page.waitForSelector('.conns .conn');
}

it('no keys: TLS connections listed with version, suite, ALPN and why not decrypted', async (page) => {
  await openCapture(page, `${NAME}.pcap`);
  const conns = page.locator('.conns .conn[data-conn]');
  assert.equal(await conns.count(), 2);
  const text = await conns.nth(1).textContent();
  assert.match(text, /TLS · TLS 1\.3 · TLS_AES_128_GCM_SHA256 · ALPN offered http\/1\.1/);
  assert.match(text, /no key for this session: open the key log/);
  assert.equal(await page.textContent('#frame-count'), '0');
  assert.equal(fullWasm(page), 1, 'the full program is loaded once');
  assert.match(await page.textContent('[data-part="keylog-help"]'), /SSLKEYLOGFILE/);
});

it('pastes do not load the full program; the first capture loads it once', async (page) => {
  await paste(page, SEED_CLIENT);
  assert.equal(await page.textContent('#frame-count'), '1');
  assert.equal(fullWasm(page), 0);
  assert.match(await page.textContent('#engine'), /decoder/);
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', new URL('../testdata/captures/b-ws-chromium-deflate-lo4.pcapng', import.meta.url).pathname);
  // The paste's own diagram is "Frame 0" too: wait for the capture's frames, not for a diagram.
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '22', null, { timeout: 20_000 });
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.equal(fullWasm(page), 1);
  assert.match(await page.textContent('#engine'), /\(full\)/);
});

it('capture, then key log: decrypted with the TLS decoder, frames placed in their records', async (page) => {
  await openCapture(page, `${NAME}.pcap`);
  await page.setInputFiles('#keylog-file', file(`${NAME}.keys`));
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '12');
  assert.equal(fullWasm(page), 1);
  assert.match(await page.textContent('[data-part="keylog-status"]'), /10 lines with secrets/);
  const conn = page.locator('.conns .conn[data-conn]');
  assert.equal(await conn.count(), 1, 'only the WebSocket connection (the page load was HTTPS, decrypted, not WebSocket)');
  assert.match(await conn.textContent(), /decrypted: \d+ records, keys from the key log/);
  await page.click('#messages [data-i="0"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('[data-part="tls-record"]'), /^TLS record \d+$/);
  assert.match(await page.textContent('[data-part="tls-wire"]'), /encrypted on the wire: decrypted from TLS record \d+ of the server/);
  assert.match(await page.textContent('#messages [data-i="0"]'), /hello over tls/);
  // The keys are nowhere but in memory.
  const secret = fs.readFileSync(file(`${NAME}.keys`), 'utf8').split('\n')[0].split(' ')[2];
  const kept = await page.evaluate(() => location.href + JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
  assert.ok(!kept.includes(secret) && !kept.includes('TRAFFIC_SECRET'), 'no key in the URL or storage');
  await page.click('#copy-link');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(!link.includes(secret), 'no key in a copied link');

  // Forgetting the keys decodes it again without them.
  await page.click('[data-action="forget-keylog"]');
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '0');
});

/** Drops files on the page as a drag from the desktop does. @param {{name: string, bytes: Buffer}[]} files */
async function drop(page, files) {
  await page.evaluate((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    document.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files.map((f) => ({ name: f.name, bytes: [...f.bytes] })));
}

it('key log dropped, then the capture dropped; a wrong key is an error on the connection', async (page) => {
  await drop(page, [{ name: 'sslkeys.log', bytes: fs.readFileSync(file(`${NAME}.keys`)) }]);
  await page.waitForSelector('[data-action="forget-keylog"]:not([hidden])');
  assert.equal(await page.textContent('#frame-count'), '2', 'the key log is not read as a capture');
  await drop(page, [{ name: `${NAME}.pcap`, bytes: fs.readFileSync(file(`${NAME}.pcap`)) }]);
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '12');
  // A key log whose secrets are all wrong.
  const wrong = fs.readFileSync(file(`${NAME}.keys`), 'utf8').replace(/[0-9a-f](\r?\n)/g, (m, nl) => (m[0] === '0' ? '1' : '0') + nl);
  await page.setInputFiles('#keylog-file', { name: 'wrong.keys', mimeType: 'text/plain', buffer: Buffer.from(wrong) });
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '0');
  const err = await page.locator('[data-part="tls-error"]').first().textContent();
  assert.match(err, /record \d+ at TCP stream offset \d+ does not decrypt: authentication failed; the key log's key for this session is wrong/);
});

it('a pcapng with its secrets inside decrypts without a key log', async (page) => {
  await openCapture(page, 't12-chacha20.dsb.pcapng.gz');
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '12');
  assert.match(await page.textContent('.conns .conn[data-conn]'), /TLS 1\.2 · TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256.*keys from the capture \(pcapng secrets block\)/);
  assert.equal(fullWasm(page), 1);
});
