// handshake.js: the opening handshake (RFC 6455 section 4): the request and
// response with each checked header marked passed or failed, the
// Sec-WebSocket-Accept computation as steps, and the negotiated extension
// in plain words. Renders whatever the decoder gives; the detailed checks
// and steps appear when the wasm API provides them.

import { h, vis, visibleString } from './dom.js';

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
  ].map(([label, value]) => h('li', {}, h('span', { class: 'muted' }, label), h('code', {}, vis(value)))));
}

/** The request or response as lines, each checked header marked. */
function head(hd, side, checks) {
  if (!hd) return null;
  const start = hd.method ? `${hd.method} ${hd.target || ''} ${hd.version || ''}` : `${hd.version || ''} ${hd.status || ''} ${hd.reason || ''}`;
  const mine = checks.filter((c) => c.side === side);
  const line = (text, cs) => {
    const bad = cs.some((c) => !c.passed);
    const mark = !cs.length ? ' ' : bad ? '✗' : '✓';
    return h('div', { class: `hl-line${cs.length ? (bad ? ' fail' : ' pass') : ''}`, title: visibleString(cs.map((c) => c.message).join('\n'), '\n') },
      h('span', { class: 'mark', 'aria-label': !cs.length ? 'not checked' : bad ? 'failed' : 'passed' }, mark), ' ', vis(text));
  };
  return h('pre', { class: 'hs-raw', 'aria-label': side === 'client' ? 'Request' : 'Response' },
    line(start.trim(), mine.filter((c) => !c.header)),
    (hd.headers || []).map((x) => line(`${x.name}: ${x.value}`, mine.filter((c) => c.header && c.header.toLowerCase() === x.name.toLowerCase()))));
}

/** @param {Handshake} hs */
export function renderHandshake(hs) {
  const checks = Array.isArray(hs.checks) ? hs.checks : [];
  const st = hs.accept_steps;
  const steps = st ? [
    ['key + GUID', st.concatenated || `${st.key}${st.guid}`], ['SHA-1 (hex)', st.sha1_hex], ['base64', st.base64],
    ['Sec-WebSocket-Accept', `${st.received || '(none)'} ${st.received === st.base64 ? '✓ equal' : '✗ differs'}`],
  ] : [['Sec-WebSocket-Key', hs.key], ['+ GUID', GUID], ['Sec-WebSocket-Accept', hs.accept]];
  const list = h('ol', { class: 'accept-steps', 'aria-label': 'Sec-WebSocket-Accept, computed' },
    steps.map(([label, value]) => h('li', {}, h('span', { class: 'muted' }, label), h('code', {}, vis(value || '')))));
  if (!st) acceptSteps(hs, list).catch(() => {});
  const failed = checks.filter((c) => !c.passed);
  return h('section', { class: 'card handshake', 'aria-labelledby': 'hs-h' },
    h('h2', { id: 'hs-h' }, 'Opening handshake ',
      h('span', { class: hs.accept_valid ? 'pass' : 'fail' }, hs.accept_valid ? '✓ accept is valid' : '✗ accept does not match'),
      checks.length ? h('span', { class: failed.length ? 'fail' : 'pass' }, ` · ${checks.length - failed.length} of ${checks.length} checks passed`) : null),
    hs.request || hs.response ? h('div', { class: 'hs-msgs' }, head(hs.request, 'client', checks), head(hs.response, 'server', checks)) : null,
    failed.length ? h('ul', { class: 'checks' }, failed.map((c) => h('li', { class: 'fail' },
      h('span', { class: 'mark', 'aria-label': 'failed' }, '✗'), ' ', c.header ? h('code', {}, c.header) : null, ` ${c.message} `,
      h('span', { class: 'muted' }, `RFC ${c.rfc}`)))) : null,
    h('h3', {}, 'Sec-WebSocket-Accept, step by step'),
    list,
    h('p', {}, h('strong', {}, 'Extensions: '), vis(explainExtension(hs.extensions || ''))),
    hs.subprotocol ? h('p', {}, h('strong', {}, 'Subprotocol: '), vis(hs.subprotocol)) : null);
}
