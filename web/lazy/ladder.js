// ladder.js: the connection as a ladder (sequence) diagram in SVG. A lane
// for the client and one for the server; on top the TCP connection, the
// HTTP upgrade request and its 101 answer; below, every frame an arrow from
// its sender's lane to the other, labelled with its opcode, length, flags
// and the start of its payload. Fragments of one message are bracketed on
// their sender's side, a pong is tied to the ping it answers, the close
// handshake names its codes, gaps in the capture and broken rules are
// marked on their arrows. Times run down the left side.
//
// Rows are evenly spaced whatever the time between frames (so a burst of
// frames a microsecond apart stays as readable as a slow exchange); the
// time column gives each frame's time since the first packet, and a pause
// between two frames is written between their rows (⋯ 2.4 s) and drawn as
// a break when it is long.
//
// It is virtualised like the lists: only the rows in view exist in the
// SVG, fetched through the frame list's RowSource, so 100,000 frames scroll
// as smoothly as ten. Clicking an arrow selects its frame; selecting a frame
// elsewhere highlights its arrow. The SVG carries data-part="ladder" and
// every arrow data-frame="N".

import { h, s, replace } from '../dom.js';
import { preview, relTime, seconds } from '../lists.js';
import { downloadPNG, downloadSVG } from '../download.js';
import { gapText } from '../capture.js';
import { explain, onLang, opcodeName, t, tn } from '../i18n.js';

/** @typedef {import('../contract.js').Frame} Frame */
/** @typedef {import('../contract.js').Result} Result */
/** @typedef {import('../contract.js').Connection} Connection */

const ROW = 44;       // height of one frame's row
const HEAD = 150;     // lane heads, TCP and the HTTP upgrade
const MAX_PX = 4_000_000; // as lists.js: beyond it the spacer is scaled
const LOOK_BACK = 64; // rows looked back for a ping, a fragment start, a close

/** "2.4 s", "310 ms", "45 µs": a pause in words. */
function duration(sec) {
  if (sec >= 60) return `${(sec / 60).toFixed(1)} min`;
  if (sec >= 1) return `${sec.toFixed(sec >= 10 ? 0 : 1)} s`;
  if (sec >= 1e-3) return `${(sec * 1e3).toFixed(sec >= 0.01 ? 0 : 1)} ms`;
  return `${Math.round(sec * 1e6)} µs`;
}

/** Seconds between two RFC 3339 times, or null. */
function between(a, b) {
  const x = seconds(a);
  const y = seconds(b);
  return x && y ? (x[0] - y[0]) + (x[1] - y[1]) : null;
}

/**
 * The ladder in container.
 * @param {HTMLElement} container
 * messages, when given, are the message rows: a compressed frame's arrow
 * shows the text its message inflates to, as Go's message row says it.
 * @param {{rows: import('../rows.js').RowSource, messages?: import('../rows.js').RowSource, onSelect: (i: number) => void,
 *   view: () => {result: Result|null, t0: string, connection: number|null}}} o
 */
export function ladder(container, o) {
  const svg = /** @type {SVGSVGElement} */ (s('svg', { class: 'ladder', 'data-part': 'ladder', role: 'group', 'aria-label': t('ladder.title'), 'data-i18n-attr': 'aria-label=ladder.title' }));
  const spacer = h('div', { class: 'ladder-spacer' }, svg);
  const box = h('div', { class: 'ladder-scroll', tabindex: 0, 'aria-label': t('ladder.title'), 'data-i18n-attr': 'aria-label=ladder.title' }, spacer);
  const note = h('p', { class: 'muted small', 'data-i18n': 'ladder.help' }, t('ladder.help'));
  const dlSVG = h('button', { type: 'button', 'data-action': 'ladder-svg', 'data-i18n': 'dl.svg', onclick: () => exported((e) => downloadSVG(e, 'wsframe-ladder.svg')) }, t('dl.svg'));
  const dlPNG = h('button', { type: 'button', 'data-action': 'ladder-png', 'data-i18n': 'dl.png', onclick: () => exported((e) => downloadPNG(e, 'wsframe-ladder.png')) }, t('dl.png'));
  replace(container, h('div', { class: 'ladder-head' }, note, h('span', { class: 'actions' }, dlSVG, dlPNG)), box);

  let selected = -1; // frame index
  let width = 720;
  // The time column, the lanes' distances to it and to the right edge
  // (room for the marks outside the lanes), time digits; less on a phone.
  let GUT = 92;
  let PAD_C = 64;
  let PAD_S = 84;
  let DIGITS = 6;
  // The box's size, read once a draw (before anything is written, so that
  // drawing never forces a layout) and on resize.
  let boxW = 720;
  let boxH = 480;
  const measure = () => { boxW = box.clientWidth || 720; boxH = box.clientHeight || 480; };

  const count = () => o.rows.count;
  const fullH = () => HEAD + count() * ROW + 24;
  const viewH = () => boxH;
  const spacerH = () => Math.min(fullH(), MAX_PX);
  const scale = () => (fullH() <= MAX_PX ? 1 : (fullH() - viewH()) / Math.max(1, MAX_PX - viewH()));
  const top = () => box.scrollTop * scale();
  const xOf = (side) => (side === 'client' ? GUT + PAD_C : width - PAD_S);

  /** Draws rows [first, last) into g, with yTop the full-height y at the SVG's top. */
  function drawRows(g, first, last, yTop) {
    const { result, t0 } = o.view();
    const conns = result ? result.connections : [];
    const many = conns.length > 1 && o.view().connection == null;
    const at = (p) => /** @type {Frame|undefined} */ (o.rows.at(p));
    const yOf = (p) => HEAD + p * ROW - yTop;
    for (let p = first; p < last; p++) {
      const f = at(p);
      const y = yOf(p);
      if (!f) {
        g.append(s('text', { class: 'ld-loading', x: (GUT + width) / 2, y: y + ROW / 2 }, t('list.loading')));
        continue;
      }
      const prev = p > 0 ? at(p - 1) : undefined;
      // Time on the left, and the pause since the previous frame between rows.
      if (f.time && t0) g.append(s('text', { class: 'ld-time', x: GUT - 10, y: y + 22 }, `${relTime(f.time, t0, DIGITS)} s`));
      else g.append(s('text', { class: 'ld-time', x: GUT - 10, y: y + 22 }, `#${f.index}`));
      if (prev && prev.time && f.time) {
        const dt = between(f.time, prev.time);
        if (dt != null && dt >= 1e-3) {
          g.append(s('text', { class: `ld-pause${dt >= 1 ? ' long' : ''}`, x: GUT - 10, y: y + 4 }, `⋯ ${duration(dt)}`));
          if (dt >= 1) g.append(s('path', { class: 'ld-break', d: `M${GUT} ${y + 1} l8 -4 l8 8 l8 -8 l8 8 l8 -4 H${width - 8}` }));
        }
      }
      // The arrow first: its row's highlight lies under the marks.
      g.append(arrow(f, y, many));
      gapMarks(g, f, p, y, conns);
      fragmentBar(g, f, p, y);
      pairPong(g, f, p, y);
    }
  }

  /** A frame's arrow, its label and its marks. @param {Frame} f */
  function arrow(f, y, many) {
    const x1 = xOf(f.from);
    const x2 = xOf(f.from === 'client' ? 'server' : 'client');
    const dir = x2 > x1 ? 1 : -1;
    const y1 = y + 20;
    const y2 = y + 32;
    const v = f.violations.length;
    const cls = `ld-arrow ${f.from}${f.index === selected ? ' sel' : ''}${v ? ' bad' : ''}${f.opcode >= 8 ? ' control' : ''}`;
    const flags = [f.fin ? 'FIN' : 'FIN=0', f.masked ? 'MASK' : '', f.rsv1 ? 'RSV1' : '', f.rsv2 ? 'RSV2' : '', f.rsv3 ? 'RSV3' : ''].filter(Boolean).join(' ');
    let what = preview(f.payload, f.opcode, 28);
    if (f.opcode === 8) what = closeLabel(f);
    else if (f.opcode !== 1 && f.opcode !== 0) what = '';
    else if (f.rsv1) what = inflated(f) ?? t('ladder.compressed');
    const label = `${many && f.connection != null ? `c${f.connection} · ` : ''}${opcodeName(f.opcode)} · ${f.payload_length} B · ${flags}${what ? ` · ${what}` : ''}`;
    const about = t('list.frame.label', { i: f.index, from: t(`dir.${f.from}`), type: opcodeName(f.opcode), n: f.payload_length, extra: '' });
    const title = `${about}${v ? `; ${tn('list.viol', v)}: ${f.violations.map((x) => explain('viol', x)).join('; ')}` : ''}`;
    const g = s('g', { class: cls, 'data-frame': f.index, role: 'button', 'aria-label': title, 'aria-pressed': String(f.index === selected) },
      s('title', {}, title),
      s('rect', { class: 'ld-hit', x: GUT, y, width: width - GUT, height: ROW }),
      s('line', { class: 'ld-line', x1, y1, x2: x2 - dir * 8, y2 }),
      s('path', { class: 'ld-head', d: `M${x2} ${y2} l${-dir * 11} -6 l0 11 z` }),
      s('text', { class: 'ld-label', x: (x1 + x2) / 2, y: y + 14 }, fit(label, Math.abs(x2 - x1) - 8)));
    if (v) g.append(s('text', { class: 'ld-viol', x: (x1 + x2) / 2, y: y + 41 }, `⚠ ${tn('list.viol', v)}`));
    if (f.missing) g.append(s('text', { class: 'ld-viol', x: x2 - dir * 30, y: y + 41 }, `✂ ${tn('chip.bytes', f.missing)}`));
    return g;
  }

  /**
   * The start of the text a compressed frame's message inflates to, from
   * its message row (Go inflated it); null until the row is at hand (it is
   * fetched, and the ladder drawn again when it comes).
   * @param {Frame} f
   */
  function inflated(f) {
    if (!o.messages || f.message == null || f.message < 0) return null;
    const m = /** @type {import('../contract.js').Message|undefined} */ (o.messages.row(f.message));
    if (!m) return null;
    return m.text != null ? preview(m.data, 1, 28) : preview(m.data, m.opcode, 28);
  }

  /** "close 1000 bye", and "reply" when the other side closed first. @param {Frame} f */
  function closeLabel(f) {
    const code = preview(f.payload, 8, 24);
    const p = o.rows.positionOf(f.index);
    for (let q = p - 1; q >= Math.max(0, p - LOOK_BACK); q--) {
      const e = /** @type {Frame|undefined} */ (o.rows.at(q));
      if (!e) break;
      if (e.opcode === 8 && e.from !== f.from && e.connection === f.connection) return `${code} (${t('ladder.reply')})`;
    }
    return code;
  }

  /** The bracket that groups a fragmented message on its sender's side. @param {Frame} f */
  function fragmentBar(g, f, p, y) {
    const part = fragmentPart(f, p);
    if (!part) return;
    const x = xOf(f.from) + (f.from === 'client' ? -14 : 14);
    const y1 = part === 'first' ? y + 16 : y;
    const y2 = part === 'last' ? y + 36 : y + ROW;
    g.append(s('path', { class: 'ld-frag', d: `M${x} ${y1} V${y2}` }));
    if (part === 'first' || part === 'last') {
      const tick = f.from === 'client' ? 6 : -6;
      g.append(s('path', { class: 'ld-frag', d: `M${x} ${part === 'first' ? y1 : y2} h${tick}` }));
    }
    if (part === 'first') {
      g.append(s('text', { class: `ld-fraglabel ${f.from}`, x: x + (f.from === 'client' ? -6 : 6), y: y + 14 }, t('ladder.message', { i: f.message })));
    }
  }

  /**
   * Where frame f stands in a fragmented message of its side: 'first',
   * 'middle', 'last', 'inside' (a control frame between fragments) or ''.
   * @param {Frame} f
   */
  function fragmentPart(f, p) {
    if (f.opcode === 0) return f.fin ? 'last' : 'middle';
    if (f.opcode < 8) return f.fin ? '' : 'first';
    for (let q = p - 1; q >= Math.max(0, p - LOOK_BACK); q--) {
      const e = /** @type {Frame|undefined} */ (o.rows.at(q));
      if (!e) return '';
      if (e.from !== f.from || e.connection !== f.connection || e.opcode >= 8) continue;
      return e.fin ? '' : 'inside';
    }
    return '';
  }

  /** Ties a pong to the ping it answers (same payload, other side, before it). @param {Frame} f */
  function pairPong(g, f, p, y) {
    if (f.opcode !== 10) return;
    for (let q = p - 1; q >= Math.max(0, p - LOOK_BACK); q--) {
      const e = /** @type {Frame|undefined} */ (o.rows.at(q));
      if (!e) return;
      if (e.opcode !== 9 || e.from === f.from || e.connection !== f.connection || e.payload !== f.payload) continue;
      // From the ping's arrowhead to the pong's start, outside f's lane.
      const x = xOf(f.from);
      const out = f.from === 'client' ? -30 : 30;
      const ya = y - (p - q) * ROW + 32;
      g.append(s('path', { class: 'ld-pair', d: `M${x} ${ya} C${x + out} ${ya}, ${x + out} ${y + 20}, ${x} ${y + 20}` }));
      g.append(s('text', { class: `ld-pairlabel ${f.from}`, x: x + out * 1.1, y: y + 8 }, t('ladder.pong', { i: e.index })));
      return;
    }
  }

  /** Gaps of f's direction that end before f and after the frame before it. @param {Frame} f */
  function gapMarks(g, f, p, y, conns) {
    const c = conns.find((x) => x.id === f.connection);
    if (!c || !c.gaps || !c.gaps.length) return;
    let prevEnd = -1;
    for (let q = p - 1; q >= Math.max(0, p - LOOK_BACK); q--) {
      const e = /** @type {Frame|undefined} */ (o.rows.at(q));
      if (!e) break;
      if (e.from === f.from && e.connection === f.connection) { prevEnd = e.offset; break; }
    }
    for (const gap of c.gaps) {
      if (gap.from !== f.from || gap.offset > f.offset || gap.offset <= prevEnd) continue;
      const x = xOf(f.from);
      g.append(s('g', { class: 'ld-gapmark' }, s('title', {}, gapText(gap)),
        s('path', { class: 'ld-gap', d: `M${x - 14} ${y + 2} l7 5 l-7 5 l7 5 M${x + 14} ${y + 2} l-7 5 l7 5 l-7 5` }),
        s('text', { class: `ld-gaplabel ${f.from}`, x: x + (f.from === 'client' ? -20 : 20), y: y + 11 }, t('ladder.gap', { n: gap.bytes }))));
    }
  }

  /** Lane heads, the TCP connection and the HTTP upgrade, at y offset -yTop. */
  function drawHead(g, yTop) {
    const { result, connection } = o.view();
    const conns = result ? result.connections : [];
    const c = connection != null ? conns.find((x) => x.id === connection) : conns.length === 1 ? conns[0] : null;
    const xc = xOf('client');
    const xs = xOf('server');
    const y = -yTop;
    g.append(
      s('rect', { class: 'ld-lanehead client', x: xc - 48, y: y + 8, width: 96, height: 26, rx: 5 }),
      s('text', { class: 'ld-lanename', x: xc, y: y + 26 }, t('side.client')),
      s('rect', { class: 'ld-lanehead server', x: xs - 48, y: y + 8, width: 96, height: 26, rx: 5 }),
      s('text', { class: 'ld-lanename', x: xs, y: y + 26 }, t('side.server')));
    if (c) {
      g.append(s('text', { class: 'ld-addr', x: xc, y: y + 48 }, c.client), s('text', { class: 'ld-addr', x: xs, y: y + 48 }, c.server));
    }
    const band = c ? t('ladder.tcp', { client: c.client, server: c.server }) : conns.length > 1 ? t('ladder.conns', { n: conns.length }) : t('ladder.paste');
    g.append(s('rect', { class: 'ld-tcp', x: xc, y: y + 58, width: xs - xc, height: 20, rx: 4 }),
      s('text', { class: 'ld-tcptext', x: (xc + xs) / 2, y: y + 72 }, fit(band, xs - xc - 8)));
    const hs = c ? c.handshake : result && result.handshake;
    if (hs && (hs.request || hs.response)) {
      if (hs.request) {
        const rq = hs.request;
        const line = `${rq.method || 'GET'} ${rq.target || '/'} ${rq.version || ''} · Upgrade: websocket${hs.key ? ` · key ${hs.key}` : ''}`;
        g.append(s('g', { class: 'ld-http client' },
          s('line', { class: 'ld-line', x1: xc, y1: y + 96, x2: xs - 8, y2: y + 104 }),
          s('path', { class: 'ld-head', d: `M${xs} ${y + 104} l-11 -6 l0 11 z` }),
          s('text', { class: 'ld-label', x: (xc + xs) / 2, y: y + 92 }, fit(line, xs - xc - 8))));
      }
      if (hs.response) {
        const rs = hs.response;
        const line = `${rs.version || 'HTTP/1.1'} ${rs.status || ''} ${rs.reason || ''} · ${t(hs.accept_valid ? 'ladder.accept.ok' : 'ladder.accept.bad')}${hs.extensions ? ` · ${hs.extensions}` : ''}`;
        g.append(s('g', { class: `ld-http server${rs.status === 101 && hs.accept_valid ? '' : ' bad'}` },
          s('line', { class: 'ld-line', x1: xs, y1: y + 126, x2: xc + 8, y2: y + 134 }),
          s('path', { class: 'ld-head', d: `M${xc} ${y + 134} l11 -6 l0 11 z` }),
          s('text', { class: 'ld-label', x: (xc + xs) / 2, y: y + 122 }, fit(line, xs - xc - 8))));
      }
    } else {
      // Between the lanes, on two lines when one is too short (a phone).
      const lines = twoLines(t(c && c.mid_stream ? 'ladder.midstream' : 'ladder.nohs'), xs - xc - 16);
      lines.forEach((line, i) => g.append(s('text', { class: 'ld-note', x: (xc + xs) / 2, y: y + 112 + (i - (lines.length - 1) / 2) * 15 }, line)));
    }
  }

  /** Draws what is in view. */
  function draw() {
    const t0 = performance.now();
    // No o.rows.begin() here: that belongs to the frame list, whose queued
    // blocks it would drop. Rows this draw asks for and loses to it are
    // asked again at the next draw, which every arrival of rows brings.
    width = Math.max(300, Math.floor(boxW));
    const narrow = width < 480;
    [GUT, PAD_C, PAD_S, DIGITS] = narrow ? [68, 40, 58, 3] : [92, 64, 84, 6];
    const st = box.scrollTop; // read before any write
    const yTop = st * scale();
    const vh = viewH();
    spacer.style.height = `${spacerH()}px`;
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(vh));
    svg.setAttribute('viewBox', `0 0 ${width} ${vh}`);
    svg.style.transform = `translateY(${st}px)`;
    const n = count();
    const first = Math.max(0, Math.floor((yTop - HEAD) / ROW) - 2);
    const last = Math.min(n, Math.ceil((yTop + vh - HEAD) / ROW) + 2);
    const g = s('g', {});
    g.append(s('line', { class: 'ld-lane client', x1: xOf('client'), y1: Math.max(0, 54 - yTop), x2: xOf('client'), y2: vh }),
      s('line', { class: 'ld-lane server', x1: xOf('server'), y1: Math.max(0, 54 - yTop), x2: xOf('server'), y2: vh }));
    if (yTop < HEAD) drawHead(g, yTop);
    if (!n) g.append(s('text', { class: 'ld-note', x: (GUT + width) / 2, y: HEAD - yTop + 30 }, t('ladder.empty')));
    drawRows(g, first, last, yTop);
    svg.replaceChildren(g);
    container.dataset.rows = String(last - first);
    container.dataset.drawMs = (performance.now() - t0).toFixed(1);
  }

  /**
   * A copy of the ladder for a file: the head and the rows now in view
   * (all of them for a short connection), in a standalone SVG.
   * @param {(svg: SVGSVGElement) => unknown} save
   */
  async function exported(save) {
    const yTop = top();
    const n = count();
    const first = Math.max(0, Math.floor((yTop - HEAD) / ROW));
    const last = Math.min(n, first + Math.max(1, Math.ceil((viewH() - Math.max(0, HEAD - yTop)) / ROW)));
    const rowsH = (last - first) * ROW;
    const hgt = HEAD + rowsH + 16;
    const e = /** @type {SVGSVGElement} */ (s('svg', { class: 'ladder', 'data-part': 'ladder-export', width, height: hgt, viewBox: `0 0 ${width} ${hgt}` }));
    const g = s('g', {});
    g.append(s('rect', { class: 'ld-bg', x: 0, y: 0, width, height: hgt }),
      s('line', { class: 'ld-lane client', x1: xOf('client'), y1: 54, x2: xOf('client'), y2: hgt }),
      s('line', { class: 'ld-lane server', x1: xOf('server'), y1: 54, x2: xOf('server'), y2: hgt }));
    drawHead(g, 0);
    drawRows(g, first, last, first * ROW);
    e.append(g);
    // Computed styles need it in the document, out of sight: the holder is
    // moved away, not the SVG, whose own style would go into the file (a
    // file drawn 99999 px to the left is a blank picture).
    const holder = h('div', {}, e);
    holder.style.position = 'absolute';
    holder.style.left = '-99999px';
    container.append(holder);
    try { await save(e); } finally { holder.remove(); }
  }

  let queued = false;
  const drawSoon = () => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; draw(); }); } };
  box.addEventListener('scroll', drawSoon);
  svg.addEventListener('click', (ev) => {
    const a = /** @type {Element} */ (ev.target).closest('[data-frame]');
    if (a) { const i = Number(a.getAttribute('data-frame')); select(i, false); o.onSelect(i); }
  });
  box.addEventListener('keydown', (ev) => {
    const p = o.rows.positionOf(selected);
    const to = { ArrowDown: p + 1, ArrowUp: p - 1, Home: 0, End: count() - 1 }[ev.key];
    if (to === undefined || !count()) return;
    ev.preventDefault();
    ev.stopPropagation();
    const q = Math.max(0, Math.min(count() - 1, to));
    const i = o.rows.indexAt(q);
    select(i);
    o.onSelect(i);
  });
  new ResizeObserver(() => { measure(); drawSoon(); }).observe(box);
  onLang(drawSoon);

  /** Highlights frame i's arrow, scrolling it into view. */
  function select(i, scroll = true) {
    selected = i;
    const p = o.rows.positionOf(i);
    if (scroll && p >= 0) {
      const y = HEAD + p * ROW;
      const yTop = top();
      if (y < yTop || y + ROW > yTop + viewH()) box.scrollTop = Math.max(0, y - viewH() / 3) / scale();
    }
    draw();
  }

  measure();
  draw();
  return {
    el: container,
    svg,
    select,
    refresh: drawSoon,
    /** A new result or connection filter: back to the top. */
    update() { selected = -1; box.scrollTop = 0; draw(); },
  };
}

/** text in one line that fits px, or two (cut at a space, or halfway when it has none). */
function twoLines(text, px) {
  if (fit(text, px) === text) return [text];
  const chars = [...text];
  let cut = Math.ceil(chars.length / 2);
  const space = text.lastIndexOf(' ', text.length / 2 + 6);
  if (space > 0) cut = [...text.slice(0, space)].length;
  return [fit(chars.slice(0, cut).join('').trim(), px), fit(chars.slice(cut).join('').trim(), px)];
}

/** Cuts text to about the characters that fit in px at the label size. */
function fit(text, px) {
  const max = Math.max(4, Math.floor(px / 7.4));
  // Kana, kanji and other wide characters take two columns of the monospace font.
  const wide = (ch) => (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1);
  const chars = [...text];
  if (chars.reduce((n, ch) => n + wide(ch), 0) <= max) return text;
  let cols = 1; // the ellipsis
  let out = '';
  for (const ch of chars) {
    cols += wide(ch);
    if (cols > max) break;
    out += ch;
  }
  return `${out}…`;
}
