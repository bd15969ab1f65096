'use strict';
// Socket.IO 2 (Engine.IO 3): its server and client on loopback, WebSocket transport only:
// events, an acknowledgement, a namespace and a binary attachment.
// usage: node sio2.js server|client PORT LOG.json
const [role, port, file] = [process.argv[2], +process.argv[3], process.argv[4]];
const log = require('./applog.js')(file, role);
setTimeout(() => process.exit(0), 8000).unref();

if (role === 'server') {
  const io = require('sio2')(port, { transports: ['websocket'], perMessageDeflate: false });
  io.on('connection', (socket) => {
    socket.emit('news', { hello: 'world' });
    log.add('event', { nsp: '/', name: 'news', args: [{ hello: 'world' }] });
    socket.on('ask', (q, ack) => {
      ack({ answer: 42, q });
      log.add('ack', { nsp: '/', args: [{ answer: 42, q }] });
    });
    socket.on('upload', (name, buf) => {
      socket.emit('uploaded', name, buf.length);
      log.add('event', { nsp: '/', name: 'uploaded', args: [name, buf.length] });
    });
  });
  io.of('/admin').on('connection', (socket) => {
    socket.emit('welcome', 'admin');
    log.add('event', { nsp: '/admin', name: 'welcome', args: ['admin'] });
  });
  setTimeout(() => process.exit(0), 6000);
} else {
  const io = require('sio2-client');
  const url = `http://127.0.0.1:${port}`;
  const socket = io(url, { transports: ['websocket'] });
  socket.on('news', () => {
    socket.emit('ask', 'life', () => {
      const buf = Buffer.from([1, 2, 3, 4, 250, 251, 252]);
      socket.emit('upload', 'seven.bin', buf);
      log.add('binary_event', { nsp: '/', name: 'upload', args: ['seven.bin'], attachment_hex: buf.toString('hex') });
    });
    log.add('event', { nsp: '/', name: 'ask', args: ['life'], ack: true });
  });
  const admin = io(url + '/admin', { transports: ['websocket'] });
  admin.on('welcome', () => {});
  socket.on('uploaded', () => setTimeout(() => { socket.close(); admin.close(); setTimeout(() => process.exit(0), 300); }, 200));
}
