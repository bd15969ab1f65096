// Hostile inputs of issue 26 in the page, each generated here (never
// committed) and small enough for CI: the page opens it (or refuses it in
// words) and the paste view decodes the seed right after. The others are
// in memory.test.js (four million tiny frames, the index's budget,
// messages inflating to the cap), readings-budget.test.js (gzip'd
// messages past the inflation budget), paste-large.test.js (50,000 pasted
// frames, a Follow TCP Stream over 256 KiB) and busy.test.js (a decode
// that never ends, out of memory in encode).
//   - one message in 200,000 fragments (a capture);
//   - 300,000 one-byte raw frames opened as a file, read as MQTT;
//   - a tshark -x dump of 3,000 packets pasted (over 256 KiB);
//   - a HAR whose page entry has an 8 MB body, then 20,000 messages;
//   - a builder spec that would make a million frames.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, assert, paste, hostileCapture, SEED_CLIENT, SEED_SERVER } from './harness.js';

const it = suite(import.meta.url);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-hostile-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

/** Opens file in the capture view and waits for `frames` listed. */
async function open(page, file, frames, timeout = 60_000) {
  await page.click('#mode-capture');
  const t0 = Date.now();
  await page.setInputFiles('#capture-file', file);
  await page.waitForFunction((n) => document.querySelector('#frame-count')?.textContent === String(n)
    || /Could not read/.test(document.querySelector('#capture .status')?.textContent || ''), frames, { timeout });
  assert.doesNotMatch(await page.textContent('#capture .status'), /Could not read/);
  console.log(`# ${path.basename(file)}: ${(fs.statSync(file).size / 1e6).toFixed(2)} MB, ${frames} frames listed in ${Date.now() - t0} ms`);
}

/** The paste view decodes the seed's two frames, pasted as one input event. */
async function seedDecodes(page) {
  await page.click('#mode-paste');
  await page.evaluate((t) => {
    const el = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste'));
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, `${SEED_SERVER}\n${SEED_CLIENT}`);
  await page.waitForFunction(() => /2 frames/.test(document.querySelector('#paste-status')?.textContent || ''), null, { timeout: 10_000 });
  await page.waitForSelector('svg.diagram');
  assert.match(await page.textContent('#messages'), /Good bye\./);
}

it('one message in 200,000 fragments opens, its last fragment opens, then the seed decodes', async (page) => {
  const file = path.join(dir, 'fragments.pcap');
  const n = hostileCapture(file, 'fragments', 200_000) + 2; // the first and last frames beside the continuations
  await open(page, file, n);
  // Each fragment's detail lists at most 64 of its message's 200,002
  // frames (issue 26; it carried them all, 1.3 MB of JSON, 10 to 15 s).
  const t0 = Date.now();
  await page.fill('#goto', String(n - 1));
  await page.press('#goto', 'Enter');
  await page.waitForSelector(`svg.diagram[aria-label^="Frame ${n - 1}"]`, { timeout: 60_000 });
  console.log(`# the last fragment's detail shown in ${Date.now() - t0} ms`);
  const m = await page.evaluate(() => wsframe.rows('messages', 0, 1, { preview: 64 }));
  assert.equal(m[0].text, 'hi', JSON.stringify(m[0]).slice(0, 300));
  await seedDecodes(page);
}, { timeout: 180_000 });

it('300,000 one-byte raw frames opened as a file and read as MQTT, then the seed decodes', async (page) => {
  const file = path.join(dir, 'tiny.bin');
  const n = 300_000;
  fs.writeFileSync(file, Buffer.alloc(3 * n, Buffer.from([0x82, 0x01, 0x00])));
  await page.selectOption('#opt-protocol', 'mqtt');
  await open(page, file, n);
  await page.focus('#frames');
  await page.keyboard.press('End');
  await page.waitForSelector(`svg.diagram[aria-label^="Frame ${n - 1}"]`, { timeout: 20_000 });
  await page.selectOption('#opt-protocol', 'auto');
  await seedDecodes(page);
}, { timeout: 120_000 });

/** A TCP/IPv4 packet in Ethernet from a to b (0 client, 1 server). */
function packet(fromClient, seq, ack, flags, payload) {
  const ip = [[10, 0, 0, 1], [10, 0, 0, 2]];
  const [src, dst] = fromClient ? [ip[0], ip[1]] : [ip[1], ip[0]];
  const [sport, dport] = fromClient ? [40000, 8080] : [8080, 40000];
  const b = Buffer.alloc(54 + payload.length);
  Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 8, 0]).copy(b, 0);
  b.writeUInt8(0x45, 14); b.writeUInt16BE(40 + payload.length, 16); b.writeUInt16BE(0x4000, 20);
  b.writeUInt8(64, 22); b.writeUInt8(6, 23); Buffer.from(src).copy(b, 26); Buffer.from(dst).copy(b, 30);
  let sum = 0;
  for (let i = 14; i < 34; i += 2) sum += b.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  b.writeUInt16BE(~sum & 0xffff, 24);
  b.writeUInt16BE(sport, 34); b.writeUInt16BE(dport, 36); b.writeUInt32BE(seq >>> 0, 38); b.writeUInt32BE(ack >>> 0, 42);
  b.writeUInt8(0x50, 46); b.writeUInt8(flags, 47); b.writeUInt16BE(65535, 48);
  Buffer.from(payload).copy(b, 54);
  return b;
}

/** tshark -x of packets: 16 bytes a line, the offset in four hex digits, the ASCII column; a blank line between. */
function tsharkX(packets) {
  const out = [];
  for (const p of packets) {
    for (let off = 0; off < p.length; off += 16) {
      const row = [...p.subarray(off, off + 16)];
      const hex = row.map((c) => c.toString(16).padStart(2, '0')).join(' ').padEnd(47, ' ');
      out.push(`${off.toString(16).padStart(4, '0')}  ${hex}   ${row.map((c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.')).join('')}`);
    }
    out.push('');
  }
  return out.join('\n');
}

it('a tshark -x dump of 3,000 packets pasted over 256 KiB is read as a capture, then the seed decodes', async (page) => {
  const req = Buffer.from('GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
  const resp = Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n');
  let c = 1000; let s = 5000;
  const pkts = [packet(true, c, 0, 0x02, []), packet(false, s, c + 1, 0x12, []), packet(true, c + 1, s + 1, 0x10, [])];
  c++; s++;
  pkts.push(packet(true, c, s, 0x18, req)); c += req.length;
  pkts.push(packet(false, s, c, 0x18, resp)); s += resp.length;
  const n = 3000;
  for (let i = 0; i < n; i++) {
    const t = Buffer.from(`message ${i}`);
    const f = Buffer.from([0x81, t.length, ...t]);
    pkts.push(packet(false, s, c, 0x18, f)); s += f.length;
  }
  const text = tsharkX(pkts);
  assert.ok(text.length > 256 << 10, `${text.length} characters`);
  await paste(page, text);
  await page.waitForFunction((k) => document.querySelector('#frame-count')?.textContent === String(k), n, { timeout: 30_000 });
  const rows = await page.evaluate((k) => wsframe.rows('messages', k - 1, 1, { preview: 64 }), n);
  assert.equal(rows[0].text, `message ${n - 1}`);
  await seedDecodes(page);
}, { timeout: 120_000 });

it('a HAR whose page entry has an 8 MB body, then 20,000 messages: opened, listed, then the seed decodes', async (page) => {
  const file = path.join(dir, 'body.har');
  const n = 20_000;
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"http://x/","headers":[]},"response":{"status":200,"content":{"text":"');
  const chunk = 'abc\\"\\\\\\u00e9 '.repeat(8192);
  for (let k = 0; k < (8 << 20) / chunk.length; k++) fs.writeSync(fd, chunk);
  fs.writeSync(fd, '"}}},{"request":{"method":"GET","url":"ws://x/chat","headers":[]},"response":{"status":101,"headers":[]},"_webSocketMessages":[');
  const msgs = [];
  for (let i = 0; i < n; i++) msgs.push(`{"type":"receive","time":${1700000000 + i}.5,"opcode":1,"data":"message ${i}"}`);
  fs.writeSync(fd, `${msgs.join(',')}]}]}}`);
  fs.closeSync(fd);
  await open(page, file, n);
  const rows = await page.evaluate((k) => wsframe.rows('messages', k - 1, 1, { preview: 64 }), n);
  assert.equal(rows[0].text, `message ${n - 1}`);
  await seedDecodes(page);
}, { timeout: 120_000 });

it('a builder spec that would make a million frames is refused in words before building, then the seed decodes', async (page) => {
  const r = await page.evaluate(async () => {
    try {
      return await wsframe.encode({ text: 'a'.repeat(1 << 20), fragment: 1 });
    } catch (e) {
      return { thrown: String(/** @type {any} */ (e).message || e) };
    }
  });
  assert.match(JSON.stringify(r), /1048576 frames; one build makes at most 10000 frames/);
  await seedDecodes(page);
});
