'use strict';
// SignalR over WebSocket: the @microsoft/signalr 8 client (JSON, or MessagePack with
// @microsoft/signalr-protocol-msgpack) against a small hub server written here on ws that speaks
// the hub protocol (dotnet/aspnetcore HubProtocol.md): the handshake, an invocation with a
// completion, a server-to-client invocation, a stream of three items, a ping and a close.
// usage: node signalr.js server|client json|messagepack PORT LOG.json
const [role, proto, port, file] = [process.argv[2], process.argv[3], +process.argv[4], process.argv[5]];
const log = require('./applog.js')(file, role);
const WebSocket = require('ws');
const { pack, unpack } = require('msgpackr');
setTimeout(() => process.exit(0), 8000).unref();

// MessagePack hub messages are each prefixed by their length, 7 bits a byte.
function varint(n) {
  const out = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
}
function splitBinary(buf) {
  const msgs = [];
  for (let p = 0; p < buf.length;) {
    let n = 0, shift = 0, b;
    do { b = buf[p++]; n |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
    msgs.push(unpack(buf.subarray(p, p + n)));
    p += n;
  }
  return msgs;
}

if (role === 'server') {
  const wss = new WebSocket.Server({ port, host: '127.0.0.1', path: '/chat' });
  wss.on('connection', (ws) => {
    let mp = false, shook = false;
    // send logs a hub message as the JSON object its protocol writes, or the MessagePack array.
    const send = (json, array) => {
      if (mp) { ws.send(Buffer.concat([varint(pack(array).length), pack(array)])); log.add('message', { value: array }); }
      else { ws.send(JSON.stringify(json) + '\x1e'); log.add('message', { value: json }); }
    };
    ws.on('message', (data, binary) => {
      if (!shook) {
        const hs = JSON.parse(data.toString().split('\x1e')[0]);
        mp = hs.protocol === 'messagepack';
        shook = true;
        ws.send('{}\x1e');
        log.add('handshake', { value: {} });
        return;
      }
      const msgs = binary ? splitBinary(data) : data.toString().split('\x1e').filter(Boolean).map((s) => JSON.parse(s));
      for (const m of msgs) {
        const type = mp ? m[0] : m.type;
        if (type === 1) {
          const [id, target, args] = mp ? [m[2], m[3], m[4]] : [m.invocationId, m.target, m.arguments];
          if (target === 'Echo') send({ type: 3, invocationId: id, result: args[0] }, [3, {}, id, 3, args[0]]);
          if (target === 'Send') send({ type: 1, target: 'ReceiveMessage', arguments: ['server', args[0]] }, [1, {}, null, 'ReceiveMessage', ['server', args[0]]]);
        } else if (type === 4) {
          const id = mp ? m[2] : m.invocationId;
          for (let i = 1; i <= 3; i++) send({ type: 2, invocationId: id, item: i * 10 }, [2, {}, id, i * 10]);
          send({ type: 3, invocationId: id }, [3, {}, id, 2]);
          send({ type: 6 }, [6]);
          setTimeout(() => send({ type: 7, error: 'bye from the test server', allowReconnect: false }, [7, 'bye from the test server', false]), 200);
        }
      }
    });
  });
  setTimeout(() => process.exit(0), 6000);
} else {
  const signalR = require('@microsoft/signalr');
  const b = new signalR.HubConnectionBuilder()
    .withUrl(`http://127.0.0.1:${port}/chat`, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .configureLogging(signalR.LogLevel.None);
  if (proto === 'messagepack') b.withHubProtocol(new (require('@microsoft/signalr-protocol-msgpack').MessagePackHubProtocol)());
  const conn = b.build();
  conn.on('ReceiveMessage', () => {});
  conn.onclose(() => setTimeout(() => process.exit(0), 200));
  conn.start().then(async () => {
    log.add('handshake', { value: { protocol: proto, version: 1 } });
    log.add('invoke', { target: 'Echo', arguments: ['hello hub'] });
    await conn.invoke('Echo', 'hello hub');
    log.add('send', { target: 'Send', arguments: [{ text: 'hi', n: 7 }] });
    await conn.send('Send', { text: 'hi', n: 7 });
    log.add('stream', { target: 'Counter', arguments: [3] });
    conn.stream('Counter', 3).subscribe({ next: () => {}, complete: () => {}, error: () => {} });
  }).catch((e) => { console.error(e); process.exit(1); });
}
