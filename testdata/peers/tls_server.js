'use strict';
// wss:// scenarios (remake-tls.sh): Node's `ws` over https, with the TLS version and
// cipher suites the scenario names, permessage-deflate on or off.
// Sends "hello over tls", JSON200 twice, a 300-byte binary, a 17 000-byte text (more than
// one TLS record), then "your turn"; the client answers and closes.
// With ECHO ("echo"), each message the client sends is answered with "echo: " and its text.
// usage: node tls_server.js PORT SERVER_LOG CERT KEY TLS(1.2|1.3) SUITES DEFLATE(on|off) [echo]
const https = require('https');
const fs = require('fs');
const { WebSocketServer } = require('ws');
const { SentLog, JSON200, bytesPattern, failAfter } = require('./lib/sentlog');

const [port, logFile, cert, key, ver, suites, deflate, echo] = process.argv.slice(2);
const log = new SentLog(logFile, 'server');
failAfter(40000, 'tls_server');

const opts = { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
if (ver === '1.3') {
  // Node takes TLS 1.3 suites (TLS_...) in `ciphers` too.
  Object.assign(opts, { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', ciphers: suites });
} else {
  Object.assign(opts, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: suites });
}
const server = https.createServer(opts, (q, r) => {
  r.writeHead(200, { 'content-type': 'text/html' });
  r.end('<!DOCTYPE html><title>tls</title>');
});
const wss = new WebSocketServer({ server, perMessageDeflate: deflate === 'on' });
server.on('secureConnection', (s) => {
  console.error('tls: ' + s.getProtocol() + ' ' + s.getCipher().standardName + ' alpn=' + s.alpnProtocol);
});

function bigText() {
  let s = '';
  for (let i = 0; s.length < 17000; i++) s += 'record-spanning line ' + i + ': ' + 'abcdefghij'.repeat(3) + '\n';
  return s.slice(0, 17000);
}

wss.on('connection', (ws, req) => {
  console.error('extensions: ' + req.headers['sec-websocket-extensions']);
  const send = (type, data, o) => { log.add(0, type, data); ws.send(data, o); };
  send('text', 'hello over tls');
  send('text', JSON200);
  send('text', JSON200);
  send('binary', bytesPattern(300, 5, 1), { binary: true });
  send('text', bigText());
  send('text', 'your turn');
  if (echo === 'echo') ws.on('message', (data) => send('text', 'echo: ' + data.toString()));
  ws.on('close', (code, reason) => {
    log.add(0, 'close', { code, reason: reason.toString() }, { auto: true });
    console.error('closed ' + code + ' ' + reason);
    wss.close();
    server.close();
    setTimeout(() => process.exit(0), 300);
  });
});
server.listen(Number(port), '127.0.0.1', () => console.error('tls_server listening on ' + port));
