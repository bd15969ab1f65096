'use strict';
// STOMP over WebSocket: @stomp/stompjs 7 (the client) against a small STOMP 1.2 server written
// here on ws (CONNECTED, MESSAGE to subscribers, RECEIPT, ERROR for an unknown destination).
// usage: node stomp.js server|client PORT LOG.json
const [role, port, file] = [process.argv[2], +process.argv[3], process.argv[4]];
const log = require('./applog.js')(file, role);
const WebSocket = require('ws');
setTimeout(() => process.exit(0), 8000).unref();

function frame(command, headers, body = '') {
  let s = command + '\n';
  for (const [k, v] of Object.entries(headers)) s += `${k}:${v}\n`;
  return s + '\n' + body + '\0';
}

if (role === 'server') {
  const wss = new WebSocket.Server({ port, host: '127.0.0.1', path: '/stomp', handleProtocols: (ps) => [...ps][0] });
  wss.on('connection', (ws) => {
    const subs = new Map();
    let n = 0;
    const send = (command, headers, body) => {
      ws.send(frame(command, headers, body));
      log.add('frame', { command, headers, body: body || '' });
    };
    ws.on('message', (data) => {
      const text = data.toString();
      if (text === '\n' || text === '\r\n') return;
      const [head, ...rest] = text.split('\n\n');
      const lines = head.split('\n');
      const command = lines[0];
      const headers = Object.fromEntries(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));
      const body = rest.join('\n\n').replace(/\0\n*$/, '');
      if (command === 'CONNECT' || command === 'STOMP') send('CONNECTED', { version: '1.2', 'heart-beat': '0,0', server: 'wsframe-test/1' });
      else if (command === 'SUBSCRIBE') subs.set(headers.destination, headers.id);
      else if (command === 'SEND') {
        if (!headers.destination.startsWith('/topic/')) send('ERROR', { message: 'no such destination', 'content-type': 'text/plain' }, headers.destination);
        else if (subs.has(headers.destination)) {
          send('MESSAGE', { subscription: subs.get(headers.destination), 'message-id': String(++n), destination: headers.destination, 'content-type': headers['content-type'] || 'text/plain' }, body);
        }
      } else if (command === 'UNSUBSCRIBE') subs.forEach((id, d) => id === headers.id && subs.delete(d));
      if (headers.receipt) send('RECEIPT', { 'receipt-id': headers.receipt });
    });
  });
  setTimeout(() => process.exit(0), 6000);
} else {
  const { Client } = require('@stomp/stompjs');
  const client = new Client({
    webSocketFactory: () => new WebSocket(`ws://127.0.0.1:${port}/stomp`, ['v12.stomp', 'v11.stomp', 'v10.stomp']),
    heartbeatIncoming: 0, heartbeatOutgoing: 0, reconnectDelay: 0,
  });
  client.onConnect = () => {
    log.add('connect', {});
    const sub = client.subscribe('/topic/greetings', () => {});
    log.add('subscribe', { destination: '/topic/greetings' });
    const pub = (destination, body, headers) => {
      client.publish({ destination, body, headers });
      log.add('send', { destination, body, headers: headers || {} });
    };
    pub('/topic/greetings', 'Hello, STOMP');
    pub('/topic/greetings', JSON.stringify({ n: 2, ok: true }), { 'content-type': 'application/json' });
    pub('/queue/nowhere', 'lost', { receipt: 'r-1' });
    setTimeout(() => { sub.unsubscribe(); client.deactivate().then(() => setTimeout(() => process.exit(0), 200)); }, 500);
  };
  client.activate();
}
