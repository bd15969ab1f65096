// server.js: a tiny static server for site/ (the page as `make build`
// publishes it) on 127.0.0.1 with an ephemeral
// port, for the browser tests. Serves .wasm as application/wasm (or, with
// wrongWasmType, as application/octet-stream to test the page's fallback;
// the paths in missing it answers 404, as a host that lost them),
// and the headers of _headers, as `make serve` does (the page's
// Content-Security-Policy with frame-ancestors, the worker's own policy,
// nosniff, the referrer policy).
// Run alone (`node server.js [port]`) to open the page by hand.

import http from 'node:http';
import http2 from 'node:http2';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import fs from 'node:fs/promises';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { slowLink } from './link.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'site');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

/**
 * The rules of a _headers file (Netlify's form): a path pattern, then its
 * headers indented. @returns {{pattern: string, headers: [string, string][]}[]}
 */
export function parseHeaders(text) {
  const rules = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    if (!/^\s/.test(line)) { rules.push({ pattern: t, headers: [] }); continue; }
    const i = t.indexOf(':');
    if (i <= 0 || !rules.length) throw new Error(`_headers: ${JSON.stringify(line)} is not an indented "Name: value" under a path`);
    rules[rules.length - 1].headers.push([t.slice(0, i).trim(), t.slice(i + 1).trim()]);
  }
  return rules;
}

/** The headers of every rule matching path, a name's values in order. */
export function headersFor(rules, path) {
  /** @type {Record<string, string[]>} */
  const out = {};
  for (const r of rules) {
    const match = r.pattern.endsWith('*') ? path.startsWith(r.pattern.slice(0, -1)) : path === r.pattern;
    if (!match) continue;
    for (const [k, v] of r.headers) (out[k.toLowerCase()] ||= []).push(v);
  }
  return out;
}

/**
 * A self-signed certificate for 127.0.0.1, made now with the openssl
 * command (for the HTTP/2 bench only: a browser speaks HTTP/2 only over
 * TLS). @returns {{key: Buffer, cert: Buffer}}
 */
function selfSigned() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wsframe-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } catch (e) {
    throw new Error(`server: making a self-signed certificate with openssl failed (${e.message}); install openssl or run without h2`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts the server; resolves to {url, close, requests}. With gzip, bodies
 * go gzip-compressed to a browser that accepts it (as a static host sends
 * them), for the page's load time over a slow link (bench-page.mjs). With
 * h2, it serves HTTP/2 over TLS (a self-signed certificate: the browser
 * must ignore certificate errors) as GitHub Pages does; the tests keep
 * HTTP/1.1. root is the folder served (site/ unless told). With link
 * ({mbit, rtt}), url reaches the server through a slow link (link.js).
 * @param {{port?: number, wrongWasmType?: boolean, gzip?: boolean, h2?: boolean, root?: string, link?: {mbit: number, rtt: number}|null, missing?: string[]}} [opts]
 * @returns {Promise<{url: string, requests: string[], close: () => Promise<void>}>}
 */
export function start({ port = 0, wrongWasmType = false, gzip = false, h2 = false, root = ROOT, link = null, missing = /** @type {string[]} */ ([]) } = {}) {
  const requests = [];
  /** @type {Map<string, Buffer>} */
  const zipped = new Map();
  const rules = parseHeaders(readFileSync(path.join(root, '_headers'), 'utf8'));
  /** @param {any} req @param {any} res */
  const handle = async (req, res) => {
    const url = new URL(req.url || '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (missing.includes(url.pathname)) { res.writeHead(404).end('not found'); return; }
    try {
      const body = await fs.readFile(file);
      let type = TYPES[path.extname(file)] || 'application/octet-stream';
      if (wrongWasmType && file.endsWith('.wasm')) type = 'application/octet-stream';
      if (gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] || ''))) {
        if (!zipped.has(file)) zipped.set(file, zlib.gzipSync(body, { level: 9 }));
        res.writeHead(200, { ...headersFor(rules, url.pathname), 'content-type': type, 'cache-control': 'no-store', 'content-encoding': 'gzip', vary: 'accept-encoding' });
        res.end(zipped.get(file));
        return;
      }
      res.writeHead(200, { ...headersFor(rules, url.pathname), 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  };
  /** @type {import('node:http').Server | import('node:http2').Http2SecureServer} */
  let server;
  /** @type {() => void} ends the open connections, so that close() returns at once */
  let endAll;
  if (h2) {
    const h2server = http2.createSecureServer({ ...selfSigned(), allowHTTP1: true }, handle);
    /** @type {Set<import('node:http2').Http2Session>} */
    const sessions = new Set();
    h2server.on('session', (s) => { sessions.add(s); s.on('close', () => sessions.delete(s)); });
    server = h2server;
    endAll = () => { for (const s of sessions) s.destroy(); };
  } else {
    const h1server = http.createServer(handle);
    h1server.keepAliveTimeout = 1000;
    server = h1server;
    endAll = () => h1server.closeAllConnections();
  }
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', async () => {
      const { port: p } = /** @type {import('node:net').AddressInfo} */ (server.address());
      const slow = link ? await slowLink(p, link) : null;
      resolve({
        url: `${h2 ? 'https' : 'http'}://127.0.0.1:${slow ? slow.port : p}/`,
        requests,
        close: async () => {
          await slow?.close();
          await new Promise((r) => { endAll(); server.close(() => r(undefined)); });
        },
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await start({ port: Number(process.argv[2] || 0) });
  console.log(`serving ${ROOT} at ${s.url}`);
}
