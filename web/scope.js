// scope.js: the frame microscope: puts one frame's detail into the page
// (head, violations, diagram, hex view, unmask, payload, message) and links
// the diagram and the hex view: every element that shows part of a field
// carries data-fields, and hovering or focusing one lights up the others.

import { byId, h, replace, vis } from './dom.js';
import { diagram, describe } from './diagram.js';
import { fitDiagram } from './fit.js';
import { hexview } from './hexview.js';
import { unmask } from './unmask.js';
import { payloadView } from './payload.js';
import { fromHex, resolveField } from './fields.js';
import { compressedView } from './deflate.js';
import { closeName, explain, fieldLabel, frameList, num, opcodeName, peerName, problemText, t, tn } from './i18n.js';
import { recordChip, wireNote } from './tls.js';

/** @typedef {import('./contract.js').FrameDetail} FrameDetail */

const dir = (from) => t(`dir.${from}.arrow`);
const chip = (text, cls = '') => h('span', { class: `chip ${cls}` }, text);

function head(d, onMessage) {
  const f = d.frame;
  return [
    h('h2', {}, t('frame.h', { i: f.index })),
    h('div', { class: 'chips' },
      chip(dir(f.from), `dir ${f.from}`),
      chip(t('chip.opcode', { name: opcodeName(f.opcode), n: f.opcode })),
      chip(tn('chip.bytes', f.payload_length, { n: num(f.payload_length) })),
      chip(f.fin ? 'FIN' : t('chip.notfinal'), f.fin ? '' : 'warnchip'),
      chip(f.masked ? t('chip.masked', { key: f.mask_key }) : t('chip.unmasked')),
      f.rsv1 ? chip(t('chip.rsv1')) : null,
      chip(t('chip.offset', { n: num(f.offset) }), 'muted'),
      f.packet ? chip(t('chip.packet', { n: f.packet }), 'muted') : null,
      recordChip(f),
      d.connection ? chip(t('chip.connection', { id: d.connection.id, client: peerName(d.connection.client), server: d.connection.server }), 'muted') : null,
      f.time ? chip(f.time.replace('T', ' ').replace('Z', ''), 'muted') : null,
      f.missing ? chip(t('chip.missing', { n: num(f.missing) }), 'warnchip') : null,
      f.reconstructed ? h('span', { class: 'chip warnchip', 'data-part': 'reconstructed', title: t('chip.reconstructed.title') }, t('chip.reconstructed')) : null,
      f.message >= 0 ? h('button', { type: 'button', class: 'chip link', onclick: () => onMessage(f.message) }, t('chip.message', { i: f.message })) : null),
  ];
}

function violations(d, pin) {
  const v = d.frame.violations;
  if (!v.length) return h('p', { class: 'clean' }, h('span', { class: 'ok-dot', 'aria-hidden': 'true' }), t('viol.none'));
  const known = violationParams(d);
  return h('section', { class: 'violations', 'aria-label': t('viol.label') },
    h('h3', {}, tn('viol.count', v.length)),
    h('ul', {}, v.map((x) => {
      const f = resolveField(d.fields, x.field);
      return h('li', {}, h('button', {
        type: 'button', class: 'viol', 'data-target': f ? f.name : '', 'data-violation': x.id,
        onclick: () => pin(f ? f.name : null),
      }, h('span', { class: 'vfield' }, f ? fieldLabel(f) : x.field || t('viol.frame')), h('span', { class: 'vmsg' }, vis(explain('viol', x, known))), h('span', { class: 'vrfc' }, `RFC ${x.rfc}`)));
    })));
}

/** Parameters of a frame's violations that the page knows itself (Go's own params win). */
export function violationParams(d) {
  const f = d.frame;
  const m = d.message;
  return {
    opcode: f.opcode, hex: f.opcode.toString(16).toUpperCase(), length: f.payload_length, from: t(`side.${f.from}`),
    code: m && m.close_code != null ? m.close_code : null,
    name: m && m.close_code != null ? closeName(m.close_code, m.close_name) : null,
    message: m ? m.index : null,
  };
}

function message(d, onFrame) {
  const m = d.message;
  if (!m) return h('p', { class: 'muted' }, t('msg.none'));
  const parts = m.frames.length > 1 ? t('msg.parts', { list: frameList(d) }) : t('msg.single');
  return h('div', {},
    h('p', {}, t('msg.summary', { i: m.index, type: opcodeName(m.opcode), bytes: tn('chip.bytes', m.length, { n: num(m.length) }), parts }),
      m.compressed ? t('msg.inflated', { n: num(m.compressed_length ?? 0) }) : '',
      m.complete ? t('msg.end') : t('msg.incomplete')),
    m.frames.length > 1 ? h('p', { class: 'frames-nav' }, t('msg.frames'), m.frames.map((i, j) => [
      (d.message_frames_cut_at || []).includes(j) ? h('span', { class: 'muted', 'aria-hidden': 'true' }, '…') : null,
      h('button', { type: 'button', class: 'chip link', onclick: () => onFrame(i) }, String(i))])) : null,
    d.message_frames_truncated ? h('p', { class: 'muted', 'data-part': 'frames-cut' }, t('msg.frames.cut', { n: num(d.message_frames_total ?? 0), shown: num(m.frames.length) })) : null,
    m.close_code != null ? h('p', {}, h('strong', {}, t('msg.close', { code: m.close_code })), ` ${closeName(m.close_code, m.close_name)}`, m.close_reason ? [' — “', vis(m.close_reason), '”'] : '') : null,
    m.problem && !m.compressed ? h('p', { class: 'warn' }, problemText(m)) : null,
    (m.violations || []).map((x) => h('p', { class: 'warn' }, vis(`${explain('viol', x, violationParams(d))} (RFC ${x.rfc})`))),
    compressedView(d),
    m.compressed && m.opcode !== 8 ? h('h3', {}, t('msg.inflated.h')) : null,
    m.opcode === 8 ? null : payloadView(m.data, { id: 'msg', binary: m.opcode === 2, truncated: m.data_truncated, total: m.length, reading: m.reading }));
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
 * @param {{start?: number, onFrame: (i: number) => void, onMessage: (i: number) => void, onStep?: (p: number, user: boolean) => void, onDiagram?: (svg: SVGSVGElement) => void}} o
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
  const desc = byId('field-desc');
  replace(desc, describe(null, d.frame));
  const show = (ev) => {
    const g = /** @type {Element} */ (ev.target).closest?.('.field');
    const f = g && d.fields.find((x) => x.name === g.getAttribute('data-fields'));
    if (f) replace(desc, describe(f, d.frame));
  };
  const keyStart = d.fields.find((f) => f.name === 'websocket.masking_key');
  /** @type {import('./contract.js').UnmaskStep|null} */
  let step = null;
  let done = 0; // payload bytes unmasked so far
  // The step's key byte and the payload byte it unmasks are lit in the
  // diagram and the hex view; the diagram's unmasked characters carry
  // "shown" up to the step (presentation's reveal hides the others).
  const light = () => {
    for (const el of scope.querySelectorAll('.step-key, .step-byte')) el.classList.remove('step-key', 'step-byte');
    for (const el of scope.querySelectorAll('.diagram .rv')) el.classList.toggle('shown', Number(el.getAttribute('data-i')) < done);
    if (!keyStart) return;
    const k = step ? step.key_index : 0;
    scope.querySelector(`.keybyte[data-key="${k}"]`)?.classList.add('step-key');
    scope.querySelector(`.hb[data-i="${keyStart.bit_offset / 8 + k}"]`)?.classList.add('step-key');
    if (step) {
      scope.querySelector(`.paybyte[data-pi="${step.i}"]`)?.classList.add('step-byte');
      scope.querySelector(`.hb[data-i="${d.header_length + step.i}"]`)?.classList.add('step-byte');
    }
  };
  // The diagram takes as many bits a row as its box allows at a legible size
  // (32 as the RFC draws it, 16 or 8 on narrow screens), and is drawn again
  // when that changes; in presentation it is scaled to fill the screen.
  const wrap = byId('diagram');
  let drawn = '';
  const drawDiagram = () => {
    const fit = fitDiagram(d, wrap);
    const key = `${fit.cols}:${fit.width}`;
    if (key === drawn && wrap.firstChild) return;
    drawn = key;
    const svg = fit.svg || diagram(d, { cols: fit.cols });
    if (fit.width) { svg.style.width = `${fit.width}px`; svg.style.maxWidth = 'none'; svg.style.maxHeight = 'none'; }
    svg.addEventListener('focusin', show);
    svg.addEventListener('pointerover', show);
    replace(wrap, svg);
    light();
    o.onDiagram?.(svg);
  };
  drawDiagram();
  diagramObserver?.disconnect();
  diagramObserver = new ResizeObserver(() => drawDiagram());
  diagramObserver.observe(wrap);
  redrawDiagram = drawDiagram;
  const hex = hexview(d);
  replace(byId('hex'), wireNote(d.frame), hex.el);
  const ctl = unmask(d, {
    start: o.start,
    onStep: (p, st, user) => {
      step = st;
      done = p;
      // Under reveal the message's text waits for the last step too.
      byId('present-msg').classList.toggle('pending', d.frame.masked && p < d.steps.length);
      if (st) hex.show(d.header_length + st.i);
      light();
      o.onStep?.(p, user);
    },
  });
  replace(byId('unmask'), ctl.el);
  const deflated = Boolean(d.message && d.message.compressed);
  const close = d.frame.opcode === 8 && d.frame.payload.length >= 4;
  replace(byId('payload'),
    deflated ? h('p', { class: 'muted' }, t('payload.deflated')) : null,
    close ? closePayload(d) : payloadView(d.frame.payload, { id: 'frame', binary: d.frame.opcode === 2 || deflated, truncated: d.frame.payload_truncated, total: d.frame.payload_length }));
  replace(byId('message'), message(d, o.onFrame));
  replace(byId('present-msg'), presentMessage(d));
  return ctl;
}

/** @type {ResizeObserver|null} */
let diagramObserver = null;
/** Draws the diagram again when the page's text size or mode changes (a resize event). */
let redrawDiagram = () => {};
window.addEventListener('resize', () => redrawDiagram());

/** Stops drawing the diagram again on resizes: the scope is being emptied. */
export function stopScope() {
  diagramObserver?.disconnect();
  diagramObserver = null;
  redrawDiagram = () => {};
}

/**
 * In presentation, what the frame's message says, short: its reading's
 * summary, its text, a close code with its name, or its size when binary.
 * @param {FrameDetail} d
 */
function presentMessage(d) {
  const m = d.message;
  if (!m || m.opcode === 9 || m.opcode === 10) {
    const f = d.frame;
    if (f.opcode !== 9 && f.opcode !== 10) return null;
    return [h('h2', {}, t('present.msg.h')), h('p', { class: 'pm-text' }, vis(new TextDecoder().decode(fromHex(f.payload))))];
  }
  const r = /** @type {any} */ (m).reading;
  let body;
  if (r && r.summary) body = [h('b', {}, r.protocol), ' ', vis(r.summary)];
  else if (m.opcode === 8) body = m.close_code != null ? t('present.msg.close', { code: m.close_code, name: closeName(m.close_code, m.close_name) }) : '';
  else if (m.opcode === 2 || m.compressed && !m.data) body = t('present.msg.binary', { n: num(m.length) });
  else body = vis(new TextDecoder().decode(fromHex(m.data.slice(0, 2 * 600))) + (m.length > 600 || m.data_truncated ? '…' : ''));
  return [h('h2', {}, t('present.msg.h')), h('p', { class: 'pm-text' }, body)];
}

/**
 * A close frame's payload (RFC 6455 section 5.5.1): the status code with
 * its name, then the reason, which alone must be UTF-8, as text.
 * @param {FrameDetail} d
 */
function closePayload(d) {
  const p = d.frame.payload;
  const code = Number.parseInt(p.slice(0, 4), 16);
  return h('div', { class: 'close-payload' },
    h('p', {}, h('strong', {}, t('payload.close.code')), ` ${code} · ${closeName(code)}`),
    p.length > 4 ? h('p', {}, h('strong', {}, t('payload.close.reason'))) : h('p', { class: 'muted' }, t('payload.close.noreason')),
    p.length > 4 ? payloadView(p.slice(4), { id: 'frame', truncated: d.frame.payload_truncated, total: d.frame.payload_length - 2 }) : null);
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
