// worker.js: runs the Go decoder (wsframe.wasm) off the main thread.
// Protocol: the page posts {id, op, args} (options as a plain object, as the
// Go API takes them); the worker answers {id, ok, value}
// or {id, ok: false, error: {message, offset?}}. On start it posts
// {ready: true, version, ms} once the Go program has set globalThis.wsframeGo,
// or {fatal: message, said?: {id, params}, op?} when it cannot start or has died (in call op). While a file is
// read it posts {id, progress: bytesRead} for that request, at most four
// times a second and at its end (PROGRESS_MS).
//
// Besides the Go API (wsframeGo's functions), four ops are shaped here:
//   decodeFile(file, options)  reads a File piece by piece through
//                              decodeStream, so it is never held whole: in
//                              order, a few large pieces read ahead
//                              (Blob.arrayBuffer, on the reader's thread:
//                              reader.js) while Go decodes the one
//                              before; at offsets (the rows on screen),
//                              FileReaderSync through Go's block cache
//   filter(expr, connection)   Go's filter, its progress posted as a fraction
//   prefetch(warm)             downloads, compiles and starts the full
//                              program, so that opening a file does not
//                              wait for it (the page asks when the capture
//                              tab is chosen or a drag begins), and with
//                              warm false does not warm it with a capture
//                              (a large paste begins: its decode comes next)
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
//
// Go's decodeStream answers later, through options.done (it waits on the
// pieces read ahead), so the worker runs one request at a time: each waits
// for the one before.
'use strict';

/** @typedef {{message: string, offset?: number, needs?: string, id?: string, params?: Record<string, unknown>}} ReplyError */
/** @typedef {{ok: true, value: any} | {ok: false, error: ReplyError}} Reply */

/**
 * A sentence for a person, as Go's msg.New: id, params and its English,
 * once, here (sentences_test.go reads the calls; the page says the id).
 * @param {string} id @param {string} english @param {Record<string, unknown>} [params]
 */
function said(id, english, params = {}) {
  return { id, params, message: english.replace(/\{(\w+)\}/g, (m, k) => (params[k] == null ? m : String(params[k]))) };
}

importScripts('wasm_exec.js');

/** What wasm_exec.js defines. @type {any} */
const GoRuntime = /** @type {any} */ (self).Go;
let go = new GoRuntime();
let exited = false;

/** The Go API, once a program has set it. @returns {any} */
const api = () => /** @type {any} */ (self).wsframeGo;

/** The full program compiled ahead (prefetch), or null. @type {Promise<WebAssembly.Module>|null} */
let fullModule = null;

/**
 * The end of what Go wrote last: its fatal errors ("fatal error: out of
 * memory") go there, through wasm_exec.js's fs.writeSync, just before the
 * program ends in the middle of a call.
 */
let lastWords = '';
{
  const fs = /** @type {any} */ (self).fs;
  const write = fs.writeSync.bind(fs);
  const text = new TextDecoder();
  fs.writeSync = (/** @type {number} */ fd, /** @type {Uint8Array} */ buf) => {
    lastWords = (lastWords + text.decode(buf)).slice(-400);
    return write(fd, buf);
  };
}

/**
 * Why a call ended with no answer: out of memory (Go's fatal error, or
 * the browser refusing to grow the memory) said as such, else what Go or
 * the exception said.
 * @param {string} op @param {any} [e]
 */
function failure(op, e) {
  const words = `${e ? (e.message || e) : ''}\n${lastWords}`;
  if (/out of memory|could not allocate|Memory\.grow|allocation failed/i.test(words)) {
    return said('worker.oom', 'the decoder ran out of memory in {op}: it needs more memory than the browser gives a page; try a smaller input, or the command line (wsframe)', { op });
  }
  const last = e ? String(e.message || e) : lastWords.trim().split('\n').pop();
  return last ? said('worker.failure', 'decoder failure in {op}: {last}', { op, last })
    : said('worker.no-answer', 'decoder failure in {op}: it ended without an answer', { op });
}

/** The decoder is gone: why, in which call. @param {ReplyError} why @param {string} [op] */
const fatal = (why, op) => postMessage({ fatal: why.message, said: why.id ? { id: why.id, params: why.params } : undefined, op });

/** @param {string} url */
async function instantiate(url = 'wsframe.wasm') {
  if (url === 'wsframe-full.wasm' && fullModule) {
    try {
      return { instance: await WebAssembly.instantiate(await fullModule, go.importObject) };
    } catch (e) {
      fullModule = null; // a failed prefetch: download it now
    }
  }
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

/**
 * Downloads and compiles the full program, once, without running it.
 * @returns {Promise<WebAssembly.Module>}
 */
function prefetch() {
  if (!fullModule) {
    const url = 'wsframe-full.wasm';
    fullModule = (WebAssembly.compileStreaming ? WebAssembly.compileStreaming(fetch(url)) : Promise.reject(new Error('no compileStreaming')))
      .catch(async () => {
        // A server that sends the wrong MIME type breaks streaming compilation.
        const res = await fetch(url);
        if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status}`);
        return WebAssembly.compile(await res.arrayBuffer());
      });
    fullModule.catch(() => { fullModule = null; }); // tried again when it is needed
  }
  return fullModule;
}

/** @param {any} e */
const messageOf = (e) => (e && e.message) || e;

async function start() {
  const t0 = performance.now();
  const { instance } = await instantiate();
  const ms = performance.now() - t0;
  go.run(instance).then(() => {
    exited = true;
    fatal(said('worker.exited', 'the decoder stopped (the Go program exited)'));
  }, (/** @type {any} */ e) => {
    exited = true;
    fatal(said('worker.crashed', 'the decoder crashed: {why}', { why: String(messageOf(e)) }));
  });
  // main() sets wsframeGo synchronously before blocking.
  const g = api();
  if (typeof g !== 'object') throw new Error('wsframe.wasm did not register wsframeGo');
  postMessage({ ready: true, version: String(g.version || ''), seed: String(g.seed || ''), formats: Array.from(g.formats || [], String), protocols: Array.from(g.protocols || [], String), ms, ops: ops(), pasteWhole: Number(g.pasteWhole) || 0 });
}

/** The functions callable now or once the full program is loaded. @returns {string[]} */
function ops() {
  const list = Object.keys(api().ops || {});
  if (list.includes('decodeStream')) list.push('decodeFile');
  return list;
}

/** The capability op needs ('' for none), as Go's ops table names it. @param {string} op */
function opNeeds(op) {
  const table = (api() && api().ops) || {};
  return String(table[op === 'decodeFile' ? 'decodeStream' : op] || '');
}

/** Whether the program running lacks capability c. @param {string} c */
const lacks = (c) => Boolean(c) && !Array.from((api() && api().caps) || [], String).includes(c);

const ready = start().catch((e) => {
  exited = true;
  fatal(said('worker.start', 'could not start the decoder: {why}', { why: String(messageOf(e)) }));
});

/** The full program, loaded once, the first time it is needed. @type {Promise<void>|null} */
let fullLoad = null;

function loadFull() {
  if (!fullLoad) {
    fullLoad = (async () => {
      postMessage({ loading: 'full' });
      const old = api();
      if (old && typeof old.decode === 'function') old.decode(''); // let the first program drop its last result
      const first = go;
      go = new GoRuntime();
      let instance;
      try {
        ({ instance } = await instantiate('wsframe-full.wasm'));
      } catch (e) {
        // Not downloaded (offline, the host lost it): said as such, not as
        // the input's fault; the first program runs on, and the next call
        // that needs the full one tries again.
        go = first;
        postMessage({ fullFailed: true });
        const why = String(messageOf(e));
        throw Object.assign(new Error(why), {
          said: said('worker.full-missing', 'the full decoder (wsframe-full.wasm) could not be loaded ({why}): check the connection, then try again', { why }),
        });
      }
      go.run(instance).then(() => { exited = true; fatal(said('worker.exited', 'the decoder stopped (the Go program exited)')); },
        (/** @type {any} */ e) => { exited = true; fatal(said('worker.crashed', 'the decoder crashed: {why}', { why: String(messageOf(e)) })); });
      if (api() === old) throw new Error('wsframe-full.wasm did not register its wsframeGo');
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
  if (firstPaste && fullLoad) api().decode(...firstPaste); // its answer is the page's already
  firstPaste = null;
}

/**
 * The one rule: op, or its reply's error.needs, names a capability the program running lacks.
 * @param {string} op @param {Reply|null} reply
 */
function needsFull(op, reply) {
  if (lacks(opNeeds(op))) return true;
  return Boolean(reply && !reply.ok && reply.error && lacks(String(reply.error.needs || '')));
}

/**
 * Has the full program decode generated traffic, so that V8 has optimized
 * its hot code before a file comes (Go's warm), in three passes unless a
 * request comes meanwhile, which goes first: from memory; the same capture
 * again the way a file is read (decodeFile: the reader thread, the pieces,
 * Go waiting on them), the part of the way only JavaScript can take; and
 * from memory again, which forgets that decode. Issue 24: one pass left
 * about half of what V8 optimized during the file to it (Chromium's trace
 * of three opens each way, 320-540 ms of its optimizing compiler against
 * 380-890 ms); after two from memory, 41 functions were still optimized
 * during a 127.5 MB file (0.5 s of the compiler's time, on the cores the
 * decode needed), after these three passes 28 smaller ones (0.13 s).
 * The page is told when it is over, and how many passes it made ({warmed}).
 */
async function warm() {
  const w = api().warm;
  let passes = 0;
  try {
    if (typeof w !== 'function') return;
    /** @type {Uint8Array|null} */
    let capture = null;
    w((/** @type {Uint8Array} */ b) => { capture = b; });
    passes++;
    await new Promise((ok) => setTimeout(ok, 0)); // a request posted meanwhile is counted
    if (waiting || !capture) return;
    try {
      if ((await decodeFile(0, new Blob([capture]), WARM_OPTIONS)).ok) passes++;
    } catch { /* not warmed that way: a file read so will say what is wrong */ }
    w(); // from memory again, which forgets the decode as a file
    passes++;
  } finally {
    postMessage({ warmed: passes });
  }
}

/** The options of the warm-up's pass as a file: the page's for a capture (capture.js). */
const WARM_OPTIONS = { preview: 64, rows: 200, handshakes: 'brief' };

/** The pieces read ahead: the first, the largest, and how many are read at once (each twice the one before, so that Go starts early). */
const PIECE = 8 << 20;
const FIRST = 1 << 20;
const AHEAD = 3;

/**
 * The thread that reads the pieces (reader.js: a Blob read here would wait
 * for Go), made once; null where it cannot be (read here then).
 * @type {Worker|null|undefined}
 */
let reader;
let readSeq = 0;
/** The file the reader has (posted to it once). @type {Blob|null} */
let readerFile = null;
/** The pieces asked of it, by id. @type {Map<number, {ok: (b: ArrayBuffer) => void, fail: (e: Error) => void, file: Blob, start: number, end: number}>} */
const reading = new Map();

/** @returns {Worker|null} */
function readerThread() {
  if (reader !== undefined) return reader;
  reader = null;
  try {
    const w = new Worker('reader.js');
    w.onmessage = (ev) => {
      const r = reading.get(ev.data.id);
      if (!r) return;
      reading.delete(ev.data.id);
      if (ev.data.error != null) r.fail(new Error(String(ev.data.error)));
      else r.ok(ev.data.bytes);
    };
    // It could not start: its pieces are read here.
    w.onerror = (ev) => {
      ev.preventDefault();
      w.terminate();
      reader = null;
      readerFile = null;
      for (const r of reading.values()) r.file.slice(r.start, r.end).arrayBuffer().then(r.ok, r.fail);
      reading.clear();
    };
    reader = w;
  } catch (e) { /* no workers in workers */ }
  return reader;
}

/** @param {Blob} file @param {number} start @param {number} end @returns {Promise<ArrayBuffer>} */
function readPiece(file, start, end) {
  const w = readerThread();
  if (!w) return file.slice(start, end).arrayBuffer();
  return new Promise((ok, fail) => {
    const id = ++readSeq;
    reading.set(id, { ok, fail, file, start, end });
    if (file !== readerFile) {
      readerFile = file;
      w.postMessage({ file });
    }
    w.postMessage({ id, start, end });
  });
}

/**
 * The file's bytes in order, for Go's next(): each call answers a Promise
 * of the next piece (empty at the end) and keeps AHEAD pieces being read,
 * so that the browser reads while Go decodes.
 * @param {Blob} file @returns {() => Promise<Uint8Array>}
 */
function readAhead(file) {
  let off = 0;
  let size = FIRST;
  /** @type {Promise<ArrayBuffer>[]} */
  const queue = [];
  const more = () => {
    while (queue.length < AHEAD && off < file.size) {
      const end = Math.min(off + size, file.size);
      queue.push(readPiece(file, off, end));
      off = end;
      size = Math.min(2 * size, PIECE);
    }
  };
  return () => {
    more();
    const next = queue.shift();
    more();
    return next ? next.then((b) => new Uint8Array(b)) : Promise.resolve(new Uint8Array(0));
  };
}

/**
 * How often a file's progress is told to the page (Go tells every 4 MiB),
 * the first and the end always: each telling is a task of the page's main
 * thread, and each drawing of the bar a frame of style, layout and paint,
 * on the cores the decode needs (issue 24: 4-5 ms of the main thread a
 * drawing in Chromium's trace of a 127.5 MB file, the compositor's work
 * beside). Four a second show the bar moving.
 */
const PROGRESS_MS = 250;

/**
 * A File read through decodeStream, its progress posted as it goes.
 * @param {number} id @param {unknown} file @param {object} [opts] @returns {Promise<Reply>}
 */
function decodeFile(id, file, opts) {
  if (!(file instanceof Blob)) return Promise.resolve({ ok: false, error: { message: 'decodeFile(file, options) needs a File' } });
  const reader = new FileReaderSync();
  /** @param {number} offset @param {number} length */
  const read = (offset, length) => new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + length)));
  let told = -Infinity;
  const progress = (/** @type {number} */ done) => {
    const now = performance.now();
    if (done < file.size && now - told < PROGRESS_MS) return;
    told = now;
    postMessage({ id, progress: Number(done) });
  };
  const fn = api() && api().decodeStream;
  if (typeof fn !== 'function') return Promise.resolve({ ok: false, error: { message: 'this build of the decoder has no decodeStream()' } });
  /** @type {Promise<string>} */
  const answer = new Promise((done) => {
    // "" now and the answer to done later; an argument error comes at once.
    const now = fn(read, file.size, { ...(opts || {}), progress, next: readAhead(file), done });
    if (now) done(String(now));
  });
  return answer.then(replyOf);
}

/** Per-connection indexes of the last decode, asked of Go once per kind and connection. @type {Record<string, Int32Array>|null} */
let indexes = null;

/** @param {string} kind @param {number} conn @returns {Promise<Reply>} */
async function index(kind, conn) {
  if (!indexes) indexes = {};
  const key = `${kind}/${conn}`;
  if (!indexes[key]) {
    const r = await call('index', [String(kind), Number(conn)]);
    if (!r.ok) return r;
    indexes[key] = Int32Array.from(r.value);
  }
  return { ok: true, value: indexes[key] };
}

/**
 * Calls one API function; its result is a JSON string.
 * @param {string} op @param {any[]} args @returns {Promise<Reply>}
 */
async function call(op, args) {
  const fn = api() && api()[op];
  if (typeof fn !== 'function') {
    return { ok: false, error: { message: `this build of the decoder has no ${op}()` } };
  }
  const out = fn(...args);
  // Go ended during the call (a fatal error: out of memory): no answer.
  if (out === undefined || exited) return { ok: false, error: failure(op) };
  return replyOf(String(out));
}

/** A Go answer (JSON) as a reply. @param {string} out @returns {Reply} */
function replyOf(out) {
  const value = JSON.parse(out);
  if (value && typeof value === 'object' && value.error && !Array.isArray(value.errors)) {
    return { ok: false, error: value.error };
  }
  return { ok: true, value };
}

/** @param {{id: number, op: string, args?: any[]}} msg */
async function handle({ id, op, args }) {
  await ready;
  /** @type {Reply} */
  let reply;
  if (exited) {
    reply = { ok: false, error: said('worker.not-running', 'the decoder is not running') };
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
      reply = await run();
      if (needsFull(op, reply)) {
        firstPaste = null;
        await loadFull();
        reply = await run();
      }
    } catch (e) {
      reply = { ok: false, error: /** @type {any} */ (e).said || failure(op, e) };
    }
  }
  postMessage({ id, ...reply });
  if (exited) fatal(reply.ok ? said('worker.exited', 'the decoder stopped (the Go program exited)') : reply.error, op);
}

/** The requests, one at a time: a decode that waits on the file holds the next back. */
let queue = Promise.resolve();
/** Requests posted and not yet answered. */
let waiting = 0;

self.onmessage = (ev) => {
  const msg = ev.data;
  if (msg.op === '__crash__') {
    // For the tests: die the way a broken worker does, by an uncaught error.
    ready.then(() => setTimeout(() => { throw new Error('simulated decoder crash'); }, 0));
    return;
  }
  if (msg.op === 'prefetch') {
    // A file or a large paste is coming: the full program is downloaded,
    // compiled and started now, in turn with the calls (the paste on
    // screen decoded again there), so that opening the file waits for
    // none of it. For a file it is warmed first with a capture (warm);
    // a paste's decode is next in the queue, and waits for no warm-up.
    // A program loaded is never warmed later: that would drop its decode.
    const warmUp = !(msg.args && msg.args[0] === false);
    if (warmUp) readerThread(); // a file is coming: its reader starts now
    if (!fullLoad) {
      prefetch().catch(() => {});
      queue = queue.then(() => ready).then(() => { if (!exited && !fullLoad) return loadFull().then(() => (warmUp ? warm() : undefined)).then(keepPaste); }).catch(() => {});
    }
    return;
  }
  waiting++;
  queue = queue.then(() => handle(msg)).finally(() => { waiting--; });
};
