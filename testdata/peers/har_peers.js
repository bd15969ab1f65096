'use strict';
// A HAR written by Chromium for a real WebSocket exchange: a Node `ws` server with
// permessage-deflate (every message compressed: threshold 0) and Chromium, driven by
// playwright-core with recordHar (content: "embed", so _webSocketMessages are in the file).
// The server logs every message it sent and received, as its library handed them over;
// the test checks the HAR's messages against that log.
// usage: node har_peers.js PORT OUT.har OUT.peers.json
const http = require('http');
const fs = require('fs');
const { WebSocketServer } = require('ws');
const { chromium } = require('playwright-core');

const [port, harPath, logPath] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const hard = setTimeout(() => { console.error('har_peers: timeout'); process.exit(3); }, 40000);

const PAGE = `<!doctype html><meta charset="utf-8"><title>har</title><script>
const ws = new WebSocket('ws://127.0.0.1:${port}/chat');
ws.binaryType = 'arraybuffer';
let got = 0;
ws.onmessage = () => {
  if (++got !== 3) return;
  ws.send('client: hello');
  ws.send(JSON.stringify({ type: 'report', items: Array.from({ length: 20 }, (_, i) => ({ i, ok: true })) }));
  const bin = new Uint8Array(300);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 7 + 3) & 0xff;
  ws.send(bin);
  ws.send('naïve ünïcode ✓ '.repeat(40));
  ws.close(1000, 'done');
};
ws.onclose = () => { window.wsDone = true; };
</script>`;

const log = [];
const note = (from, type, data) => {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
  log.push({ from, type, data_hex: buf.toString('hex') });
};

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(PAGE);
});
const wss = new WebSocketServer({ server, perMessageDeflate: { threshold: 0 } });
wss.on('connection', (ws) => {
  const send = (data, binary) => { note('server', binary ? 'binary' : 'text', data); ws.send(data, { binary }); };
  send('hello from ws', false);
  send(JSON.stringify({ type: 'telemetry', values: Array.from({ length: 16 }, (_, i) => i * i) }), false);
  send(Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 13) & 0xff)), true);
  ws.on('message', (data, isBinary) => note('client', isBinary ? 'binary' : 'text', data));
  ws.on('close', (code, reason) => note('client', 'close', Buffer.concat([Buffer.from([code >> 8, code & 0xff]), reason])));
});

server.listen(port, '127.0.0.1', async () => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ recordHar: { path: harPath, content: 'embed' } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.wsDone === true, null, { timeout: 20000 });
  await new Promise((r) => setTimeout(r, 300));
  await context.close();
  await browser.close();
  fs.writeFileSync(logPath, JSON.stringify(log, null, 1) + '\n');
  clearTimeout(hard);
  server.close();
  process.exit(0);
});
