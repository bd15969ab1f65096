// reading.js: the first-load part of the readings (what a message says in
// its application protocol): the "Read messages as" menu, and the loader of
// their views (web/lazy/reading.js), imported the first time an answer of
// the decoder carries a reading; that answer waits for them (Client's
// beforeAnswer hook). Only the full decoder (wsframe-full.wasm) reads
// messages: the first one hands it every paste that may read as a protocol.

import { h } from './dom.js';
import { t } from './i18n.js';

/** @typedef {import('./lazy/reading.js').Reading} Reading */
/** @typedef {import('./lazy/reading.js').App} App */

/**
 * The protocol menu's options: auto, none, and the protocols Go's readings
 * table names (client.protocols, empty until the decoder is ready).
 * @param {string[]} protocols
 */
export function protocolOptions(protocols) {
  return [h('option', { value: 'auto' }, t('reading.auto')), h('option', { value: 'none' }, t('reading.none')),
    protocols.map((p) => h('option', { value: p }, p))];
}

/** @type {typeof import('./lazy/reading.js')|null} */
let views = null;
/** @type {Promise<unknown>|null} */
let loading = null;

/** Loads the reading views once; a failed load is tried again next time. */
export function loadReadings() {
  if (!loading) {
    loading = import('./lazy/reading.js').then((m) => { views = m; }, (e) => { loading = null; throw e; });
  }
  return loading;
}

/** The reading views, or null before an answer carried a reading. */
export const readingViews = () => views;

/**
 * What an answer of the decoder needs before it is shown: the reading
 * views, the first time it carries a reading (a result's messages or
 * connections, a list of message rows, a frame's detail); else null.
 * @param {any} v
 */
export function beforeAnswer(v) {
  if (views || !v || typeof v !== 'object') return null;
  const read = (m) => Boolean(m && m.reading);
  const carries = (Array.isArray(v) ? v.some(read) : false) || read(v.message)
    || (Array.isArray(v.messages) && v.messages.some(read))
    || (Array.isArray(v.connections) && v.connections.some((c) => c && c.app));
  return carries ? loadReadings().catch(() => {}) : null;
}
