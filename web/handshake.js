// handshake.js: the opening handshake (RFC 6455 section 4): the request and
// response with each checked header marked passed or failed, the
// Sec-WebSocket-Accept computation as steps, and the negotiated extension
// in plain words. Renders what the decoder decided: the checks (explained
// from the catalog by id and params), the steps and the extension all come
// from Go. The panel is a <details>: open the first time a handshake is
// seen, closed after that, so that the frame below it stays in view.

import { h, vis, visibleString } from './dom.js';
import { explain, t, sentence } from './i18n.js';

/** @typedef {import('./contract.js').Handshake} Handshake */

/** A window of 2^bits bytes, as a person says it: "32 KiB", "512 bytes". */
const windowSize = (bits) => (bits >= 10 ? `${1 << (bits - 10)} KiB` : t('chip.bytes.other', { n: 1 << bits }));

/**
 * What the negotiated compression extension means, in the page's language,
 * from the fields Go decided (name, *_no_context_takeover, *_max_window_bits).
 * @param {Handshake} hs
 */
export function extensionText(hs) {
  const e = hs.negotiated;
  if (!e) return hs.extensions ? t('ext.other', { v: hs.extensions }) : t('ext.none');
  const per = e.name === 'permessage-deflate';
  const unit = t(per ? 'ext.unit.messages' : 'ext.unit.frames');
  const side = (who, fresh, bits) => t('ext.side', { unit, who: t(`side.${who}`), size: windowSize(bits || 15) })
    + t(fresh ? 'ext.side.fresh' : 'ext.side.kept', { who });
  const sides = [side('server', e.server_no_context_takeover, e.server_max_window_bits), side('client', e.client_no_context_takeover, e.client_max_window_bits)].join(t('ext.sep'));
  return t(per ? 'ext.pmd' : 'ext.deflate-frame', { name: e.name, sides });
}

/** The request or response as lines, each checked header marked. */
function head(hd, side, checks) {
  if (!hd) return null;
  const start = hd.method ? `${hd.method} ${hd.target || ''} ${hd.version || ''}` : `${hd.version || ''} ${hd.status || ''} ${hd.reason || ''}`;
  const mine = checks.filter((c) => c.side === side);
  const line = (text, cs) => {
    const bad = cs.some((c) => !c.passed);
    const mark = !cs.length ? ' ' : bad ? '✗' : '✓';
    return h('div', { class: `hl-line${cs.length ? (bad ? ' fail' : ' pass') : ''}`, title: visibleString(cs.map((c) => explain('check', c)).join('\n'), '\n') },
      h('span', { class: 'mark', 'aria-label': t(!cs.length ? 'hs.unchecked' : bad ? 'hs.failed' : 'hs.passed') }, mark), ' ', vis(text));
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
    [t('hs.step.joined'), st.concatenated], [t('hs.step.sha1'), st.sha1_hex], ['base64', st.base64],
    ['Sec-WebSocket-Accept', `${st.received || t('hs.none')} ${st.match ? t('hs.equal') : t('hs.differs')}`],
  ] : [['Sec-WebSocket-Key', t('hs.nokey')]];
  const list = h('ol', { class: 'accept-steps', 'aria-label': t('hs.steps.label') },
    steps.map(([label, value]) => h('li', {}, h('span', { class: 'muted' }, label), h('code', {}, vis(value || '')))));
  const problems = Array.isArray(hs.problems) ? hs.problems : [];
  const failed = checks.filter((c) => !c.passed);
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
    h('p', {}, h('strong', {}, t('hs.extensions')), ' ', vis(extensionText(hs))),
    problems.length ? h('div', { class: 'hs-problems' }, h('p', { class: 'muted' }, t('hs.problems')),
      h('ul', {}, problems.map((p) => h('li', {}, p.line ? t('hs.problem.line', { side: t(`side.${p.side}`), line: p.line }) : t('hs.problem.side', { side: t(`side.${p.side}`) }), vis(sentence(p)))))) : null,
    hs.subprotocol ? h('p', {}, h('strong', {}, t('hs.subprotocol')), ' ', vis(hs.subprotocol)) : null);
  markSeen();
  return panel;
}

let shownOnce = false;
function seen() {
  try { return localStorage.getItem('wsframe.hs-seen') === '1'; } catch { return shownOnce; }
}
function markSeen() {
  shownOnce = true;
  try { localStorage.setItem('wsframe.hs-seen', '1'); } catch { /* private mode: this visit only */ }
}
