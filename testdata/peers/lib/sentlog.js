'use strict';
// Per-side "what I sent" log, written by the peer itself as it sends.
// Each entry: {from, conn, type, data_hex, text?, close_code?, close_reason?, ...extra, t_ns}
// data_hex is the application payload as handed to the library (before masking and
// before permessage-deflate); for a close it is the close frame body (2-byte code +
// UTF-8 reason, or empty). "text" is present for text messages of at most 4096 bytes.
// t_ns is wall-clock time, used only by merge_logs.js to
// interleave the two sides; it is dropped from the merged NAME.sent.json.
const fs = require('fs');

// "text" repeats data_hex as a string only for texts up to 4 KiB, to keep logs small.
const TEXT_MAX = 4096;

function nowNs() {
  return Math.round((performance.timeOrigin + performance.now()) * 1e6);
}

function makeEntry(from, conn, type, data, extra) {
  const e = { from, conn, type };
  let buf;
  if (type === 'close') {
    const code = data && data.code;
    const reason = (data && data.reason) || '';
    if (code === undefined || code === null) {
      buf = Buffer.alloc(0);
    } else {
      const r = Buffer.from(reason, 'utf8');
      buf = Buffer.alloc(2 + r.length);
      buf.writeUInt16BE(code, 0);
      r.copy(buf, 2);
      e.close_code = code;
      e.close_reason = reason;
    }
  } else if (typeof data === 'string') {
    buf = Buffer.from(data, 'utf8');
  } else {
    buf = Buffer.from(data || []);
  }
  e.data_hex = buf.toString('hex');
  if (type === 'text' && buf.length <= TEXT_MAX) e.text = buf.toString('utf8');
  Object.assign(e, extra || {});
  e.t_ns = nowNs();
  return e;
}

class SentLog {
  constructor(file, from) {
    this.file = file;
    this.from = from;
    this.entries = [];
    this.flush();
  }
  add(conn, type, data, extra) {
    this.entries.push(makeEntry(this.from, conn, type, data, extra));
    this.flush();
  }
  addRaw(e) {
    this.entries.push(e);
    this.flush();
  }
  flush() {
    fs.writeFileSync(this.file, JSON.stringify(this.entries, null, 1) + '\n');
  }
}

// Fixed payloads shared by the scenarios, so captures are deterministic.
const JSON200 = (() => {
  const base = {
    type: 'telemetry', station: 'loopback-01', unit: 'celsius',
    readings: [21.5, 21.5, 21.6, 21.6, 21.7, 21.7, 21.8],
    note: 'repeated to show context takeover',
  };
  let s = JSON.stringify(base);
  // pad to exactly 200 bytes with a "pad" field
  const pad = 200 - (s.length + ',"pad":""'.length);
  base.pad = 'x'.repeat(pad);
  s = JSON.stringify(base);
  if (Buffer.byteLength(s) !== 200) throw new Error('JSON200 is ' + s.length);
  return s;
})();

function bytesPattern(n, mul, add) {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * mul + add) & 0xff;
  return b;
}

function failAfter(ms, what) {
  const t = setTimeout(() => {
    console.error(`${what}: timed out after ${ms} ms`);
    process.exit(3);
  }, ms);
  t.unref();
  return t;
}

module.exports = { SentLog, makeEntry, nowNs, JSON200, bytesPattern, failAfter };
