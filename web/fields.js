// fields.js: what the page knows about frame fields, shared by the diagram,
// the hex view and the violation list: colour class, short names, and the
// byte ranges a field covers. Keys are Wireshark's filter names.

import { t } from './i18n.js';

/** @typedef {import('./contract.js').Field} Field */

const CLASS = {
  'websocket.fin': 'c-fin',
  'websocket.rsv1': 'c-rsv',
  'websocket.rsv2': 'c-rsv',
  'websocket.rsv3': 'c-rsv',
  'websocket.opcode': 'c-op',
  'websocket.mask': 'c-mask',
  'websocket.payload_length': 'c-len',
  'websocket.payload_length_ext_16': 'c-ext',
  'websocket.payload_length_ext_64': 'c-ext',
  'websocket.masking_key': 'c-key',
  'websocket.payload': 'c-pay',
};

/** The colour class of a field ("c-op"). */
export function colourClass(name) {
  return CLASS[name] || (name && name.startsWith('websocket.payload_length') ? 'c-ext' : 'c-pay');
}

/** The field a violation's field name points at: Go names one the field table emits. */
export function resolveField(fields, name) {
  return (name && fields.find((f) => f.name === name)) || null;
}

/**
 * For each byte of a frame, the names of the fields it holds.
 * @param {Field[]} fields @param {number} n bytes @returns {string[][]}
 */
export function fieldsPerByte(fields, n) {
  /** @type {string[][]} */
  const out = Array.from({ length: n }, () => []);
  for (const f of fields) {
    const first = Math.floor(f.bit_offset / 8);
    const last = Math.min(n - 1, Math.floor((f.bit_offset + Math.max(f.bit_length, 1) - 1) / 8));
    for (let b = first; b <= last; b++) out[b].push(f.name);
  }
  return out;
}

/** The field covering the most bits of byte b (its colour in the hex view). */
export function mainField(fields, b) {
  let best = null;
  let most = 0;
  for (const f of fields) {
    const lo = Math.max(f.bit_offset, b * 8);
    const hi = Math.min(f.bit_offset + f.bit_length, b * 8 + 8);
    if (hi - lo > most) { most = hi - lo; best = f; }
  }
  return best;
}

/** "8f0a" → Uint8Array */
export function fromHex(hex) {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

export const hex2 = (b) => b.toString(16).padStart(2, '0');
export const bin8 = (b) => b.toString(2).padStart(8, '0');

/** Where a field sits, in words: "bit 0", "bits 16–31 (bytes 2–3)". */
export function place(f) {
  if (f.bit_length <= 1) return t('place.bit', { n: f.bit_offset });
  const end = f.bit_offset + f.bit_length - 1;
  const whole = f.bit_offset % 8 === 0 && f.bit_length % 8 === 0;
  const bytes = !whole ? '' : f.bit_length > 8 ? t('place.bytes', { a: f.bit_offset / 8, b: (end + 1) / 8 - 1 }) : t('place.byte', { n: f.bit_offset / 8 });
  return t('place.bits', { a: f.bit_offset, b: end, bytes });
}
