// tls.js: wss:// captures. A key log (SSLKEYLOGFILE) opened or dropped
// beside the capture, in either order: the capture is decoded again with it.
// The keys stay in this page's memory and the worker's: never in the URL,
// in storage, or in a copied link. Also how a connection's TLS is shown
// (version, suite, SNI, ALPN, decrypted or why not) and the chips that place
// a decrypted frame in its TLS records.

import { h, replace } from './dom.js';

/** @typedef {import('./contract.js').Connection} Connection */

const STRINGS = {
  open: 'Open a key log…',
  forget: 'Forget the keys',
  none: 'No key log opened. wss:// connections are decrypted only with their keys: a key log, or a pcapng that carries them.',
  loaded: (name, lines) => `Key log ${name}: ${lines} line${lines === 1 ? '' : 's'} with secrets. Kept in this page only; never put in links.`,
  notKeyLog: (name) => `${name} does not look like a key log (lines such as CLIENT_RANDOM … or CLIENT_TRAFFIC_SECRET_0 …).`,
  helpSummary: 'How to get a key log',
  helpIntro: 'TLS hides the WebSocket frames of wss://. The program that made the connection can write its session keys to a key log file (the NSS key log format) while you capture; open that file here, before or after the capture.',
  helpItems: [
    ['Chrome, Chromium, Edge, Firefox', 'start the browser with the environment variable SSLKEYLOGFILE=/path/to/keys.txt (close every window of it first).'],
    ['curl', 'SSLKEYLOGFILE=/path/to/keys.txt curl …'],
    ['Node.js', 'node --tls-keylog=/path/to/keys.txt app.js (or the TLS socket\'s "keylog" event).'],
    ['Python', 'ssl.SSLContext.keylog_filename = "/path/to/keys.txt" (or SSLKEYLOGFILE with an SSLContext from ssl.create_default_context()).'],
    ['Go', 'tls.Config{KeyLogWriter: f}.'],
    ['Wireshark', 'a .pcapng with the keys inside (editcap --inject-secrets tls,keys.txt in.pcap out.pcapng) needs no key log here.'],
  ],
  helpSafety: 'A key log decrypts every session it lists: keep it as private as the traffic itself. Here it is read inside this page and goes nowhere else.',
  tls: 'TLS',
  decrypted: (n, src) => `decrypted: ${n} record${n === 1 ? '' : 's'}, keys from ${src === 'pcapng' ? 'the capture (pcapng secrets block)' : 'the key log'}`,
  sni: (s) => `SNI ${s}`,
  alpn: (s) => `ALPN ${s}`,
  offered: (l) => `ALPN offered ${l.join(', ')}`,
  problem: (p) => `${p.from === 'client' ? 'client → server' : 'server → client'}${p.record ? `, record ${p.record}` : ''}, stream byte ${p.offset}${p.packet ? `, packet ${p.packet}` : ''}: ${p.message}`,
  record: (f) => (f.first_record ? `TLS records ${f.first_record}–${f.record}` : `TLS record ${f.record}`),
  wire: (f, who) => `These bytes were encrypted on the wire: decrypted from ${f.first_record ? `TLS records ${f.first_record} to ${f.record}` : `TLS record ${f.record}`} of ${who} (${f.packet ? `completed in packet ${f.packet}` : 'its packet'}). Offsets count decrypted bytes.`,
};

/** Key log lines that carry secrets: the labels tlsdec reads, and others of the format. */
const KEYLOG_LINE = /^[A-Z][A-Z0-9_]*_(RANDOM|SECRET|SECRET_0)\s+[0-9a-fA-F]{64}\s+[0-9a-fA-F]+\s*$/m;

/**
 * The key log control: a file button, a status line, "forget", and the
 * help. onKeys is called when keys are added or forgotten.
 * @param {HTMLElement} where @param {{onKeys: () => void, toast: (t: string, bad?: boolean) => void}} o
 */
export function initKeyLog(where, o) {
  /** @type {{name: string, text: string}|null} */
  let keys = null;
  const input = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: 'keylog-file', class: 'visually-hidden', accept: '.txt,.log,.keys,.keylog,text/plain' }));
  const status = h('p', { class: 'muted small', 'data-part': 'keylog-status', role: 'status' }, STRINGS.none);
  const forget = h('button', { type: 'button', class: 'link', 'data-action': 'forget-keylog', hidden: true }, STRINGS.forget);
  const help = h('details', { class: 'keylog-help', 'data-part': 'keylog-help' },
    h('summary', {}, STRINGS.helpSummary),
    h('p', {}, STRINGS.helpIntro),
    h('ul', {}, STRINGS.helpItems.map(([who, how]) => h('li', {}, h('strong', {}, who), ': ', h('code', {}, how)))),
    h('p', { class: 'muted small' }, STRINGS.helpSafety));
  replace(where,
    h('div', { class: 'filepick keylog' },
      h('label', { for: 'keylog-file', class: 'button', 'data-action': 'open-keylog' }, STRINGS.open), input, forget),
    status, help);

  const lines = (text) => text.split('\n').filter((l) => KEYLOG_LINE.test(l)).length;

  /** Reads a file as a key log; false when it is not one. @param {File} file */
  async function add(file) {
    const text = await file.text();
    const n = lines(text);
    if (!n) { o.toast(STRINGS.notKeyLog(file.name), true); return false; }
    keys = { name: file.name, text };
    status.textContent = STRINGS.loaded(file.name, n);
    forget.hidden = false;
    o.onKeys();
    return true;
  }
  input.addEventListener('change', () => { if (input.files && input.files[0]) add(input.files[0]); input.value = ''; });
  forget.addEventListener('click', () => {
    keys = null;
    status.textContent = STRINGS.none;
    forget.hidden = true;
    o.onKeys();
  });
  return {
    add,
    /** The key log's text, or '' (passed to the decoder as options.keylog). */
    get text() { return keys ? keys.text : ''; },
    /** Whether a dropped file is a key log rather than a capture: text with key log lines. @param {File} file */
    async isKeyLog(file) {
      const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
      if (head.some((b) => b === 0 || (b < 9))) return false; // captures are binary
      return lines(new TextDecoder().decode(head)) > 0;
    },
  };
}

/**
 * What a connection's TLS layer is: a line of facts, whether it was
 * decrypted or why not, and its problems.
 * @param {Connection} c
 */
export function tlsNote(c) {
  const t = c.tls;
  if (!t) return null;
  const facts = [STRINGS.tls, t.version, t.cipher_suite, t.sni && STRINGS.sni(t.sni),
    t.alpn ? STRINGS.alpn(t.alpn) : t.alpn_offered && t.alpn_offered.length ? STRINGS.offered(t.alpn_offered) : null].filter(Boolean).join(' · ');
  return [
    h('span', { class: 'note tls', 'data-part': 'tls' }, facts),
    t.decrypted ? h('span', { class: 'note tls-ok' }, STRINGS.decrypted(t.records, t.keys)) : null,
    t.error ? h('span', { class: 'note gap', 'data-part': 'tls-error' }, t.error) : null,
    (t.problems || []).filter((p) => p.message !== t.error).map((p) => h('span', { class: 'note gap' }, STRINGS.problem(p))),
  ];
}

/** A chip naming the TLS record(s) a frame came from. @param {import('./contract.js').Frame} f */
export function recordChip(f) {
  return f.record ? h('span', { class: 'chip muted', 'data-part': 'tls-record' }, STRINGS.record(f)) : null;
}

/** The note above the hex view of a decrypted frame. @param {import('./contract.js').Frame} f */
export function wireNote(f) {
  if (!f.record) return null;
  return h('p', { class: 'note tls-wire', 'data-part': 'tls-wire' }, STRINGS.wire(f, f.from === 'client' ? 'the client' : 'the server'));
}
