'use strict';
// Chromium as the wss:// client of tls_server.js, writing its TLS secrets to the key log
// named by SSLKEYLOGFILE (set by remake-tls.sh). The page is loaded from the same https
// server (so the page's origin may open the WebSocket); the page and the WebSocket share
// the capture, and the test reads only the WebSocket's connection.
// usage: SSLKEYLOGFILE=KEYS node tls_browser_client.js https://127.0.0.1:PORT/ CLIENT_LOG
const { chromium } = require('playwright-core');
const { SentLog, makeEntry, JSON200 } = require('./lib/sentlog');

const [url, logFile] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const hard = setTimeout(() => { console.error('tls_browser_client: timeout'); process.exit(3); }, 45000);

function scenario(args) {
  const { url, JSON200 } = args;
  return new Promise((resolve) => {
    const sent = [];
    const note = (type, data) => sent.push({ type, data, t_ms: performance.timeOrigin + performance.now() });
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (ev) => {
      if (ev.data !== 'your turn') return;
      note('text', 'client: hello over tls');
      ws.send('client: hello over tls');
      note('text', JSON200);
      ws.send(JSON200);
      const bin = new Uint8Array(500);
      for (let i = 0; i < bin.length; i++) bin[i] = (i * 11 + 7) & 0xff;
      note('binary', Array.from(bin));
      ws.send(bin);
      let big = '';
      for (let i = 0; i < 300; i++) big += 'client line ' + i + ': the quick brown fox\n';
      note('text', big);
      ws.send(big);
      note('close', { code: 1000, reason: 'done' });
      ws.close(1000, 'done');
    };
    ws.onclose = (ev) => resolve({ sent, code: ev.code, ext: ws.extensions });
    ws.onerror = () => {};
  });
}

(async () => {
  const log = new SentLog(logFile, 'client');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30000,
    env: { ...process.env },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--ignore-certificate-errors'],
  });
  try {
    const page = await browser.newPage({ ignoreHTTPSErrors: true });
    page.on('console', (m) => console.error('[page] ' + m.text()));
    await page.goto(url);
    const wsURL = url.replace(/^https:/, 'wss:');
    const result = await page.evaluate(scenario, { url: wsURL, JSON200 });
    console.error('closed: ' + result.code + ' ext=' + result.ext);
    result.sent.sort((a, b) => a.t_ms - b.t_ms);
    for (const s of result.sent) {
      const data = s.type === 'binary' ? Buffer.from(s.data) : s.data;
      const e = makeEntry('client', 0, s.type, data, {});
      e.t_ns = Math.round(s.t_ms * 1e6);
      log.addRaw(e);
    }
  } finally {
    await browser.close();
  }
  clearTimeout(hard);
})().catch((e) => { console.error(e); process.exit(1); });
