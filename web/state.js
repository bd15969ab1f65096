// state.js: what the page's modules share: the elements they all reach, the
// state (the input, options and selected frame, which live in the URL
// fragment, hash.js), the parts init() creates (app.js), and the toast.

import { byId, h, replace } from './dom.js';

/** @typedef {import('./contract.js').Result} Result */

/** Payload bytes a paste's rows carry for the list's preview. */
export const PREVIEW = 256;

export const ui = {
  paste: /** @type {HTMLTextAreaElement} */ (byId('paste')),
  from: /** @type {HTMLSelectElement} */ (byId('opt-from')),
  ext: /** @type {HTMLInputElement} */ (byId('opt-ext')),
  format: /** @type {HTMLSelectElement} */ (byId('opt-format')),
  protocol: /** @type {HTMLSelectElement} */ (byId('opt-protocol')),
  status: byId('paste-status'),
  error: byId('paste-error'),
  backdrop: byId('paste-backdrop'),
  scope: byId('scope'),
  engine: byId('engine'),
  hint: h('div', { id: 'paste-hint', 'aria-live': 'polite' }),
};

export const state = {
  mode: 'paste',
  /** @type {Result|null} */ result: null,
  t0: '', // time of the first packet (or frame), for relative times
  t0Label: 'list.t0.frame', // catalog key: what the relative times count from
  frame: -1,
  seq: 0,
  linkInput: '', // the text of the decode under way when it came from a link
  /** @type {ReturnType<typeof import('./unmask.js').unmask>|null} */ unmask: null,
  asPayload: '', // "text" or "binary": the paste shown as one message's payload (lazy/hint.js)
  svg: /** @type {SVGSVGElement|null} */ (null),
  /** @type {import('./contract.js').FrameDetail|null} */ detail: null,
  /** @type {import('./contract.js').Handshake|null} */ hs: null,
  shared: false,
  held: '', // a paste too large for the box, held here instead (pastemode.js); '' when the box holds the paste
  /** Set when a list, a jump or j/k chose the frame being opened: it is scrolled into view once drawn. */
  revealFrame: false,
};

/**
 * The parts init() (app.js) creates once the page is there; the other
 * modules reach them here.
 */
export const parts = {
  /** @type {ReturnType<typeof import('./capture.js').initCapture>} */ capture: null,
  /** @type {ReturnType<typeof import('./present.js').initPresent>} */ present: null,
  /** @type {ReturnType<typeof import('./prefs.js').initPrefs>} */ prefs: null,
  /** @type {ReturnType<import('./lazy/ladder.js').ladder>|null} */ ladder: null, // the connection's ladder, drawn from the same rows once opened
};

/** @type {Result} what the lists show while a capture is read */
export const EMPTY = { version: 1, input: { kind: '', bytes: 0 }, connections: [], frames: [], messages: [], errors: [] };

/** A short note at the bottom of the screen, for five seconds. */
export function toast(text, bad = false) {
  const t = byId('toast');
  replace(t, h('span', { class: bad ? 'bad' : '' }, text));
  t.classList.add('show');
  clearTimeout(Number(t.dataset.timer));
  t.dataset.timer = String(setTimeout(() => t.classList.remove('show'), 5000));
}

/** Shows source m ("paste" or "capture"). */
export function setMode(m) {
  state.mode = m;
  byId('mode-paste').setAttribute('aria-selected', String(m === 'paste'));
  byId('mode-capture').setAttribute('aria-selected', String(m === 'capture'));
  byId('paste-pane').hidden = m !== 'paste';
  byId('capture-pane').hidden = m !== 'capture';
  document.body.dataset.mode = m;
}
