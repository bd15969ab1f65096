// payload.js: payload bytes as text (UTF-8, with invalid bytes and control
// characters made visible), as hex, and as pretty-printed JSON when the
// text parses as JSON. Used for a frame's payload and for a message's
// reassembled, inflated data.

import { h, replace, vis, visibleString } from './dom.js';
import { fromHex, hex2 } from './fields.js';
import { num, t, tn } from './i18n.js';
import { readingViews } from './reading.js';

/** What this module says, in one place for translation. */
export const STRINGS = {
  get raw() { return t('payload.raw'); },
  get invisible() { return t('payload.invisible'); },
  jsonDepth: (/** @type {number} */ n) => t('payload.json.depth', { n }),
  jsonSize: (/** @type {number} */ kb) => t('payload.json.size', { kb }),
};

/**
 * Splits bytes into runs of valid UTF-8 text and single invalid bytes.
 * @param {Uint8Array} b @returns {{text?: string, bad?: number}[]}
 */
export function utf8Runs(b) {
  const out = [];
  const dec = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let i = 0;
  const flush = (end) => { if (end > start) out.push({ text: dec.decode(b.subarray(start, end)) }); };
  while (i < b.length) {
    const n = seqLen(b, i);
    if (n > 0) { i += n; continue; }
    flush(i);
    out.push({ bad: b[i] });
    i++;
    start = i;
  }
  flush(i);
  return out;
}

/** Length of the valid UTF-8 sequence at b[i], 0 when invalid. */
function seqLen(b, i) {
  const c = b[i];
  if (c < 0x80) return 1;
  let n; let min;
  if (c >= 0xc2 && c <= 0xdf) { n = 2; min = 0x80; } else if (c >= 0xe0 && c <= 0xef) { n = 3; min = 0x800; } else if (c >= 0xf0 && c <= 0xf4) { n = 4; min = 0x10000; } else return 0;
  if (i + n > b.length) return 0;
  let cp = c & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    if ((b[i + k] & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (b[i + k] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

/**
 * Text nodes with control characters shown as symbols (␀, ␛...), and the
 * other invisible characters (C1 controls, bidi controls, zero-width and
 * other format characters, U+2028/9) as marks such as ⟨U+202E⟩ (dom.js);
 * newlines and tabs kept.
 */
function visible(text) {
  const parts = [];
  let run = '';
  let ctl = -1; // the control character of the span being built
  let n = 0; // how many of it in a row
  const endCtl = () => {
    if (n) {
      // One span for a run of the same control character, however long:
      // 64 KiB of NUL bytes is one element, not 65,536 (issue 15).
      const sym = ctl === 0x7f ? '␡' : String.fromCodePoint(0x2400 + ctl);
      parts.push(h('span', { class: 'ctl', title: n > 1 ? t('payload.controls', { hex: hex2(ctl), n }) : t('payload.control', { hex: hex2(ctl) }) }, sym.repeat(n)));
    }
    n = 0;
  };
  for (const ch of text) {
    const c = ch.codePointAt(0) || 0;
    if ((c < 0x20 && ch !== '\n' && ch !== '\t') || c === 0x7f) {
      if (run) { parts.push(...vis(run, '\n\t')); run = ''; }
      if (c !== ctl) endCtl();
      ctl = c;
      n++;
    } else {
      endCtl();
      run += ch;
    }
  }
  endCtl();
  if (run) parts.push(...vis(run, '\n\t'));
  return parts;
}

/**
 * The bytes as text, invalid bytes marked, invisible characters shown;
 * a checkbox shows the text raw instead (still as text, never markup), as
 * the sender's bidi controls would have it read.
 * @param {Uint8Array} b
 */
export function textView(b) {
  const runs = utf8Runs(b);
  const bad = runs.filter((r) => r.bad !== undefined).length;
  const marked = runs.some((r) => r.text !== undefined && visibleString(r.text, '\n\t') !== r.text);
  const pre = h('pre', { class: 'ptext' });
  const draw = (raw) => replace(pre, runs.map((r) => (r.text !== undefined ? (raw ? r.text : visible(r.text))
    : h('span', { class: 'bad', title: `byte 0x${hex2(r.bad)} is not valid UTF-8` }, `\\x${hex2(r.bad)}`))));
  draw(false);
  const toggle = marked ? h('label', { class: 'raw-toggle small' },
    h('input', { type: 'checkbox', 'data-action': 'raw-text', onchange: (ev) => draw(/** @type {HTMLInputElement} */ (ev.target).checked) }),
    ` ${STRINGS.raw}`) : null;
  return h('div', { class: 'ptext-wrap' },
    bad ? h('p', { class: 'warn' }, tn('payload.badutf8', bad), ' ', h('span', { class: 'bad' }, '\\xNN')) : null,
    marked ? h('p', { class: 'note', 'data-part': 'invisible-note' }, STRINGS.invisible, ' ', toggle) : null,
    pre);
}

/** Hex, 16 bytes a line with offsets. @param {Uint8Array} b */
export function hexText(b) {
  const lines = [];
  for (let i = 0; i < b.length; i += 16) {
    const row = Array.from(b.subarray(i, i + 16), hex2).join(' ');
    lines.push(`${i.toString(16).padStart(6, '0')}  ${row}`);
  }
  return h('pre', { class: 'phex' }, lines.join('\n'));
}

/** How far the JSON view goes: nesting levels shown, characters written. */
export const JSON_LIMITS = { depth: 64, chars: 256 * 1024 };

/**
 * Pretty-prints a parsed JSON value with two-space indentation, no deeper
 * than limits.depth levels (a deeper array or object shows as [… 3 items]
 * or {… 2 keys}) and no longer than about limits.chars characters: 2 KB
 * nested 1,000 deep would otherwise indent to 2 MB, and 5,000 deep would
 * overflow JSON.stringify's stack.
 * @param {unknown} v @param {{depth: number, chars: number}} [limits]
 * @returns {{text: string, cut: ''|'depth'|'size'}}
 */
export function prettyJSON(v, limits = JSON_LIMITS) {
  const parts = [];
  const st = { size: 0, cut: /** @type {''|'depth'|'size'} */ ('') };
  const full = () => st.cut === 'size';
  const emit = (t) => {
    parts.push(t);
    st.size += t.length;
    if (st.size > limits.chars) st.cut = 'size';
  };
  const walk = (x, level) => {
    if (full()) return;
    if (x === null || typeof x !== 'object') { emit(JSON.stringify(x)); return; }
    const arr = Array.isArray(x);
    const keys = arr ? [] : Object.keys(x);
    const n = arr ? x.length : keys.length;
    if (!n) { emit(arr ? '[]' : '{}'); return; }
    if (level >= limits.depth) {
      if (!st.cut) st.cut = 'depth';
      emit(arr ? `[… ${n} item${n === 1 ? '' : 's'}]` : `{… ${n} key${n === 1 ? '' : 's'}}`);
      return;
    }
    const pad = '  '.repeat(level + 1);
    emit(arr ? '[' : '{');
    for (let i = 0; i < n && !full(); i++) {
      emit(`\n${pad}`);
      if (!arr) emit(`${JSON.stringify(keys[i])}: `);
      walk(arr ? x[i] : x[keys[i]], level + 1);
      if (i < n - 1) emit(',');
    }
    if (!full()) emit(`\n${'  '.repeat(level)}${arr ? ']' : '}'}`);
  };
  walk(v, 0);
  return { text: parts.join('').slice(0, limits.chars), cut: st.cut };
}

/** Pretty JSON, or null when the bytes are not JSON text. @param {Uint8Array} b */
export function jsonView(b) {
  if (!b.length || b.length > 4 << 20) return null;
  let pretty;
  try {
    const t = new TextDecoder('utf-8', { fatal: true }).decode(b).trim();
    if (!/^[[{"]/.test(t)) return null;
    pretty = prettyJSON(JSON.parse(t));
  } catch { return null; } // not JSON, or nested past what the parser takes
  const note = pretty.cut === 'depth' ? STRINGS.jsonDepth(JSON_LIMITS.depth)
    : pretty.cut === 'size' ? STRINGS.jsonSize(JSON_LIMITS.chars >> 10) : '';
  return h('div', { class: 'pjson-wrap' },
    note ? h('p', { class: 'note', 'data-part': 'json-cut' }, note) : null,
    h('pre', { class: 'pjson' }, vis(pretty.text, '\n')));
}

/**
 * Text / Hex / JSON views of bytes, with a tab row.
 * @param {string} hexData
 * @param {{binary?: boolean, truncated?: boolean, total?: number, id: string, reading?: import('./reading.js').Reading}} opts
 */
export function payloadView(hexData, opts) {
  const b = fromHex(hexData);
  if (!b.length) return h('p', { class: 'muted' }, t('payload.empty'));
  /** @type {[string, string, () => Node|string][]} */
  const views = [['text', t('payload.tab.text'), () => textView(b)], ['hex', t('payload.tab.hex'), () => hexText(b)]];
  const json = jsonView(b);
  if (json) views.push(['json', 'JSON', () => json]);
  const rv = opts.reading && readingViews();
  if (rv) views.unshift(['reading', `${t('reading.tab')}: ${opts.reading.protocol}`, () => rv.readingView(opts.reading, hexData)]);
  const first = rv ? 'reading' : json ? 'json' : opts.binary && utf8Runs(b).some((r) => r.bad !== undefined) ? 'hex' : 'text';
  const panel = h('div', { class: 'ppanel', role: 'tabpanel', id: `${opts.id}-panel` });
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t(opts.id === 'msg' ? 'payload.tabs.message' : 'payload.tabs.frame') });
  const show = (key) => {
    for (const t of tabs.children) {
      const on = t.getAttribute('data-view') === key;
      t.setAttribute('aria-selected', String(on));
      t.setAttribute('tabindex', on ? '0' : '-1');
    }
    const v = views.find((x) => x[0] === key);
    panel.replaceChildren(v ? v[2]() : '');
  };
  for (const [key, label] of views) {
    tabs.append(h('button', { type: 'button', role: 'tab', 'data-view': key, 'aria-controls': `${opts.id}-panel`, onclick: () => show(key) }, label));
  }
  tabs.addEventListener('keydown', (ev) => {
    const list = [...tabs.children];
    const i = list.indexOf(/** @type {Element} */ (document.activeElement));
    const d = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
    if (!d || i < 0) return;
    const next = /** @type {HTMLElement} */ (list[(i + d + list.length) % list.length]);
    next.focus();
    next.click();
    ev.preventDefault();
  });
  show(first);
  const note = opts.truncated ? h('p', { class: 'note' }, t('payload.first', { n: num(b.length), total: num(opts.total ?? 0) })) : null;
  return h('div', { class: 'payload' }, tabs, panel, note);
}
