// app.js: the page's wiring and state. The input, options and selected frame
// are the state; they live in the URL fragment (hash.js). Decoding happens
// in the worker (client.js); this file asks for a compact result (the first
// rows, payloads cut to a preview), fills the lists, which fetch further rows
// as they scroll (rows.js), and asks for one frame's detail when it is opened.

import { byId, h, replace } from './dom.js';
import { Client, publish } from './client.js';
import * as hash from './hash.js';
import { initPrefs } from './prefs.js';
import { showError, statusLine, syncBackdrop } from './paste.js';
import { frameRow, loadingRow, messageRow, virtualList } from './lists.js';
import { RowSource } from './rows.js';
import { examplesMenu } from './examples.js';
import { renderScope, stopScope, wireLinks } from './scope.js';
import { downloadPNG, downloadSVG } from './download.js';
import { initCapture, PREVIEW as CAPTURE_PREVIEW, ROWS } from './capture.js';
import { renderHandshake } from './handshake.js';
import { beforeAnswer, protocolOptions, readingViews } from './reading.js';
import { lazyPanel } from './lazypanel.js';
import { getLang, localize, num, onLang, opcodeName, setLang, t } from './i18n.js';
import { initPresent } from './present.js';
import { initKeyLog } from './tls.js';
import { crashedBefore, crashNotice, linkCrashedNotice, linkTooBigNotice, rememberCrash, SMALLER, STRINGS as NOTICE } from './notice.js';

/** @typedef {import('./contract.js').Result} Result */

const PREVIEW = 256;

const ui = {
  paste: /** @type {HTMLTextAreaElement} */ (byId('paste')),
  from: /** @type {HTMLSelectElement} */ (byId('opt-from')),
  ext: /** @type {HTMLInputElement} */ (byId('opt-ext')),
  format: /** @type {HTMLSelectElement} */ (byId('opt-format')),
  protocol: /** @type {HTMLSelectElement} */ (byId('opt-protocol')),
  status: byId('paste-status'),
  error: byId('paste-error'),
  backdrop: byId('paste-backdrop'),
  scope: byId('scope'),
  engine: byId('engine'),
  hint: h('div', { id: 'paste-hint', 'aria-live': 'polite' }),
};

const state = {
  mode: 'paste',
  /** @type {Result|null} */ result: null,
  t0: '', // time of the first packet (or frame), for relative times
  t0Label: 'list.t0.frame', // catalog key: what the relative times count from
  frame: -1,
  seq: 0,
  linkInput: '', // the text of the decode under way when it came from a link
  /** @type {ReturnType<typeof import('./unmask.js').unmask>|null} */ unmask: null,
  asPayload: '', // "text" or "binary": the paste shown as one message's payload (lazy/hint.js)
  svg: /** @type {SVGSVGElement|null} */ (null),
  /** @type {import('./contract.js').FrameDetail|null} */ detail: null,
  /** @type {import('./contract.js').Handshake|null} */ hs: null,
  shared: false,
};

/** @type {{state: string, version?: string, message?: string, restarted?: boolean, full?: boolean}} */
let engineStatus = { state: 'loading' };

const client = new Client({
  // An answer carrying a reading waits for the reading views, the first time.
  beforeAnswer,
  onStatus(st) {
    engineStatus = st;
    showEngine();
    if (st.state === 'crashed') onCrash(st);
  },
});
publish(client);

function showEngine() {
  const st = engineStatus;
  ui.engine.textContent = st.state === 'ready' ? t(st.full ? 'engine.full' : 'engine.ready', { version: st.version })
    : st.state === 'crashed' ? t(st.restarted ? 'engine.crashed' : 'engine.stopped')
      : t(st.state === 'loading-full' ? 'engine.loading-full' : 'engine.loading');
}

function toast(text, bad = false) {
  const t = byId('toast');
  replace(t, h('span', { class: bad ? 'bad' : '' }, text));
  t.classList.add('show');
  clearTimeout(Number(t.dataset.timer));
  t.dataset.timer = String(setTimeout(() => t.classList.remove('show'), 5000));
}

/* ---------- lists ---------- */

/** @typedef {import('./contract.js').Frame} Frame */
/** @typedef {import('./contract.js').Message} Message */

const fetchRows = (kind) => (start, n) => client.rows(kind, start, n, { preview: state.mode === 'capture' ? CAPTURE_PREVIEW : PREVIEW });
/** @type {ReturnType<import('./lazy/ladder.js').ladder>|null} */ let ladderView = null; // the connection's ladder, drawn from the same rows once opened
const frameRows = new RowSource(fetchRows('frames'), () => { frames.refresh(); ladderView?.refresh(); });
const messageRows = new RowSource(fetchRows('messages'), () => messages.refresh());

const frames = virtualList({
  id: 'frames', label: 'list.frames', cls: 'frames', count: 0, part: 'frames',
  head: ['list.h.idx', 'list.h.time', 'list.h.pkt', 'list.h.conn', 'list.h.dir', 'list.h.type', 'list.h.len', 'list.h.flags', 'list.h.viol', 'list.h.preview'],
  row: (p) => { const f = frameRows.at(p); return f ? frameRow(f, state.t0, t(state.t0Label)) : loadingRow(frameRows.indexAt(p)); },
  rowLabel: (p) => {
    const f = /** @type {Frame|undefined} */ (frameRows.at(p));
    return f ? t('list.frame.label', { i: f.index, from: t(`dir.${f.from}`), type: opcodeName(f.opcode), n: num(f.payload_length), extra: f.rsv1 ? t('list.frame.compressed') : '' })
      : t('list.frame.loading', { i: frameRows.indexAt(p) });
  },
  onSelect: (p) => { revealFrame = true; openFrame(frameRows.indexAt(p)); },
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
    revealFrame = true;
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
const messages = virtualList({
  id: 'messages', label: 'list.messages', cls: 'messages', count: 0, part: 'messages',
  head: ['list.h.idx', 'list.h.dir', 'list.h.type', 'list.h.len', 'list.h.frames', 'list.h.data'],
  row: (p) => { const m = messageRows.at(p); return m ? messageRow(m) : loadingRow(messageRows.indexAt(p)); },
  rowLabel: (p) => {
    const m = /** @type {Message|undefined} */ (messageRows.at(p));
    if (!m) return t('list.message.loading', { i: messageRows.indexAt(p) });
    return t('list.message.label', { i: m.index, from: t(`dir.${m.from}`), type: opcodeName(m.opcode), n: num(m.length) })
      + (m.compressed ? t('list.message.inflated', { n: num(m.compressed_length ?? 0) }) : '') + (m.problem ? `, ${m.problem}` : '');
  },
  onSelect: (p) => {
    const m = /** @type {Message|undefined} */ (messageRows.at(p));
    if (m) { revealFrame = true; openFrame(m.frames[0] ?? 0); }
  },
  beforeDraw: () => messageRows.begin(),
});
byId('message-list').append(messages.el);

/** Counts in the list headings: "12", or "4 of 12" under a connection filter. */
function counts() {
  const r = /** @type {Result} */ (state.result);
  const all = (kind) => (r.totals ? r.totals[kind] : r[kind].length);
  const text = (src, kind) => (src.filter ? t('list.count.of', { n: num(src.count), total: num(all(kind)) }) : num(all(kind)));
  byId('frame-count').textContent = text(frameRows, 'frames');
  byId('message-count').textContent = text(messageRows, 'messages');
}

/** @type {Result} what the lists show while a capture is read */
const EMPTY = { version: 1, input: { kind: '', bytes: 0 }, connections: [], frames: [], messages: [], errors: [] };

/** Puts a new result into the lists and opens frame want. @param {Result} r */
export function showResult(r, want = 0) {
  state.result = r;
  state.detail = null;
  state.t0 = r.input.start || (r.frames[0] && r.frames[0].time) || '';
  state.t0Label = r.input.start ? 'list.t0.packet' : 'list.t0.frame';
  const total = r.totals || { frames: r.frames.length, messages: r.messages.length };
  frameRows.reset(total.frames, r.frames);
  messageRows.reset(total.messages, r.messages);
  counts();
  const sel = total.frames ? Math.min(Math.max(want, 0), total.frames - 1) : -1;
  frames.update(total.frames, sel);
  messages.update(total.messages, -1);
  ladderView?.update();
  state.hs = r.handshake || (r.connections[0] && r.connections[0].handshake) || null;
  drawHandshake();
  showApp(r);
  if (sel >= 0) { frames.select(sel); openFrame(sel); } else clearScope();
}

/** Lists the packets of connections read as a byte stream (MQTT). @param {Result} r */
function showApp(r) {
  const rv = readingViews();
  const list = rv ? rv.appView(/** @type {any} */ (r.connections), openMessage) : [];
  byId('app-sec').hidden = !list.length;
  replace(byId('app-list'), list);
}

/** Opens message i's first frame, fetching its row when it is not at hand. */
async function openMessage(i) {
  try {
    const [m] = await client.rows('messages', i, 1, { preview: 1 });
    if (m) openFrame(m.frames[0] ?? 0);
  } catch (e) {
    if (!e.cancelled) toast(`Could not open message ${i}: ${e.message}`, true);
  }
}

/** Lists only connection id's frames and messages (null: all of them). */
async function filterTo(id) {
  const r = state.result;
  if (!r) return;
  let f = null;
  let m = null;
  if (id != null) {
    try {
      [f, m] = await Promise.all([client.index('frames', id), client.index('messages', id)]);
    } catch (e) {
      if (!e.cancelled) toast(t('conn.listfail', { id, message: e.message }), true);
      return;
    }
  }
  if (state.result !== r) return;
  state.detail = null;
  frameRows.setFilter(f);
  messageRows.setFilter(m);
  document.body.dataset.connection = id == null ? '' : String(id);
  counts();
  frames.update(frameRows.count, -1);
  messages.update(messageRows.count, -1);
  ladderView?.update();
  const c = id == null ? r.connections[0] : r.connections.find((x) => x.id === id);
  state.hs = (c && c.handshake) || null;
  drawHandshake();
  if (frameRows.count) { frames.select(0); openFrame(frameRows.indexAt(0)); } else clearScope();
}

function clearScope() {
  stopScope();
  state.frame = -1;
  state.detail = null;
  state.unmask?.stop();
  state.unmask = null;
  state.svg = null;
  ui.scope.classList.add('empty');
  replace(byId('frame-head'), h('p', { class: 'muted' }, t('scope.empty')));
  for (const id of ['violations', 'diagram', 'field-desc', 'hex', 'unmask', 'payload', 'message']) replace(byId(id));
  saveHash();
}

/**
 * Asks the worker for frame i's detail and shows it. Choosing the frame
 * already shown keeps its unmask where it is (force draws it again).
 */
async function openFrame(i, start = 0, force = false) {
  if (!force && i === state.frame && state.detail && state.detail.frame.index === i) {
    if (revealFrame) { revealFrame = false; present.reveal(); }
    return;
  }
  state.frame = i;
  saveHash();
  const seq = state.seq;
  let d;
  try {
    d = await client.frame(i, { steps: 1024, max_bytes: 65536 + 14 }); // a 64 KiB payload and the longest header: RFC 6455 §5.7's example whole
  } catch (e) {
    toast(t('frame.openfail', { i, message: e.message }), true);
    return;
  }
  if (seq !== state.seq || state.frame !== i) return;
  state.unmask?.stop();
  const p = frameRows.positionOf(i);
  if (p >= 0) frames.select(p);
  ladderView?.select(i);
  const mp = d.message ? messageRows.positionOf(d.message.index) : -1;
  if (mp >= 0) messages.select(mp);
  state.detail = d;
  state.unmask = renderScope(d, {
    start,
    onStep: (p, user) => { if (user) present.keepStepInView(); },
    onDiagram: (svg) => { state.svg = svg; },
    onFrame: (j) => openFrame(j),
    onMessage: () => byId('message-sec').scrollIntoView({ behavior: 'smooth', block: 'start' }),
  });
  state.svg = /** @type {SVGSVGElement} */ (byId('diagram').querySelector('svg'));
  document.body.dataset.frame = String(i);
  if (!performance.getEntriesByName('wsframe:first-diagram').length) performance.mark('wsframe:first-diagram');
  if (revealFrame) { revealFrame = false; present.reveal(); }
}

/** Set when a list, a jump or j/k chose the frame being opened: it is scrolled into view once drawn. */
let revealFrame = false;

/** The handshake panel: a <details>, open the first time one is seen, closed after that. */
function drawHandshake() {
  replace(byId('handshake'), state.hs ? renderHandshake(state.hs) : '');
}

/* ---------- paste ---------- */

function options() {
  return { from: ui.from.value, extension: ui.ext.value.trim(), format: ui.format.value, preview: PREVIEW, rows: ROWS, protocol: ui.protocol.value, as_payload: state.asPayload };
}

/**
 * The hint under the status line (lazy/hint.js, loaded the first time a
 * paste has one): what a paste that is not frames looks like, or the line
 * saying it is shown as a payload.
 * @param {import('./contract.js').Result} r @param {number} seq
 */
function showHint(r, seq) {
  if (!r.hint && r.input.kind !== 'payload') { replace(ui.hint); return; }
  import('./lazy/hint.js').then((m) => {
    if (seq !== state.seq) return;
    replace(ui.hint, r.input.kind === 'payload' ? m.payloadLine(r, () => showAs('')) : m.hintBox(r, showAs));
  });
}

/** Shows the paste as one message's payload ("text", "binary"), or as frames (""). */
function showAs(as) {
  state.asPayload = as;
  decodePaste(0);
}

/**
 * The worker died (client.js has replaced it, and sends nothing again by
 * itself): what the lists showed is gone with it. Say what happened and
 * offer a retry with smaller limits; a link that did it is remembered, so
 * that a reload does not do it again.
 */
function onCrash(st) {
  const { mode, frame } = state;
  state.seq++;
  showResult(EMPTY);
  if (mode !== 'paste') { toast(NOTICE.crashCapture, true); return; }
  replace(ui.status);
  if (state.linkInput) rememberCrash(state.linkInput);
  crashNotice(ui.error, st.message, () => decodePaste(frame, SMALLER));
}

let timer = 0;
function decodeSoon() {
  clearTimeout(timer);
  timer = window.setTimeout(() => decodePaste(state.frame), 150);
}

/**
 * Decodes the paste and shows it, opening frame want. limits override the
 * options (a retry after a crash); fromLink says the text came from a link.
 */
async function decodePaste(want, limits = {}, fromLink = false) {
  setMode('paste');
  const text = ui.paste.value;
  const seq = ++state.seq;
  state.linkInput = fromLink ? text : '';
  /** @type {Result} */
  let r;
  try {
    r = await client.decode(text, { ...options(), ...limits });
  } catch (e) {
    // A crash says so itself (onCrash), after or before this.
    if (seq === state.seq && !e.crashed) showError(ui_err(), text, [{ offset: e.offset || 0, message: e.message }]);
    return;
  }
  if (seq !== state.seq) return;
  replace(ui.status, text.trim() ? statusLine(r) : t('paste.empty'));
  showHint(r, seq);
  showError(ui_err(), text, r.input.refused ? [] : r.errors); // a refusal is said by the status line
  showResult(r, want);
  document.body.dataset.decodes = String(Number(document.body.dataset.decodes || 0) + 1);
}

const ui_err = () => ({ box: ui.error, backdrop: ui.backdrop, textarea: ui.paste });

/* ---------- URL fragment ---------- */

let hashTimer = 0;
let applied = ''; // the fragment last read or written by the page
function saveHash() {
  if (state.mode !== 'paste') return;
  if (state.shared) return; // a capture's frame was put in the paste to be shared; the user has not edited it yet
  clearTimeout(hashTimer);
  hashTimer = window.setTimeout(() => {
    // A fragment changed from outside and not yet applied wins over ours.
    if (location.hash.slice(1) !== applied) return;
    const frag = hash.encode({ text: ui.paste.value, frame: state.frame, from: /** @type {any} */ (ui.from.value), ext: ui.ext.value.trim(), format: ui.format.value });
    if (frag.length > hash.MAX_HASH) return;
    if (location.hash.slice(1) !== frag) history.replaceState(null, '', `#${frag}`);
    applied = location.hash.slice(1);
  }, 100);
}

async function applyHash() {
  await client.ready; // the seed and the paste forms come from the decoder
  applied = location.hash.slice(1);
  const big = hash.tooBig(location.hash);
  if (big) {
    // Not opened: say so, with an empty paste view.
    ui.paste.value = '';
    setMode('paste');
    state.seq++;
    showResult(EMPTY);
    replace(ui.status);
    linkTooBigNotice(ui.error, big, hash.MAX_HASH);
    return;
  }
  const st = hash.decode(location.hash);
  const v = st || { text: client.seed, frame: 1, from: '', ext: '', format: '' };
  state.shared = false;
  ui.paste.value = v.text;
  ui.from.value = v.from;
  ui.ext.value = v.ext;
  ui.format.value = client.formats.includes(v.format) ? v.format : '';
  if (st && crashedBefore(v.text)) {
    setMode('paste');
    state.seq++;
    showResult(EMPTY);
    replace(ui.status);
    linkCrashedNotice(ui.error, () => decodePaste(v.frame, {}, true));
    return;
  }
  return decodePaste(v.frame, {}, Boolean(st));
}

/* ---------- modes, keys, buttons ---------- */

function setMode(m) {
  state.mode = m;
  byId('mode-paste').setAttribute('aria-selected', String(m === 'paste'));
  byId('mode-capture').setAttribute('aria-selected', String(m === 'capture'));
  byId('paste-pane').hidden = m !== 'paste';
  byId('capture-pane').hidden = m !== 'capture';
  document.body.dataset.mode = m;
}

/** Where keys are text: the page's shortcuts stay out of them (Esc leaves them). */
const TYPING = 'input:not([type=range]):not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, [contenteditable]';

function onKey(ev) {
  if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const el = /** @type {Element} */ (ev.target);
  if (byId('help').hasAttribute('open')) return;
  const typing = el.closest && el.closest(TYPING);
  if (typing) {
    if (ev.key === 'Escape') { ev.preventDefault(); /** @type {HTMLElement} */ (typing).blur(); ui.scope.focus({ preventScroll: true }); }
    return;
  }
  if (ev.key === '?') { ev.preventDefault(); openHelp(); return; }
  if (ev.key === '/') { ev.preventDefault(); ui.paste.focus(); return; }
  if (ev.key === 'p' || ev.key === 'P') { ev.preventDefault(); present.toggle(); return; }
  if (ev.key === 'Escape' && present.on) { ev.preventDefault(); present.toggle(false); return; }
  if ((ev.key === 'j' || ev.key === 'k') && state.result) {
    const n = frameRows.count;
    const at = frameRows.positionOf(state.frame);
    const to = Math.max(0, Math.min(n - 1, at + (ev.key === 'j' ? 1 : -1)));
    if (n && to !== at) { revealFrame = true; openFrame(frameRows.indexAt(to)); }
    return;
  }
  // Lists keep Up/Down/Home/End and the hex view its arrows (they stop them);
  // Left, Right, Space, Home and End step the unmask from anywhere else.
  if (ev.key === ' ' && el.closest('button, a, summary, [role=tab], [role=option]')) return;
  if (state.unmask && state.unmask.key(ev)) { ev.preventDefault(); present.keepStepInView(); }
}

function openHelp() { /** @type {HTMLDialogElement} */ (byId('help')).showModal(); }

/**
 * Copies a link that reopens what is on screen. A capture cannot travel in
 * a link, so for a capture the link carries the selected frame's bytes as a
 * paste, after the handshake it was negotiated under, and says so.
 */
async function copyLink() {
  let url = location.href;
  let note = t('copy.done');
  if (state.mode === 'capture') {
    const d = state.detail;
    if (!d || state.frame < 0) { toast(t('copy.nothing'), true); return; }
    const text = sharedPaste(d);
    const frag = hash.encode({ text, frame: 0, from: /** @type {any} */ (d.frame.from), ext: '', format: '' });
    if (frag.length > hash.MAX_HASH) { toast(t('copy.toolong', { n: num(d.frame.payload_length) }), true); return; }
    const u = new URL(location.href);
    u.hash = frag;
    url = u.href;
    note = t(d.handshake ? 'copy.capture.hs' : 'copy.capture', { i: d.frame.index });
  } else {
    saveHash();
    await new Promise((r) => setTimeout(r, 120));
    url = location.href;
  }
  try {
    await navigator.clipboard.writeText(url);
    toast(note);
  } catch {
    toast(t('copy.manual', { url: url.slice(0, 200) }));
  }
  document.body.dataset.copied = url;
}

/** A capture's frame as a paste: its handshake's request and response, then its bytes. */
function sharedPaste(d) {
  const hs = d.handshake;
  const headText = (hd) => (hd ? [hd.method ? `${hd.method} ${hd.target || ''} ${hd.version || ''}`.trim() : `${hd.version || ''} ${hd.status || ''} ${hd.reason || ''}`.trim(),
    ...(hd.headers || []).map((x) => `${x.name}: ${x.value}`)].join('\n') + '\n\n' : '');
  const bytes = (d.bytes.match(/../g) || []).join(' ');
  return (hs ? headText(hs.request) + headText(hs.response) : '') + bytes;
}

/** Draws everything in the language just chosen. */
function relocalize() {
  showEngine();
  frames.refresh();
  messages.refresh();
  counts2();
  drawHandshake();
  const proto = ui.protocol.value;
  replace(ui.protocol, protocolOptions());
  ui.protocol.value = proto;
  if (state.result) showApp(state.result);
  capture.redraw();
  present.label();
  prefs.apply();
  if (state.mode === 'paste') decodePaste(state.frame);
  else if (state.frame >= 0) openFrame(state.frame, state.unmask ? state.unmask.position : 0, true);
}
const counts2 = () => { if (state.result) counts(); };

/** @type {ReturnType<typeof initCapture>} */
let capture;
/** @type {ReturnType<typeof initPresent>} */
let present;
/** @type {ReturnType<typeof initPrefs>} */
let prefs;

function init() {
  document.documentElement.lang = getLang();
  localize(document);
  const langSel = /** @type {HTMLSelectElement} */ (byId('lang'));
  langSel.value = getLang();
  langSel.addEventListener('change', () => setLang(langSel.value));
  onLang(relocalize);
  present = initPresent({ button: byId('present'), frame: byId('frame') });
  prefs = initPrefs(byId('theme'), byId('large-text'));
  ui.paste.addEventListener('input', () => { state.shared = false; });
  syncBackdrop(ui.paste, ui.backdrop);
  wireLinks(ui.scope);
  ui.status.after(ui.hint);
  ui.paste.addEventListener('input', () => { state.asPayload = ''; decodeSoon(); });
  for (const el of [ui.from, ui.format]) el.addEventListener('change', () => decodePaste(state.frame));
  ui.ext.addEventListener('input', decodeSoon);
  byId('options').before(examplesMenu((ex) => {
    ui.paste.value = ex.text ?? client.seed;
    ui.ext.value = '';
    ui.from.value = '';
    ui.format.value = '';
    decodePaste(ex.frame);
  }));
  byId('mode-paste').addEventListener('click', () => { capture.stop(); decodePaste(0); });
  byId('mode-capture').addEventListener('click', () => setMode('capture'));
  byId('help-open').addEventListener('click', openHelp);
  byId('help-close').addEventListener('click', () => /** @type {HTMLDialogElement} */ (byId('help')).close());
  byId('copy-link').addEventListener('click', copyLink);
  byId('dl-svg').addEventListener('click', () => state.svg && downloadSVG(state.svg, `wsframe-frame-${state.frame}.svg`));
  byId('dl-png').addEventListener('click', () => state.svg && downloadPNG(state.svg, `wsframe-frame-${state.frame}.png`).catch((e) => toast(e.message, true)));
  document.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', applyHash);
  /** @type {ReturnType<typeof initKeyLog>|null} */
  let keylog = null;
  replace(ui.protocol, protocolOptions());
  ui.protocol.addEventListener('change', () => {
    if (state.mode === 'capture') capture.reload();
    else decodePaste(state.frame);
  });
  capture = initCapture({
    client, toast,
    options: () => ({ protocol: ui.protocol.value }),
    onStart: () => { setMode('capture'); state.seq++; showResult(EMPTY); },
    onResult: (r) => { setMode('capture'); document.body.dataset.connection = ''; showResult(r, 0); },
    onConnection: (id) => { filterTo(id); },
    keylog: () => (keylog ? keylog.text : ''),
    keylogName: () => (keylog ? keylog.name : ''),
    isKeyLog: (f) => (keylog ? keylog.isKeyLog(f) : Promise.resolve(false)),
    onKeyLog: (f) => { setMode('capture'); keylog?.add(f); },
  });
  // The ladder and the builder (web/lazy/) are loaded when first opened.
  const lazyFail = (e) => toast(t('lazy.fail', { message: e.message }), true);
  lazyPanel(/** @type {HTMLDetailsElement} */ (byId('ladder')), async () => {
    const { ladder } = await import('./lazy/ladder.js');
    ladderView = ladder(byId('ladder-sec'), {
      rows: frameRows,
      onSelect: (i) => openFrame(i),
      view: () => ({ result: state.result, t0: state.t0, connection: document.body.dataset.connection ? Number(document.body.dataset.connection) : null }),
    });
    if (state.frame >= 0) ladderView.select(state.frame);
  }, lazyFail);
  lazyPanel(/** @type {HTMLDetailsElement} */ (byId('builder')), async () => {
    const { initBuilder } = await import('./lazy/builder.js');
    initBuilder(byId('builder-panel'), {
      encode: (spec) => client.encode(spec), current: () => state.detail, toast,
      onPaste: (b) => {
        // The built bytes become the paste, with the options that read them as built.
        capture.stop();
        ui.paste.value = b.paste;
        ui.from.value = b.from;
        ui.ext.value = b.extension || '';
        ui.format.value = '';
        decodePaste(0);
      },
    });
  }, lazyFail);
  localize(byId('capture'));
  // wss://: a key log beside the capture; the capture is decoded again when keys come or go.
  keylog = initKeyLog(byId('keylog'), { toast, onKeys: () => capture.reload() });
  client.ready.then(() => { for (const f of client.formats) ui.format.append(h('option', { value: f }, f)); }, () => {});
  applyHash();
}

init();
