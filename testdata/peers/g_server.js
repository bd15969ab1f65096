'use strict';
// Scenario g's server: WebSocket-Node (the `websocket` package), no compression. Echoes
// each message ("echo: " + text, or the binary as is) and answers pings itself.
// Entries sent before the capture started (FLAG_FILE not there yet) are marked
// "before_capture": true.
// usage: node g_server.js PORT SERVER_LOG FLAG_FILE
const http = require('http');
const fs = require('fs');
const WebSocketServer = require('websocket').server;
const { SentLog, failAfter } = require('./lib/sentlog');

const [portArg, logFile, flag] = process.argv.slice(2);
const log = new SentLog(logFile, 'server');
failAfter(40000, 'g_server');
const mark = () => (fs.existsSync(flag) ? {} : { before_capture: true });

const server = http.createServer((req, res) => { res.writeHead(404); res.end(); });
server.listen(Number(portArg), '127.0.0.1', () => console.error('g_server listening on ' + portArg));
const wss = new WebSocketServer({ httpServer: server, autoAcceptConnections: false });
wss.on('request', (req) => {
  const c = req.accept(null, req.origin);
  c.on('ping', (cancel, data) => { cancel(); log.add(0, 'pong', data, mark()); c.pong(data); });
  c.on('message', (m) => {
    if (m.type === 'utf8') {
      const t = 'echo: ' + m.utf8Data;
      log.add(0, 'text', t, mark());
      c.sendUTF(t);
    } else {
      log.add(0, 'binary', m.binaryData, mark());
      c.sendBytes(m.binaryData);
    }
  });
  c.on('close', () => {
    // WebSocket-Node answers the peer's close with 1000 and no reason by itself.
    log.add(0, 'close', { code: 1000, reason: '' }, Object.assign({ auto: true }, mark()));
    setTimeout(() => process.exit(0), 300);
  });
});
