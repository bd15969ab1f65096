'use strict';
// Scenario h's server: Node `socket.io` 4 (engine.io over its own copy of ws), WebSocket
// transport only, no compression, pingInterval 300 ms so that Engine.IO pings ("2") and
// the client's pongs ("3") show up. What Socket.IO hands to ws is logged at the WebSocket
// level by lib/wslog.js (socket.io's own emit() calls are not the log).
//   "/":      "chat message" -> broadcast io.emit("chat message", ...) to everyone
//             "get status" with an ack -> ack with an object
//             "upload" with a Buffer (BINARY_EVENT + 1 attachment) -> emit "upload done"
//   "/admin": on connect emit "welcome"; "list users" with an ack -> ack with an array
// The Engine.IO session id and the Socket.IO socket ids are made fixed (real ones are
// random base64 ids) so that the payloads are the same on every run.
// Exits once the Engine.IO connection has closed.
// usage: node h_server.js PORT SERVER_LOG
const http = require('http');
const path = require('path');
const { SentLog, failAfter } = require('./lib/sentlog');
const { hookWs, hookEngineIoPreEncoded } = require('./lib/wslog');

const port = Number(process.argv[2]);
const log = new SentLog(process.argv[3], 'server');
failAfter(30000, 'h_server');
// before socket.io loads: wrap engine.io's ws
const { connOf } = hookWs(log, 'engine.io');
hookEngineIoPreEncoded(log, connOf);

const { Server } = require('socket.io');
const ids = require(path.join(path.dirname(require.resolve('socket.io')), 'contrib', 'base64id.js')).base64id;
let nextId = 0;
ids.generateId = () => `h-socket-${++nextId}`;

const httpServer = http.createServer((req, res) => { res.writeHead(404); res.end(); });
const io = new Server(httpServer, {
  transports: ['websocket'],
  perMessageDeflate: false,
  pingInterval: 300,
  pingTimeout: 2000,
  serveClient: false,
});
io.engine.generateId = () => 'h-engine-1';

io.on('connection', (socket) => {
  socket.on('chat message', (msg) => io.emit('chat message', `server got: ${msg}`));
  socket.on('get status', (who, ack) => ack({ ok: true, who, namespaces: ['/', '/admin'] }));
  socket.on('upload', (name, buf) => {
    socket.emit('upload done', { name, bytes: buf.length, first: buf[0], last: buf[buf.length - 1] });
  });
});
io.of('/admin').on('connection', (socket) => {
  socket.emit('welcome', 'admin namespace');
  socket.on('list users', (ack) => ack(['client-h']));
});
io.engine.on('connection', (conn) => {
  conn.on('close', (reason) => {
    console.error('h_server: engine.io connection closed: ' + reason);
    setTimeout(() => { io.close(); process.exit(0); }, 300);
  });
});

httpServer.listen(port, '127.0.0.1', () => console.error('h_server listening on ' + port));
