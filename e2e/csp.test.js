// The page's policy comes as real headers (web/_headers), and the worker
// has a policy of its own: neither the page nor the worker can reach
// another origin, and no other site can frame the page. The "other origin"
// is a second loopback server on another port that allows any origin by
// CORS and counts what reaches it: without a policy a fetch would arrive.
import http from 'node:http';
import { after, before } from 'node:test';
import { suite, assert } from './harness.js';

const it = suite(import.meta.url);

/** @type {{url: string, hits: string[], close: () => Promise<void>}} */
let other;
before(async () => {
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (req.url === '/frame.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<iframe id=f src="${req.headers['x-target'] || ''}"></iframe>`);
      return;
    }
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' }).end('secret');
  });
  server.on('upgrade', (req, socket) => { hits.push(`UPGRADE ${req.url}`); socket.destroy(); });
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  other = {
    url: `http://127.0.0.1:${port}/`,
    hits,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r(undefined)); }),
  };
});
after(() => other?.close());

/** Tries to reach the other origin in every way a script has; says how each went. */
async function reach(base) {
  const out = {};
  try { await fetch(`${base}fetch`); out.fetch = 'reached'; } catch (e) { out.fetch = 'blocked'; }
  out.xhr = await new Promise((resolve) => {
    const x = new XMLHttpRequest();
    x.onload = () => resolve('reached');
    x.onerror = () => resolve('blocked');
    try { x.open('GET', `${base}xhr`); x.send(); } catch { resolve('blocked'); }
  });
  out.websocket = await new Promise((resolve) => {
    try {
      const ws = new WebSocket(`${base.replace('http', 'ws')}ws`);
      ws.onopen = () => resolve('reached');
      ws.onerror = () => resolve('blocked');
    } catch { resolve('blocked'); }
  });
  return out;
}

it('serves the policy, nosniff and a referrer policy as headers; the worker has its own policy', async (page) => {
  const page0 = await page.request.get(page.base);
  const h = page0.headers();
  assert.match(h['content-security-policy'], /frame-ancestors 'none'/);
  assert.match(h['content-security-policy'], /connect-src 'self'/);
  assert.equal(h['x-content-type-options'], 'nosniff');
  assert.equal(h['referrer-policy'], 'no-referrer');
  const w = (await page.request.get(`${page.base}worker.js`)).headers()['content-security-policy'];
  assert.match(w, /default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'/);
});

it('the page reaches no other origin', async (page) => {
  const before = other.hits.length;
  const got = await page.evaluate(reach, other.url);
  assert.deepEqual(got, { fetch: 'blocked', xhr: 'blocked', websocket: 'blocked' });
  await page.waitForTimeout(200);
  assert.deepEqual(other.hits.slice(before), [], 'nothing reached the other origin');
  const csp = await page.rec.csp();
  assert.ok(csp.some((v) => v.startsWith('connect-src')), `the violations were reported: ${csp}`);
  await page.evaluate(() => { /** @type {any} */ (window).__csp.length = 0; });
  takeRefusals(page);
});

/** The same from inside the worker (no XMLHttpRequest there). */
async function reachFromWorker(base) {
  const out = {};
  try { await fetch(`${base}fetch`); out.fetch = 'reached'; } catch (e) { out.fetch = 'blocked'; }
  out.websocket = await new Promise((resolve) => {
    try {
      const ws = new WebSocket(`${base.replace('http', 'ws')}ws`);
      ws.onopen = () => resolve('reached');
      ws.onerror = () => resolve('blocked');
    } catch { resolve('blocked'); }
  });
  try { importScripts(`${base}x.js`); out.importScripts = 'reached'; } catch { out.importScripts = 'blocked'; }
  return out;
}

/**
 * Takes what the blocked attempts left on the page's record off it: console
 * errors of the refusals, and the requests the browser announced and then
 * refused (the other server counted none of them).
 */
function takeRefusals(page) {
  const keep = (list, drop) => list.splice(0, list.length, ...list.filter((x) => !drop(x)));
  keep(page.rec.errors, (e) => /Content Security Policy|Refused to/.test(e));
  keep(page.rec.requests, (u) => u.startsWith(other.url) || u.startsWith(other.url.replace('http', 'ws')));
}

it('the worker reaches no other origin', async (page) => {
  const [worker] = page.workers();
  assert.ok(worker, 'the decoder worker is running');
  assert.match(worker.url(), /\/worker\.js$/);
  const before = other.hits.length;
  const got = await worker.evaluate(reachFromWorker, other.url);
  assert.deepEqual(got, { fetch: 'blocked', websocket: 'blocked', importScripts: 'blocked' });
  await page.waitForTimeout(200);
  assert.deepEqual(other.hits.slice(before), [], 'nothing reached the other origin');
  takeRefusals(page);
  // The decoder still works under its policy.
  assert.equal((await page.evaluate(() => wsframe.decode('81 05 48 65 6c 6c 6f'))).messages[0].text, 'Hello');
});

it('another site cannot frame the page', async (page) => {
  // In a page of its own: the harness's page may ask nothing of other origins.
  const outside = await page.context().newPage();
  try {
    await outside.setExtraHTTPHeaders({ 'x-target': page.base });
    await outside.goto(`${other.url}frame.html`);
    await outside.waitForTimeout(1500);
    const frame = outside.frames().find((f) => f !== outside.mainFrame());
    assert.ok(frame, 'the iframe is there');
    const framed = await frame.evaluate(() => Boolean(document.querySelector('#paste'))).catch(() => false);
    assert.equal(framed, false, 'the page did not load inside another origin\'s frame');
  } finally {
    await outside.close();
  }
});
