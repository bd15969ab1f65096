// paste.js: what the page says about the paste: the form it recognised, and
// an input error at its place: the offending character marked in a backdrop
// behind the textarea, plus the line with a caret under the column.

import { h, replace, vis } from './dom.js';
import { has, t, tn, sentence } from './i18n.js';

/** @typedef {import('./contract.js').Result} Result */
/** @typedef {import('./contract.js').InputError} InputError */

/** Index in text of an error's character, from its line and column (1-based). */
export function errorIndex(text, e) {
  if (e.line && e.column) {
    let start = 0;
    for (let l = 1; l < e.line; l++) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      start = nl + 1;
    }
    return Math.min(text.length, start + e.column - 1);
  }
  return Math.min(text.length, e.offset || 0);
}

const FORMS = ['hex', 'base64', 'binary', 'pcap', 'pcapng'];

/**
 * "Recognised: xxd dump (hex) · 29 bytes · 2 frames". Green only for a
 * paste read whole as frames: a hint, a problem in the text (its bytes
 * skipped) or an input wsframe does not read each say so instead.
 * @param {Result} r
 */
export function statusLine(r) {
  if (r.input.refused) {
    return [h('span', { class: 'ok-dot warn-dot', 'aria-hidden': 'true' }), h('span', { 'data-part': 'refused' }, noteText(r.input))];
  }
  const kind = FORMS.includes(r.input.kind) ? t(`form.${r.input.kind}`) : r.input.kind;
  const fmt = r.input.format && r.input.format !== r.input.kind ? `${r.input.format} (${kind})` : kind;
  const n = r.totals ? r.totals.frames : r.frames.length; // a large paste's answer carries its first rows only
  const p = r.input.packet;
  const problems = r.errors.length;
  const said = problems ? tn('paste.problems', problems) : r.hint ? t('paste.read-as') : t('paste.recognised');
  return [h('span', { class: r.hint || problems ? 'ok-dot warn-dot' : 'ok-dot', 'aria-hidden': 'true' }), said, ' ', h('strong', {}, fmt), ` · ${tn('chip.bytes', r.input.bytes, { n: r.input.bytes })} · ${tn('paste.frames', n)}`,
    p ? h('span', { class: 'packet-note' }, t('paste.packet', { link: p.link, source: p.source, dest: p.dest, offset: p.offset })) : null,
    noteText(r.input) ? h('span', { class: 'input-note', 'data-part': 'input-note' }, noteText(r.input)) : null];
}

/**
 * Shows the first error (or clears it) in the error box and the backdrop.
 * A text held outside the box (held) gets no marks behind the box, and its
 * place is selected once edit has put it in the box.
 * @param {{box: HTMLElement, backdrop: HTMLElement, textarea: HTMLTextAreaElement, held?: boolean, edit?: (from: number, to: number) => void}} ui
 * @param {string} text @param {InputError[]} errors
 */
export function showError(ui, text, errors) {
  if (!errors.length) {
    ui.box.replaceChildren();
    ui.backdrop.replaceChildren();
    ui.textarea.removeAttribute('aria-invalid');
    return;
  }
  const e = errors[0];
  const at = errorIndex(text, e);
  const where = e.line ? t('paste.where.line', { line: e.line, column: e.column }) : t('paste.where.byte', { n: e.offset });
  const mark = () => replace(ui.backdrop, text.slice(0, at), h('mark', {}, text.slice(at, at + 1) || ' '), text.slice(at + 1), '\n');
  if (ui.held) ui.backdrop.replaceChildren();
  else mark();
  ui.textarea.setAttribute('aria-invalid', 'true');
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd);
  const col = at - lineStart;
  const from = Math.max(0, col - 40);
  const cut = from > 0 ? '…' : '';
  const before = line.slice(from, col);
  const lineNo = `${e.line || ''}`;
  const gutter = Math.max(4, lineNo.length);
  // The caret line repeats the text before the mark, hidden, rather than
  // counting spaces: a wide character (CJK, "…" in a Japanese font, a
  // control character's mark) keeps the caret under its character.
  replace(ui.box,
    h('p', { class: 'emsg' }, h('strong', {}, where), ': ', sentence(e),
      errors.length > 1 ? h('span', { class: 'muted' }, t('paste.more', { n: errors.length - 1 })) : null),
    h('pre', { class: 'excerpt', 'aria-hidden': 'true' },
      `${lineNo.padStart(gutter)} │ ${cut}`, ...vis(before, '\t'), h('span', { class: 'at' }, ...vis(line.slice(col, col + 1), '\t')),
      ...vis(line.slice(col + 1, from + 80), '\t'), '\n',
      `${' '.repeat(gutter)} │ `, h('span', { class: 'pad' }, cut, ...vis(before, '\t')), h('span', { class: 'caret-mark' }, '^')),
    h('button', { type: 'button', class: 'link', onclick: () => { if (ui.held && ui.edit) { ui.edit(at, at + 1); mark(); return; } ui.textarea.focus(); ui.textarea.setSelectionRange(at, at + 1); } }, t('paste.select')));
}

/**
 * An error that is not the text's (the full decoder could not be loaded):
 * said with no place in the text, and a button that tries again.
 * @param {{box: HTMLElement, backdrop: HTMLElement, textarea: HTMLTextAreaElement}} ui
 * @param {InputError} e @param {() => void} retry
 */
export function showNotDecoded(ui, e, retry) {
  ui.backdrop.replaceChildren();
  ui.textarea.removeAttribute('aria-invalid');
  replace(ui.box,
    h('p', { class: 'emsg', 'data-part': 'full-missing' }, h('strong', {}, t('paste.not-decoded')), ': ', sentence(e)),
    h('button', { type: 'button', class: 'link', 'data-action': 'retry', onclick: retry }, t('paste.retry')));
}

/** Keeps the backdrop scrolled with the textarea. */
export function syncBackdrop(textarea, backdrop) {
  const sync = () => { backdrop.scrollTop = textarea.scrollTop; backdrop.scrollLeft = textarea.scrollLeft; };
  textarea.addEventListener('scroll', sync);
  new ResizeObserver(() => { backdrop.style.height = `${textarea.offsetHeight}px`; sync(); }).observe(textarea);
}

/**
 * input.note in the page's words, by note_id; Go's English sentence when
 * the catalog has none.
 * @param {Result['input']} input
 */
export function noteText(input) {
  const p = input.note_params || {};
  switch (input.note_id) {
    case 'packets':
      return t('note.packets', { packets: tn('note.n.packets', Number(p.packets)), tcp: tn('note.n.tcp', Number(p.tcp)), websocket: tn('note.n.websocket', Number(p.websocket)) });
    case 'har':
      return t('note.har', { connections: tn('note.n.websocket', Number(p.connections)), messages: tn('note.n.messages', Number(p.messages)) })
        + (p.deflate ? t('note.har.deflate') : '');
    case 'har-empty':
      return t('note.har-empty');
    case 'payload':
      return ''; // said by the line that offers the way back (lazy/hint.js)
    case 'refused':
      return refusedText(String(p.kind), String(p.start || ''));
    default:
      return input.note || '';
  }
}

/**
 * What an input wsframe does not read is (input.refused), and what it
 * reads: "This is a PNG image, not a capture or WebSocket frames. …".
 * @param {string} kind @param {string} start its first bytes in hex
 */
function refusedText(kind, start) {
  if (kind === 'keylog' || kind === 'binary') return t(`refused.${kind}`, { start });
  return has(`kind.${kind}`) ? t('refused', { what: t(`kind.${kind}`) }) : t('refused.binary', { start });
}
