'use strict';
// MQTT over WebSocket with mqtt.js 4, whose packets go out in pieces (one WebSocket message per
// write: fixed header, topic, payload...). Two brokers:
//   aedes   aedes + websocket-stream in this process (MQTT 3.1.1);
//   mqtt5   Debian's mosquitto on TCP (MQTT 5), reached through a byte-for-byte WebSocket bridge
//           here, since Debian builds mosquitto without WebSocket listeners.
// usage: node mqtt.js aedes PORT LOG.json | node mqtt.js mqtt5 PORT MOSQUITTO_PORT LOG.json
// The client logs every packet it sends and every packet it receives (the broker's).
const args = process.argv.slice(2);
const [mode, port, brokerPort, file] = [args[0], +args[1], +args[2], args[args.length - 1]];
const http = require('http');
const net = require('net');
const WebSocket = require('ws');
const mqtt = require('mqtt');
const client = require('./applog.js')(file, 'client');
setTimeout(() => process.exit(0), 8000).unref();

const server = http.createServer();
if (mode === 'aedes') {
  const aedes = require('aedes')();
  const ws = require('websocket-stream');
  ws.createServer({ server, handleProtocols: (ps) => [...ps][0] }, aedes.handle);
} else {
  const wss = new WebSocket.Server({ server, handleProtocols: (ps) => [...ps][0] });
  wss.on('connection', (sock) => {
    const tcp = net.connect(brokerPort, '127.0.0.1');
    sock.on('message', (d) => tcp.write(d));
    tcp.on('data', (d) => sock.send(d));
    sock.on('close', () => tcp.end());
    tcp.on('close', () => sock.close());
  });
}

function pick(p) {
  const o = { cmd: p.cmd };
  for (const k of ['topic', 'qos', 'messageId', 'retain', 'protocolVersion', 'clientId', 'returnCode', 'reasonCode', 'granted', 'properties']) {
    if (p[k] !== undefined && p[k] !== null) o[k] = p[k];
  }
  if (p.subscriptions) o.subscriptions = p.subscriptions.map((s) => ({ topic: s.topic, qos: s.qos }));
  if (p.unsubscriptions) o.unsubscriptions = p.unsubscriptions;
  if (p.payload !== undefined && p.cmd === 'publish') o.payload = Buffer.from(p.payload).toString('utf8');
  return o;
}

server.listen(port, '127.0.0.1', () => {
  const v5 = mode === 'mqtt5';
  const c = mqtt.connect(`ws://127.0.0.1:${port}/mqtt`, {
    clientId: `wsframe-${mode}`, protocolVersion: v5 ? 5 : 4, keepalive: 30, reconnectPeriod: 0,
    properties: v5 ? { sessionExpiryInterval: 300, userProperties: { tool: 'wsframe' } } : undefined,
  });
  // mqtt.js emits no packetsend for CONNECT: log what it is asked to send.
  client.add('send', { cmd: 'connect', clientId: `wsframe-${mode}`, protocolVersion: v5 ? 5 : 4, keepalive: 30 });
  c.on('packetsend', (p) => client.add('send', pick(p)));
  c.on('packetreceive', (p) => client.add('receive', pick(p)));
  c.on('connect', () => {
    c.subscribe({ 'sensors/#': { qos: 1 }, 'alerts': { qos: 2 } }, () => {
      c.publish('sensors/temp', '21.5', { qos: 0 });
      c.publish('sensors/hum', JSON.stringify({ rh: 40 }), { qos: 1, properties: v5 ? { contentType: 'application/json', messageExpiryInterval: 60 } : undefined });
      c.publish('alerts', 'door open', { qos: 2 }, () => {
        c.unsubscribe('alerts', () => setTimeout(() => c.end(false, () => setTimeout(() => process.exit(0), 200)), 300));
      });
    });
  });
  c.on('error', (e) => { console.error(e.message); process.exit(1); });
});
