// handshake.js: the opening handshake (RFC 6455 section 4): the request and
// response with each checked header marked passed or failed, the
// Sec-WebSocket-Accept computation as steps, and the negotiated extension
// in plain words. Renders whatever the decoder gives; the detailed checks
// and steps appear when the wasm API provides them.

import { h } from './dom.js';
import { explain, t } from './i18n.js';

/** @typedef {import('./contract.js').Handshake} Handshake */

export const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The extension answer in plain words. */
export function explainExtension(ext) {
  if (!ext) return t('ext.none');
  const parts = ext.split(',').map((one) => {
    const [name, ...params] = one.split(';').map((x) => x.trim()).filter(Boolean);
    const words = params.map((p) => {
      const [k, v] = p.split('=').map((x) => x.trim());
      switch (k) {
        case 'client_no_context_takeover': return t('ext.client_no_context_takeover');
        case 'server_no_context_takeover': return t('ext.server_no_context_takeover');
        case 'client_max_window_bits': return v ? t('ext.client_max_window_bits', { v }) : t('ext.client_max_window_bits.any');
        case 'server_max_window_bits': return t('ext.server_max_window_bits', { v });
        default: return p;
      }
    });
    const what = name === 'permessage-deflate' ? t('ext.pmd')
      : name === 'x-webkit-deflate-frame' || name === 'deflate-frame' ? t('ext.deflate-frame', { name })
        : name;
    return words.length ? t('ext.with', { what, words: words.join(t('ext.sep')) }) : t('ext.alone', { what });
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
    [t('hs.step.joined'), joined], [t('hs.step.sha1'), hex], ['base64', b64],
    ['Sec-WebSocket-Accept', `${hs.accept || t('hs.none')} ${same ? t('hs.equal') : t('hs.differs')}`],
  ].map(([label, value]) => h('li', {}, h('span', { class: 'muted' }, label), h('code', {}, value))));
}

/** The request or response as lines, each checked header marked. */
function head(hd, side, checks) {
  if (!hd) return null;
  const start = hd.method ? `${hd.method} ${hd.target || ''} ${hd.version || ''}` : `${hd.version || ''} ${hd.status || ''} ${hd.reason || ''}`;
  const mine = checks.filter((c) => c.side === side);
  const line = (text, cs) => {
    const bad = cs.some((c) => !c.passed);
    const mark = !cs.length ? ' ' : bad ? '✗' : '✓';
    return h('div', { class: `hl-line${cs.length ? (bad ? ' fail' : ' pass') : ''}`, title: cs.map((c) => explain('check', c)).join('\n') },
      h('span', { class: 'mark', 'aria-label': t(!cs.length ? 'hs.unchecked' : bad ? 'hs.failed' : 'hs.passed') }, mark), ' ', text);
  };
  return h('pre', { class: 'hs-raw', 'aria-label': t(side === 'client' ? 'hs.request' : 'hs.response') },
    line(start.trim(), mine.filter((c) => !c.header)),
    (hd.headers || []).map((x) => line(`${x.name}: ${x.value}`, mine.filter((c) => c.header && c.header.toLowerCase() === x.name.toLowerCase()))));
}

/** @param {Handshake} hs */
export function renderHandshake(hs) {
  const checks = Array.isArray(hs.checks) ? hs.checks : [];
  const st = hs.accept_steps;
  const steps = st ? [
    [t('hs.step.joined'), st.concatenated || `${st.key}${st.guid}`], [t('hs.step.sha1'), st.sha1_hex], ['base64', st.base64],
    ['Sec-WebSocket-Accept', `${st.received || t('hs.none')} ${st.received === st.base64 ? t('hs.equal') : t('hs.differs')}`],
  ] : [['Sec-WebSocket-Key', hs.key], ['+ GUID', GUID], ['Sec-WebSocket-Accept', hs.accept]];
  const list = h('ol', { class: 'accept-steps', 'aria-label': t('hs.steps.label') },
    steps.map(([label, value]) => h('li', {}, h('span', { class: 'muted' }, label), h('code', {}, value || ''))));
  if (!st) acceptSteps(hs, list).catch(() => {});
  const failed = checks.filter((c) => !c.passed);
  // Open the first time a handshake is shown; after that it starts closed,
  // so that the frame chosen below it stays near the top.
  const open = !seen();
  const panel = h('details', { class: 'card handshake', 'data-part': 'handshake', open, ontoggle: () => markSeen() },
    h('summary', {}, h('h2', { id: 'hs-h' }, t('hs.h'), ' ',
      h('span', { class: hs.accept_valid ? 'pass' : 'fail' }, t(hs.accept_valid ? 'hs.accept.ok' : 'hs.accept.bad')),
      checks.length ? h('span', { class: failed.length ? 'fail' : 'pass' }, t('hs.checks', { ok: checks.length - failed.length, n: checks.length })) : null)),
    hs.request || hs.response ? h('div', { class: 'hs-msgs' }, head(hs.request, 'client', checks), head(hs.response, 'server', checks)) : null,
    failed.length ? h('ul', { class: 'checks' }, failed.map((c) => h('li', { class: 'fail', 'data-check': c.id },
      h('span', { class: 'mark', 'aria-label': t('hs.failed') }, '✗'), ' ', c.header ? h('code', {}, c.header) : null, ` ${explain('check', c)} `,
      h('span', { class: 'muted' }, `RFC ${c.rfc}`)))) : null,
    h('h3', {}, t('hs.steps.h')),
    list,
    h('p', {}, h('strong', {}, t('hs.extensions')), ' ', explainExtension(hs.extensions || '')),
    hs.subprotocol ? h('p', {}, h('strong', {}, t('hs.subprotocol')), ' ', hs.subprotocol) : null);
  markSeen();
  return panel;
}

function seen() {
  try { return localStorage.getItem('wsframe.hs-seen') === '1'; } catch { return shownOnce; }
}
let shownOnce = false;
function markSeen() {
  shownOnce = true;
  try { localStorage.setItem('wsframe.hs-seen', '1'); } catch { /* private mode: this visit only */ }
}
