// reading.js: the first-load part of the readings (what a message says in
// its application protocol): the "Read messages as" menu, and the loader of
// their views. Only the full decoder (wsframe-full.wasm) reads messages —
// the first one hands every paste that may read as a protocol to it — so
// the views (web/lazy/reading.js) are loaded when the full decoder is, and
// answers carrying readings wait for them (Client's onFull hook).

import { h } from './dom.js';
import { t } from './i18n.js';

/** @typedef {import('./lazy/reading.js').Reading} Reading */
/** @typedef {import('./lazy/reading.js').App} App */

/** The protocols the menu offers, as in reading.Protocols. */
export const PROTOCOLS = ['socket.io', 'engine.io', 'mqtt', 'graphql-transport-ws', 'graphql-ws', 'stomp', 'signalr', 'msgpack', 'cbor', 'json', 'gzip', 'zlib'];

/** The protocol menu's options. */
export function protocolOptions() {
  return [h('option', { value: 'auto' }, t('reading.auto')), h('option', { value: 'none' }, t('reading.none')),
    PROTOCOLS.map((p) => h('option', { value: p }, p))];
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

/** The reading views, or null before the full decoder (and they) loaded. */
export const readingViews = () => views;
