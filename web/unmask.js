// unmask.js: the XOR unmask of RFC 6455 section 5.3, one byte at a time.
// Position p counts the payload bytes unmasked so far (0..n). Each step
// shows the masked byte, the key byte, both in binary, their XOR in binary
// and hex and the character it makes; the text grows underneath.
// Returns {el, go, key, stop}: the element and its controls; onStep tells
// the page which key byte and payload byte to light up elsewhere.

import { h, replace, s, vis } from './dom.js';
import { bin8, hex2 } from './fields.js';
import { num, t } from './i18n.js';

/** @typedef {import('./contract.js').FrameDetail} FrameDetail */
/** @typedef {import('./contract.js').UnmaskStep} UnmaskStep */

/**
 * @param {FrameDetail} d
 * @param {{start?: number, onStep?: (p: number, step: UnmaskStep|null, user: boolean) => void}} [opts]
 */
export function unmask(d, opts = {}) {
  const f = d.frame;
  if (!f.masked) {
    const el = h('div', { class: 'unmask unmasked' },
      h('p', {}, h('strong', {}, t('unmask.none')), ' ', t(f.from === 'server' ? 'unmask.none.server' : 'unmask.none.client')));
    return { el, go() {}, key() { return false; }, stop() {} };
  }
  const steps = d.steps;
  const n = steps.length;
  const result = new Uint8Array(steps.map((st) => st.result));
  let p = Math.max(0, Math.min(n, opts.start ?? 0));
  let timer = 0;

  const count = h('span', { class: 'count', 'aria-live': 'polite' });
  const card = h('div', { class: 'xor' });
  const text = h('p', { class: 'grown', 'aria-label': t('unmask.sofar') });
  const speed = /** @type {HTMLInputElement} */ (h('input', { type: 'range', min: 1, max: 30, value: 6, 'aria-label': t('unmask.speed.label') }));
  const playLabel = h('span', {}, t('unmask.play'));
  const playBtn = h('button', { type: 'button', class: 'play', 'aria-pressed': 'false', title: t('unmask.play.title'), onclick: () => toggle() }, icon('play'), playLabel);
  const btn = (name, key, fn) => h('button', { type: 'button', class: `step-${name}`, title: t(key), 'aria-label': t(key), onclick: fn }, icon(name));
  const controls = h('div', { class: 'controls', role: 'toolbar', 'aria-label': t('unmask.toolbar') },
    btn('start', 'unmask.start', () => go(0)),
    btn('prev', 'unmask.prev', () => go(p - 1)),
    playBtn,
    btn('next', 'unmask.next', () => go(p + 1)),
    btn('end', 'unmask.end', () => go(n)),
    h('label', { class: 'speed' }, t('unmask.speed'), ' ', speed),
    count);
  const el = h('div', { class: 'unmask', tabindex: 0, 'aria-label': t('unmask.label') },
    controls, card, text);
  el.addEventListener('keydown', (ev) => { if (ev.target === el && key(ev)) ev.preventDefault(); });
  speed.addEventListener('input', () => { if (timer) { stop(); toggle(); } });

  function go(to) {
    p = Math.max(0, Math.min(n, to));
    if (p === n) stop();
    render();
  }

  function toggle() {
    if (timer) { stop(); return; }
    if (p === n) p = 0;
    playLabel.textContent = t('unmask.pause');
    playBtn.replaceChild(icon('pause'), playBtn.firstChild);
    playBtn.setAttribute('aria-pressed', 'true');
    timer = window.setInterval(() => go(p + 1), 1000 / Number(speed.value));
    go(p + 1);
  }

  function stop() {
    if (timer) window.clearInterval(timer);
    timer = 0;
    playLabel.textContent = t('unmask.play');
    playBtn.replaceChild(icon('play'), playBtn.firstChild);
    playBtn.setAttribute('aria-pressed', 'false');
  }

  /** Handles a step key; true when it was one. @param {KeyboardEvent} ev */
  function key(ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return false;
    switch (ev.key) {
      case 'ArrowLeft': go(p - 1); return true;
      case 'ArrowRight': go(p + 1); return true;
      case 'Home': go(0); return true;
      case 'End': go(n); return true;
      case ' ': toggle(); return true;
      default: return false;
    }
  }

  /** @param {boolean} [user] false for the first drawing, which no one asked to see */
  function render(user = true) {
    const st = p > 0 ? steps[p - 1] : null;
    count.textContent = t('unmask.count', { p: num(p), n: num(n) }) + (d.steps_total > n ? t('unmask.count.first', { n: num(n), total: num(d.steps_total) }) : '');
    replace(card, st ? xorCard(st) : h('p', { class: 'hint' }, t(n ? 'unmask.intro' : 'unmask.empty', { n: num(n), key: f.mask_key })));
    for (const b of controls.querySelectorAll('button')) /** @type {HTMLButtonElement} */ (b).disabled = n === 0;
    const done = new TextDecoder().decode(result.subarray(0, p), { stream: true });
    const rest = n - p;
    replace(text, h('span', { class: 'done' }, vis(done)), h('span', { class: 'caret', 'aria-hidden': 'true' }),
      rest > 0 ? h('span', { class: 'rest', 'aria-hidden': 'true' }, '•'.repeat(Math.min(rest, 200))) : null);
    opts.onStep?.(p, st, user);
  }

  render(false);
  return { el, go, key, stop, get position() { return p; } };
}

const ICONS = {
  start: 'M4 3h2v10H4zM13 3v10L7 8z',
  prev: 'M11 3v10L5 8z',
  next: 'M5 3v10l6-5z',
  end: 'M10 3h2v10h-2zM3 3v10l6-5z',
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
};

/** A small icon drawn in SVG (no icon font needed). */
function icon(name) {
  return s('svg', { class: 'icon', viewBox: '0 0 16 16', width: 14, height: 14, 'aria-hidden': 'true', focusable: 'false' },
    s('path', { d: ICONS[name] }));
}

/** The XOR of one byte, bit by bit. @param {UnmaskStep} st */
function xorCard(st) {
  const row = (name, v, extra, cls) => h('div', { class: `xrow ${cls}` },
    h('span', { class: 'xname' }, name),
    h('code', { class: 'xbin' }, bin8(v).replace(/(....)/, '$1 ')),
    h('code', { class: 'xhex' }, hex2(v)),
    h('span', { class: 'xextra' }, extra));
  return h('div', { class: 'xorcard' },
    row(`payload[${st.i}]`, st.masked, t('unmask.wire'), 'x-masked'),
    row(`XOR key[${st.key_index}]`, st.key, `${st.i} mod 4 = ${st.key_index}`, 'x-key'),
    row('=', st.result, st.char ? `'${st.char}'` : printable(st.result), 'x-result'));
}

const printable = (b) => (b < 0x20 ? t('unmask.control', { hex: hex2(b) }) : b >= 0x80 ? t('unmask.utf8part') : `0x${hex2(b)}`);

