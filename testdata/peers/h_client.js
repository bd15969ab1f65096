'use strict';
// Scenario h's client: Node `socket.io-client` 4, WebSocket transport from the start
// (GET /socket.io/?EIO=4&transport=websocket), no compression, no reconnection. One
// Engine.IO connection carries two namespaces, "/" and "/admin". What Socket.IO hands to
// ws is logged at the WebSocket level by lib/wslog.js. Steps, each waiting for its
// answer: connect both namespaces; "chat message" (answered by the server's broadcast);
// "get status" with an ack; "upload" with a 16-byte Buffer; "list users" on /admin with
// an ack; then wait for the server's second Engine.IO ping (each one answered with a
// pong by engine.io-client) and disconnect /admin, then "/" (which closes the
// WebSocket).
// usage: node h_client.js http://127.0.0.1:PORT CLIENT_LOG
const { SentLog, bytesPattern, failAfter } = require('./lib/sentlog');
const { hookWs } = require('./lib/wslog');

const [url, logFile] = process.argv.slice(2);
const log = new SentLog(logFile, 'client');
failAfter(30000, 'h_client');
hookWs(log, 'engine.io-client'); // before socket.io-client loads

const { Manager } = require('socket.io-client');
const manager = new Manager(url, {
  transports: ['websocket'],
  perMessageDeflate: false,
  reconnection: false,
  timeout: 5000,
});
let pings = 0;
const secondPing = new Promise((resolve) => manager.on('ping', () => { if (++pings === 2) resolve(); }));
const once = (s, ev) => new Promise((resolve) => s.once(ev, (...a) => resolve(a)));

const root = manager.socket('/');
const admin = manager.socket('/admin');
const welcome = once(admin, 'welcome');
for (const s of [root, admin]) {
  s.on('connect_error', (e) => { console.error(`h_client: ${s.nsp}: connect_error: ${e.message}`); process.exit(1); });
}
manager.on('error', (e) => { console.error('h_client: ' + e.message); process.exit(1); });

(async () => {
  await Promise.all([root.connected || once(root, 'connect'), admin.connected || once(admin, 'connect')]);
  const bcast = once(root, 'chat message');
  root.emit('chat message', 'hello from socket.io-client');
  console.error('broadcast:', ...(await bcast));
  console.error('ack:', await root.emitWithAck('get status', 'client-h'));
  const done = once(root, 'upload done');
  root.emit('upload', 'pattern.bin', bytesPattern(16, 17, 1));
  console.error('upload done:', ...(await done));
  console.error('welcome:', ...(await welcome));
  console.error('admin ack:', await admin.emitWithAck('list users'));
  await secondPing;
  await new Promise((r) => setTimeout(r, 50));
  const closed = new Promise((resolve) => manager.engine.once('close', resolve));
  admin.disconnect();
  root.disconnect();
  console.error('engine.io closed:', await closed);
  setTimeout(() => process.exit(0), 300);
})().catch((e) => { console.error(e); process.exit(1); });
