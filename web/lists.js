// lists.js: the frame list and the message list. Rows are virtualised: only
// those in view exist in the DOM, so a capture with hundreds of thousands of
// frames scrolls as fast as a paste with two. A list is one tab stop (a
// listbox); Up/Down/PageUp/PageDown/Home/End choose a row.

import { h, vis, visibleString } from './dom.js';
import { fromHex, hex2 } from './fields.js';
import { closeName, explain, num, opcodeName, problemText, t, tn } from './i18n.js';
import { readingViews } from './reading.js';

/** @typedef {import('./contract.js').Frame} Frame */
/** @typedef {import('./contract.js').Message} Message */

const arrow = (from) => t(`dir.${from}.short`);
const dirLabel = (from) => t(`dir.${from}`);

/** A short preview: text as text, binary as hex. */
export function preview(hex, opcode, max = 48) {
  const b = fromHex(hex.slice(0, max * 8));
  if (opcode === 8) {
    if (b.length < 2) return t('list.close.nocode');
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
  if (ctl > 2) return true;
  // Bytes that are not UTF-8 (compressed data, say), allowing for a character cut at the end.
  const bad = new TextDecoder().decode(b.subarray(0, 64)).split('\uFFFD').length - 1;
  return bad > 1;
}

function clip(t, max) {
  const one = t.replace(/[\u0000-\u001f\u007f]/g, '·');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Seconds since the epoch of an RFC 3339 time, as [whole seconds, fraction]. */
export function seconds(t) {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(t || '');
  if (!m) return null;
  return [Date.parse(m[1] + m[3]) / 1000, Number(`0.${m[2] || '0'}`)];
}

/** "+1.234567": t relative to t0 (both RFC 3339), in seconds, with digits decimals. */
export function relTime(t, t0, digits = 6) {
  const a = seconds(t);
  const b = seconds(t0);
  if (!a || !b) return '';
  const d = (a[0] - b[0]) + (a[1] - b[1]);
  return `${d < 0 ? '−' : '+'}${Math.abs(d).toFixed(digits)}`;
}

const absTime = (t) => (t ? t.replace('T', ' ').replace('Z', ' UTC') : '');
/** A flag as a pill: filled when set, outlined when clear; the title says which in words. */
const flag = (on, text, yes, no) => h('abbr', { title: t(on ? yes : no), class: on ? 'on' : 'off', 'aria-label': t(on ? yes : no) }, text);

/**
 * One frame row. Its time and packet columns are hidden by CSS for pastes.
 * @param {Frame} f @param {string} [t0] the time the relative times count from
 * @param {string} [t0Label] what that time is, in words
 */
export function frameRow(f, t0, t0Label = t('list.t0.frame')) {
  const v = f.violations.length;
  return [
    h('span', { class: 'col-idx' }, String(f.index)),
    h('span', { class: 'col-time', title: f.time ? t('list.time.title', { abs: absTime(f.time), rel: relTime(f.time, t0 || f.time), from: t0Label }) : null }, f.time ? relTime(f.time, t0 || f.time, 3) : ''),
    h('span', { class: 'col-pkt', title: f.packet ? t('list.pkt.title', { n: f.packet }) : null }, f.packet ? String(f.packet) : ''),
    h('span', { class: 'col-conn', title: f.connection != null ? t('list.conn.title', { n: f.connection }) : null }, f.connection != null ? String(f.connection) : ''),
    h('span', { class: `col-dir ${f.from}`, title: dirLabel(f.from) }, arrow(f.from)),
    h('span', { class: 'col-op', title: opcodeName(f.opcode) }, opcodeName(f.opcode)),
    h('span', { class: 'col-len' }, String(f.payload_length)),
    h('span', { class: 'col-flags' },
      flag(f.fin, 'FIN', 'flag.fin.1', 'flag.fin.0'), ' ',
      flag(f.rsv1, 'RSV1', 'flag.rsv1.1', 'flag.rsv1.0'), ' ',
      flag(f.masked, 'MASK', 'flag.mask.1', 'flag.mask.0')),
    h('span', { class: `col-viol${v ? ' has' : ''}`, title: tn('list.viol', v) }, v ? `⚠ ${v}` : '—'),
    textCell(preview(f.payload, f.opcode, PREVIEW_CHARS)),
  ];
}

/** Characters of text a row keeps: more than the widest list shows; the cell ends in "…" where it is cut. */
const PREVIEW_CHARS = 160;

/** The preview cell, its whole text also in a tooltip. */
const textCell = (text) => h('span', { class: 'col-prev', title: visibleString(text) }, vis(text));

/** One message row. @param {Message} m */
export function messageRow(m) {
  const text = m.close_code != null
    ? `${m.close_code} ${closeName(m.close_code, m.close_name)}${m.close_reason ? `: ${clip(m.close_reason, 80)}` : ''}`
    : m.text != null ? clip(m.text, PREVIEW_CHARS) : preview(m.data, m.opcode, PREVIEW_CHARS);
  const nf = m.frames_total ?? m.frames.length;
  const frames = tn('list.nframes', nf);
  const bad = problemText(m) || (m.violations && m.violations[0] && explain('viol', m.violations[0]));
  return [
    h('span', { class: 'col-idx' }, String(m.index)),
    h('span', { class: `col-dir ${m.from}`, title: dirLabel(m.from) }, arrow(m.from)),
    h('span', { class: 'col-op', title: opcodeName(m.opcode) }, opcodeName(m.opcode)),
    h('span', { class: 'col-len' }, String(m.length)),
    h('span', { class: `col-flags${m.complete ? '' : ' has'}`, title: m.complete ? '' : t('list.incomplete.title') }, m.complete ? frames : t('list.incomplete', { frames })),
    h('span', { class: 'col-prev', title: visibleString(text) },
      bad ? h('span', { class: 'mnote problem', title: visibleString(bad) }, vis(`⚠ ${bad}`)) : null,
      m.compressed && !bad ? h('span', { class: 'mnote', title: t('list.inflated.title') }, t('list.inflated', { n: num(m.compressed_length ?? 0) })) : null,
      m.reading && readingViews() ? readingViews().readingBadge(m.reading) : null,
      vis(text)),
  ];
}

/** A row whose data has not arrived from the worker yet. */
export function loadingRow(i) {
  return [h('span', { class: 'col-idx' }, String(i)), h('span', { class: 'col-loading muted' }, t('list.loading'))];
}

/** Beyond this height the list scrolls a scaled spacer (browsers cap an element near 33 million pixels). */
const MAX_PX = 4_000_000;

/**
 * A virtualised listbox. row(i) may return null while the row's data is
 * on its way; refresh() draws again when it has come.
 * label and head are catalog keys; part names the listbox for tests (data-part).
 * @param {{id: string, label: string, head: string[], cls: string, part?: string,
 *   count: number, row: (i: number) => (Node|null)[]|null, rowLabel: (i: number) => string,
 *   onSelect: (i: number) => void, beforeDraw?: () => void, selected?: number}} o
 */
export function virtualList(o) {
  let count = o.count;
  let selected = o.selected ?? -1;
  let rowH = 30;
  const spacer = h('div', { class: 'vspacer' });
  const box = h('div', { class: `vlist ${o.cls}`, role: 'listbox', tabindex: 0, 'data-i18n-attr': `aria-label=${o.label}`, 'aria-label': t(o.label), id: o.id, 'data-part': o.part || null }, spacer);
  const head = h('div', { class: `vhead ${o.cls}`, 'aria-hidden': 'true' }, o.head.map((k) => h('span', { 'data-i18n': k }, t(k))));
  const el = h('div', { class: 'vwrap' }, head, box);

  // The box's largest height (its max-height, 0 for none): a short list's
  // box grows up to it as rows come, and rows are drawn to fill it.
  let maxH = 0;
  function measure() {
    const style = getComputedStyle(box);
    const v = Number.parseFloat(style.getPropertyValue('--row-h'));
    if (v > 0) rowH = v * Number.parseFloat(getComputedStyle(document.documentElement).fontSize || '16') / 16;
    maxH = Number.parseFloat(style.maxHeight) || 0;
  }

  // The box's height and scroll position as last seen or set, so that
  // drawing reads no layout (issue 24). Unseen or hidden: 400 px of rows.
  let height = 0;
  let scrolled = 0;
  const viewH = () => height || 400;
  // The list's full height and the spacer's: equal unless the list is too
  // tall, when scrollTop maps linearly onto the full height.
  const fullH = () => count * rowH;
  const spacerH = () => Math.min(fullH(), MAX_PX);
  const scale = () => (fullH() <= MAX_PX ? 1 : (fullH() - viewH()) / Math.max(1, MAX_PX - viewH()));
  const top = () => scrolled * scale(); // where the view starts in the full height
  const scrollToTop = (t) => { box.scrollTop = scrolled = Math.max(0, Math.min(t / scale(), spacerH() - viewH())); };

  // The rows to draw for the view: those in it, or in the box grown to its
  // largest height, and five either side.
  const span = (t = top()) => [Math.max(0, Math.floor(t / rowH) - 5), Math.min(count, Math.ceil((t + Math.max(viewH(), maxH)) / rowH) + 5)];
  let drawn = [0, 0]; // the rows drawn last

  function draw() {
    o.beforeDraw?.();
    spacer.style.height = `${spacerH()}px`;
    const t = top();
    const [first, last] = span(t);
    drawn = [first, last];
    const rows = [];
    for (let i = first; i < last; i++) {
      const cells = o.row(i);
      const r = h('div', {
        class: `vrow${i === selected ? ' sel' : ''}${cells ? '' : ' loading'}`, role: 'option', id: `${o.id}-${i}`, 'data-i': i,
        'aria-selected': String(i === selected), 'aria-posinset': i + 1, 'aria-setsize': count, 'aria-label': o.rowLabel(i),
      }, cells);
      r.style.transform = `translateY(${i * rowH - t + scrolled}px)`;
      r.style.height = `${rowH}px`;
      rows.push(r);
    }
    spacer.replaceChildren(...rows);
    if (selected >= 0 && selected < count) box.setAttribute('aria-activedescendant', `${o.id}-${selected}`);
    else box.removeAttribute('aria-activedescendant');
  }

  /** Selects row i, scrolled into view unless scroll is false; drawn again only when that changes anything. */
  function select(i, scroll = true) {
    if (!count) return;
    const was = selected;
    selected = Math.max(0, Math.min(count - 1, i));
    let moved = false;
    if (scroll) {
      const y = selected * rowH;
      const t = top();
      moved = y < t || y + rowH > t + viewH();
      if (y < t) scrollToTop(y);
      else if (moved) scrollToTop(y + rowH - viewH());
    }
    if (selected !== was || moved) draw();
  }

  let queued = false;
  const drawSoon = () => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; draw(); }); } };
  box.addEventListener('scroll', () => { scrolled = box.scrollTop; drawSoon(); });
  // Rows are drawn again whenever their data comes or the list scrolls, so
  // the row a press began on may be gone by its release, and Chromium then
  // sends no click at all: a release on the row pressed (or on the row drawn
  // in its place) chooses it, and the click that may follow is not counted
  // twice. A click alone (from a script) chooses too.
  const rowOf = (/** @type {EventTarget|null} */ target) => {
    const r = /** @type {HTMLElement|null} */ ((/** @type {Element} */ (target)).closest?.('.vrow'));
    return r ? Number(r.dataset.i) : -1;
  };
  const choose = (/** @type {number} */ i) => { select(i, false); o.onSelect(selected); };
  let pressed = -1;
  let chosen = false;
  box.addEventListener('pointerdown', (ev) => { pressed = rowOf(ev.target); chosen = false; });
  box.addEventListener('pointerup', (ev) => {
    if (pressed >= 0 && rowOf(ev.target) === pressed) {
      choose(pressed);
      chosen = true;
      setTimeout(() => { chosen = false; }, 0); // the click, if one comes, comes before this
    }
    pressed = -1;
  });
  box.addEventListener('click', (ev) => {
    if (chosen) { chosen = false; return; }
    const i = rowOf(ev.target);
    if (i >= 0) choose(i);
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
  // Resized: drawn again when the rows drawn no longer cover the view, the
  // rows' height changed, or the list is too tall for its height in pixels
  // (where the view's height moves every row); not when the box only
  // settled at a height the rows drawn cover, as when a new list is first
  // laid out (a second drawing in that frame, issue 24).
  new ResizeObserver((seen) => {
    height = seen[seen.length - 1].contentRect.height;
    const was = rowH;
    measure();
    const [first, last] = span();
    if (rowH !== was || fullH() > MAX_PX || first < drawn[0] || last > drawn[1]) draw();
  }).observe(box);
  measure();
  draw();
  return {
    el,
    select,
    refresh: drawSoon,
    /** A new list of n rows, row sel selected (and scrolled to), drawn once. */
    update(n, sel = -1) {
      count = n;
      selected = -1;
      if (scrolled) box.scrollTop = 0;
      scrolled = 0;
      if (sel >= 0 && n) select(sel); else draw();
    },
    get selected() { return selected; },
    get count() { return count; },
  };
}
