// tls.js: wss:// captures. A key log (SSLKEYLOGFILE) opened or dropped
// beside the capture, in either order: the capture is decoded again with it.
// The keys stay in this page's memory and the worker's: never in the URL,
// in storage, or in a copied link. Also how a connection's TLS is shown
// (version, suite, SNI, ALPN, decrypted or why not) and the chips that place
// a decrypted frame in its TLS records.

import { h, replace } from './dom.js';
import { t, tn, sentence } from './i18n.js';

/** @typedef {import('./contract.js').Connection} Connection */

const STRINGS = {
  get open() { return t('tls.open'); },
  get forget() { return t('tls.forget'); },
  get none() { return t('tls.none'); },
  loaded: (/** @type {string} */ name, /** @type {number} */ lines) => tn('tls.loaded', lines, { name, n: lines }),
  notKeyLog: (/** @type {string} */ name) => t('tls.notkeylog', { name }),
  get helpSummary() { return t('tls.help.summary'); },
  get helpIntro() { return t('tls.help.intro'); },
  get helpItems() {
    return [
      ['Chrome, Chromium, Edge, Firefox', t('tls.help.browser')],
      ['curl', 'SSLKEYLOGFILE=/path/to/keys.txt curl …'],
      ['Node.js', t('tls.help.node')],
      ['Python', t('tls.help.python')],
      ['Go', 'tls.Config{KeyLogWriter: f}.'],
      ['Wireshark', t('tls.help.wireshark')],
    ];
  },
  get helpSafety() { return t('tls.help.safety'); },
  tls: 'TLS',
  decrypted: (/** @type {number} */ n, /** @type {string|undefined} */ src) => tn(src === 'pcapng' ? 'tls.decrypted.pcapng' : 'tls.decrypted.keylog', n, { n }),
  sni: (/** @type {string} */ s) => `SNI ${s}`,
  alpn: (/** @type {string} */ s) => `ALPN ${s}`,
  offered: (/** @type {string[]} */ l) => t('tls.alpn.offered', { list: l.join(', ') }),
  problem: (/** @type {any} */ p) => [t(`dir.${p.from}.arrow`), p.record ? t('tls.problem.record', { n: p.record }) : '', t('tls.problem.offset', { n: p.offset }), p.packet ? t('tls.problem.packet', { n: p.packet }) : ''].join('') + `: ${sentence(p)}`,
  record: (/** @type {any} */ f) => (f.first_record ? t('tls.records', { a: f.first_record, b: f.record }) : t('tls.record', { n: f.record })),
  wire: (/** @type {any} */ f, /** @type {string} */ who) => t(f.packet ? 'tls.wire' : 'tls.wire.nopacket', {
    records: f.first_record ? t('tls.records', { a: f.first_record, b: f.record }) : t('tls.record', { n: f.record }), who, packet: f.packet }),
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
    where.closest('details')?.setAttribute('open', '');
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
    /** The key log's file name, or ''. */
    get name() { return keys ? keys.name : ''; },
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
    t.error ? h('span', { class: 'note gap', 'data-part': 'tls-error' }, sentence({ id: t.error_id, params: t.error_params, message: t.error })) : null,
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
  return h('p', { class: 'note tls-wire', 'data-part': 'tls-wire' }, STRINGS.wire(f, t(`tls.who.${f.from}`)));
}

/**
 * How the key log fits the capture's TLS connections, for the status
 * line: "key log keys.txt: 1 of 2 TLS sessions of this capture", or that
 * they stay encrypted without one; null for a capture without TLS.
 * @param {import('./contract.js').Input} input @param {string} name the key log's name, '' for none
 */
export function tlsFit(input, name) {
  const sessions = input.tls_sessions || 0;
  if (!sessions) return null;
  const text = name || input.tls_keys ? t('cap.tls.fit', { name: name || 'pcapng', n: input.tls_matched || 0, of: sessions })
    : tn('cap.tls.none', sessions);
  return h('span', { class: 'input-note', 'data-part': 'tls-fit' }, text);
}
