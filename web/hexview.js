// hexview.js: the frame's bytes as on the wire, 16 to a row, with an offset
// column and an ASCII column, each byte coloured like its field in the
// diagram and tagged with data-fields so the two can light each other up.
// One tab stop; the arrow keys move between bytes (roving tabindex). A big
// frame is shown a page at a time (PAGE bytes), so a 64 KiB frame draws 32
// rows, not 4,096; the unmask steps turn the page to the byte they explain.

import { h, replace } from './dom.js';
import { colourClass, fieldsPerByte, fromHex, hex2, mainField } from './fields.js';
import { fieldLabel, num, t } from './i18n.js';

/** @typedef {import('./contract.js').FrameDetail} FrameDetail */

const PER_ROW = 16;
export const PAGE = 512;

const ascii = (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/**
 * @param {FrameDetail} d
 * @returns {{el: HTMLElement, show: (i: number) => void, get page(): number}}
 */
export function hexview(d) {
  const bytes = fromHex(d.bytes);
  const labels = new Map(d.fields.map((f) => [f.name, fieldLabel(f)]));
  const pages = Math.max(1, Math.ceil(bytes.length / PAGE));
  let page = 0;
  let focusAt = -1; // the byte to focus after a page turn made by the keyboard

  const grid = h('div', { class: 'hexgrid', role: 'group', 'aria-label': t('hex.label') });
  const where = h('span', { class: 'hpage-at', 'aria-live': 'polite' });
  const btn = (key, fn) => h('button', { type: 'button', class: 'small', onclick: fn }, t(key));
  const prev = btn('hex.prev', () => turn(page - 1));
  const next = btn('hex.next', () => turn(page + 1));
  const nav = pages > 1 ? h('div', { class: 'hpager', role: 'group', 'aria-label': t('hex.pages') }, btn('hex.first', () => turn(0)), prev, where, next, btn('hex.last', () => turn(pages - 1))) : null;

  function draw() {
    const lo = page * PAGE;
    const hi = Math.min(bytes.length, lo + PAGE);
    const per = fieldsPerByte(d.fields, hi);
    const rows = [];
    for (let r = lo; r < hi; r += PER_ROW) {
      const hexCells = [];
      const asciiCells = [];
      for (let i = r; i < Math.min(r + PER_ROW, hi); i++) {
        const main = mainField(d.fields, i);
        const cls = colourClass(main ? main.name : 'websocket.payload');
        const names = per[i].join(' ');
        const what = per[i].map((n) => labels.get(n)).join(', ');
        hexCells.push(h('span', {
          class: `hb ${cls}${i === d.header_length ? ' first-payload' : ''}`, 'data-fields': names, 'data-i': i,
          tabindex: i === (focusAt >= lo && focusAt < hi ? focusAt : lo) ? 0 : -1, 'aria-label': t('hex.byte', { i, hex: hex2(bytes[i]), what }),
        }, hex2(bytes[i])));
        asciiCells.push(h('span', { class: `ha ${cls}`, 'data-fields': names, 'data-i': i, 'aria-hidden': 'true' }, ascii(bytes[i])));
      }
      rows.push(h('div', { class: 'hexrow' },
        h('span', { class: 'hoff', 'aria-hidden': 'true' }, r.toString(16).padStart(4, '0')),
        h('span', { class: 'hbytes' }, hexCells),
        h('span', { class: 'hascii' }, asciiCells)));
    }
    replace(grid, rows);
    where.textContent = t('hex.page', { a: num(lo), b: num(Math.max(lo, hi - 1)), n: num(bytes.length), p: page + 1, pages });
    prev.toggleAttribute('disabled', page === 0);
    next.toggleAttribute('disabled', page === pages - 1);
    if (focusAt >= 0) {
      /** @type {HTMLElement|null} */ (grid.querySelector(`.hb[data-i="${focusAt}"]`))?.focus();
      focusAt = -1;
    }
  }

  /** @param {number} p */
  function turn(p) {
    const to = Math.max(0, Math.min(pages - 1, p));
    if (to === page) return;
    page = to;
    draw();
  }

  grid.addEventListener('keydown', (ev) => {
    const cur = /** @type {HTMLElement} */ (ev.target);
    if (!cur.classList || !cur.classList.contains('hb')) return;
    const i = Number(cur.dataset.i);
    const n = bytes.length;
    const to = { ArrowLeft: i - 1, ArrowRight: i + 1, ArrowUp: i - PER_ROW, ArrowDown: i + PER_ROW, Home: 0, End: n - 1, PageUp: i - PAGE, PageDown: i + PAGE }[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    ev.stopPropagation();
    const j = Math.max(0, Math.min(n - 1, to));
    if (Math.floor(j / PAGE) !== page) {
      focusAt = j;
      page = Math.floor(j / PAGE);
      draw();
      return;
    }
    const el = /** @type {HTMLElement|null} */ (grid.querySelector(`.hb[data-i="${j}"]`));
    if (!el) return;
    cur.tabIndex = -1;
    el.tabIndex = 0;
    el.focus();
  });

  draw();
  const notes = d.bytes_truncated ? h('p', { class: 'note' }, t('hex.truncated', { n: num(bytes.length) })) : null;
  return {
    el: h('div', { class: 'hexview' }, nav, grid, notes),
    /** Turns to the page that holds byte i. */
    show(i) { if (i >= 0 && i < bytes.length) turn(Math.floor(i / PAGE)); },
    get page() { return page; },
  };
}
