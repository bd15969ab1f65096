// lazy/reading.js: what a message says in its application protocol, as Go
// read it (messages[].reading): a badge for the message list, and beside the
// payload the tree of named parts next to the message's bytes, each part
// lighting its bytes and each byte its part. Also an MQTT connection's
// packets (connections[].app). Renders only; every decision is Go's.
//
// Only the full decoder (wsframe-full.wasm) reads messages, so this module
// is loaded with it (web/reading.js), never on the first paint.

import { h, vis, visibleString } from '../dom.js';
import { fromHex, hex2 } from '../fields.js';
import { num, pieces, sentence, t } from '../i18n.js';

/** @typedef {{id?: string, params?: Record<string, any>, message?: string}} Piece */
/** @typedef {{name: string, start: number, end: number, value?: string, say?: Piece[], fields?: Field[]}} Field */
/** @typedef {{offset: number, message: string, id?: string, params?: Record<string, any>}} ReadingError */
/** @typedef {{protocol: string, summary: string, say?: Piece[], value?: any, fields?: Field[], error?: ReadingError, by?: string, cut?: boolean, inner?: Reading}} Reading */
/** @typedef {{from: string, type: string, messages: number[], summary: string, say?: Piece[], error?: ReadingError}} Packet */
/** @typedef {{protocol: string, by?: string, packets?: Packet[], total?: number, cut?: boolean, version?: number}} App */

/** How the protocol was chosen, in words. @param {string} [by] */
const byWords = (by) => (by ? t(`reading.by.${by}`) : '');

/** Which messages a packet came from. @param {number[]} m */
const messagesOf = (m) => (m.length === 1 ? t('reading.message', { i: m[0] }) : t('reading.messages', { first: m[0], last: m[m.length - 1] }));

/** A badge for the message list: protocol and summary. @param {Reading} r */
export function readingBadge(r) {
  return h('span', { class: `mnote reading${r.error ? ' problem' : ''}`, 'data-protocol': r.protocol, title: `${r.protocol} (${byWords(r.by)})${r.error ? ` — ${visibleString(sentence(r.error))}` : ''}` },
    h('b', {}, r.protocol), ' ', visible(pieces(r.say, r.summary)));
}

/** Invisible characters of untrusted text (controls, bidi, zero-width) shown as marks. */
function visible(s) {
  return vis(String(s));
}

/**
 * The reading beside the message's bytes: summary, error, value, and the
 * parts linked with a hex grid of hexData.
 * @param {Reading} r @param {string} hexData
 */
export function readingView(r, hexData) {
  const bytes = fromHex(hexData);
  const grid = hexGrid(bytes);
  const tree = h('ul', { class: 'rtree', role: 'tree', 'aria-label': t('reading.tree') });
  /** @type {{el: HTMLElement, f: Field, depth: number}[]} */
  const nodes = [];
  const light = (f) => {
    for (const el of grid.querySelectorAll('.rb.hl')) el.classList.remove('hl');
    for (const n of nodes) n.el.classList.toggle('hl', n.f === f);
    if (!f) return;
    for (let i = f.start; i < f.end && i < bytes.length; i++) grid.querySelector(`.rb[data-i="${i}"]`)?.classList.add('hl');
  };
  const add = (list, fields, depth) => {
    for (const f of fields || []) {
      const el = h('button', { type: 'button', class: 'rnode', role: 'treeitem', 'data-start': f.start, 'data-end': f.end,
        onmouseenter: () => light(f), onfocus: () => light(f), onclick: () => light(f) },
      h('span', { class: 'rname' }, visible(f.name)), ' ',
      h('span', { class: 'rrange muted' }, `${f.start}–${f.end}`), f.value ? h('span', { class: 'rval' }, ' ', visible(pieces(f.say, f.value))) : null);
      nodes.push({ el, f, depth });
      const li = h('li', {}, el);
      if (f.fields && f.fields.length) {
        const sub = h('ul', { role: 'group' });
        add(sub, f.fields, depth + 1);
        li.append(sub);
      }
      list.append(li);
    }
  };
  add(tree, r.fields, 0);
  // A byte lights the deepest part that holds it.
  grid.addEventListener('mouseover', (ev) => {
    const b = /** @type {HTMLElement} */ (ev.target).closest?.('.rb');
    if (!b) return;
    const i = Number(/** @type {HTMLElement} */ (b).dataset.i);
    let best = null;
    for (const n of nodes) if (n.f.start <= i && i < n.f.end && (!best || n.depth >= best.depth)) best = n;
    if (best) { light(best.f); best.el.scrollIntoView({ block: 'nearest' }); }
  });
  const inner = r.inner ? h('div', { class: 'rinner' },
    h('h4', {}, t('reading.inner', { protocol: r.inner.protocol })), h('p', { class: 'muted small' }, t('reading.inner.note')),
    h('p', { class: 'rsum' }, visible(pieces(r.inner.say, r.inner.summary))), plainTree(r.inner.fields)) : null;
  return h('div', { class: 'reading', 'data-protocol': r.protocol },
    h('p', { class: 'rhead' }, h('b', {}, r.protocol), ` — ${byWords(r.by)}`),
    h('p', { class: 'rsum' }, visible(pieces(r.say, r.summary))),
    r.error ? h('p', { class: 'warn' }, t('reading.error.at', { offset: num(r.error.offset) }), visible(sentence(r.error))) : null,
    r.cut ? h('p', { class: 'note' }, t('reading.cut')) : null,
    h('div', { class: 'rsplit' },
      h('div', { class: 'rparts' }, h('h4', {}, t('reading.parts')), tree),
      h('div', { class: 'rbytes' }, h('h4', {}, t('reading.bytes')), grid)),
    inner,
    r.value !== undefined ? h('details', { class: 'rvalue', open: true }, h('summary', {}, t('reading.value')), h('pre', { class: 'pjson' }, JSON.stringify(r.value, null, 2))) : null);
}

/** A tree without byte links (for inflated data the page does not hold). */
function plainTree(fields) {
  if (!fields || !fields.length) return null;
  return h('ul', { class: 'rtree' }, fields.map((f) => h('li', {},
    h('span', { class: 'rnode' }, h('span', { class: 'rname' }, visible(f.name)), ' ', h('span', { class: 'rrange muted' }, `${f.start}–${f.end}`), f.value ? h('span', { class: 'rval' }, ' ', visible(pieces(f.say, f.value))) : null),
    plainTree(f.fields))));
}

const MAX_GRID = 4096;

/** The bytes 16 a row, each a span with its index. @param {Uint8Array} b */
function hexGrid(b) {
  const n = Math.min(b.length, MAX_GRID);
  const rows = [];
  for (let r = 0; r < n; r += 16) {
    const cells = [];
    for (let i = r; i < Math.min(r + 16, n); i++) cells.push(h('span', { class: 'rb', 'data-i': i }, hex2(b[i])));
    rows.push(h('div', { class: 'rrow' }, h('span', { class: 'hoff' }, r.toString(16).padStart(4, '0')), cells));
  }
  return h('div', { class: 'rgrid', role: 'group', 'aria-label': t('reading.hex.label') }, rows,
    b.length > n ? h('p', { class: 'note' }, t('reading.hex.more', { n: num(b.length - n) })) : null);
}

/**
 * The packets of the connections read as a byte stream (MQTT), each
 * opening its first message.
 * @param {{id: number, app?: App}[]} connections @param {(message: number) => void} onMessage
 */
export function appView(connections, onMessage) {
  const out = [];
  for (const c of connections) {
    const a = c.app;
    if (!a || !a.packets) continue;
    const total = a.total ?? a.packets.length;
    out.push(h('div', { class: 'app', 'data-connection': c.id },
      h('h3', {}, t('reading.packets', { id: c.id, protocol: a.protocol.toUpperCase(), n: num(total) }), a.cut ? ` (${t('reading.packets.cut', { n: num(a.packets.length), total: num(total) })})` : ''),
      h('ol', { class: 'packets', start: 0 }, a.packets.map((p) => h('li', {},
        h('button', { type: 'button', class: `packet link${p.error ? ' problem' : ''}`, 'data-type': p.type, title: messagesOf(p.messages), onclick: () => onMessage(p.messages[0]) },
          h('span', { class: `col-dir ${p.from}` }, p.from === 'client' ? '→' : '←'), ' ', visible(pieces(p.say, p.summary)),
          h('span', { class: 'muted small' }, ` · ${messagesOf(p.messages)}`)))))));
  }
  return out;
}
