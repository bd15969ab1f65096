// What every input is (issue 21): a file that is not a capture (a PNG, a
// key log, bytes that are not frames) is named and lists nothing, from the
// "Open a capture…" button and from a paste alike; a key log given where a
// capture is expected goes beside the capture; a paste read with problems
// is never called recognised; a frame broken on purpose stays a frame,
// its rules in words; squeezed dumps and raw frames of letters are read.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { suite, assert, paste } from './harness.js';

const it = suite(import.meta.url);

/** A small PNG, made here: signature, IHDR, IDAT, IEND. */
function png() {
  const crcTable = [...Array(256)].map((_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(64, 0); ihdr.writeUInt32BE(64, 4); ihdr[8] = 8; ihdr[9] = 0;
  const rows = Buffer.alloc(65 * 64, 0x80);
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
const KEYS = `CLIENT_RANDOM ${'3f2a'.repeat(16)} ${'ab'.repeat(48)}\n`;

it('a PNG opened as a capture is named, lists nothing, in English and Japanese', async (page) => {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', { name: 'screenshot.png', mimeType: 'image/png', buffer: png() });
  await page.waitForSelector('#capture [data-part="refused"]');
  assert.equal(await page.textContent('#capture [data-part="refused"]'),
    'screenshot.png: This is a PNG image, not a capture or WebSocket frames. wsframe reads pcap and pcapng captures, HAR files, and frames as raw bytes or pasted as hex or base64.');
  assert.equal(await page.textContent('#frame-count'), '0');
  assert.equal(await page.locator('#frames [data-i]').count(), 0);
  assert.doesNotMatch(await page.textContent('#capture'), /No WebSocket connection found|connections, \d+ frames/);
  await page.selectOption('#lang', 'ja');
  await page.waitForFunction(() => /PNG 画像です/.test(document.querySelector('#capture [data-part="refused"]')?.textContent || ''));
  await page.screenshot({ path: 'artifacts/kinds-png-ja.png' });
  await page.selectOption('#lang', 'en'); // the choice is kept for the next tests
});

it('bytes of no known kind that do not chain as frames: refused with their first bytes', async (page) => {
  await page.click('#mode-capture');
  const noise = Buffer.alloc(3000);
  for (let i = 0; i < noise.length; i++) noise[i] = [0xf3, 0x7e, 0xff, 0x00, 0x13][i % 5];
  await page.setInputFiles('#capture-file', { name: 'noise.bin', mimeType: 'application/octet-stream', buffer: noise });
  await page.waitForSelector('#capture [data-part="refused"]');
  assert.match(await page.textContent('#capture [data-part="refused"]'), /^noise\.bin: These bytes are not a capture and do not read as WebSocket frames \(they start f3 7e ff 00 13 f3 7e ff …\)/);
  // Raw frames whose payload is letters are frames, not text.
  await page.setInputFiles('#capture-file', { name: 'letters.bin', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from([0x81, 0x2b]), Buffer.from('abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq')]) });
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '1');
  assert.match(await page.textContent('#capture .status'), /letters\.bin: binary/);
});

it('a key log through "Open a capture…" goes beside the capture; pasted, it is named', async (page) => {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', { name: 'keys.txt', mimeType: 'text/plain', buffer: Buffer.from(`# keys\n${KEYS}`) });
  await page.waitForSelector('[data-action="forget-keylog"]:not([hidden])');
  assert.match(await page.textContent('[data-part="keylog-status"]'), /Key log keys\.txt: 1 line with secrets/);
  assert.doesNotMatch(await page.textContent('#capture .status'), /not a hex digit/);
  // Back to the paste view, which decodes the paste on it again: wait for
  // that, or paste() below takes its answer (late under load, behind the
  // full program's warm-up) for the key log's.
  const before = await page.evaluate(() => document.body.dataset.decodes || '0');
  await page.click('#mode-paste');
  await page.waitForFunction((b) => (document.body.dataset.decodes || '0') !== b, before, { timeout: 20_000 });
  await paste(page, KEYS);
  assert.match(await page.textContent('#paste-status'), /This is a TLS key log \(SSLKEYLOGFILE\), not a capture: open it with “Open a key log…”/);
  assert.equal(await page.textContent('#frame-count'), '0');
  assert.equal(await page.locator('#paste-error .emsg').count(), 0, 'said once, by the status line');
});

it('a paste read with a problem is not called recognised; a frame broken on purpose has no payload hint', async (page) => {
  await paste(page, '81 0c 48 6z 6c');
  const status = await page.textContent('#paste-status');
  assert.match(status, /^Read with 1 problem, skipped: hex · 4 bytes/);
  assert.doesNotMatch(status, /Recognised/);
  assert.equal(await page.locator('#paste-status .ok-dot.warn-dot').count(), 1, 'not green');
  assert.match(await page.textContent('#paste-error'), /'z' is not a hex digit/);
  // The builder's ping with FIN 0, RSV2 and a 16-bit length.
  await paste(page, '29 7e 00 05 68 65 6c 6c 6f');
  assert.equal(await page.locator('[data-part="hint"]').count(), 0);
  assert.equal(await page.textContent('#frame-count'), '1');
  // Bytes that do not chain: the hint says the rules in words, never their ids.
  await paste(page, '29 7e 00 09 68 65 6c 6c 6f');
  await page.waitForSelector('[data-part="hint"]');
  const hint = await page.textContent('[data-part="hint"]');
  assert.match(hint, /frame 0 breaks 4 rules: a fragmented control frame, an RSV bit no extension defines, a length not in its shortest form, a length past the end of the input/);
  assert.doesNotMatch(hint, /control-fragmented|rsv-without-extension|non-minimal-length/);
});

it('hexdump -C and od output with * for repeated lines', async (page) => {
  for (const f of ['hexdump-C.txt', 'od-tx1.txt']) {
    await paste(page, fs.readFileSync(new URL(`../paste/testdata/squeeze/${f}`, import.meta.url), 'utf8'));
    assert.equal(await page.textContent('#frame-count'), '2', f);
    assert.match(await page.textContent('#paste-status'), /^Recognised .* · 104 bytes · 2 frames/, f);
  }
});

it('how a key log fits: per connection and in the status line', async (page) => {
  const tls = (f) => new URL(`../testdata/captures/tls/${f}`, import.meta.url).pathname;
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', tls('t13-aes128gcm-deflate.pcap'));
  await page.waitForSelector('[data-part="tls-fit"]');
  assert.equal(await page.textContent('[data-part="tls-fit"]'), '2 TLS connections, encrypted: open the key log written when they were recorded');
  // A key log for other sessions: said per connection, never the advice to open one.
  await page.setInputFiles('#keylog-file', tls('t12-chacha20.keys'));
  await page.waitForFunction(() => /0 of 2 TLS sessions/.test(document.querySelector('[data-part="tls-fit"]')?.textContent || ''));
  assert.equal(await page.textContent('[data-part="tls-fit"]'), 'Key log t12-chacha20.keys: 0 of 2 TLS sessions of this capture');
  const conns = page.locator('.conns .conn[data-conn]');
  assert.equal(await conns.count(), 2, 'connections that stay encrypted stay listed');
  const text = await conns.nth(0).textContent();
  assert.match(text, /the key log \(2 sessions\) has none for this one \(client random [0-9a-f]{8}…\)/);
  assert.doesNotMatch(text, /open the key log/);
  // The right one.
  await page.setInputFiles('#keylog-file', tls('t13-aes128gcm-deflate.keys'));
  await page.waitForFunction(() => /2 of 2 TLS sessions/.test(document.querySelector('[data-part="tls-fit"]')?.textContent || ''));
});
