'use strict';
// Chromium as a WebSocket client, driven by playwright-core (Debian's /usr/bin/chromium).
// usage: node browser_client.js seed    http://127.0.0.1:PORT/ CLIENT_LOG
//        node browser_client.js deflate ws://127.0.0.1:PORT/   CLIENT_LOG
// The page's own script records each send (with the time) just before it calls
// ws.send / ws.close; this program writes that record as the client's sent log.
// Chromium answers pings with pongs by itself and JS cannot see them: those pongs are
// logged here with "auto": true, one per ping the page was told about by the server
// script (see ws_deflate_server.js), because the page cannot observe them.
const { chromium } = require('playwright-core');
const { SentLog, makeEntry, JSON200 } = require('./lib/sentlog');

const [mode, url, logFile] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const hard = setTimeout(() => { console.error('browser_client: timeout'); process.exit(3); }, 45000);

// Runs inside the page for scenario b.
function deflateScenario(args) {
  const { url, JSON200 } = args;
  return new Promise((resolve) => {
    const sent = [];
    const note = (type, data, extra) => sent.push(Object.assign({ type, data,
      t_ms: performance.timeOrigin + performance.now() }, extra || {}));
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (ev) => {
      if (typeof ev.data === 'string' && ev.data.startsWith('pinged:')) {
        // the server tells us which ping payload it sent; Chromium has already ponged it
        sent.push({ type: 'pong', data: ev.data.slice('pinged:'.length), auto: true,
          t_ms: performance.timeOrigin + performance.now() - 1 });
        return;
      }
      if (ev.data !== 'your turn') return;
      note('text', 'client: hello');
      ws.send('client: hello');
      for (let i = 0; i < 3; i++) { note('text', JSON200); ws.send(JSON200); }
      const bin = new Uint8Array(300);
      for (let i = 0; i < bin.length; i++) bin[i] = (i * 7 + 3) & 0xff;
      note('binary', Array.from(bin));
      ws.send(bin);
      let big = '';
      for (let i = 0; i < 200; i++) big += 'line ' + i + ': the quick brown fox jumps over the lazy dog\n';
      note('text', big);
      ws.send(big);
      note('close', { code: 1000, reason: 'normal closure: done' });
      ws.close(1000, 'normal closure: done');
    };
    ws.onclose = (ev) => resolve({ sent, code: ev.code, reason: ev.reason, ext: ws.extensions });
    ws.onerror = () => {};
  });
}

(async () => {
  const log = new SentLog(logFile, 'client');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => console.error('[page] ' + m.text()));
    let result;
    if (mode === 'seed') {
      await page.goto(url);
      await page.waitForFunction(() => window.__done === true, null, { timeout: 15000 });
      result = { sent: await page.evaluate(() => window.__sent) };
    } else if (mode === 'deflate') {
      // A local page (not about:blank) so Chromium's local-network-access checks
      // allow the page to open ws://127.0.0.1. Served on an ephemeral port that the
      // capture filter does not see.
      const http = require('http');
      const srv = http.createServer((q, r) => { r.writeHead(200, { 'content-type': 'text/html' }); r.end('<!DOCTYPE html><title>b</title>'); });
      await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
      await page.goto('http://127.0.0.1:' + srv.address().port + '/');
      srv.close();
      result = await page.evaluate(deflateScenario, { url, JSON200 });
      console.error('closed: ' + result.code + ' ' + result.reason + ' ext=' + result.ext);
    } else {
      throw new Error('unknown mode ' + mode);
    }
    result.sent.sort((a, b) => a.t_ms - b.t_ms);
    for (const s of result.sent) {
      const data = s.type === 'binary' ? Buffer.from(s.data) : s.data;
      const extra = s.auto ? { auto: true } : {};
      const e = makeEntry('client', 0, s.type, data, extra);
      e.t_ns = Math.round(s.t_ms * 1e6);
      log.addRaw(e);
    }
  } finally {
    await browser.close();
  }
  clearTimeout(hard);
})().catch((e) => { console.error(e); process.exit(1); });
