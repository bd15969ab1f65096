'use strict';
// Scenario d's client: Node `ws` without compression, against gopeer (gorilla).
// On "your turn" it sends binary messages of 125, 126 and 65536 bytes (masked 7-, 16- and
// 64-bit lengths), a text message in 4 explicit fragments (send(..., {fin:false})) with a
// ping between fragments, then "done". The server then closes with 4000 "custom", which
// ws answers by itself with the same code and reason (logged as auto).
// usage: node d_client.js ws://127.0.0.1:PORT/ CLIENT_LOG
const WebSocket = require('ws');
const { SentLog, failAfter } = require('./lib/sentlog');

const [url, logFile] = process.argv.slice(2);
const log = new SentLog(logFile, 'client');
failAfter(30000, 'd_client');

function pattern(n) {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 17 + n) & 0xff;
  return b;
}

const ws = new WebSocket(url, { perMessageDeflate: false, autoPong: false });
ws.on('ping', (d) => { log.add(0, 'pong', d); ws.pong(d); });
ws.on('message', (data, isBinary) => {
  console.error('received ' + (isBinary ? 'binary' : 'text') + ' ' + data.length);
  if (isBinary || data.toString() !== 'your turn') return;
  for (const n of [125, 126, 65536]) {
    const b = pattern(n);
    log.add(0, 'binary', b);
    ws.send(b, { binary: true });
  }
  const parts = ['ws fragment one, ', 'two, ', 'three, ', 'four (fin).'];
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    ws.send(p, { binary: false, fin: last });
    if (last) {
      log.add(0, 'text', parts.join(''), { fragments: parts.map((x) => Buffer.byteLength(x)) });
    } else {
      const pd = 'c-ping-' + (i + 1);
      log.add(0, 'ping', pd);
      ws.ping(pd);
    }
  });
  log.add(0, 'text', 'done');
  ws.send('done');
});
ws.on('close', (code, reason) => {
  log.add(0, 'close', { code, reason: reason.toString() }, { auto: true });
  console.error('closed ' + code + ' ' + reason);
  setTimeout(() => process.exit(0), 200);
});
