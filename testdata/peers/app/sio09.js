'use strict';
// Socket.IO 0.9 (2012): its server and its own client on loopback, WebSocket transport only.
// usage: node sio09.js server|client PORT LOG.json
const [role, port, file] = [process.argv[2], +process.argv[3], process.argv[4]];
const log = require('./applog.js')(file, role);
setTimeout(() => process.exit(0), 8000).unref();

if (role === 'server') {
  const io = require('sio09').listen(port, { log: false, transports: ['websocket'] });
  io.sockets.on('connection', (socket) => {
    socket.emit('news', { hello: 'world' });
    log.add('event', { name: 'news', args: [{ hello: 'world' }] });
    socket.on('my other event', (data, ack) => {
      ack('got it', 2012);
      log.add('ack', { args: ['got it', 2012] });
      socket.send('a plain message');
      log.add('message', { data: 'a plain message' });
      socket.json.send({ json: ['message', 1] });
      log.add('json', { data: { json: ['message', 1] } });
    });
  });
  io.of('/chat').on('connection', (socket) => {
    socket.emit('welcome', 'to /chat', { n: 1 });
    log.add('event', { endpoint: '/chat', name: 'welcome', args: ['to /chat', { n: 1 }] });
  });
  setTimeout(() => process.exit(0), 6000);
} else {
  const io = require('sio09-client');
  const url = `http://127.0.0.1:${port}`;
  const socket = io.connect(url, { transports: ['websocket'], 'force new connection': true });
  socket.on('news', () => {
    socket.emit('my other event', { my: 'data' }, () => {});
    log.add('event', { name: 'my other event', args: [{ my: 'data' }] });
  });
  const chat = io.connect(url + '/chat', { transports: ['websocket'] });
  chat.on('welcome', () => {
    chat.emit('hi', 'from the client');
    log.add('event', { endpoint: '/chat', name: 'hi', args: ['from the client'] });
  });
  setTimeout(() => { socket.disconnect(); setTimeout(() => process.exit(0), 300); }, 1500);
}
