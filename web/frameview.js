// frameview.js: the decode on screen and its selected frame. showResult
// puts a new result into the lists; openFrame asks the worker for one
// frame's detail and draws it (scope.js); the handshake and the packets of
// a connection read as a byte stream (MQTT) sit beside it.

import { byId, h, replace } from './dom.js';
import { renderScope, stopScope } from './scope.js';
import { renderHandshake } from './handshake.js';
import { readingViews } from './reading.js';
import { t } from './i18n.js';
import { errorWords } from './busy.js';
import { client } from './engine.js';
import { parts, state, toast, ui } from './state.js';
import { counts, frameRows, frames, messageRows, messages, refilter } from './listview.js';
import { fbox } from './filterbox.js';
import { saveHash } from './links.js';
import { firstFrame } from './firstview.js';

/** @typedef {import('./contract.js').Result} Result */

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
  parts.ladder?.update();
  state.hs = r.handshake || (r.connections[0] && r.connections[0].handshake) || null;
  drawHandshake();
  showApp(r);
  if (sel >= 0) openFrame(sel); else clearScope(); // frames.update has selected it
  if (fbox.value) refilter();
}

/** Lists the packets of connections read as a byte stream (MQTT). @param {Result} r */
export function showApp(r) {
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
    if (!e.cancelled) toast(t('message.openfail', { i, message: errorWords(e) }), true);
  }
}

/** Empties the microscope: no frame is chosen. */
export function clearScope() {
  stopScope();
  state.frame = -1;
  state.detail = null;
  state.unmask?.stop();
  state.unmask = null;
  state.svg = null;
  ui.scope.classList.add('empty');
  replace(byId('frame-head'), h('p', { class: 'muted' }, t('scope.empty')));
  for (const id of ['violations', 'diagram', 'field-desc', 'hex', 'unmask', 'payload', 'message', 'present-msg']) replace(byId(id));
  saveHash();
}

/**
 * Asks the worker for frame i's detail and shows it. Choosing the frame
 * already shown keeps its unmask where it is (force draws it again).
 */
export async function openFrame(i, start = 0, force = false) {
  if (!force && i === state.frame && state.detail && state.detail.frame.index === i) {
    if (state.revealFrame) { state.revealFrame = false; parts.present.reveal(); }
    return;
  }
  state.frame = i;
  saveHash();
  const seq = state.seq;
  let d;
  const pre = firstFrame(i); // the first view's, until the decoder takes over
  try {
    d = pre || await client.frame(i, { steps: 1024, max_bytes: 65536 + 14 }); // a 64 KiB payload and the longest header: RFC 6455 §5.7's example whole
  } catch (e) {
    toast(t('frame.openfail', { i, message: errorWords(e) }), true);
    return;
  }
  if (seq !== state.seq || state.frame !== i) return;
  state.unmask?.stop();
  const p = frameRows.positionOf(i);
  if (p >= 0) frames.select(p);
  parts.ladder?.select(i);
  const mp = d.message ? messageRows.positionOf(d.message.index) : -1;
  if (mp >= 0) messages.select(mp);
  state.detail = d;
  state.unmask = renderScope(d, {
    start,
    onStep: (p, user) => { if (user) parts.present.keepStepInView(); },
    onDiagram: (svg) => { state.svg = svg; },
    onFrame: (j) => openFrame(j),
    onMessage: () => byId('message-sec').scrollIntoView({ behavior: 'smooth', block: 'start' }),
  });
  state.svg = /** @type {SVGSVGElement} */ (byId('diagram').querySelector('svg'));
  document.body.dataset.frame = String(i);
  if (pre) document.body.dataset.firstView = 'file'; else delete document.body.dataset.firstView;
  parts.present.position(frameRows.positionOf(i), frameRows.count);
  if (!performance.getEntriesByName('wsframe:first-diagram').length) performance.mark('wsframe:first-diagram');
  if (state.revealFrame) { state.revealFrame = false; parts.present.reveal(); }
}

/** Opens the frame by places after (or before) the one shown in the list: j, k and presentation's buttons. */
export function moveFrame(by) {
  if (!state.result) return;
  const n = frameRows.count;
  const at = frameRows.positionOf(state.frame);
  const to = Math.max(0, Math.min(n - 1, at + by));
  if (n && to !== at) { state.revealFrame = true; openFrame(frameRows.indexAt(to)); }
}

/** The handshake panel: a <details>, open the first time one is seen, closed after that. */
export function drawHandshake() {
  replace(byId('handshake'), state.hs ? renderHandshake(state.hs) : '');
}
