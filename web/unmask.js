// unmask.js: the XOR unmask of RFC 6455 section 5.3, one byte at a time.
// Position p counts the payload bytes unmasked so far (0..n). Each step
// shows the masked byte, the key byte, both in binary, their XOR in binary
// and hex and the character it makes; the text grows underneath.
// Returns {el, go, key, stop}: the element and its controls; onStep tells
// the page which key byte and payload byte to light up elsewhere.

import { h, replace, s, vis } from './dom.js';
import { bin8, hex2 } from './fields.js';

/** @typedef {import('./contract.js').FrameDetail} FrameDetail */
/** @typedef {import('./contract.js').UnmaskStep} UnmaskStep */

/**
 * @param {FrameDetail} d
 * @param {{start?: number, onStep?: (p: number, step: UnmaskStep|null) => void}} [opts]
 */
export function unmask(d, opts = {}) {
  const f = d.frame;
  if (!f.masked) {
    const el = h('div', { class: 'unmask unmasked' },
      h('p', {}, h('strong', {}, 'Nothing to unmask. '),
        `MASK is 0: this ${f.from === 'server' ? 'server' : ''} frame travels as it is, so its payload bytes on the wire are the data. `,
        'Servers never mask what they send (RFC 6455 §5.1); every frame a client sends must be masked.'));
    return { el, go() {}, key() { return false; }, stop() {} };
  }
  const steps = d.steps;
  const n = steps.length;
  const result = new Uint8Array(steps.map((st) => st.result));
  let p = Math.max(0, Math.min(n, opts.start ?? 0));
  let timer = 0;

  const count = h('span', { class: 'count', 'aria-live': 'polite' });
  const card = h('div', { class: 'xor' });
  const text = h('p', { class: 'grown', 'aria-label': 'Unmasked so far' });
  const speed = /** @type {HTMLInputElement} */ (h('input', { type: 'range', min: 1, max: 30, value: 6, 'aria-label': 'Speed in bytes per second' }));
  const playLabel = h('span', {}, 'Play');
  const playBtn = h('button', { type: 'button', class: 'play', 'aria-pressed': 'false', title: 'Play or pause (Space)', onclick: () => toggle() }, icon('play'), playLabel);
  const btn = (name, title, fn) => h('button', { type: 'button', class: `step-${name}`, title, 'aria-label': title, onclick: fn }, icon(name));
  const controls = h('div', { class: 'controls', role: 'toolbar', 'aria-label': 'Unmask steps' },
    btn('start', 'To the start (Home)', () => go(0)),
    btn('prev', 'Previous byte (Left)', () => go(p - 1)),
    playBtn,
    btn('next', 'Next byte (Right)', () => go(p + 1)),
    btn('end', 'To the end (End)', () => go(n)),
    h('label', { class: 'speed' }, 'Speed ', speed),
    count);
  const el = h('div', { class: 'unmask', tabindex: 0, 'aria-label': 'XOR unmask, step by step. Left and Right step, Home and End jump, Space plays.' },
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
    playLabel.textContent = 'Pause';
    playBtn.replaceChild(icon('pause'), playBtn.firstChild);
    playBtn.setAttribute('aria-pressed', 'true');
    timer = window.setInterval(() => go(p + 1), 1000 / Number(speed.value));
    go(p + 1);
  }

  function stop() {
    if (timer) window.clearInterval(timer);
    timer = 0;
    playLabel.textContent = 'Play';
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

  function render() {
    const st = p > 0 ? steps[p - 1] : null;
    count.textContent = `byte ${p} of ${n}${d.steps_total > n ? ` (first ${n} of ${d.steps_total})` : ''}`;
    replace(card, st ? xorCard(st) : h('p', { class: 'hint' },
      `The payload's ${n} bytes are masked with the 4-byte key ${f.mask_key}: byte i is XORed with key[i mod 4]. Press Next (→) to unmask the first byte.`));
    const done = new TextDecoder().decode(result.subarray(0, p), { stream: true });
    const rest = n - p;
    replace(text, h('span', { class: 'done' }, vis(done)), h('span', { class: 'caret', 'aria-hidden': 'true' }),
      rest > 0 ? h('span', { class: 'rest', 'aria-hidden': 'true' }, '•'.repeat(Math.min(rest, 200))) : null);
    opts.onStep?.(p, st);
  }

  render();
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
    row(`payload[${st.i}]`, st.masked, 'as on the wire', 'x-masked'),
    row(`XOR key[${st.key_index}]`, st.key, `${st.i} mod 4 = ${st.key_index}`, 'x-key'),
    row('=', st.result, st.char ? `'${st.char}'` : printable(st.result), 'x-result'));
}

const printable = (b) => (b < 0x20 ? `control 0x${hex2(b)}` : b >= 0x80 ? 'part of a UTF-8 sequence' : `0x${hex2(b)}`);

