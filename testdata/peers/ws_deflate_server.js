'use strict';
// Scenario b: Node `ws` server with permessage-deflate on, context takeover both ways
// (ws's threshold only applies under no_context_takeover, so every message is
// compressed unless sent with {compress:false}).
// Sends: "hi" uncompressed (RSV1 clear on a deflate connection), the same 200-byte JSON
// 3 times, a 256-byte binary, a text sent as 4 explicit compressed fragments
// (send(..., {fin:false})), a ping, a 66 KB text (more than 65535 bytes once inflated),
// then "your turn".
// The Chromium client then sends its messages and closes with 1000 and a reason; ws
// answers that close by itself with the same code and reason (logged as auto).
// usage: node ws_deflate_server.js PORT SERVER_LOG
const { WebSocketServer } = require('ws');
const { SentLog, JSON200, bytesPattern, failAfter } = require('./lib/sentlog');

const port = Number(process.argv[2]);
const log = new SentLog(process.argv[3], 'server');
failAfter(40000, 'ws_deflate_server');

const wss = new WebSocketServer({
  host: '127.0.0.1', port,
  perMessageDeflate: true,
  autoPong: false,
}, () => console.error('ws_deflate_server listening on ' + port));

function bigText() {
  let s = '';
  for (let i = 0; s.length < 66000; i++) {
    s += JSON.stringify({ i, square: i * i, name: 'item-' + i, even: i % 2 === 0 }) + '\n';
  }
  return s;
}

wss.on('connection', (ws, req) => {
  console.error('extensions: ' + req.headers['sec-websocket-extensions']);
  const send = (type, data, opts, extra) => {
    if (opts && opts.fin === false) { ws.send(data, opts); return; }
    log.add(0, type, extra && extra.whole !== undefined ? extra.whole : data,
      extra && extra.fragments ? { fragments: extra.fragments } : {});
    ws.send(data, opts);
  };
  ws.on('ping', (data) => { log.add(0, 'pong', data); ws.pong(data); });
  send('text', 'hi', { compress: false });
  for (let i = 0; i < 3; i++) send('text', JSON200);
  send('binary', bytesPattern(256, 1, 0), { binary: true });
  const parts = ['fragmented message, part one; ', 'part two; ', 'part three; ', 'and the end.'];
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    send('text', p, { fin: last, binary: false },
      last ? { whole: parts.join(''), fragments: parts.map((x) => Buffer.byteLength(x)) } : undefined);
  });
  log.add(0, 'ping', 'ping-1');
  ws.ping('ping-1');
  send('text', 'pinged:ping-1');
  send('text', bigText());
  send('text', 'your turn');
  ws.on('message', (data, isBinary) => {
    console.error('received ' + (isBinary ? 'binary' : 'text') + ' ' + data.length);
  });
  ws.on('close', (code, reason) => {
    log.add(0, 'close', { code, reason: reason.toString() }, { auto: true });
    console.error('closed ' + code + ' ' + reason);
    wss.close();
    setTimeout(() => process.exit(0), 300);
  });
});
