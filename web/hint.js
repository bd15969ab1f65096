// hint.js: what the page says about what a paste is. When it decodes to
// nothing plausible as frames, Go's hint (see the contract's "hint") with
// buttons to show the paste as the payload of a text or binary message
// instead; the line that says a paste is being shown that way, with the
// way back; and input.note (a HAR, many packets, a payload) in the page's
// words.

import { h } from './dom.js';
import { has, opcodeName, t, tn } from './i18n.js';

/** @typedef {import('./contract.js').Result} Result */

/**
 * Go's hint in the page's words, by its id and params; Go's English
 * message when the catalog has no words for it.
 * @param {NonNullable<Result['hint']>} hint
 */
function hintText(hint) {
  const key = `hint.${hint.id}`;
  if (!has(key)) return hint.message;
  const p = hint.params || {};
  const why = p.rules != null ? tn('hint.rules', Number(p.n), { frame: p.frame, rules: p.rules })
    : p.why ? t(`hint.why.${p.why}`) : '';
  return t(key, { why });
}

/**
 * input.note in the page's words, by note_id; Go's English sentence when
 * the catalog has none.
 * @param {Result['input']} input
 */
export function noteText(input) {
  const p = input.note_params || {};
  switch (input.note_id) {
    case 'packets':
      return t('note.packets', { packets: tn('note.n.packets', Number(p.packets)), tcp: tn('note.n.tcp', Number(p.tcp)), websocket: tn('note.n.websocket', Number(p.websocket)) });
    case 'har':
      return t('note.har', { connections: tn('note.n.websocket', Number(p.connections)), messages: tn('note.n.messages', Number(p.messages)) })
        + (p.deflate ? ` ${t('note.har.deflate')}` : '');
    case 'har-empty':
      return t('note.har-empty');
    case 'payload':
      return t(p.from === 'client' ? 'note.payload.client' : 'note.payload.server', { as: opcodeName(p.as === 'binary' ? 2 : 1) });
    default:
      return input.note || '';
  }
}

/**
 * The hint box for a result, or null when Go gave none.
 * @param {Result} r @param {(as: string) => void} onOffer
 */
export function hintBox(r, onOffer) {
  const hint = r.hint;
  if (!hint) return null;
  return h('div', { class: 'hint', 'data-part': 'hint', 'data-hint': hint.id },
    h('p', {}, hintText(hint)),
    (hint.offers || []).map((as) => h('button', {
      type: 'button', class: 'button', 'data-action': `as-payload-${as}`, onclick: () => onOffer(as),
    }, t(`hint.offer.${as}`))));
}

/**
 * The line shown while a paste is read as a payload.
 * @param {string} as @param {() => void} onBack
 */
export function payloadLine(as, onBack) {
  return h('div', { class: 'hint shown', 'data-part': 'as-payload' },
    h('p', {}, t('hint.shown', { as: opcodeName(as === 'binary' ? 2 : 1) })),
    h('button', { type: 'button', class: 'link', 'data-action': 'as-frames', onclick: onBack }, t('hint.back')));
}
