// listview.js: the frame and message lists of the decode on screen. The
// lists fetch their rows from the worker as they scroll (rows.js); the
// headings count them; "go to" jumps to a frame or packet; a connection
// filter lists one connection's rows.

import { byId, h } from './dom.js';
import { frameRow, loadingRow, messageRow, virtualList } from './lists.js';
import { RowSource } from './rows.js';
import { PREVIEW as CAPTURE_PREVIEW } from './capture.js';
import { num, opcodeName, problemText, t } from './i18n.js';
import { client } from './engine.js';
import { errorWords } from './busy.js';
import { parts, PREVIEW, state, toast } from './state.js';
import { clearScope, drawHandshake, openFrame } from './frameview.js';
import { fbox } from './filterbox.js';

/** @typedef {import('./contract.js').Result} Result */
/** @typedef {import('./contract.js').Frame} Frame */
/** @typedef {import('./contract.js').Message} Message */

const fetchRows = (kind) => (start, n) => client.rows(kind, start, n, { preview: state.mode === 'capture' ? CAPTURE_PREVIEW : PREVIEW });
export const frameRows = new RowSource(fetchRows('frames'), () => { frames.refresh(); parts.ladder?.refresh(); });
export const messageRows = new RowSource(fetchRows('messages'), () => { messages.refresh(); parts.ladder?.refresh(); });

export const frames = virtualList({
  id: 'frames', label: 'list.frames', cls: 'frames', count: 0, part: 'frames',
  head: ['list.h.idx', 'list.h.time', 'list.h.pkt', 'list.h.conn', 'list.h.dir', 'list.h.type', 'list.h.len', 'list.h.flags', 'list.h.viol', 'list.h.preview'],
  row: (p) => { const f = frameRows.at(p); return f ? frameRow(f, state.t0, t(state.t0Label)) : loadingRow(frameRows.indexAt(p)); },
  rowLabel: (p) => {
    const f = /** @type {Frame|undefined} */ (frameRows.at(p));
    return f ? t('list.frame.label', { i: f.index, from: t(`dir.${f.from}`), type: opcodeName(f.opcode), n: num(f.payload_length), extra: f.rsv1 ? t('list.frame.compressed') : '' })
      : t('list.frame.loading', { i: frameRows.indexAt(p) });
  },
  onSelect: (p) => { state.revealFrame = true; openFrame(frameRows.indexAt(p)); },
  beforeDraw: () => frameRows.begin(),
});
byId('frame-list').append(frames.el);

/**
 * "Go to frame #" or, in a capture, "packet #": a jump to any frame, its
 * row fetched if it is far away. A packet is found by a binary search over
 * the rows (frames come in packet order), then the rows around it.
 */
const goto = /** @type {HTMLInputElement} */ (h('input', { type: 'number', id: 'goto', min: 0, inputmode: 'numeric', placeholder: '#', 'data-i18n-attr': 'aria-label=goto.label' }));
const gotoBy = /** @type {HTMLSelectElement} */ (h('select', { id: 'goto-by', class: 'goto-by', 'data-i18n-attr': 'aria-label=goto.by' },
  h('option', { value: 'frame', 'data-i18n': 'goto.by.frame' }), h('option', { value: 'packet', 'data-i18n': 'goto.by.packet' })));
byId('frames-h').after(h('form', {
  class: 'goto', role: 'search',
  onsubmit: async (ev) => {
    ev.preventDefault();
    const n = Number.parseInt(goto.value, 10);
    if (!state.result || !Number.isFinite(n)) return;
    const byPacket = state.mode === 'capture' && gotoBy.value === 'packet';
    const i = byPacket ? await frameOfPacket(n) : n;
    const p = i < 0 ? -1 : frameRows.positionOf(i);
    if (p < 0) {
      toast(t(byPacket ? 'goto.nopacket' : 'goto.noframe', { n, where: frameRows.filter ? t('goto.onconn') : '' }), true);
      return;
    }
    frames.select(p);
    state.revealFrame = true;
    openFrame(i);
  },
}, h('label', { for: 'goto', class: 'muted small', 'data-i18n': 'goto.text' }), gotoBy, goto));

/** The index of the first frame carried by packet n (or the first after it when none ends in it), -1 when there is none. */
async function frameOfPacket(n) {
  const count = frameRows.count;
  const at = async (p) => {
    const [f] = await client.rows('frames', frameRows.indexAt(p), 1, { preview: 0 });
    return f;
  };
  let lo = 0;
  let hi = count - 1;
  try {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const f = await at(mid);
      if (!f || (f.packet || 0) < n) lo = mid + 1; else hi = mid;
    }
    const f = count ? await at(lo) : null;
    return f && f.packet === n ? f.index : -1;
  } catch { return -1; }
}

export const messages = virtualList({
  id: 'messages', label: 'list.messages', cls: 'messages', count: 0, part: 'messages',
  head: ['list.h.idx', 'list.h.dir', 'list.h.type', 'list.h.len', 'list.h.frames', 'list.h.data'],
  row: (p) => { const m = messageRows.at(p); return m ? messageRow(m) : loadingRow(messageRows.indexAt(p)); },
  rowLabel: (p) => {
    const m = /** @type {Message|undefined} */ (messageRows.at(p));
    if (!m) return t('list.message.loading', { i: messageRows.indexAt(p) });
    return t('list.message.label', { i: m.index, from: t(`dir.${m.from}`), type: opcodeName(m.opcode), n: num(m.length) })
      + (m.compressed ? t('list.message.inflated', { n: num(m.compressed_length ?? 0) }) : '') + (m.problem ? `, ${problemText(m)}` : '');
  },
  onSelect: (p) => {
    const m = /** @type {Message|undefined} */ (messageRows.at(p));
    if (m) { state.revealFrame = true; openFrame(m.frames[0] ?? 0); }
  },
  beforeDraw: () => messageRows.begin(),
});
byId('message-list').append(messages.el);

/** Counts in the list headings: "12", or "4 of 12" under a connection filter. */
export function counts() {
  const r = /** @type {Result} */ (state.result);
  const all = (kind) => (r.totals ? r.totals[kind] : r[kind].length);
  const text = (src, kind) => (src.filter ? t('list.count.of', { n: num(src.count), total: num(all(kind)) }) : num(all(kind)));
  byId('frame-count').textContent = text(frameRows, 'frames');
  byId('message-count').textContent = text(messageRows, 'messages');
}

/** Applies the display filter again, on the connection chosen. */
export function refilter() {
  const c = document.body.dataset.connection;
  filterTo(c ? Number(c) : null);
}

/**
 * Makes connection c's handshake whole: a file's answer brings the other
 * connections' brief (their outcome: capture.js asks so, as the whole ones
 * were two thirds of it), and the whole one is asked once, when shown.
 * @param {import('./contract.js').Connection|null|undefined} c
 */
async function wholeHandshake(c) {
  if (c && c.handshake && c.handshake.brief) c.handshake = await client.send('handshake', [c.id]);
}

/** Lists only connection id's frames and messages (null: all of them) that match the display filter. */
export async function filterTo(id) {
  const r = state.result;
  if (!r) return;
  let f = null;
  let m = null;
  const expr = fbox.value;
  if (!expr) fbox.problem(null);
  if (id != null || expr) {
    try {
      if (expr) {
        const a = await client.send('filter', [expr, id ?? -1], { onProgress: (/** @type {number} */ x) => fbox.progress(x) });
        if (state.result === r) fbox.problem(a.problem || null);
        if (a.problem) return;
        [f, m] = [a.frames, a.messages];
      } else {
        [f, m] = await Promise.all([client.index('frames', id), client.index('messages', id)]);
      }
      await wholeHandshake(id == null ? null : r.connections.find((x) => x.id === id));
    } catch (e) {
      if (!e.cancelled) toast(t('conn.listfail', { id, message: errorWords(e) }), true);
      return;
    }
  }
  if (state.result !== r) return;
  state.detail = null;
  frameRows.setFilter(f);
  messageRows.setFilter(m);
  document.body.dataset.connection = id == null ? '' : String(id);
  counts();
  frames.update(frameRows.count, frameRows.count ? 0 : -1);
  messages.update(messageRows.count, -1);
  parts.ladder?.update();
  const c = id == null ? r.connections[0] : r.connections.find((x) => x.id === id);
  state.hs = (c && c.handshake) || null;
  drawHandshake();
  if (frameRows.count) openFrame(frameRows.indexAt(0)); else clearScope();
}
