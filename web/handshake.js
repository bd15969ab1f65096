// handshake.js: the opening handshake (RFC 6455 section 4): the request and
// response with each checked header marked passed or failed, the
// Sec-WebSocket-Accept computation as steps, and the negotiated extension
// in plain words. Renders what the decoder decided: the checks, the steps
// and the extension's explanation all come from Go.

import { h, vis, visibleString } from './dom.js';

/** @typedef {import('./contract.js').Handshake} Handshake */

/** The module's words, in English (the i18n work moves them into catalogs). */
const STRINGS = {
  noExtension: 'No extension: frames carry their data as it is, RSV bits must be 0.',
  otherExtension: (v) => `The server answered ${v}; no compression extension was agreed, so RSV bits must be 0.`,
  noKey: 'No Sec-WebSocket-Key: there is nothing to compute.',
  noAccept: '(none)',
  equal: '✓ equal',
  differs: '✗ differs',
  problems: 'Could not be read or checked:',
};

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
    ['key + GUID', st.concatenated], ['SHA-1 (hex)', st.sha1_hex], ['base64', st.base64],
    ['Sec-WebSocket-Accept', `${st.received || STRINGS.noAccept} ${st.match ? STRINGS.equal : STRINGS.differs}`],
  ] : [['Sec-WebSocket-Key', STRINGS.noKey]];
  const list = h('ol', { class: 'accept-steps', 'aria-label': 'Sec-WebSocket-Accept, computed' },
    steps.map(([label, value]) => h('li', {}, h('span', { class: 'muted' }, label), h('code', {}, vis(value || '')))));
  const ext = hs.negotiated ? hs.negotiated.explanation : hs.extensions ? STRINGS.otherExtension(hs.extensions) : STRINGS.noExtension;
  const problems = Array.isArray(hs.problems) ? hs.problems : [];
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
    h('p', {}, h('strong', {}, 'Extensions: '), vis(ext)),
    problems.length ? h('div', { class: 'hs-problems' }, h('p', { class: 'muted' }, STRINGS.problems),
      h('ul', {}, problems.map((p) => h('li', {}, p.line ? `${p.side}, line ${p.line}: ` : `${p.side}: `, vis(p.message))))) : null,
    hs.subprotocol ? h('p', {}, h('strong', {}, 'Subprotocol: '), vis(hs.subprotocol)) : null);
}
