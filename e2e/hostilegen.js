// hostilegen.js: hostile captures for e2e/memory.test.js, generated in the
// test (never committed): a classic pcap (Ethernet, IPv4, TCP) of one
// WebSocket connection in 1448-byte segments.

const MSS = 1448;

/**
 * Hostile captures, for the memory tests: "tiny" sends `frames` empty text
 * frames (81 00, two bytes each); "bombs" negotiates permessage-deflate and
 * sends `messages` compressed messages of zeros, each inflating to `size`
 * bytes (RFC 7692: raw DEFLATE flushed with 00 00 ff ff, the tail cut).
 * @param {{kind: 'tiny'|'bombs', frames?: number, messages?: number, size?: number}} o
 * @returns {Promise<{bytes: Buffer, frames: number}>}
 */
export async function generateHostile(o) {
  const zlib = await import('node:zlib');
  /** @type {Buffer[]} */
  const out = [];
  let n = 0;
  const conn = { cseq: 1000, sseq: 1 << 30 };
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20);
  out.push(header);
  const packet = (fromClient, payload) => {
    n++;
    const rec = Buffer.alloc(16 + 54);
    rec.writeUInt32LE(1_700_000_000 + Math.floor(n / 1000), 0);
    rec.writeUInt32LE((n % 1000) * 1000, 4);
    rec.writeUInt32LE(54 + payload.length, 8);
    rec.writeUInt32LE(54 + payload.length, 12);
    Buffer.from([0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00]).copy(rec, 16);
    const ip = 30;
    rec[ip] = 0x45;
    rec.writeUInt16BE(40 + payload.length, ip + 2);
    rec[ip + 6] = 0x40; rec[ip + 8] = 64; rec[ip + 9] = 6;
    Buffer.from(fromClient ? [10, 0, 0, 1] : [10, 0, 0, 2]).copy(rec, ip + 12);
    Buffer.from(fromClient ? [10, 0, 0, 2] : [10, 0, 0, 1]).copy(rec, ip + 16);
    let sum = 0;
    for (let i = ip; i < ip + 20; i += 2) sum += rec.readUInt16BE(i);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    rec.writeUInt16BE(~sum & 0xffff, ip + 10);
    const tcp = ip + 20;
    rec.writeUInt16BE(fromClient ? 40000 : 8080, tcp);
    rec.writeUInt16BE(fromClient ? 8080 : 40000, tcp + 2);
    rec.writeUInt32BE((fromClient ? conn.cseq : conn.sseq) >>> 0, tcp + 4);
    rec.writeUInt32BE((fromClient ? conn.sseq : conn.cseq) >>> 0, tcp + 8);
    rec[tcp + 12] = 0x50; rec[tcp + 13] = 0x18; rec.writeUInt16BE(0xffff, tcp + 14);
    if (fromClient) conn.cseq += payload.length; else conn.sseq += payload.length;
    out.push(rec, payload);
  };
  const ext = o.kind === 'bombs' ? 'Sec-WebSocket-Extensions: permessage-deflate\r\n' : '';
  packet(true, Buffer.from('GET /hostile HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
    + `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${ext ? 'Sec-WebSocket-Extensions: permessage-deflate\r\n' : ''}\r\n`));
  packet(false, Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
    + `Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n${ext}\r\n`));
  /** @param {Buffer} all */
  const send = (all) => { for (let off = 0; off < all.length; off += MSS) packet(false, all.subarray(off, off + MSS)); };
  if (o.kind === 'tiny') {
    const chunk = Buffer.alloc(MSS * 64);
    for (let i = 0; i < chunk.length; i += 2) { chunk[i] = 0x81; chunk[i + 1] = 0; }
    let left = (o.frames || 0) * 2;
    while (left > 0) { send(chunk.subarray(0, Math.min(left, chunk.length))); left -= chunk.length; }
    return { bytes: Buffer.concat(out), frames: o.frames || 0 };
  }
  const z = zlib.deflateRawSync(Buffer.alloc(o.size || 0), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const p = z.subarray(0, z.length - 4); // the 00 00 ff ff tail goes (RFC 7692 7.2.1)
  const len = p.length < 126 ? [p.length] : p.length < 65536 ? [126, p.length >> 8, p.length & 0xff] : [127, 0, 0, 0, 0, ...u32(p.length)];
  const frame = Buffer.concat([Buffer.from([0xc2, ...len]), p]);
  for (let i = 0; i < (o.messages || 0); i++) send(frame);
  return { bytes: Buffer.concat(out), frames: o.messages || 0 };
}

function u32(v) { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; }
