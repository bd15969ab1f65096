'use strict';
// Scenario f's clients: NCLIENTS Node `ws` clients in one process, connected one after
// another (so conn k is the k-th TCP connection), then taking turns: in each of 3 rounds
// client 0, 1, 2 each send one text message and wait for the answer. Then each closes
// with 1000 "client k leaving".
// usage: node f_clients.js ws://127.0.0.1:PORT/ CLIENT_LOG NCLIENTS
const WebSocket = require('ws');
const { SentLog, failAfter } = require('./lib/sentlog');

const [url, logFile, nArg] = process.argv.slice(2);
const n = Number(nArg || 3);
const log = new SentLog(logFile, 'client');
failAfter(30000, 'f_clients');

function open(k) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
function next(ws) {
  return new Promise((resolve) => ws.once('message', (d) => resolve(d.toString())));
}

(async () => {
  const socks = [];
  for (let k = 0; k < n; k++) socks.push(await open(k));
  for (let r = 0; r < 3; r++) {
    for (let k = 0; k < n; k++) {
      const msg = `client ${k} round ${r}`;
      log.add(k, 'text', msg);
      const answer = next(socks[k]);
      socks[k].send(msg);
      console.error(await answer);
    }
  }
  for (let k = 0; k < n; k++) {
    const reason = `client ${k} leaving`;
    log.add(k, 'close', { code: 1000, reason });
    const closed = new Promise((resolve) => socks[k].once('close', resolve));
    socks[k].close(1000, reason);
    await closed;
  }
})().catch((e) => { console.error(e); process.exit(1); });
