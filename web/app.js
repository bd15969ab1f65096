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
import { renderScope, wireLinks } from './scope.js';
import { downloadPNG, downloadSVG } from './download.js';
import { initCapture, PREVIEW as CAPTURE_PREVIEW, ROWS } from './capture.js';
import { renderHandshake } from './handshake.js';
import { appView, protocolOptions, STRINGS as READING } from './reading.js';
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
};

const state = {
  mode: 'paste',
  /** @type {Result|null} */ result: null,
  t0: '', // time of the first packet (or frame), for relative times
  t0Label: 'the first frame',
  frame: -1,
  seq: 0,
  linkInput: '', // the text of the decode under way when it came from a link
  /** @type {ReturnType<typeof import('./unmask.js').unmask>|null} */ unmask: null,
  svg: /** @type {SVGSVGElement|null} */ (null),
};

const client = new Client({
  onStatus(st) {
    if (st.state === 'ready') ui.engine.textContent = `decoder ${st.version}`;
    else if (st.state === 'loading') ui.engine.textContent = 'loading decoder…';
    else if (st.state === 'crashed') {
      ui.engine.textContent = st.restarted ? 'decoder restarted' : 'decoder stopped';
      onCrash(st);
    }
  },
});
publish(client);

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
const frameRows = new RowSource(fetchRows('frames'), () => frames.refresh());
const messageRows = new RowSource(fetchRows('messages'), () => messages.refresh());

const frames = virtualList({
  id: 'frames', label: 'Frames', cls: 'frames', count: 0,
  head: ['#', 'time', 'pkt', 'dir', 'type', 'len', 'flags', '!', 'preview'],
  row: (p) => { const f = frameRows.at(p); return f ? frameRow(f, state.t0, state.t0Label) : loadingRow(frameRows.indexAt(p)); },
  rowLabel: (p) => {
    const f = /** @type {Frame|undefined} */ (frameRows.at(p));
    return f ? `frame ${f.index}, ${f.from}, ${f.opcode_name}, ${f.payload_length} bytes${f.rsv1 ? ', compressed' : ''}` : `frame ${frameRows.indexAt(p)}, loading`;
  },
  onSelect: (p) => openFrame(frameRows.indexAt(p)),
  beforeDraw: () => frameRows.begin(),
});
byId('frame-list').append(frames.el);

/** "Go to frame #": a jump to any frame, its row fetched if it is far away. */
const goto = /** @type {HTMLInputElement} */ (h('input', { type: 'number', id: 'goto', min: 0, inputmode: 'numeric', placeholder: '#', 'aria-label': 'Go to frame number' }));
byId('frames-h').after(h('form', {
  class: 'goto', role: 'search',
  onsubmit: (ev) => {
    ev.preventDefault();
    const i = Number.parseInt(goto.value, 10);
    if (!state.result || !Number.isFinite(i)) return;
    const p = frameRows.positionOf(i);
    if (p < 0) { toast(`No frame ${i}${frameRows.filter ? ' on this connection' : ''}.`, true); return; }
    frames.select(p);
    openFrame(i);
  },
}, h('label', { for: 'goto', class: 'muted small' }, 'Go to frame'), goto));
const messages = virtualList({
  id: 'messages', label: 'Messages', cls: 'messages', count: 0,
  head: ['#', 'dir', 'type', 'len', 'frames', 'data'],
  row: (p) => { const m = messageRows.at(p); return m ? messageRow(m) : loadingRow(messageRows.indexAt(p)); },
  rowLabel: (p) => {
    const m = /** @type {Message|undefined} */ (messageRows.at(p));
    if (!m) return `message ${messageRows.indexAt(p)}, loading`;
    return `message ${m.index}, ${m.from}, ${m.opcode_name}, ${m.length} bytes${m.compressed ? `, inflated from ${m.compressed_length} bytes` : ''}${m.problem ? `, ${m.problem}` : ''}`;
  },
  onSelect: (p) => {
    const m = /** @type {Message|undefined} */ (messageRows.at(p));
    if (m) openFrame(m.frames[0] ?? 0);
  },
  beforeDraw: () => messageRows.begin(),
});
byId('message-list').append(messages.el);

/** Counts in the list headings: "12", or "4 of 12" under a connection filter. */
function counts() {
  const r = /** @type {Result} */ (state.result);
  const all = (kind) => (r.totals ? r.totals[kind] : r[kind].length);
  const text = (src, kind) => (src.filter ? `${src.count} of ${all(kind)}` : String(all(kind)));
  byId('frame-count').textContent = text(frameRows, 'frames');
  byId('message-count').textContent = text(messageRows, 'messages');
}

/** @type {Result} what the lists show while a capture is read */
const EMPTY = { version: 1, input: { kind: '', bytes: 0 }, connections: [], frames: [], messages: [], errors: [] };

/** Puts a new result into the lists and opens frame want. @param {Result} r */
export function showResult(r, want = 0) {
  state.result = r;
  state.t0 = r.input.start || (r.frames[0] && r.frames[0].time) || '';
  state.t0Label = r.input.start ? 'the first packet' : 'the first frame';
  const total = r.totals || { frames: r.frames.length, messages: r.messages.length };
  frameRows.reset(total.frames, r.frames);
  messageRows.reset(total.messages, r.messages);
  counts();
  const sel = total.frames ? Math.min(Math.max(want, 0), total.frames - 1) : -1;
  frames.update(total.frames, sel);
  messages.update(total.messages, -1);
  const hs = r.handshake || (r.connections[0] && r.connections[0].handshake);
  replace(byId('handshake'), hs ? renderHandshake(hs) : '');
  showApp(r);
  if (sel >= 0) { frames.select(sel); openFrame(sel); } else clearScope();
}

/** Lists the packets of connections read as a byte stream (MQTT). @param {Result} r */
function showApp(r) {
  const list = appView(/** @type {any} */ (r.connections), openMessage);
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
      if (!e.cancelled) toast(`Could not list connection ${id}: ${e.message}`, true);
      return;
    }
  }
  if (state.result !== r) return;
  frameRows.setFilter(f);
  messageRows.setFilter(m);
  document.body.dataset.connection = id == null ? '' : String(id);
  counts();
  frames.update(frameRows.count, -1);
  messages.update(messageRows.count, -1);
  const c = id == null ? r.connections[0] : r.connections.find((x) => x.id === id);
  replace(byId('handshake'), c && c.handshake ? renderHandshake(c.handshake) : '');
  if (frameRows.count) { frames.select(0); openFrame(frameRows.indexAt(0)); } else clearScope();
}

function clearScope() {
  state.frame = -1;
  state.unmask?.stop();
  state.unmask = null;
  state.svg = null;
  ui.scope.classList.add('empty');
  replace(byId('frame-head'), h('p', { class: 'muted' }, 'No frame to show yet. Paste one, or drop a capture.'));
  for (const id of ['violations', 'diagram', 'field-desc', 'hex', 'unmask', 'payload', 'message']) replace(byId(id));
  saveHash();
}

/** Asks the worker for frame i's detail and shows it. */
async function openFrame(i, start = 0) {
  state.frame = i;
  saveHash();
  const seq = state.seq;
  let d;
  try {
    d = await client.frame(i, { steps: 1024, max_bytes: 65536 });
  } catch (e) {
    toast(`Could not open frame ${i}: ${e.message}`, true);
    return;
  }
  if (seq !== state.seq || state.frame !== i) return;
  state.unmask?.stop();
  const p = frameRows.positionOf(i);
  if (p >= 0) frames.select(p);
  const mp = d.message ? messageRows.positionOf(d.message.index) : -1;
  if (mp >= 0) messages.select(mp);
  state.unmask = renderScope(d, {
    start,
    onFrame: (j) => openFrame(j),
    onMessage: () => byId('message-sec').scrollIntoView({ behavior: 'smooth', block: 'start' }),
  });
  state.svg = /** @type {SVGSVGElement} */ (byId('diagram').querySelector('svg'));
  document.body.dataset.frame = String(i);
  if (!performance.getEntriesByName('wsframe:first-diagram').length) performance.mark('wsframe:first-diagram');
}

/* ---------- paste ---------- */

function options() {
  return { from: ui.from.value, extension: ui.ext.value.trim(), format: ui.format.value, preview: PREVIEW, rows: ROWS, protocol: ui.protocol.value };
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
  replace(ui.status, text.trim() ? statusLine(r) : 'Paste a frame to decode it.');
  showError(ui_err(), text, r.errors);
  showResult(r, want);
  document.body.dataset.decodes = String(Number(document.body.dataset.decodes || 0) + 1);
}

const ui_err = () => ({ box: ui.error, backdrop: ui.backdrop, textarea: ui.paste });

/* ---------- URL fragment ---------- */

let hashTimer = 0;
let applied = ''; // the fragment last read or written by the page
function saveHash() {
  if (state.mode !== 'paste') return;
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

const TYPING = 'input, textarea, select, [contenteditable], [role=listbox], [role=tab], .hexgrid';

function onKey(ev) {
  if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const t = /** @type {Element} */ (ev.target);
  if (byId('help').hasAttribute('open')) return;
  const typing = t.closest && t.closest(TYPING);
  if (ev.key === '?' && !typing) { ev.preventDefault(); openHelp(); return; }
  if (typing) return;
  if (ev.key === '/') { ev.preventDefault(); ui.paste.focus(); return; }
  if ((ev.key === 'j' || ev.key === 'k') && state.result) {
    const n = frameRows.count;
    const at = frameRows.positionOf(state.frame);
    const to = Math.max(0, Math.min(n - 1, at + (ev.key === 'j' ? 1 : -1)));
    if (n && to !== at) openFrame(frameRows.indexAt(to));
    return;
  }
  if (ev.key === ' ' && t.closest('button, a, summary')) return;
  if (state.unmask && state.unmask.key(ev)) ev.preventDefault();
}

function openHelp() { /** @type {HTMLDialogElement} */ (byId('help')).showModal(); }

async function copyLink() {
  saveHash();
  await new Promise((r) => setTimeout(r, 120));
  try {
    await navigator.clipboard.writeText(location.href);
    toast(state.mode === 'capture' ? 'Link copied. A capture cannot travel in a link; it reopens the paste view.' : 'Link copied: it reopens this frame.');
  } catch {
    toast(`Copy this link: ${location.href.slice(0, 200)}`);
  }
}

function init() {
  initPrefs(byId('theme'), byId('large-text'));
  syncBackdrop(ui.paste, ui.backdrop);
  wireLinks(ui.scope);
  ui.paste.addEventListener('input', decodeSoon);
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
  replace(byId('opt-protocol-l'), READING.menuLabel);
  replace(ui.protocol, protocolOptions());
  ui.protocol.addEventListener('change', () => {
    if (state.mode === 'capture') capture.reload();
    else decodePaste(state.frame);
  });
  const capture = initCapture({
    client, toast,
    options: () => ({ protocol: ui.protocol.value }),
    onStart: () => { setMode('capture'); state.seq++; showResult(EMPTY); },
    onResult: (r) => { setMode('capture'); document.body.dataset.connection = ''; showResult(r, 0); },
    onConnection: (id) => { filterTo(id); },
  });
  client.ready.then(() => { for (const f of client.formats) ui.format.append(h('option', { value: f }, f)); }, () => {});
  applyHash();
}

init();
