// handshake.js: the opening handshake (RFC 6455 section 4): the request and
// response with each checked header marked passed or failed, the
// Sec-WebSocket-Accept computation as steps, and the negotiated extension
// in plain words. Renders whatever the decoder gives; the detailed checks
// and steps appear when the wasm API provides them.

import { h } from './dom.js';

/** @typedef {import('./contract.js').Handshake} Handshake */

export const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The extension answer in plain words. */
export function explainExtension(ext) {
  if (!ext) return 'No extension: frames carry their data as it is, RSV bits must be 0.';
  const parts = ext.split(',').map((one) => {
    const [name, ...params] = one.split(';').map((x) => x.trim()).filter(Boolean);
    const words = params.map((p) => {
      const [k, v] = p.split('=').map((x) => x.trim());
      switch (k) {
        case 'client_no_context_takeover': return 'the client starts a fresh compression window for every message';
        case 'server_no_context_takeover': return 'the server starts a fresh compression window for every message';
        case 'client_max_window_bits': return v ? `the client compresses with a window of at most 2^${v} bytes` : 'the client may limit its window size';
        case 'server_max_window_bits': return `the server compresses with a window of at most 2^${v} bytes`;
        default: return p;
      }
    });
    const what = name === 'permessage-deflate' ? 'permessage-deflate (RFC 7692): messages with RSV1 set are DEFLATE-compressed'
      : name === 'x-webkit-deflate-frame' || name === 'deflate-frame' ? `${name}: an early, pre-standard per-frame compression`
        : name;
    return words.length ? `${what}; ${words.join('; ')}.` : `${what}.`;
  });
  return parts.join(' ');
}

/**
 * The accept computation of RFC 6455 section 4.2.2, step by step, when the
 * decoder did not list the steps: key + GUID, SHA-1, base64, compare.
 * Fills `list` when Web Crypto is there (it needs a secure context).
 */
async function acceptSteps(hs, list) {
  if (!globalThis.crypto || !crypto.subtle || !hs.key) return;
  const joined = hs.key + GUID;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(joined)));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  const b64 = btoa(String.fromCharCode(...digest));
  const same = b64 === hs.accept;
  list.replaceChildren(...[
    ['key + GUID', joined], ['SHA-1 (hex)', hex], ['base64', b64],
    ['Sec-WebSocket-Accept', `${hs.accept || '(none)'} ${same ? '✓ equal' : '✗ differs'}`],
  ].map(([label, value]) => h('li', {}, h('span', { class: 'muted' }, label), h('code', {}, value))));
}

/** @param {Handshake} hs */
export function renderHandshake(hs) {
  const given = hs.accept_steps && hs.accept_steps.length;
  const steps = given ? hs.accept_steps : [
    { label: 'Sec-WebSocket-Key', value: hs.key },
    { label: '+ GUID', value: GUID },
    { label: 'Sec-WebSocket-Accept', value: hs.accept },
  ];
  const list = h('ol', { class: 'accept-steps', 'aria-label': 'Sec-WebSocket-Accept, computed' },
    steps.map((st) => h('li', {}, h('span', { class: 'muted' }, st.label), h('code', {}, st.value))));
  if (!given) acceptSteps(hs, list).catch(() => {});
  return h('section', { class: 'card handshake', 'aria-labelledby': 'hs-h' },
    h('h2', { id: 'hs-h' }, 'Opening handshake ',
      h('span', { class: hs.accept_valid ? 'pass' : 'fail' }, hs.accept_valid ? '✓ accept is valid' : '✗ accept does not match')),
    hs.request || hs.response ? h('div', { class: 'hs-msgs' },
      hs.request ? h('pre', { class: 'hs-raw', 'aria-label': 'Request' }, hs.request) : null,
      hs.response ? h('pre', { class: 'hs-raw', 'aria-label': 'Response' }, hs.response) : null) : null,
    hs.checks && hs.checks.length ? h('ul', { class: 'checks' }, hs.checks.map((c) => h('li', { class: c.ok ? 'pass' : 'fail' },
      h('span', { class: 'mark', 'aria-label': c.ok ? 'passed' : 'failed' }, c.ok ? '✓' : '✗'), ' ',
      h('code', {}, c.header), c.value ? ` ${c.value}` : '', c.message ? h('span', { class: 'muted' }, ` — ${c.message}`) : null))) : null,
    list,
    h('p', {}, h('strong', {}, 'Extensions: '), explainExtension(hs.extensions || '')),
    hs.subprotocol ? h('p', {}, h('strong', {}, 'Subprotocol: '), hs.subprotocol) : null);
}
