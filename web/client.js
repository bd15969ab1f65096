// client.js: the page's side of worker.js. Sends requests with ids, keeps
// one worker alive (restarting it when it dies, then replaying the last
// decode so that frame(i) still refers to it), can cancel a long decode by
// replacing the worker, and publishes the JS API of the contract as
// globalThis.wsframe.
/** @typedef {import('./contract.js').Result} Result */
/** @typedef {import('./contract.js').FrameDetail} FrameDetail */

export class DecoderError extends Error {
  constructor(err) {
    super(err && err.message || String(err));
    this.offset = err && err.offset;
    this.cancelled = Boolean(err && err.cancelled);
  }
}

export class Client {
  /** @param {{onStatus?: (s: {state: string, message?: string, version?: string, ms?: number}) => void}} [hooks] */
  constructor(hooks = {}) {
    this.hooks = hooks;
    this.nextId = 1;
    /** @type {Map<number, {resolve: Function, reject: Function, onProgress?: (done: number) => void}>} */
    this.pending = new Map();
    this.lastDecode = null; // {op, args}: replayed after a restart
    this.version = '';
    this.seed = ''; // the seed article's frames, from Go
    /** @type {string[]} */
    this.formats = []; // the paste forms, from Go
    this.ops = [];
    this.instantiateMs = 0;
    this.restarts = 0;
    this.start();
  }

  start() {
    this.worker = new Worker('worker.js');
    this.ready = new Promise((resolve, reject) => { this.readyResolve = resolve; this.readyReject = reject; });
    this.ready.catch(() => {});
    this.worker.onmessage = (ev) => this.receive(ev.data);
    this.worker.onerror = (ev) => { ev.preventDefault(); this.died(ev.message || 'the decoder worker failed'); };
    this.hooks.onStatus?.({ state: 'loading' });
  }

  receive(msg) {
    if (msg.ready) {
      this.version = msg.version;
      this.seed = msg.seed || '';
      this.formats = msg.formats || [];
      this.ops = msg.ops || [];
      this.instantiateMs = msg.ms;
      this.readyResolve();
      this.hooks.onStatus?.({ state: 'ready', version: msg.version, ms: msg.ms });
      return;
    }
    if (msg.fatal) { this.died(msg.fatal); return; }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.progress !== undefined) { p.onProgress?.(msg.progress); return; }
    this.pending.delete(msg.id);
    if (msg.ok) { this.restarts = 0; p.resolve(msg.value); } else p.reject(new DecoderError(msg.error));
  }

  /** The worker died: fail what was asked of it, start a new one. */
  died(message) {
    if (this.dead) return;
    this.dead = true;
    this.worker.terminate();
    this.readyReject(new DecoderError({ message }));
    for (const p of this.pending.values()) p.reject(new DecoderError({ message }));
    this.pending.clear();
    this.hooks.onStatus?.({ state: 'crashed', message });
    if (this.restarts++ < 5) {
      this.dead = false;
      this.start();
      if (this.lastDecode) this.send(this.lastDecode.op, this.lastDecode.args).catch(() => {});
    }
  }

  /** Stops whatever the worker is doing by replacing it; what was asked of it fails as cancelled. */
  cancel(message = 'cancelled') {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new DecoderError({ message, cancelled: true }));
    this.pending.clear();
    this.lastDecode = null;
    this.start();
  }

  /** @param {{onProgress?: (done: number) => void}} [o] */
  send(op, args, o = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress: o.onProgress });
      this.worker.postMessage({ id, op, args });
    });
  }

  has(op) { return this.ops.includes(op); }

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
    get version() { return client.version; },
    get instantiateMs() { return client.instantiateMs; },
    ready: () => client.ready,
    crashForTest: () => client.crash(),
  };
  Object.defineProperty(globalThis, 'wsframe', { value: api, configurable: true });
  return api;
}
