// hexview.js: the frame's bytes as on the wire, 16 to a row, with an offset
// column and an ASCII column, each byte coloured like its field in the
// diagram and tagged with data-fields so the two can light each other up.
// One tab stop; the arrow keys move between bytes (roving tabindex).

import { h } from './dom.js';
import { colourClass, fieldsPerByte, fromHex, hex2, mainField } from './fields.js';

/** @typedef {import('./contract.js').FrameDetail} FrameDetail */

const PER_ROW = 16;

const ascii = (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/**
 * @param {FrameDetail} d
 * @param {{limit?: number, onMore?: () => void}} [opts]
 * @returns {HTMLElement}
 */
export function hexview(d, opts = {}) {
  const all = fromHex(d.bytes);
  const limit = opts.limit || 4096;
  const bytes = all.subarray(0, limit);
  const per = fieldsPerByte(d.fields, bytes.length);
  const labels = new Map(d.fields.map((f) => [f.name, f.label]));
  const grid = h('div', { class: 'hexgrid', role: 'group', 'aria-label': 'Frame bytes in hex; arrow keys move between bytes' });
  for (let r = 0; r < bytes.length; r += PER_ROW) {
    const hexCells = [];
    const asciiCells = [];
    for (let i = r; i < Math.min(r + PER_ROW, bytes.length); i++) {
      const main = mainField(d.fields, i);
      const cls = colourClass(main ? main.name : 'websocket.payload');
      const names = per[i].join(' ');
      const where = per[i].map((n) => labels.get(n)).join(', ');
      hexCells.push(h('span', {
        class: `hb ${cls}${i === d.header_length ? ' first-payload' : ''}`, 'data-fields': names, 'data-i': i,
        tabindex: i === 0 ? 0 : -1, 'aria-label': `byte ${i}: ${hex2(bytes[i])}, ${where}`,
      }, hex2(bytes[i])));
      asciiCells.push(h('span', { class: `ha ${cls}`, 'data-fields': names, 'data-i': i, 'aria-hidden': 'true' }, ascii(bytes[i])));
    }
    grid.append(h('div', { class: 'hexrow' },
      h('span', { class: 'hoff', 'aria-hidden': 'true' }, r.toString(16).padStart(4, '0')),
      h('span', { class: 'hbytes' }, hexCells),
      h('span', { class: 'hascii' }, asciiCells)));
  }
  grid.addEventListener('keydown', (ev) => move(grid, ev));
  const notes = [];
  if (all.length > bytes.length) {
    notes.push(h('p', { class: 'note' }, `Showing the first ${bytes.length} of ${all.length} bytes. `,
      opts.onMore ? h('button', { type: 'button', class: 'link', onclick: opts.onMore }, 'Show all') : null));
  }
  if (d.bytes_truncated) notes.push(h('p', { class: 'note' }, `The frame is longer; only its first ${all.length} bytes were sent to the page.`));
  return h('div', { class: 'hexview' }, grid, notes);
}

function move(grid, ev) {
  const cur = /** @type {HTMLElement} */ (ev.target);
  if (!cur.classList || !cur.classList.contains('hb')) return;
  const i = Number(cur.dataset.i);
  const n = grid.querySelectorAll('.hb').length;
  const to = { ArrowLeft: i - 1, ArrowRight: i + 1, ArrowUp: i - PER_ROW, ArrowDown: i + PER_ROW, Home: 0, End: n - 1 }[ev.key];
  if (to === undefined) return;
  ev.preventDefault();
  ev.stopPropagation();
  const next = /** @type {HTMLElement|null} */ (grid.querySelector(`.hb[data-i="${Math.max(0, Math.min(n - 1, to))}"]`));
  if (!next) return;
  cur.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}
