'use strict';
// Scenario f's server: Node `ws`, no compression, several connections at once. Each
// text message from a client is answered on that client's connection; conn is the
// order in which the connections were accepted (the clients connect one after another).
// usage: node f_server.js PORT SERVER_LOG NCLIENTS
const { WebSocketServer } = require('ws');
const { SentLog, failAfter } = require('./lib/sentlog');

const port = Number(process.argv[2]);
const log = new SentLog(process.argv[3], 'server');
const n = Number(process.argv[4] || 3);
failAfter(30000, 'f_server');

const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, autoPong: false },
  () => console.error('f_server listening on ' + port));
let accepted = 0;
let closed = 0;
wss.on('connection', (ws) => {
  const conn = accepted++;
  ws.on('ping', (d) => { log.add(conn, 'pong', d); ws.pong(d); });
  ws.on('message', (data, isBinary) => {
    const reply = `server to conn ${conn}: got "${data}"`;
    log.add(conn, 'text', reply);
    ws.send(reply);
  });
  ws.on('close', (code, reason) => {
    log.add(conn, 'close', { code, reason: reason.toString() }, { auto: true });
    if (++closed === n) { wss.close(); setTimeout(() => process.exit(0), 300); }
  });
});
