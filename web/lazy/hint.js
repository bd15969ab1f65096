// lazy/hint.js: what the page says when a paste decodes to nothing
// plausible as frames: Go's hint (see the contract's "hint") in the page's
// words, with buttons to show the paste as the payload of a text or binary
// message instead; and the line that says a paste is being shown that
// way, with the way back. Loaded (app.js, import()) the first time a paste
// needs it.

import { h } from '../dom.js';
import { has, opcodeName, t, tn } from '../i18n.js';

/** @typedef {import('../contract.js').Result} Result */

/**
 * Go's hint in the page's words, by its id and params; Go's English
 * message when the catalog has no words for it.
 * @param {NonNullable<Result['hint']>} hint
 */
function hintText(hint) {
  const key = `hint.${hint.id}`;
  if (!has(key)) return hint.message;
  const p = hint.params || {};
  // The rules by their words, never their ids.
  const rules = p.rules != null ? String(p.rules).split(', ').map((id) => (has(`hint.rule.${id}`) ? t(`hint.rule.${id}`) : id)).join(t('list.sep')) : '';
  const why = p.rules != null ? tn('hint.rules', Number(p.n), { frame: p.frame, rules })
    : p.why ? t(`hint.why.${p.why}`) : '';
  return t(key, { why });
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
 * The line shown while a paste is read as a payload, from the result's
 * note_params: which message, and whose frame was rebuilt for it.
 * @param {Result} r @param {() => void} onBack
 */
export function payloadLine(r, onBack) {
  const p = r.input.note_params || {};
  return h('div', { class: 'hint shown', 'data-part': 'as-payload' },
    h('p', {}, t(p.from === 'client' ? 'hint.shown.client' : 'hint.shown.server', { as: opcodeName(p.as === 'binary' ? 2 : 1) })),
    h('button', { type: 'button', class: 'link', 'data-action': 'as-frames', onclick: onBack }, t('hint.back')));
}
