// server.js: a tiny static server for web/ on 127.0.0.1 with an ephemeral
// port, for the browser tests. Serves .wasm as application/wasm (or, with
// wrongWasmType, as application/octet-stream to test the page's fallback).
// Run alone (`node server.js [port]`) to open the page by hand.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

/** Starts the server; resolves to {url, close, requests}. */
export function start({ port = 0, wrongWasmType = false } = {}) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url || '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(ROOT, path.normalize(rel));
    if (!file.startsWith(ROOT)) { res.writeHead(403).end(); return; }
    try {
      const body = await fs.readFile(file);
      let type = TYPES[path.extname(file)] || 'application/octet-stream';
      if (wrongWasmType && file.endsWith('.wasm')) type = 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  server.keepAliveTimeout = 1000;
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        url: `http://127.0.0.1:${p}/`,
        requests,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r(undefined)); }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await start({ port: Number(process.argv[2] || 0) });
  console.log(`serving ${ROOT} at ${s.url}`);
}
