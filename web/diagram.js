// diagram.js: the frame as RFC 6455 section 5.2 draws it, in SVG: rows of
// 32 bits under a bit ruler, one labelled, colour-coded box per field with
// its bits and decoded value, fields split across rows where the RFC splits
// them, and the payload's first bytes then "…". Takes a frame detail and
// returns an element; builds every node with createElementNS. On narrow
// screens a row holds 16 or 8 bits instead of 32, so that the text stays
// legible without sideways scrolling.

import { h, s } from './dom.js';
import { colourClass, fromHex, hex2, place } from './fields.js';
import { closeName, fieldLabel, fieldMeaning, num, opcodeName, t, tn } from './i18n.js';

/** @typedef {import('./contract.js').FrameDetail} FrameDetail */
/** @typedef {import('./contract.js').Field} Field */

const BIT = 30;               // width of one bit
const GUT = 58;               // left gutter: byte offsets
const TOP = 46;               // ruler height
const ROW = 92;               // height of one 32-bit row
const MORE = 46;              // height of the "continued" row
export const WIDTH = GUT + 32 * BIT + 12;
/** The smallest text in the diagram, in its own units (style.css agrees). */
export const MIN_TEXT = 14;
/** The diagram's width in its units with c bits a row. */
export const widthFor = (c) => GUT + c * BIT + 12;

let COLS = 32; // bits a row of the diagram being drawn

const bitAt = (bytes, i) => (bytes[i >> 3] >> (7 - (i & 7))) & 1;

/** Splits [off, off+len) into pieces that each stay inside one 32-bit row. */
function pieces(off, len) {
  const out = [];
  for (let a = off; a < off + len;) {
    const b = Math.min(off + len, (Math.floor(a / COLS) + 1) * COLS);
    out.push({ row: Math.floor(a / COLS), col: a % COLS, n: b - a, start: a });
    a = b;
  }
  return out;
}

const X = (col) => GUT + col * BIT;
const Y = (row) => TOP + row * ROW;

function ruler() {
  const g = s('g', { class: 'ruler', 'aria-hidden': 'true' });
  for (let i = 0; i < COLS; i++) {
    const x = X(i) + BIT / 2;
    if (i % 10 === 0) g.append(s('text', { x, y: 16, class: 'tens' }, String(i / 10)));
    g.append(s('text', { x, y: 36, class: 'units' }, String(i % 10)));
  }
  return g;
}

/** The bits of one piece, one digit per bit cell, with RFC-style ticks. */
function bitsRow(bytes, p, y, lastRowY) {
  const g = s('g', { class: 'bits' });
  for (let k = 0; k < p.n; k++) {
    const i = p.start + k;
    if (i >> 3 >= bytes.length) break;
    g.append(s('text', { x: X(p.col + k) + BIT / 2, y }, String(bitAt(bytes, i))));
    if (k > 0) g.append(s('line', { class: 'tick', x1: X(p.col + k), x2: X(p.col + k), y1: lastRowY - 7, y2: lastRowY }));
  }
  return g;
}

/** One header field (or the visible part of the payload) as a focusable group. */
function fieldGroup(f, bytes, shownBits, steps, frame) {
  const cls = colourClass(f.name);
  const label = fieldLabel(f);
  const desc = t('diagram.field.desc', { label, value: spokenValue(f), place: place(f), meaning: fieldMeaning(f, frame) });
  const g = s('g', {
    class: `field ${cls}`, 'data-fields': f.name, tabindex: 0, role: 'img',
    'aria-roledescription': t('diagram.field'), 'aria-label': desc,
  }, s('title', {}, desc));
  const len = Math.min(f.bit_length, shownBits);
  const parts = pieces(f.bit_offset, len);
  const byteCells = f.name === 'websocket.masking_key' || f.name === 'websocket.payload';
  parts.forEach((p, idx) => {
    const x = X(p.col), y = Y(p.row), w = p.n * BIT;
    g.append(s('rect', { class: 'box', x: x + 1, y: y + 1, width: w - 2, height: ROW - 2, rx: 3 }));
    if (p.n === 1) {
      // One-bit fields: the label letters stacked, as the RFC writes F/I/N.
      [...f.label].forEach((ch, j) => g.append(s('text', { class: 'label stack', x: x + BIT / 2, y: y + 18 + j * 14 }, ch)));
      g.append(s('text', { class: 'bit1', x: x + BIT / 2, y: y + ROW - 14 }, String(bitAt(bytes, p.start))));
      return;
    }
    const text = idx === 0 ? label : t('diagram.continued', { label });
    g.append(s('text', { class: 'label', x: x + w / 2, y: y + 20 }, fit(text, w)));
    g.append(bitsRow(bytes, p, y + 48, y + ROW - 1));
    if (byteCells) {
      for (let b = p.start; b < p.start + p.n; b += 8) {
        const bi = b >> 3;
        const cx = X(b % COLS);
        if (b > p.start) g.append(s('line', { class: 'sep', x1: cx, x2: cx, y1: y + 28, y2: y + ROW - 1 }));
        g.append(byteValue(f, bi, bytes, steps, cx, y));
      }
    } else if (idx === parts.length - 1 || parts.length === 1) {
      g.append(s('text', { class: 'value', x: x + w / 2, y: y + 76 }, fitFirst([valueText(f), shortValue(f)], w)));
    }
  });
  return g;
}

/** Under a key or payload byte: its hex, and for payload what it unmasks to. */
function byteValue(f, bi, bytes, steps, cx, y) {
  const attrs = { class: 'value', x: cx + 4 * BIT, y: y + 76 };
  if (f.name === 'websocket.masking_key') {
    const k = bi - f.bit_offset / 8;
    return s('g', { class: 'keybyte', 'data-key': k },
      s('rect', { class: 'keycell', x: cx + 2, y: y + 58, width: 8 * BIT - 4, height: 28, rx: 3 }),
      s('text', attrs, `key[${k}] = ${hex2(bytes[bi])}`));
  }
  const i = bi - f.bit_offset / 8;
  const st = steps[i];
  const wire = hex2(bytes[bi]);
  if (!st) return s('text', attrs, `${wire}  ${shown(printable(bytes[bi]))}`);
  // What byte i unmasks to is a tspan of its own, so that presentation's
  // reveal (style.css) shows it only once the unmask steps reach it.
  return s('g', { class: 'paybyte', 'data-pi': i },
    s('rect', { class: 'keycell', x: cx + 2, y: y + 58, width: 8 * BIT - 4, height: 28, rx: 3 }),
    s('text', attrs, `${wire} `, s('tspan', { class: 'rv', 'data-i': i }, `→ ${hex2(st.result)} ${shown(st.char)}`)));
}

const printable = (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '');
const shown = (ch) => (ch ? `'${ch}'` : '·');

function valueText(f) {
  switch (f.name) {
    case 'websocket.fin': case 'websocket.rsv1': case 'websocket.rsv2': case 'websocket.rsv3': case 'websocket.mask':
      return f.value;
    case 'websocket.opcode': return `${f.value} · ${opcodeName(Number(f.value))}`;
    case 'websocket.payload_length':
      if (f.value === '126') return t('diagram.len.126');
      if (f.value === '127') return t('diagram.len.127');
      return tn('chip.bytes', Number(f.value), { n: f.value });
    case 'websocket.payload_length_ext_16': case 'websocket.payload_length_ext_64':
      return tn('chip.bytes', Number(f.value), { n: num(Number(f.value)) });
    case 'websocket.payload': return tn('chip.bytes', f.bit_length / 8, { n: num(f.bit_length / 8) });
    case 'websocket.payload.close.status_code': return `${f.value} · ${closeName(Number(f.value))}`;
    default: return f.value || f.display;
  }
}

/** The value as a screen reader says it: a flag as "1 (True)", the opcode as "1 (text)". */
function spokenValue(f) {
  if (f.bit_length === 1) return `${f.value} (${t(`value.${f.value === '1' ? 'true' : 'false'}`)})`;
  if (f.name === 'websocket.opcode') return `${f.value} (${opcodeName(Number(f.value))})`;
  return valueText(f);
}

/** The value in fewer words, for narrow boxes: the opcode's or close code's name alone. */
function shortValue(f) {
  if (f.name === 'websocket.opcode') return opcodeName(Number(f.value));
  if (f.name === 'websocket.payload.close.status_code') return f.value;
  return valueText(f);
}

/** The first of texts that fits a box of width w, or the last one shortened. */
function fitFirst(texts, w) {
  for (const x of texts) if (fit(x, w) === x) return x;
  return fit(texts[texts.length - 1], w);
}

/** Shortens text that would overflow a box of width w (Japanese characters count about twice). */
function fit(text, w) {
  const room = w - 10;
  const width = (ch) => (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 15 : 8.5);
  let used = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    used += width(chars[i]);
    if (used > room) return `${chars.slice(0, Math.max(1, i - 1)).join('')}…`;
  }
  return text;
}

/**
 * Draws the frame.
 * @param {FrameDetail} d
 * @param {{cols?: number}} [o] bits a row: 32 as the RFC draws it, or 16 or 8 on narrow screens
 * @returns {SVGSVGElement}
 */
export function diagram(d, o = {}) {
  COLS = o.cols === 16 || o.cols === 8 ? o.cols : 32;
  const width = widthFor(COLS);
  const bytes = fromHex(d.bytes);
  const hdrBits = d.header_length * 8;
  const payloadBytes = Math.max(0, bytes.length - d.header_length);
  // Payload: to the end of the header's last row, then one more full row.
  const toRowEnd = (COLS - (hdrBits % COLS)) % COLS;
  const shownPayloadBits = Math.min(payloadBytes * 8, toRowEnd + COLS || COLS);
  const closeFields = d.fields.some((f) => f.name.startsWith('websocket.payload.close'));
  const lastBit = closeFields ? Math.max(...d.fields.map((f) => f.bit_offset + f.bit_length)) : hdrBits + shownPayloadBits;
  const rows = Math.ceil(lastBit / COLS) || 1;
  const more = closeFields ? 0 : d.frame.payload_length - shownPayloadBits / 8;
  const height = TOP + rows * ROW + (more > 0 ? MORE : 0) + 8;
  const svg = /** @type {SVGSVGElement} */ (s('svg', {
    class: 'diagram', viewBox: `0 0 ${width} ${height}`, width, height, 'data-part': 'diagram', 'data-cols': COLS,
    role: 'group', 'aria-label': t('diagram.label', { i: d.frame.index }),
  }));
  svg.append(s('rect', { class: 'bg', x: 0, y: 0, width, height }));
  svg.append(ruler());
  for (let r = 0; r < rows; r++) {
    svg.append(s('text', { class: 'offset', x: GUT - 10, y: Y(r) + ROW / 2 + 4 }, `+${(r * COLS) / 8}`));
  }
  for (const f of d.fields) {
    if (f.name === 'websocket.payload') {
      if (shownPayloadBits > 0) svg.append(fieldGroup(f, bytes, shownPayloadBits, d.steps, d.frame));
    } else {
      svg.append(fieldGroup(f, bytes, f.bit_length, d.steps, d.frame));
    }
  }
  if (more > 0) {
    const y = Y(rows);
    const long = tn('diagram.more', more, { n: num(more) }) + (d.frame.missing ? t('diagram.more.missing', { n: num(d.frame.missing) }) : '');
    const text = fitFirst([long, tn('diagram.more.short', more, { n: num(more) })], COLS * BIT);
    svg.append(s('g', { class: 'field c-pay more', 'data-fields': 'websocket.payload' },
      s('rect', { class: 'box dashed', x: X(0) + 1, y: y + 1, width: COLS * BIT - 2, height: MORE - 2, rx: 3 }),
      s('text', { class: 'label', x: X(COLS / 2), y: y + MORE / 2 + 5 }, text)));
  }
  return svg;
}

/**
 * The panel under the diagram that explains the focused or hovered field.
 * @param {Field|null} f @param {import('./contract.js').Frame} [frame]
 */
export function describe(f, frame) {
  if (!f || !frame) return h('p', { class: 'hint' }, t('diagram.hint'));
  return h('div', { class: 'field-desc' },
    h('strong', {}, fieldLabel(f)), ' ',
    h('span', { class: 'muted' }, place(f)), ' ',
    f.bit_length <= 64 && f.bits ? h('code', {}, f.bits) : null, ' ',
    h('span', {}, `= ${valueText(f)}`),
    h('p', {}, fieldMeaning(f, frame)));
}
