'use strict';
// Scenario a: the seed article's WebSocket-Node server, as in the article: an HTTP
// server that serves client.html, with a WebSocketServer (autoAcceptConnections) that
// sends "Hello, world" on connect. Added for the test bed: a port argument, a sent log,
// and exit once the connection has closed (or after a timeout).
// usage: node seed_server.js PORT SERVER_LOG
const http = require('http');
const fs = require('fs');
const path = require('path');
const WebSocketServer = require('websocket').server;
const { SentLog, failAfter } = require('./lib/sentlog');

const port = Number(process.argv[2]);
const log = new SentLog(process.argv[3], 'server');
failAfter(20000, 'seed_server');

const server = http.createServer(function (req, res) {
  fs.readFile(path.join(__dirname, 'client.html'), function (err, data) {
    res.writeHead(200);
    res.end(data);
  });
});
server.listen(port, '127.0.0.1', () => console.error('seed_server listening on ' + port));

const wsServer = new WebSocketServer({ httpServer: server, autoAcceptConnections: true });

wsServer.on('connect', function (connection) {
  console.error('Connection accepted, protocol version ' + connection.webSocketVersion);
  log.add(0, 'text', 'Hello, world');
  connection.send('Hello, world');
  connection.on('message', function (message) {
    console.error('Received Message: ' + message.utf8Data);
  });
  connection.on('close', function (code, desc) {
    // WebSocket-Node answers a peer's close by itself with 1000 and no reason
    // (WebSocketConnection.js: sendCloseFrame(CLOSE_REASON_NORMAL, null)).
    log.add(0, 'close', { code: 1000, reason: '' }, { auto: true });
    console.error('closed by peer: ' + code + ' ' + desc);
    setTimeout(() => process.exit(0), 300);
  });
});
