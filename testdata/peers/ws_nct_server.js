'use strict';
// Scenario e: Node `ws` server with permessage-deflate and serverNoContextTakeover (and
// threshold 0, so every message is compressed). The client (py_peers.py client-e) offers
// client_max_window_bits=9. The server echoes each message; on "done" it sends the
// 200-byte JSON 3 times (with no context takeover the three compressed bodies are the
// same bytes) and closes with 1000 "server done".
// usage: node ws_nct_server.js PORT SERVER_LOG
const { WebSocketServer } = require('ws');
const { SentLog, JSON200, failAfter } = require('./lib/sentlog');

const port = Number(process.argv[2]);
const log = new SentLog(process.argv[3], 'server');
failAfter(30000, 'ws_nct_server');

const wss = new WebSocketServer({
  host: '127.0.0.1', port, autoPong: false,
  perMessageDeflate: { serverNoContextTakeover: true, threshold: 0 },
}, () => console.error('ws_nct_server listening on ' + port));

wss.on('connection', (ws, req) => {
  console.error('offer: ' + req.headers['sec-websocket-extensions']);
  ws.on('ping', (d) => { log.add(0, 'pong', d); ws.pong(d); });
  ws.on('message', (data, isBinary) => {
    if (!isBinary && data.toString() === 'done') {
      for (let i = 0; i < 3; i++) { log.add(0, 'text', JSON200); ws.send(JSON200); }
      log.add(0, 'close', { code: 1000, reason: 'server done' });
      ws.close(1000, 'server done');
      return;
    }
    log.add(0, isBinary ? 'binary' : 'text', data);
    ws.send(data, { binary: isBinary });
  });
  ws.on('close', () => { wss.close(); setTimeout(() => process.exit(0), 300); });
});
wss.on('headers', (h) => console.error('response: ' + h.filter((x) => /extensions/i.test(x)).join()));
