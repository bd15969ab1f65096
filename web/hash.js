// hash.js: the view's state in the URL fragment, so that a link reopens it.
//   #v=1&hex=810c48...&f=1&from=client&ext=permessage-deflate&fmt=xxd
// The input goes as `hex` (when the paste is plain hex: its lines without
// spaces, joined by '.') or `t` (the raw text, when it is anything else: a
// dump, base64, headers...).

/**
 * @typedef {Object} ViewState
 * @property {string} text      the paste
 * @property {number} frame     selected frame index, -1 for none
 * @property {''|'client'|'server'} from
 * @property {string} ext       negotiated extension for pasted frames
 * @property {string} format    forced paste form, '' for auto
 * @property {string} [filter]  the display filter, '' for none
 */

/**
 * Links longer than this are not put in the address bar, and not opened
 * either: whoever follows a link decodes what its author chose, and a
 * decode of that size belongs in the paste box or a file, by the user's
 * own act (a 700 KB link could otherwise stop the decoder on a click).
 */
export const MAX_HASH = 64 * 1024;

/** The length of a fragment (with or without '#') too big to open, or 0. @param {string} hash */
export function tooBig(hash) {
  const n = hash.replace(/^#/, '').length;
  return n > MAX_HASH ? n : 0;
}

const PLAIN_HEX = /^[0-9a-fA-F\s]*$/;

/** @param {ViewState} st @returns {string} the fragment, without '#' */
export function encode(st) {
  const p = new URLSearchParams();
  p.set('v', '1');
  const lines = st.text.split('\n').map((l) => l.replace(/\s+/g, '')).filter(Boolean);
  if (PLAIN_HEX.test(st.text) && lines.every((l) => l.length % 2 === 0)) {
    p.set('hex', lines.join('.').toLowerCase());
  } else {
    p.set('t', st.text);
  }
  if (st.frame >= 0) p.set('f', String(st.frame));
  if (st.from) p.set('from', st.from);
  if (st.ext) p.set('ext', st.ext);
  if (st.format) p.set('fmt', st.format);
  if (st.filter) p.set('filter', st.filter);
  return p.toString();
}

/** @param {string} hash @returns {ViewState|null} null when the hash holds no view */
export function decode(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  if (p.get('v') !== '1') return null;
  let text = '';
  if (p.has('hex')) text = (p.get('hex') || '').split('.').map(spaced).join('\n');
  else if (p.has('t')) text = p.get('t') || '';
  else return null;
  const f = Number.parseInt(p.get('f') || '', 10);
  const from = p.get('from');
  return {
    text,
    frame: Number.isFinite(f) && f >= 0 ? f : -1,
    from: from === 'client' || from === 'server' ? from : '',
    ext: p.get('ext') || '',
    format: p.get('fmt') || '',
    filter: p.get('filter') || '',
  };
}

/** "810c48..." → "81 0c 48 ..." */
export function spaced(hex) {
  return (hex.replace(/[^0-9a-fA-F]/g, '').toLowerCase().match(/../g) || []).join(' ');
}
