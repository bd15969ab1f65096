'use strict';
// Scenario g's client: Node `ws`, no compression. Sends two messages, then waits until
// FLAG_FILE exists (remake.sh creates it once the capture is running, so the handshake
// and these first messages are not in the file), then sends more and closes.
// usage: node g_client.js ws://127.0.0.1:PORT/ CLIENT_LOG FLAG_FILE
const fs = require('fs');
const WebSocket = require('ws');
const { SentLog, failAfter, bytesPattern } = require('./lib/sentlog');

const [url, logFile, flag] = process.argv.slice(2);
const log = new SentLog(logFile, 'client');
failAfter(40000, 'g_client');
const mark = () => (fs.existsSync(flag) ? {} : { before_capture: true });

const ws = new WebSocket(url, { perMessageDeflate: false });
const next = () => new Promise((resolve) => ws.once('message', resolve));
const send = async (type, data) => { log.add(0, type, data, mark()); const a = next(); ws.send(data, { binary: type === 'binary' }); await a; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

ws.on('open', async () => {
  await send('text', 'before capture 1');
  await send('text', 'before capture 2');
  for (let i = 0; i < 200 && !fs.existsSync(flag); i++) await sleep(50);
  if (!fs.existsSync(flag)) { console.error('g_client: no flag'); process.exit(3); }
  await sleep(200);
  await send('text', 'after capture 1');
  await send('binary', bytesPattern(64, 3, 1));
  log.add(0, 'ping', 'mid', mark());
  const pong = new Promise((r) => ws.once('pong', r));
  ws.ping('mid');
  await pong;
  await send('text', 'after capture 2: ' + 'x'.repeat(150));
  log.add(0, 'close', { code: 1000, reason: 'bye' }, mark());
  ws.close(1000, 'bye');
});
ws.on('close', (code, reason) => { console.error('closed ' + code + ' ' + reason); setTimeout(() => process.exit(0), 200); });
