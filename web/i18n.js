// i18n.js: the page's words in English and Japanese. One catalog per
// language (web/i18n/en.js, web/i18n/ja.js), flat keys, {name} parameters.
// The language comes from ?lang=, then the reader's last choice, then the
// browser's languages; setLang() switches it and tells every listener so
// that the page draws itself again. Go's explanations (field meanings,
// violations, handshake checks) are rendered here by their ids too.
//
// For other modules: t(KEY, {n: 3}) gives a string; tn(KEY, n) picks
// KEY.one or KEY.other; localize(root) fills [data-i18n] elements.
//
// Only the catalog of the language in use is loaded (the two have the same
// keys, e2e/i18n.test.js checks), so a first visit downloads one of them.

/** @typedef {'en'|'ja'} Lang */

import { initialLang, valid } from './lang.js';

export const LANGS = /** @type {Lang[]} */ (['en', 'ja']);

/** The catalogs loaded so far. @type {Partial<Record<Lang, Record<string, string>>>} */
const CATALOGS = {};

/** Loads lang's catalog once. @param {Lang} l */
async function load(l) {
  if (!CATALOGS[l]) {
    const m = await (l === 'ja' ? import('./i18n/ja.js') : import('./i18n/en.js'));
    CATALOGS[l] = { ...m.default, ...m.sentences };
  }
  return CATALOGS[l];
}

/** Whether the words of the full decoder's sentences are wanted (fullWords). */
let wantFull = false;
/** The languages whose full-decoder words are loaded. @type {Set<Lang>} */
const FULL = new Set();

/**
 * Loads the words only the full decoder's answers use, once: its
 * sentences (English has Go's own) and the names of the files it refuses.
 * @param {Lang} l
 */
async function loadFull(l) {
  if (FULL.has(l)) return;
  const m = await (l === 'ja' ? import('./i18n/full/ja.js') : import('./i18n/full/en.js'));
  Object.assign(await load(l), m.sentences, m.words);
  FULL.add(l);
}

/**
 * The full decoder's sentences (captures, TLS, HAR, readings) and the
 * names of the files it refuses, in the language in use: null when they are loaded, else a promise that loads
 * them (an answer of the full decoder waits for it: engine.js).
 * @returns {Promise<void>|null}
 */
export function fullWords() {
  wantFull = true;
  return FULL.has(lang) ? null : loadFull(lang);
}

/** Loads the full words when the catalog lacks sentence x's (a rare one; English has Go's): a promise, else null. @param {any} x */
export const wordsFor = (x) => (x && x.id && lang !== 'en' && !(x.id in cat) ? fullWords() : null);

/** @type {Lang} */
let lang = typeof location === 'undefined' ? 'en' : initialLang();
/** @type {Record<string, string>} the catalog in use */
let cat = await load(lang);
/** @type {Set<() => void>} */
const listeners = new Set();

export const getLang = () => lang;

/** Switches the language, keeps it in the URL (?lang=) and tells the listeners. @param {string} l */
export async function setLang(l) {
  const v = valid(l);
  if (!v) return;
  cat = await load(v);
  if (wantFull) await loadFull(v);
  lang = v;
  try { localStorage.setItem('wsframe.lang', v); } catch { /* private mode */ }
  const url = new URL(location.href);
  url.searchParams.set('lang', v);
  history.replaceState(history.state, '', url);
  document.documentElement.lang = v;
  localize(document);
  for (const fn of listeners) fn();
}

/** Calls fn after every language switch. @param {() => void} fn */
export function onLang(fn) { listeners.add(fn); return () => listeners.delete(fn); }

/** Whether the catalog has key. */
export const has = (key) => key in cat;

/**
 * The text of key with {name} parameters filled in; the key itself when
 * the catalog lacks it (the tests see that none is missing).
 * @param {string} key @param {Record<string, unknown>} [params]
 */
export function t(key, params) {
  const s = cat[key] ?? key;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) => (params[name] == null ? m : String(params[name])));
}

/** Whether every {name} in key's text has a value in params. */
function filled(key, params) {
  const s = cat[key];
  if (s == null) return false;
  return [...s.matchAll(/\{(\w+)\}/g)].every((m) => params && params[m[1]] != null);
}

/**
 * A sentence Go wrote (internal/msg): its id's words in the catalog in use,
 * filled from its params (a param that is itself a sentence is said too),
 * or Go's English message when the catalog has none for the id (English
 * keeps no copy of Go's words). A param n picks id.one or id.other as
 * tn() does, when the catalog has them.
 * @param {{id?: string, params?: Record<string, unknown>, message?: string}|null|undefined} x
 * @returns {string}
 */
export function sentence(x) {
  if (!x) return '';
  const id = x.id || '';
  const p = x.params || {};
  const n = p.n;
  const key = typeof n === 'number' && `${id}.one` in cat ? `${id}.${n === 1 ? 'one' : 'other'}` : id;
  const s = id ? cat[key] : undefined;
  if (s == null) return x.message || '';
  return s.replace(/\{(\w+)\}/g, (m, name) => {
    const v = p[name];
    if (v == null) return m;
    return typeof v === 'object' ? sentence(/** @type {any} */ (v)) : String(v);
  });
}

/**
 * Why a message could not be inflated or read (problem, problem_id,
 * problem_params), in the language in use; '' when it could.
 * @param {{problem?: string, problem_id?: string, problem_params?: Record<string, unknown>}} m
 */
export const problemText = (m) => (m.problem ? sentence({ id: m.problem_id, params: m.problem_params, message: m.problem }) : '');

/**
 * A line Go wrote in pieces (reading summaries, tree values): sentences
 * said in the language in use, literals (keywords, values from the input)
 * as they are; text when there are no pieces.
 * @param {{id?: string, params?: Record<string, unknown>, message?: string}[]|undefined} parts @param {string} [text]
 */
export function pieces(parts, text = '') {
  return parts && parts.length ? parts.map((p) => (p.id ? sentence(p) : p.message || '')).join('') : text;
}

/** key.one when n is 1, key.other otherwise; n is the parameter {n}. */
export function tn(key, n, params = {}) {
  return t(`${key}.${n === 1 ? 'one' : 'other'}`, { n, ...params });
}

/** A connection's end: an address, or a HAR's "browser" in words. @param {string} s */
export const peerName = (s) => (s === 'browser' ? t('peer.browser') : s);

/** A number as the page writes it: digits only, no grouping (as Wireshark and the command write them). */
export const num = (n) => String(n);

/**
 * A frame's message's frames as a sentence lists them: all, or its first … its last when the detail lists only some.
 * @param {{message: {frames: number[]} | null, message_frames_truncated?: boolean}} d
 */
export const frameList = (d) => {
  const f = d.message ? d.message.frames : [];
  return d.message_frames_truncated ? `${f[0]} … ${f[f.length - 1]}` : f.join(', ');
};

/**
 * Fills the static text of root: data-i18n=KEY sets textContent,
 * and data-i18n-attr, a list of attribute=KEY pairs split by ";", sets attributes.
 * @param {ParentNode} root
 */
export function localize(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n') || '');
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of (el.getAttribute('data-i18n-attr') || '').split(';')) {
      const [attr, key] = pair.split('=').map((x) => x.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
}

/* ---------- Go's explanations, by id ---------- */

/** The name of opcode n: "text", "continuation", "reserved (0xB)". */
export function opcodeName(n) {
  const k = `opcode.${n}`;
  return has(k) ? t(k) : t('opcode.reserved', { hex: Number(n).toString(16).toUpperCase() });
}

/** The registered name of a close code, or its range. */
export function closeName(code, fallback = '') {
  const k = `close.${code}`;
  if (has(k)) return t(k);
  if (code < 1000) return t('close.range.unused');
  if (code < 3000) return t('close.range.unassigned');
  if (code < 4000) return t('close.range.registered');
  if (code < 5000) return t('close.range.private');
  return fallback || t('close.range.out');
}

const OPCODES = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 };

/** Go's params in the page's language where they are words: sides and opcode names. */
function localParams(p) {
  const out = { ...p };
  for (const [k, v] of Object.entries(out)) {
    // A param Go also gives as a sentence (detail and detail_text) is said in the language in use.
    const said = out[`${k}_text`];
    if (said && typeof said === 'object') out[k] = sentence(/** @type {any} */ (said));
    else if ((k === 'side' || k === 'from') && (v === 'client' || v === 'server')) out[k] = t(`side.${v}`);
    else if ((k === 'opcode' || k === 'open') && typeof v === 'string' && v in OPCODES) out[k] = opcodeName(OPCODES[v]);
  }
  return out;
}

/**
 * A violation or a handshake check in words, from its id and parameters:
 * the template of its message (a check's message_id, a violation's id)
 * with Go's params when every one it names is there; otherwise the rule
 * itself, with what the page knows; Go's English message only when the
 * catalog has no entry for the id.
 * @param {'viol'|'check'} kind
 * @param {{id?: string, message_id?: string, message?: string, params?: Record<string, unknown>, passed?: boolean}} v
 * @param {Record<string, unknown>} [known] parameters the page knows itself
 */
export function explain(kind, v, known = {}) {
  if (!v.id) return v.message || '';
  const params = localParams({ ...known, ...(v.params && typeof v.params === 'object' ? v.params : {}) });
  const detail = `${kind}.${v.message_id || v.id}.detail`;
  if (filled(detail, params)) return t(detail, params);
  const base = `${kind}.${v.id}`;
  if (has(base)) return t(base, params);
  return v.message || v.id;
}

/**
 * What a field's value means, keyed by its Wireshark name and value.
 * @param {import('./contract.js').Field} f
 * @param {import('./contract.js').Frame} frame
 */
export function fieldMeaning(f, frame) {
  const masked = frame.masked ? t('field.masked-suffix') : '';
  const viol = (id) => (frame.violations || []).some((v) => v.id === id);
  switch (f.name) {
    case 'websocket.fin': case 'websocket.mask':
      return t(`field.${f.name}.${f.value}`);
    case 'websocket.rsv1': case 'websocket.rsv2': case 'websocket.rsv3':
      return t(f.filter === 'websocket.pmc' ? `field.websocket.pmc.${f.value}` : `field.websocket.rsv.${f.value}`);
    case 'websocket.opcode': {
      const k = `field.websocket.opcode.${f.value}`;
      return has(k) ? t(k) : t(Number(f.value) >= 8 ? 'field.websocket.opcode.reserved-control' : 'field.websocket.opcode.reserved-data');
    }
    case 'websocket.payload_length':
      if (f.value === '126' || f.value === '127') return t(`field.websocket.payload_length.${f.value}`);
      return t('field.websocket.payload_length', { n: num(Number(f.value)) });
    case 'websocket.payload_length_ext_16': case 'websocket.payload_length_ext_64':
      return t('field.websocket.payload_length_ext', { n: num(Number(f.value)), bits: f.bit_length });
    case 'websocket.masking_key':
      return t('field.websocket.masking_key');
    case 'websocket.payload.close.status_code': {
      const code = Number(f.value);
      return t('field.close.status_code', { code, name: closeName(code) })
        + (viol('close-code-invalid') ? t('field.close.status_code.unsendable') : '') + masked;
    }
    case 'websocket.payload.close.reason':
      return (viol('close-reason-invalid-utf8') ? t('field.close.reason.bad') : t('field.close.reason', { n: f.bit_length / 8 })) + masked;
    case 'websocket.payload':
      return t('field.websocket.payload', { n: num(frame.payload_length), type: opcodeName(frame.opcode) }) + masked
        + (frame.missing ? t('field.websocket.payload.missing', { n: num(frame.missing) }) : '');
    default:
      return f.meaning || '';
  }
}

/** A field's label as the diagram shows it ("Payload len"). */
export function fieldLabel(f) {
  const k = `label.${f.name}`;
  return has(k) ? t(k) : f.label;
}
