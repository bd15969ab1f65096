// scope.js: the frame microscope: puts one frame's detail into the page
// (head, violations, diagram, hex view, unmask, payload, message) and links
// the diagram and the hex view: every element that shows part of a field
// carries data-fields, and hovering or focusing one lights up the others.

import { byId, h, replace, vis } from './dom.js';
import { diagram, describe } from './diagram.js';
import { hexview } from './hexview.js';
import { unmask } from './unmask.js';
import { payloadView } from './payload.js';
import { resolveField } from './fields.js';
import { compressedView } from './deflate.js';

/** @typedef {import('./contract.js').FrameDetail} FrameDetail */

const dir = (from) => (from === 'client' ? 'client → server' : 'server → client');
const chip = (text, cls = '') => h('span', { class: `chip ${cls}` }, text);

function head(d, onMessage) {
  const f = d.frame;
  return [
    h('h2', {}, `Frame ${f.index}`),
    h('div', { class: 'chips' },
      chip(dir(f.from), `dir ${f.from}`),
      chip(`${f.opcode_name} · opcode ${f.opcode}`),
      chip(`${f.payload_length} byte${f.payload_length === 1 ? '' : 's'}`),
      chip(f.fin ? 'FIN' : 'not final', f.fin ? '' : 'warnchip'),
      chip(f.masked ? `masked · ${f.mask_key}` : 'not masked'),
      f.rsv1 ? chip('RSV1 (compressed)') : null,
      chip(`at byte ${f.offset}`, 'muted'),
      f.packet ? chip(`packet ${f.packet}`, 'muted') : null,
      d.connection ? chip(`connection ${d.connection.id}: ${d.connection.client} ⇄ ${d.connection.server}`, 'muted') : null,
      f.time ? chip(f.time.replace('T', ' ').replace('Z', ''), 'muted') : null,
      f.missing ? chip(`${f.missing} bytes missing`, 'warnchip') : null,
      f.message >= 0 ? h('button', { type: 'button', class: 'chip link', onclick: () => onMessage(f.message) }, `message ${f.message} ↓`) : null),
  ];
}

function violations(d, pin) {
  const v = d.frame.violations;
  if (!v.length) return h('p', { class: 'clean' }, h('span', { class: 'ok-dot', 'aria-hidden': 'true' }), 'No RFC 6455 rule broken by this frame.');
  return h('section', { class: 'violations', 'aria-label': 'RFC violations' },
    h('h3', {}, `${v.length} RFC violation${v.length === 1 ? '' : 's'}`),
    h('ul', {}, v.map((x) => {
      const f = resolveField(d.fields, x.field);
      return h('li', {}, h('button', {
        type: 'button', class: 'viol', 'data-target': f ? f.name : '',
        onclick: () => pin(f ? f.name : null),
      }, h('span', { class: 'vfield' }, f ? f.label : x.field || 'frame'), h('span', { class: 'vmsg' }, vis(x.message)), h('span', { class: 'vrfc' }, `RFC ${x.rfc}`)));
    })));
}

function message(d, onFrame) {
  const m = d.message;
  if (!m) return h('p', { class: 'muted' }, 'This frame belongs to no message (it was cut short or stands alone).');
  const parts = m.frames.length > 1 ? `reassembled from frames ${m.frames.join(', ')}` : 'a single frame';
  return h('div', {},
    h('p', {}, `Message ${m.index}: ${m.opcode_name}, ${m.length} byte${m.length === 1 ? '' : 's'}, ${parts}`,
      m.compressed ? `, inflated from ${m.compressed_length ?? '?'} bytes (permessage-deflate)` : '',
      m.complete ? '.' : ' — incomplete: its final frame never came.'),
    m.frames.length > 1 ? h('p', { class: 'frames-nav' }, 'Frames: ', m.frames.map((i) => h('button', { type: 'button', class: 'chip link', onclick: () => onFrame(i) }, String(i)))) : null,
    m.close_code != null ? h('p', {}, h('strong', {}, `Close ${m.close_code}`), ` ${m.close_name || ''}`, m.close_reason ? [' — “', vis(m.close_reason), '”'] : '') : null,
    m.socketio && !m.reading ? socketioView(m.socketio) : null,
    m.problem && !m.compressed ? h('p', { class: 'warn' }, m.problem) : null,
    (m.violations || []).map((x) => h('p', { class: 'warn' }, vis(`${x.message} (RFC ${x.rfc})`))),
    compressedView(d),
    m.compressed && m.opcode !== 8 ? h('h3', {}, 'Inflated') : null,
    m.opcode === 8 ? null : payloadView(m.data, { id: 'msg', binary: m.opcode === 2, truncated: m.data_truncated, total: m.length, reading: m.reading }));
}

/**
 * What a Socket.IO connection's text message means, field by field.
 * @param {import('./contract.js').SocketIO} p
 */
function socketioView(p) {
  const row = (k, v) => (v == null || v === '' ? null : h('div', { class: 'kv' }, h('dt', {}, k), h('dd', {}, vis(String(v)))));
  return h('div', { class: 'sio-view' },
    h('h3', {}, 'Socket.IO'),
    h('p', { class: 'muted' }, 'This connection asked for /socket.io/, so its text messages are Engine.IO packets: a type digit, and in a "message" packet a Socket.IO packet (type, namespace, acknowledgement id, JSON).'),
    h('dl', {},
      row('Engine.IO packet', `${p.engine_type} ${p.engine}`),
      p.packet ? row('Socket.IO packet', `${p.type} ${p.packet}`) : null,
      row('namespace', p.namespace || (p.packet ? '/' : '')),
      row('event', p.event),
      row('acknowledgement id', p.ack_id),
      row('binary attachments', p.attachments ? `${p.attachments} (sent as the next binary message${p.attachments > 1 ? 's' : ''})` : ''),
      row('data', p.data)));
}

/** Lights up every element of the fields in names (space separated). */
export function highlight(root, names, cls = 'hl') {
  for (const el of root.querySelectorAll(`.${cls}`)) el.classList.remove(cls);
  if (!names) return;
  for (const n of names.split(' ')) {
    for (const el of root.querySelectorAll(`[data-fields~="${CSS.escape(n)}"]`)) el.classList.add(cls);
  }
}

/**
 * Shows detail d.
 * @param {FrameDetail} d
 * @param {{start?: number, onFrame: (i: number) => void, onMessage: (i: number) => void, onStep?: (p: number) => void}} o
 */
export function renderScope(d, o) {
  const scope = byId('scope');
  scope.classList.remove('empty');
  const pin = (name) => {
    highlight(scope, name, 'pinned');
    const el = scope.querySelector('.diagram .pinned');
    if (el) /** @type {SVGElement} */ (el).focus();
  };
  replace(byId('frame-head'), head(d, o.onMessage));
  replace(byId('violations'), violations(d, pin));
  const svg = diagram(d);
  replace(byId('diagram'), svg);
  const desc = byId('field-desc');
  replace(desc, describe(null));
  const show = (ev) => {
    const g = /** @type {Element} */ (ev.target).closest?.('.field');
    const f = g && d.fields.find((x) => x.name === g.getAttribute('data-fields'));
    if (f) replace(desc, describe(f));
  };
  svg.addEventListener('focusin', show);
  svg.addEventListener('pointerover', show);
  let limit = 4096;
  const drawHex = () => replace(byId('hex'), hexview(d, { limit, onMore: () => { limit = 1 << 30; drawHex(); } }));
  drawHex();
  const keyStart = d.fields.find((f) => f.name === 'websocket.masking_key');
  const ctl = unmask(d, {
    start: o.start,
    onStep: (p, st) => {
      for (const el of scope.querySelectorAll('.step-key, .step-byte')) el.classList.remove('step-key', 'step-byte');
      if (!keyStart) return;
      const k = st ? st.key_index : 0;
      scope.querySelector(`.keybyte[data-key="${k}"]`)?.classList.add('step-key');
      scope.querySelector(`.hb[data-i="${keyStart.bit_offset / 8 + k}"]`)?.classList.add('step-key');
      if (st) scope.querySelector(`.hb[data-i="${d.header_length + st.i}"]`)?.classList.add('step-byte');
      o.onStep?.(p);
    },
  });
  replace(byId('unmask'), ctl.el);
  const deflated = Boolean(d.message && d.message.compressed);
  replace(byId('payload'),
    deflated ? h('p', { class: 'muted' }, 'Compressed (permessage-deflate): these are DEFLATE bytes; its message, below, shows them inflated.') : null,
    payloadView(d.frame.payload, { id: 'frame', binary: d.frame.opcode === 2 || deflated, truncated: d.frame.payload_truncated, total: d.frame.payload_length }));
  replace(byId('message'), message(d, o.onFrame));
  return ctl;
}

/** Hover and focus linking between the diagram and the hex view. */
export function wireLinks(scope) {
  const on = (ev) => {
    const el = /** @type {Element} */ (ev.target).closest?.('[data-fields]');
    highlight(scope, el ? el.getAttribute('data-fields') : null);
  };
  scope.addEventListener('pointerover', on);
  scope.addEventListener('focusin', on);
  scope.addEventListener('pointerleave', () => highlight(scope, null));
}
