// client.js: the page's side of worker.js. Sends requests with ids, keeps
// one worker alive, can cancel a long decode by replacing the worker, and
// publishes the JS API of the contract as globalThis.wsframe.
//
// A worker that dies (Go's out of memory is fatal, not a panic a guard can
// catch) is replaced at once, and what it was asked fails with a
// DecoderError whose `crashed` is true. The input that killed it is never
// sent again by itself: replaying it would only kill the next worker, and
// the next (a crash loop). The page says what happened and offers to try
// again with smaller limits; everything else works at once.
//
// A worker busy for good (a decode that will not end) is no better than a
// dead one: every call has a deadline (DEADLINE), past which the page
// offers to stop it and, later, stops it by itself, the same way.
/** @typedef {import('./contract.js').Result} Result */
/** @typedef {import('./contract.js').FrameDetail} FrameDetail */

/** A sentence, as worker.js's said(). @param {string} id @param {string} english @param {Record<string, unknown>} [params] */
function said(id, english, params = {}) {
  return { id, params, message: english.replace(/\{(\w+)\}/g, (m, k) => (params[k] == null ? m : String(params[k]))) };
}

export class DecoderError extends Error {
  constructor(err) {
    super(err && err.message || String(err));
    this.offset = err && err.offset;
    this.id = err && err.id; // its sentence (i18n.js sentence())
    this.params = err && err.params;
    this.cancelled = Boolean(err && err.cancelled);
    /** the worker died doing it */
    this.crashed = Boolean(err && err.crashed);
    /** the worker was stopped: it was past its deadline */
    this.stopped = Boolean(err && err.stopped);
  }
}

/**
 * How long one call may keep the decoder busy, in milliseconds: past
 * `offer` the page offers to stop it (status "slow"), past `stop` it stops
 * it by itself (status "stopped"): the worker is replaced, as after a
 * crash, and what it was asked fails. A file decode counts from the last
 * piece it read, so a large file that is being read is never stopped.
 */
export const DEADLINE = { offer: 8000, stop: 45000 };

export class Client {
  /** @param {{onStatus?: (s: {state: string, message?: string, said?: {id: string, params?: object}, version?: string, ms?: number, stopMs?: number, op?: string, restarted?: boolean, full?: boolean}) => void, beforeAnswer?: (value: any) => Promise<unknown>|null, beforeError?: (error: any) => Promise<unknown>|null}} [hooks] */
  constructor(hooks = {}) {
    this.hooks = hooks;
    this.nextId = 1;
    /** @type {Map<number, {resolve: Function, reject: Function, onProgress?: (done: number) => void, op: string, since: number}>} */
    this.pending = new Map();
    this.lastDecode = null; // {op, args}: what the worker holds, never replayed
    this.version = '';
    this.seed = ''; // the seed article's frames, from Go
    /** @type {string[]} */
    this.formats = []; // the paste forms, from Go
    /** @type {string[]} */
    this.protocols = []; // the "Read messages as" menu's protocols, from Go (reading's table)
    this.ops = [];
    this.pasteWhole = 0; // the size of paste the first program decodes whole (Go's); a larger one needs the full program
    this.full = false; // the worker runs wsframe-full.wasm
    this.warmed = 0; // the passes of its warm-up ahead of a file, once it is over
    this.instantiateMs = 0;
    this.crashes = 0; // workers that died
    this.failedStarts = 0; // workers in a row that died before they were ready
    this.deadline = { ...DEADLINE };
    this.stops = 0; // workers stopped past their deadline
    this.offered = 0; // the call the page offered to stop
    this.timer = 0;
    this.start();
  }

  start() {
    this.dead = false;
    this.isReady = false;
    this.full = false;
    this.warmed = 0;
    this.held = null;
    const w = new Worker('worker.js');
    this.worker = w;
    this.ready = new Promise((resolve, reject) => { this.readyResolve = resolve; this.readyReject = reject; });
    this.ready.catch(() => {});
    // A replaced worker's last words are not about the current one.
    w.onmessage = (ev) => { if (w === this.worker) this.receive(ev.data); };
    w.onerror = (ev) => {
      ev.preventDefault();
      if (w !== this.worker) return;
      const why = said('worker.error', 'the decoder worker failed: {why}', { why: ev.message || '?' });
      this.died(why.message, '', why);
    };
    this.hooks.onStatus?.({ state: 'loading' });
  }

  receive(msg) {
    if (msg.ready) {
      this.version = msg.version;
      this.seed = msg.seed || '';
      this.formats = msg.formats || [];
      this.protocols = msg.protocols || [];
      this.ops = msg.ops || [];
      this.pasteWhole = msg.pasteWhole || 0;
      this.instantiateMs = msg.ms;
      this.isReady = true;
      this.failedStarts = 0;
      this.readyResolve();
      this.hooks.onStatus?.({ state: 'ready', version: msg.version, ms: msg.ms });
      return;
    }
    if (msg.fatal) { this.died(msg.fatal, msg.op, msg.said); return; }
    if (msg.loading) { this.hooks.onStatus?.({ state: 'loading-full' }); return; }
    if (msg.fullFailed) { this.hooks.onStatus?.({ state: 'ready', version: this.version, ms: this.instantiateMs }); return; }
    if (msg.warmed !== undefined) { this.warmed = msg.warmed; return; }
    if (msg.full) {
      this.ops = msg.ops || this.ops;
      this.full = true;
      this.hooks.onStatus?.({ state: 'ready', version: this.version, ms: this.instantiateMs, full: true });
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.progress !== undefined) { p.since = performance.now(); p.onProgress?.(msg.progress); return; }
    this.pending.delete(msg.id);
    this.next();
    const settle = () => { if (msg.ok) p.resolve(msg.value); else p.reject(new DecoderError(msg.error)); };
    // An answer that needs a module to be shown (hooks.beforeAnswer) waits
    // for it, and the answers after it wait their turn.
    const wait = msg.ok ? this.hooks.beforeAnswer?.(msg.value) : this.hooks.beforeError?.(msg.error);
    if (!wait && !this.held) { settle(); return; }
    const held = Promise.all([this.held, wait]).then(() => {}, () => {}).then(settle);
    this.held = held;
    held.then(() => { if (this.held === held) this.held = null; });
  }

  /**
   * The worker died: fail what was asked of it, start a new one, and leave
   * the input it was decoding alone. A worker that dies before it is ready
   * (the wasm cannot load) is tried three times in a row, no more.
   */
  died(message, during = '', why = undefined) {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    const err = new DecoderError({ message, ...why, crashed: true });
    const first = this.pending.values().next().value;
    const op = during || (first ? first.op : this.lastDecode ? this.lastDecode.op : '');
    this.readyReject(err);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.offered = 0;
    clearTimeout(this.timer);
    this.lastDecode = null;
    this.crashes++;
    const restart = this.isReady || ++this.failedStarts < 3;
    this.hooks.onStatus?.({ state: 'crashed', message, said: why, op, restarted: restart });
    if (restart) this.start();
  }

  /**
   * The call under way ended: the next one starts now (the worker answers
   * in order), its deadline from here; a stop the page offered is void.
   */
  next() {
    const first = this.pending.values().next().value;
    if (first) first.since = Math.max(first.since, performance.now());
    if (this.offered) {
      this.offered = 0;
      this.hooks.onStatus?.({ state: 'ready', version: this.version, full: this.full, ms: this.instantiateMs });
    }
    this.watch();
  }

  /** Checks the call under way against its deadline while there is one. */
  watch() {
    clearTimeout(this.timer);
    const entry = this.pending.entries().next().value;
    if (!entry) return;
    const [id, p] = entry;
    const ms = performance.now() - p.since;
    if (ms >= this.deadline.stop) { this.stopBusy(); return; }
    if (ms >= this.deadline.offer && this.offered !== id) {
      this.offered = id;
      this.hooks.onStatus?.({ state: 'slow', op: p.op, ms: this.deadline.offer, stopMs: this.deadline.stop });
    }
    const wait = (ms < this.deadline.offer ? this.deadline.offer : this.deadline.stop) - ms;
    this.timer = setTimeout(() => this.watch(), Math.max(50, Math.min(wait, 1000)));
  }

  /**
   * Stops a worker busy past its deadline (or when the page is asked to):
   * it is replaced, what was asked of it fails as stopped, and the input
   * is never sent again by itself.
   */
  stopBusy() {
    const p = this.pending.values().next().value;
    if (!p) return;
    const s = Math.round((performance.now() - p.since) / 1000);
    const why = said('busy.kept', '{op} kept the decoder busy for {s} s (it may take {max} s): it was stopped and a new decoder started',
      { op: p.op, s, max: Math.round(this.deadline.stop / 1000) });
    const { message } = why;
    clearTimeout(this.timer);
    this.offered = 0;
    this.worker.terminate();
    const err = new DecoderError({ ...why, stopped: true });
    for (const q of this.pending.values()) q.reject(err);
    this.pending.clear();
    this.lastDecode = null;
    this.stops++;
    this.hooks.onStatus?.({ state: 'stopped', op: p.op, message, said: why, ms: s * 1000 });
    this.start();
  }

  /** Stops whatever the worker is doing by replacing it; what was asked of it fails as cancelled. */
  cancel(message = 'cancelled') {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new DecoderError({ message, cancelled: true }));
    this.pending.clear();
    this.lastDecode = null;
    this.offered = 0;
    clearTimeout(this.timer);
    this.start();
  }

  /** @param {{onProgress?: (done: number) => void}} [o] */
  send(op, args, o = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress: o.onProgress, op, since: performance.now() });
      this.worker.postMessage({ id, op, args });
      if (this.pending.size === 1) this.watch();
    });
  }

  /**
   * Has the worker download, compile and start the full program ahead: a
   * file is about to be opened (warmed with a capture too), or with warm
   * false a paste that needs it (its decode is next).
   */
  prefetch(warm = true) { this.worker.postMessage({ id: 0, op: 'prefetch', args: [warm] }); }

  /** Whether a paste of n characters needs the full program (more than Go decodes whole), which is not loaded. @param {number} n */
  needsFullFor(n) { return this.pasteWhole > 0 && n > this.pasteWhole && !this.full; }

  /** @returns {Promise<Result>} */
  decode(text, options = {}) {
    const args = [String(text), { ...options }];
    this.lastDecode = { op: 'decode', args };
    return this.send('decode', args);
  }

  /** @param {Uint8Array} bytes @returns {Promise<Result>} */
  decodeCapture(bytes, options = {}) {
    const args = [bytes, { ...options }];
    this.lastDecode = { op: 'decodeCapture', args };
    return this.send('decodeCapture', args);
  }

  /**
   * A File read piece by piece in the worker (never held whole here).
   * @param {File} file @param {(done: number) => void} [onProgress] @returns {Promise<Result>}
   */
  decodeFile(file, options = {}, onProgress) {
    const args = [file, { ...options }];
    this.lastDecode = { op: 'decodeFile', args };
    return this.send('decodeFile', args, { onProgress });
  }

  /** Rows of the last decode. @param {'frames'|'messages'} kind */
  rows(kind, start, count, options = {}) { return this.send('rows', [String(kind), Number(start), Number(count), { ...options }]); }

  /** Indexes of the last decode's frames or messages on one connection. @returns {Promise<Int32Array>} */
  index(kind, connection) { return this.send('index', [String(kind), Number(connection)]); }

  /** @returns {Promise<FrameDetail>} */
  frame(index, options = {}) { return this.send('frame', [Number(index), { ...options }]); }

  /**
   * Frames built by hand (docs/contract.md, "Building frames"): a spec object
   * or an array of them. Does not replace the last decode.
   * @returns {Promise<import('./lazy/builder.js').Built>}
   */
  encode(spec) { return this.send('encode', [spec]); }

  /** Test hook: make the worker die as a crash would (an uncaught error in it). */
  crash() { this.worker.postMessage({ id: 0, op: '__crash__' }); }
}

/** Publishes the contract's JS API on globalThis.wsframe. */
export function publish(client) {
  const api = {
    decode: (text, options) => client.decode(text, options),
    decodeCapture: (bytes, options) => client.decodeCapture(bytes, options),
    frame: (i, options) => client.frame(i, options),
    rows: (kind, start, count, options) => client.rows(kind, start, count, options),
    encode: (spec) => client.encode(spec),
    filter: (expression, connection = -1) => client.send('filter', [String(expression), Number(connection)]),
    filterFields: () => client.send('filterFields', []),
    get version() { return client.version; },
    get instantiateMs() { return client.instantiateMs; },
    /** Whether the full program (wsframe-full.wasm) runs now. */
    get full() { return client.full; },
    /** Once its warm-up ahead of a file (the capture tab chosen, a drag begun) is over, the passes it made: 3 whole, 1 when a request came meanwhile; 0 before, or when the full program came for a paste (not warmed). */
    get warmed() { return client.warmed; },
    get crashes() { return client.crashes; },
    get stops() { return client.stops; },
    /** How long a call may take, in ms, before the page offers to stop it and stops it: {offer, stop}. */
    get deadline() { return { ...client.deadline }; },
    ready: () => client.ready,
    crashForTest: () => client.crash(),
    /** Test hook: shorter deadlines. @param {{offer?: number, stop?: number}} d */
    deadlineForTest: (d) => { Object.assign(client.deadline, d); },
  };
  Object.defineProperty(globalThis, 'wsframe', { value: api, configurable: true });
  return api;
}
