// lists.js: the frame list and the message list. Rows are virtualised: only
// those in view exist in the DOM, so a capture with hundreds of thousands of
// frames scrolls as fast as a paste with two. A list is one tab stop (a
// listbox); Up/Down/PageUp/PageDown/Home/End choose a row.

import { h } from './dom.js';
import { fromHex, hex2 } from './fields.js';

/** @typedef {import('./contract.js').Frame} Frame */
/** @typedef {import('./contract.js').Message} Message */

const arrow = (from) => (from === 'client' ? 'C → S' : 'S → C');
const dirLabel = (from) => (from === 'client' ? 'client to server' : 'server to client');

/** A short preview: text as text, binary as hex. */
export function preview(hex, opcode, max = 48) {
  const b = fromHex(hex.slice(0, max * 8));
  if (opcode === 8) {
    if (b.length < 2) return 'close, no code';
    const reason = new TextDecoder().decode(b.subarray(2));
    return `${(b[0] << 8) | b[1]}${reason ? ` ${clip(reason, max)}` : ''}`;
  }
  if (opcode === 2 || opcode === 9 || opcode === 10 || looksBinary(b)) {
    return Array.from(b.subarray(0, Math.ceil(max / 3)), hex2).join(' ') + (b.length > max / 3 ? ' …' : '');
  }
  return clip(new TextDecoder().decode(b), max);
}

function looksBinary(b) {
  let ctl = 0;
  for (const c of b.subarray(0, 64)) if (c < 0x09 || (c > 0x0d && c < 0x20)) ctl++;
  return ctl > 2;
}

function clip(t, max) {
  const one = t.replace(/[\u0000-\u001f\u007f]/g, '·');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

const time = (t) => (t ? t.slice(11, 23) : '');

/** One frame row (its time column is hidden by CSS for pastes). @param {Frame} f */
export function frameRow(f) {
  const v = f.violations.length;
  return [
    h('span', { class: 'col-idx' }, String(f.index)),
    h('span', { class: 'col-time' }, time(f.time)),
    h('span', { class: `col-dir ${f.from}`, title: dirLabel(f.from) }, arrow(f.from)),
    h('span', { class: 'col-op' }, f.opcode_name),
    h('span', { class: 'col-len' }, String(f.payload_length)),
    h('span', { class: 'col-flags' }, h('abbr', { title: f.fin ? 'FIN: final fragment' : 'FIN clear: more fragments follow', class: f.fin ? 'on' : 'off' }, 'FIN'),
      ' ', h('abbr', { title: f.masked ? `masked with ${f.mask_key}` : 'not masked', class: f.masked ? 'on' : 'off' }, 'MASK')),
    h('span', { class: `col-viol${v ? ' has' : ''}`, title: `${v} RFC violation${v === 1 ? '' : 's'}` }, v ? `⚠ ${v}` : '—'),
    h('span', { class: 'col-prev' }, preview(f.payload, f.opcode)),
  ];
}

/** One message row. @param {Message} m */
export function messageRow(m) {
  const text = m.close_code != null
    ? `${m.close_code} ${m.close_name || ''}${m.close_reason ? `: ${m.close_reason}` : ''}`
    : m.text != null ? clip(m.text, 80) : preview(m.data, m.opcode);
  const flags = [m.frames.length > 1 ? `${m.frames.length} frames` : '1 frame', m.compressed ? 'deflate' : '', m.complete ? '' : 'incomplete'].filter(Boolean).join(' · ');
  return [
    h('span', { class: 'col-idx' }, String(m.index)),
    h('span', { class: `col-dir ${m.from}`, title: dirLabel(m.from) }, arrow(m.from)),
    h('span', { class: 'col-op' }, m.opcode_name),
    h('span', { class: 'col-len' }, String(m.length)),
    h('span', { class: `col-flags${m.problem || (m.violations && m.violations.length) ? ' has' : ''}`, title: m.problem || '' }, flags),
    h('span', { class: 'col-prev' }, text),
  ];
}

/**
 * A virtualised listbox.
 * @param {{id: string, label: string, head: string[], cls: string,
 *   count: number, row: (i: number) => (Node|null)[], rowLabel: (i: number) => string,
 *   onSelect: (i: number) => void, selected?: number}} o
 */
export function virtualList(o) {
  let count = o.count;
  let selected = o.selected ?? -1;
  let rowH = 30;
  const spacer = h('div', { class: 'vspacer' });
  const box = h('div', { class: `vlist ${o.cls}`, role: 'listbox', tabindex: 0, 'aria-label': o.label, id: o.id }, spacer);
  const head = h('div', { class: `vhead ${o.cls}`, 'aria-hidden': 'true' }, o.head.map((t) => h('span', {}, t)));
  const el = h('div', { class: 'vwrap' }, head, box);

  function measure() {
    const v = Number.parseFloat(getComputedStyle(box).getPropertyValue('--row-h'));
    if (v > 0) rowH = v * Number.parseFloat(getComputedStyle(document.documentElement).fontSize || '16') / 16;
  }

  function draw() {
    spacer.style.height = `${count * rowH}px`;
    const first = Math.max(0, Math.floor(box.scrollTop / rowH) - 5);
    const last = Math.min(count, Math.ceil((box.scrollTop + (box.clientHeight || 400)) / rowH) + 5);
    const rows = [];
    for (let i = first; i < last; i++) {
      const r = h('div', {
        class: `vrow${i === selected ? ' sel' : ''}`, role: 'option', id: `${o.id}-${i}`, 'data-i': i,
        'aria-selected': String(i === selected), 'aria-posinset': i + 1, 'aria-setsize': count, 'aria-label': o.rowLabel(i),
      }, o.row(i));
      r.style.transform = `translateY(${i * rowH}px)`;
      r.style.height = `${rowH}px`;
      rows.push(r);
    }
    spacer.replaceChildren(...rows);
    if (selected >= 0 && selected < count) box.setAttribute('aria-activedescendant', `${o.id}-${selected}`);
    else box.removeAttribute('aria-activedescendant');
  }

  function select(i, scroll = true) {
    if (!count) return;
    selected = Math.max(0, Math.min(count - 1, i));
    if (scroll) {
      const top = selected * rowH;
      if (top < box.scrollTop) box.scrollTop = top;
      else if (top + rowH > box.scrollTop + box.clientHeight) box.scrollTop = top + rowH - box.clientHeight;
    }
    draw();
  }

  box.addEventListener('scroll', () => requestAnimationFrame(draw));
  box.addEventListener('click', (ev) => {
    const r = /** @type {HTMLElement|null} */ ((/** @type {Element} */ (ev.target)).closest('.vrow'));
    if (r) { select(Number(r.dataset.i), false); o.onSelect(selected); }
  });
  box.addEventListener('keydown', (ev) => {
    const page = Math.max(1, Math.floor(box.clientHeight / rowH) - 1);
    const to = { ArrowDown: selected + 1, ArrowUp: selected - 1, PageDown: selected + page, PageUp: selected - page, Home: 0, End: count - 1 }[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    ev.stopPropagation();
    select(to);
    o.onSelect(selected);
  });
  new ResizeObserver(() => { measure(); draw(); }).observe(box);
  measure();
  draw();
  return {
    el,
    select,
    update(n, sel = -1) { count = n; selected = sel; box.scrollTop = 0; draw(); },
    get selected() { return selected; },
  };
}
