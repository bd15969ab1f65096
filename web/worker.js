// worker.js: runs the Go decoder (wsframe.wasm) off the main thread.
// Protocol: the page posts {id, op, args} (options as a plain object, as the
// Go API takes them); the worker answers {id, ok, value}
// or {id, ok: false, error: {message, offset?}}. On start it posts
// {ready: true, version, ms} once the Go program has set globalThis.wsframeGo,
// or {fatal: message} when it cannot start or has died. While a file is
// read it posts {id, progress: bytesRead} for that request.
//
// Besides the Go API (wsframeGo's functions), two ops are shaped here:
//   decodeFile(file, options)  reads a File piece by piece (FileReaderSync)
//                              through decodeStream, so it is never held whole
//   filter(expr, connection)   Go's filter, its progress posted as a fraction
//   index(kind, connection)    Go's index of the last decode's frames or
//                              messages on one connection, kept here as an
//                              Int32Array (for the lists' connection filter)
//
// Two programs: wsframe.wasm, what a visit downloads, decodes pastes;
// wsframe-full.wasm (the same program built with -tags full) has every
// capability. Go lists what its program can do in wsframeGo.caps, and in
// wsframeGo.ops every function with the capability it needs. One rule:
// an op, or an answer's error.needs, naming a capability not in caps loads
// the full program (a file, encode, a capture pasted as text). The worker
// tells the page ({loading: 'full'}, then {full: true, ops}), asks the full
// one again, and from then on calls only it.
/* global Go, wsframeGo */
'use strict';

importScripts('wasm_exec.js');

let go = new Go();
let exited = false;

async function instantiate(url = 'wsframe.wasm') {
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
  postMessage({ ready: true, version: String(wsframeGo.version || ''), seed: String(wsframeGo.seed || ''), formats: Array.from(wsframeGo.formats || [], String), protocols: Array.from(wsframeGo.protocols || [], String), ms, ops: ops() });
}

/** The functions callable now or once the full program is loaded. */
function ops() {
  const list = Object.keys(wsframeGo.ops || {});
  if (list.includes('decodeStream')) list.push('decodeFile');
  return list;
}

/** The capability op needs ('' for none), as Go's ops table names it. */
function opNeeds(op) {
  const table = (self.wsframeGo && self.wsframeGo.ops) || {};
  return String(table[op === 'decodeFile' ? 'decodeStream' : op] || '');
}

/** Whether the program running lacks capability c. */
const lacks = (c) => Boolean(c) && !Array.from((self.wsframeGo && self.wsframeGo.caps) || [], String).includes(c);

const ready = start().catch((e) => {
  exited = true;
  postMessage({ fatal: `could not start the decoder: ${e && e.message || e}` });
});

/** The full program, loaded once, the first time it is needed. */
let fullLoad = null;

function loadFull() {
  if (!fullLoad) {
    fullLoad = (async () => {
      postMessage({ loading: 'full' });
      const old = self.wsframeGo;
      if (old && typeof old.decode === 'function') old.decode(''); // let the first program drop its last result
      go = new Go();
      const { instance } = await instantiate('wsframe-full.wasm');
      go.run(instance).then(() => { exited = true; postMessage({ fatal: 'the full decoder stopped' }); },
        (e) => { exited = true; postMessage({ fatal: `the full decoder crashed: ${e && e.message || e}` }); });
      if (self.wsframeGo === old) throw new Error('wsframe-full.wasm did not register its wsframeGo');
      postMessage({ full: true, ops: ops() });
    })();
    fullLoad.catch(() => { fullLoad = null; }); // a failed download is tried again next time
  }
  return fullLoad;
}

/**
 * The first program's last paste decode ({args}), kept until the full
 * program is loaded: when a call that is not a decode (encode) loads it,
 * the paste on screen is decoded again there, so that rows() and frame()
 * go on answering for it.
 * @type {any[]|null}
 */
let firstPaste = null;

function keepPaste() {
  if (firstPaste && fullLoad) self.wsframeGo.decode(...firstPaste); // its answer is the page's already
  firstPaste = null;
}

/** The one rule: op, or its reply's error.needs, names a capability the program running lacks. */
function needsFull(op, reply) {
  if (lacks(opNeeds(op))) return true;
  return Boolean(reply && !reply.ok && reply.error && lacks(String(reply.error.needs || '')));
}

/** A File read through decodeStream, its progress posted as it goes. */
function decodeFile(id, file, opts) {
  if (!(file instanceof Blob)) return { ok: false, error: { message: 'decodeFile(file, options) needs a File' } };
  const reader = new FileReaderSync();
  const read = (offset, length) => new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + length)));
  const progress = (done) => postMessage({ id, progress: Number(done) });
  return call('decodeStream', [read, file.size, { ...(opts || {}), progress }]);
}

/** Per-connection indexes of the last decode, asked of Go once per kind and connection. */
let indexes = null;

function index(kind, conn) {
  if (!indexes) indexes = {};
  const key = `${kind}/${conn}`;
  if (!indexes[key]) {
    const r = call('index', [String(kind), Number(conn)]);
    if (!r.ok) return r;
    indexes[key] = Int32Array.from(r.value);
  }
  return { ok: true, value: indexes[key] };
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
      const run = () => (op === 'decodeFile' ? decodeFile(id, a[0], a[1]) : op === 'index' ? index(a[0], a[1])
        : op === 'filter' ? call(op, [a[0], a[1], (/** @type {number} */ done, /** @type {number} */ total) => postMessage({ id, progress: done / total })]) : call(op, a));
      // A call made while the full program loads waits for it: the first
      // one has dropped its last decode by then.
      if (fullLoad) await fullLoad.catch(() => {});
      if (op.startsWith('decode')) firstPaste = op === 'decode' && !fullLoad ? a : null;
      if (needsFull(op, null)) { await loadFull(); if (!op.startsWith('decode')) keepPaste(); }
      reply = run();
      if (needsFull(op, reply)) {
        firstPaste = null;
        await loadFull();
        reply = run();
      }
    } catch (e) {
      reply = { ok: false, error: { message: `decoder failure in ${op}: ${e && e.message || e}` } };
    }
  }
  postMessage({ id, ...reply });
  if (exited) postMessage({ fatal: 'the decoder stopped' });
};
