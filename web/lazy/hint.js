// lazy/hint.js: what the page says when a paste decodes to nothing
// plausible as frames: Go's hint (see the contract's "hint") in the page's
// words, with buttons to show the paste as the payload of a text or binary
// message instead; and the line that says a paste is being shown that
// way, with the way back. Loaded (app.js, import()) the first time a paste
// needs it.

import { h } from '../dom.js';
import { has, opcodeName, sentence, t } from '../i18n.js';

/** @typedef {import('../contract.js').Result} Result */

/**
 * Go's hint in the page's words: its sentence (text), or Go's English.
 * @param {NonNullable<Result['hint']>} hint
 */
function hintText(hint) {
  const text = hint.text || { message: hint.message };
  const ids = hint.params && hint.params.rules;
  /** The sentence that names the broken rules, when there is one. @type {any} */
  const why = text.params && text.params.why;
  // The broken rules by the page's words for their ids, never the ids.
  if (ids != null && why && typeof why === 'object' && why.params) {
    const rules = String(ids).split(', ').map((id) => (has(`hint.rule.${id}`) ? t(`hint.rule.${id}`) : id)).join(t('list.sep'));
    return sentence({ ...text, params: { ...text.params, why: { ...why, params: { ...why.params, rules } } } });
  }
  return sentence(text);
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
