// busy.js: what the page says when the decoder takes too long over one
// call (client.js, DEADLINE): past the first limit, a line under the
// decoder's status with a Stop button and the time after which it stops
// by itself; once stopped, why. The paste view works on the new decoder
// at once.

import { h, replace } from './dom.js';
import { has, sentence, t } from './i18n.js';

/** What each call is called in the notice. @param {string} op */
const what = (op) => (has(`busy.op.${op}`) ? t(`busy.op.${op}`) : op);

/** A DecoderError or a crash status in words, its call named as above. @param {any} e */
export function errorWords(e) {
  const x = e.said || e;
  const p = x.params || {};
  return sentence({ id: x.id, params: typeof p.op === 'string' ? { ...p, op: what(p.op) } : p, message: e.message });
}

/**
 * The call under way is past its first limit: say so, with its stop.
 * @param {HTMLElement} box @param {{op?: string, ms?: number, stopMs?: number}} st @param {() => void} stop
 */
export function slowNotice(box, st, stop) {
  replace(box, h('span', { class: 'notice', 'data-part': 'slow' },
    t('busy.slow', { what: what(st.op || ''), s: Math.max(1, Math.round((st.ms || 0) / 1000)), stop: Math.round((st.stopMs || 0) / 1000) }), ' ',
    h('button', { type: 'button', 'data-action': 'stop-decoder', onclick: stop }, t('busy.stop'))));
  box.hidden = false;
}

/** The decoder was stopped past its deadline. @param {HTMLElement} box @param {{op?: string, ms?: number}} st */
export function stoppedNotice(box, st) {
  replace(box, h('p', { class: 'notice emsg', 'data-part': 'stopped' },
    h('strong', {}, t('busy.stopped.title', { what: what(st.op || ''), s: Math.max(1, Math.round((st.ms || 0) / 1000)) })), ' ', t('busy.stopped.body')));
}

/** Nothing is slow now. @param {HTMLElement} box */
export function clearBusy(box) {
  replace(box);
  box.hidden = true;
}
