// worker.js: runs the Go decoder (wsframe.wasm) off the main thread.
// Protocol: the page posts {id, op, args} (options as a plain object, as the
// Go API takes them); the worker answers {id, ok, value}
// or {id, ok: false, error: {message, offset?}}. On start it posts
// {ready: true, version, ms} once the Go program has set globalThis.wsframeGo,
// or {fatal: message} when it cannot start or has died. While a file is
// read it posts {id, progress: bytesRead} for that request.
//
// Besides the Go API (wsframeGo's functions), two ops live here:
//   decodeFile(file, options)  reads a File piece by piece (FileReaderSync)
//                              through decodeStream, so it is never held whole
//   index(kind, connection)    the indexes of the last decode's frames or
//                              messages that belong to one connection, as an
//                              Int32Array (for the lists' connection filter)
/* global Go, wsframeGo */
'use strict';

importScripts('wasm_exec.js');

const go = new Go();
let exited = false;

async function instantiate() {
  const url = 'wsframe.wasm';
  if (WebAssembly.instantiateStreaming) {
    try {
      return await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
    } catch (e) {
      // A server that sends the wrong MIME type (not application/wasm)
      // breaks streaming compilation: fall back to a plain download.
    }
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status}`);
  return WebAssembly.instantiate(await res.arrayBuffer(), go.importObject);
}

async function start() {
  const t0 = performance.now();
  const { instance } = await instantiate();
  const ms = performance.now() - t0;
  go.run(instance).then(() => {
    exited = true;
    postMessage({ fatal: 'the decoder stopped (the Go program exited)' });
  }, (e) => {
    exited = true;
    postMessage({ fatal: `the decoder crashed: ${e && e.message || e}` });
  });
  // main() sets wsframeGo synchronously before blocking.
  if (typeof self.wsframeGo !== 'object') throw new Error('wsframe.wasm did not register wsframeGo');
  const ops = Object.keys(wsframeGo);
  if (ops.includes('decodeStream')) ops.push('decodeFile');
  if (ops.includes('rows')) ops.push('index');
  postMessage({ ready: true, version: String(wsframeGo.version || ''), ms, ops });
}

const ready = start().catch((e) => {
  exited = true;
  postMessage({ fatal: `could not start the decoder: ${e && e.message || e}` });
});

/** A File read through decodeStream, its progress posted as it goes. */
function decodeFile(id, file, opts) {
  if (!(file instanceof Blob)) return { ok: false, error: { message: 'decodeFile(file, options) needs a File' } };
  const reader = new FileReaderSync();
  const read = (offset, length) => new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + length)));
  const progress = (done) => postMessage({ id, progress: Number(done) });
  return call('decodeStream', [read, file.size, { ...(opts || {}), progress }]);
}

/** Per-connection indexes of the last decode, built on first use. */
let indexes = null;
const CHUNK = 20000;

function index(kind, conn) {
  if (kind !== 'frames' && kind !== 'messages') return { ok: false, error: { message: `index(kind): no kind ${kind}` } };
  if (!indexes) indexes = {};
  if (!indexes[kind]) {
    /** @type {Map<number, number[]>} */
    const by = new Map();
    for (let start = 0; ; start += CHUNK) {
      const r = call('rows', [kind, start, CHUNK, { preview: 0 }]);
      if (!r.ok) return r;
      for (const row of r.value) {
        const c = row.connection ?? -1;
        if (!by.has(c)) by.set(c, []);
        /** @type {number[]} */ (by.get(c)).push(row.index);
      }
      if (r.value.length < CHUNK) break;
    }
    indexes[kind] = by;
  }
  return { ok: true, value: Int32Array.from(indexes[kind].get(Number(conn)) || []) };
}

/** Calls one API function; its result is a JSON string. */
function call(op, args) {
  const fn = self.wsframeGo && self.wsframeGo[op];
  if (typeof fn !== 'function') {
    return { ok: false, error: { message: `this build of the decoder has no ${op}()` } };
  }
  const out = fn(...args);
  const value = JSON.parse(String(out));
  if (value && typeof value === 'object' && value.error && !Array.isArray(value.errors)) {
    return { ok: false, error: value.error };
  }
  return { ok: true, value };
}

self.onmessage = async (ev) => {
  const { id, op, args } = ev.data;
  await ready;
  if (op === '__crash__') {
    // For the tests: die the way a broken worker does, by an uncaught error.
    setTimeout(() => { throw new Error('simulated decoder crash'); }, 0);
    return;
  }
  let reply;
  if (exited) {
    reply = { ok: false, error: { message: 'the decoder is not running' } };
  } else {
    try {
      const a = args || [];
      if (op.startsWith('decode')) indexes = null;
      reply = op === 'decodeFile' ? decodeFile(id, a[0], a[1]) : op === 'index' ? index(a[0], a[1]) : call(op, a);
    } catch (e) {
      reply = { ok: false, error: { message: `decoder failure in ${op}: ${e && e.message || e}` } };
    }
  }
  postMessage({ id, ...reply });
  if (exited) postMessage({ fatal: 'the decoder stopped' });
};
