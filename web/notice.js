// notice.js: what the paste view says when it will not, or could not,
// decode: the decoder died on an input (it was replaced, and the input is
// not sent again by itself), a link is too big to open, or a link stopped
// the decoder before (it is not decoded again by itself on reload). Each
// notice offers the one way on that the user chooses.

import { h, replace } from './dom.js';
import { t } from './i18n.js';

/** Everything this module shows, in one place for translation. */
export const STRINGS = {
  get crashTitle() { return t('notice.crash.title'); },
  crashBody: (/** @type {string} */ message) => t('notice.crash.body', { message }),
  get crashCapture() { return t('notice.crash.capture'); },
  get retry() { return t('notice.retry'); },
  retryNote: (/** @type {string} */ limits) => t('notice.retry.note', { limits }),
  linkTooBig: (/** @type {number} */ kb, /** @type {number} */ max) => t('notice.link.big', { kb, max }),
  get linkCrashed() { return t('notice.link.crashed'); },
  get decodeAnyway() { return t('notice.decode.anyway'); },
};

/** The limits a retry after a crash uses: much less held at once. */
export const SMALLER = { inflate_limit: 1 << 20, preview: 64, rows: 200 };

/** "inflated messages up to 1 MiB, …" for the notice. */
function describe(limits) {
  const parts = [];
  if (limits.inflate_limit) parts.push(t('notice.limit.inflate', { n: limits.inflate_limit >> 20 }));
  if (limits.preview) parts.push(t('notice.limit.preview', { n: limits.preview }));
  if (limits.rows) parts.push(t('notice.limit.rows', { n: limits.rows }));
  return parts.join(t('list.sep'));
}

/**
 * Fills box with a notice: a title, text, and an optional button.
 * @param {HTMLElement} box @param {string} part data-part of the notice
 * @param {string} title @param {string} text
 * @param {{label: string, action: string, onclick: () => void}|null} [button] @param {string} [note]
 */
function show(box, part, title, text, button, note) {
  replace(box, h('div', { class: 'notice', 'data-part': part },
    h('p', { class: 'emsg' }, title ? h('strong', {}, title) : null, title ? ' ' : null, text),
    button ? h('button', { type: 'button', 'data-action': button.action, onclick: button.onclick }, button.label) : null,
    note ? h('p', { class: 'muted small' }, note) : null));
}

/** The decoder died on the paste: say so, offer a retry with SMALLER limits. */
export function crashNotice(box, message, retry) {
  show(box, 'crash', STRINGS.crashTitle, STRINGS.crashBody(message),
    { label: STRINGS.retry, action: 'retry-smaller', onclick: retry }, STRINGS.retryNote(describe(SMALLER)));
}

/** A link over the size limit was not opened. @param {number} size its length in characters */
export function linkTooBigNotice(box, size, max) {
  show(box, 'link-too-big', '', STRINGS.linkTooBig(Math.ceil(size / 1024), Math.floor(max / 1024)));
}

/** A link that stopped the decoder before was not decoded again. */
export function linkCrashedNotice(box, decode) {
  show(box, 'link-crashed', '', STRINGS.linkCrashed, { label: STRINGS.decodeAnyway, action: 'decode-anyway', onclick: decode });
}

/* The fragments that stopped the decoder, for this tab (sessionStorage). */
const CRASHED = 'wsframe:crashed-link';

/** Remembers that the link fragment frag stopped the decoder. */
export function rememberCrash(frag) {
  try { sessionStorage.setItem(CRASHED, frag); } catch { /* storage off: nothing remembered */ }
}

/** Whether the link fragment frag stopped the decoder before, in this tab. */
export function crashedBefore(frag) {
  try { return sessionStorage.getItem(CRASHED) === frag; } catch { return false; }
}

export function forgetCrash() {
  try { sessionStorage.removeItem(CRASHED); } catch { /* nothing to forget */ }
}
