'use strict';
// Serializations in messages: a ws server sends values packed by msgpackr (MessagePack) and
// cbor-x (CBOR), and JSON compressed by Node's zlib (gzip and zlib); the client echoes each
// message back. The server logs each value in the readings' JSON convention: bytes as
// {"$bin": hex}, a CBOR tag as {"$tag": n, "$value": v}.
// usage: node binary.js server|client PORT LOG.json
const [role, port, file] = [process.argv[2], +process.argv[3], process.argv[4]];
const log = require('./applog.js')(file, role);
const WebSocket = require('ws');
const zlib = require('zlib');
setTimeout(() => process.exit(0), 8000).unref();

if (role === 'server') {
  const { pack } = require('msgpackr');
  const { Encoder } = require('cbor-x');
  const cbor = new Encoder({ useRecords: false, tagUint8Array: false });
  const wss = new WebSocket.Server({ port, host: '127.0.0.1', perMessageDeflate: false });
  wss.on('connection', (ws) => {
    const sent = (format, value, bytes) => { ws.send(bytes); log.add('sent', { format, value, hex: bytes.toString('hex') }); };
    const obj = { id: 7, name: 'sensor', ok: true, ratio: 0.25, big: 4294967296, neg: -129, tags: ['a', 'b'], none: null };
    sent('msgpack', obj, pack(obj));
    sent('msgpack', { blob: { $bin: '00ff10' } }, pack({ blob: Buffer.from([0, 255, 16]) }));
    sent('cbor', obj, cbor.encode(obj));
    const when = new Date(1700000000000);
    sent('cbor', [{ $tag: 1, $value: 1700000000 }, { $bin: 'cafe' }], cbor.encode([when, Buffer.from([0xca, 0xfe])]));
    const json = { compressed: 'gzip', list: [1, 2, 3] };
    sent('gzip', json, zlib.gzipSync(JSON.stringify(json)));
    const j2 = { compressed: 'zlib', text: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' };
    sent('zlib', j2, zlib.deflateSync(JSON.stringify(j2)));
    setTimeout(() => ws.close(1000, 'done'), 300);
  });
  setTimeout(() => process.exit(0), 4000);
} else {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/data`, { perMessageDeflate: false });
  ws.on('message', (d, binary) => { ws.send(d, { binary }); log.add('echo', { hex: Buffer.from(d).toString('hex') }); });
  ws.on('close', () => setTimeout(() => process.exit(0), 100));
}
